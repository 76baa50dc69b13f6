"""The GTSRB loader: the official layout, the lecture's preprocessing, uint8 arrays, an on-disk cache."""

from __future__ import annotations

import os
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import numpy as np

from helpers import config, messages
from helpers.data import gtsrb_files
from helpers.data.cache import cache_key, fingerprint, load_arrays, save_arrays
from helpers.data.errors import DataWarning
from helpers.data.gtsrb_files import Entry
from helpers.data.images import UnreadableImageError, read_rgb
from helpers.data.info import LoadInfo, load_info
from helpers.data.resolve import locate

Color = Literal["lab_l", "rgb", "gray"]
COLORS = ("lab_l", "rgb", "gray")
SHOW_NAMES = 10  # how many skipped files a warning names
ARRAYS = ("X", "y", "track", "filename", "image_size", "roi", "skipped")  # what a cache entry holds


@dataclass(frozen=True, eq=False)
class GTSRBData:
    """GTSRB images as uint8 (N, H, W, C) with labels, track ids, file names, original sizes and ROIs.

    ``X`` holds the lecture's L channel scaled to 0..255 (``X * (100 / 255)`` gives L in 0..100;
    ``X * 100`` would overflow uint8), or RGB / gray values 0..255; ``as_float()`` gives float32
    in [0, 1] when the model needs it.
    """

    X: np.ndarray
    y: np.ndarray
    track: np.ndarray
    filename: list[str]
    image_size: np.ndarray
    roi: np.ndarray
    info: LoadInfo

    def __len__(self) -> int:
        return len(self.y)

    def as_float(self) -> np.ndarray:
        """Return X as float32 scaled to [0, 1] (a new array; X stays uint8)."""
        return self.X.astype(np.float32) / np.float32(255.0)


def read_image(path: os.PathLike[str] | str) -> np.ndarray:
    """Read one GTSRB image as (H, W, 3) uint8 (the one place the loader touches image files)."""
    return read_rgb(path)


def preprocess(rgb: np.ndarray, size: tuple[int, int], color: str,
               roi: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """Apply the lecture's steps to one RGB image and return (H, W, C) uint8.

    ``lab_l``: ``rgb2lab(img / 255)[:, :, 0]`` then ``resize(..., mode="reflect")`` exactly as the
    lecture does, stored as round(L * 255 / 100). ``rgb`` and ``gray`` resize the same way.
    ``roi`` crops to the annotated box first (x1, y1, x2, y2; x2 and y2 exclusive).
    """
    from skimage.color import rgb2gray, rgb2lab
    from skimage.transform import resize

    img = rgb.astype(np.float32)
    if roi is not None:
        x1, y1, x2, y2 = roi
        cropped = img[max(y1, 0):y2, max(x1, 0):x2]
        img = cropped if cropped.shape[0] > 1 and cropped.shape[1] > 1 else img
    if color == "lab_l":
        lightness = resize(rgb2lab(img / 255.0)[:, :, 0], size, mode="reflect")
        scaled = lightness * (255.0 / 100.0)
        return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)[:, :, np.newaxis]
    if color == "gray":
        gray = resize(rgb2gray(img / 255.0), size, mode="reflect")
        return np.clip(np.rint(gray * 255.0), 0, 255).astype(np.uint8)[:, :, np.newaxis]
    rgb_small = resize(img / 255.0, size, mode="reflect")
    return np.clip(np.rint(rgb_small * 255.0), 0, 255).astype(np.uint8)


def _select(entries: list[Entry], max_per_class: int | None) -> list[Entry]:
    if max_per_class is None:
        return entries
    seen: Counter[int] = Counter()
    chosen = []
    for entry in entries:  # CSV order: the first N of each class
        if seen[entry.class_id] < max_per_class:
            seen[entry.class_id] += 1
            chosen.append(entry)
    return chosen


def _read_all(entries: list[Entry], size: tuple[int, int], color: str, roi_crop: bool,
              title: str) -> tuple[dict[str, np.ndarray], list[str]]:
    from tqdm import tqdm

    channels = 3 if color == "rgb" else 1
    X = np.empty((len(entries), *size, channels), np.uint8)
    keep = np.zeros(len(entries), bool)
    skipped: list[str] = []
    for i, entry in enumerate(tqdm(entries, desc=title, unit="img", leave=False,
                                   disable=len(entries) < 5000)):
        try:
            rgb = read_image(entry.path)
        except (UnreadableImageError, OSError) as error:
            skipped.append(f"{entry.rel} ({error})")
            continue
        X[i] = preprocess(rgb, size, color, entry.roi if roi_crop else None)
        keep[i] = True
    arrays = {
        "X": X[keep],
        "y": np.array([e.class_id for e in entries], np.int64)[keep],
        "track": np.array([e.track for e in entries], np.int64)[keep],
        "filename": np.array([e.rel for e in entries], dtype=str)[keep] if entries else np.array([], str),
        "image_size": np.array([(e.width, e.height) for e in entries], np.int64).reshape(-1, 2)[keep],
        "roi": np.array([e.roi for e in entries], np.int64).reshape(-1, 4)[keep],
        "skipped": np.array(skipped, dtype=str),
    }
    return arrays, skipped


def _names(items: list[str]) -> str:
    shown = "; ".join(items[:SHOW_NAMES])
    more = messages.text("more", count=len(items) - SHOW_NAMES) if len(items) > SHOW_NAMES else ""
    return shown + more


def _warn_skipped(title: str, folder: os.PathLike[str], total: int, unreadable: list[str],
                  missing: list[str]) -> None:
    problems = [*unreadable, *(messages.text("gtsrb.not_on_disk", name=name) for name in missing)]
    if not problems:
        return
    warnings.warn(messages.text("gtsrb.skipped", title=title, count=len(problems), total=total,
                                folder=folder, names=_names(problems)), DataWarning, stacklevel=3)


def _warn_unlisted(title: str, name: str, folder: os.PathLike[str], unlisted: list[str]) -> None:
    if unlisted:
        warnings.warn(messages.text("gtsrb.unlisted", title=title, count=len(unlisted), folder=folder,
                                    names=_names(unlisted), name=name), DataWarning, stacklevel=3)


def _check_args(split: str, size: int | tuple[int, int], color: str,
                max_per_class: int | None) -> tuple[int, int]:
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    if color not in COLORS:
        raise ValueError(f"color must be one of {', '.join(COLORS)}, got {color!r}")
    pair = (size, size) if isinstance(size, int) else tuple(size)
    if len(pair) != 2 or not all(isinstance(n, int | np.integer) and n > 0 for n in pair):
        raise ValueError(f"size must be (height, width) in pixels, got {size!r}")
    if max_per_class is not None and max_per_class < 1:
        raise ValueError(f"max_per_class must be a positive number of images, got {max_per_class!r}")
    return int(pair[0]), int(pair[1])


def load_gtsrb(split: Literal["train", "test"] = "train", size: int | tuple[int, int] = (32, 32),
               color: Color = "lab_l", roi_crop: bool = False, max_per_class: int | None = None,
               path: str | os.PathLike[str] | None = None) -> GTSRBData:
    """Load GTSRB from its official layout with the lecture's preprocessing, cached on disk.

    Reads the ``GT-*.csv`` files (not a glob), so labels, sizes and ROIs come from the
    annotations. ``max_per_class`` reads only the first N images of each class (quick mode).
    Unreadable images are skipped with one warning that counts and names them; images on disk
    that no CSV lists are left out with a warning too.
    """
    size = _check_args(split, size, color, max_per_class)
    name = "gtsrb" if split == "train" else "gtsrb_test"
    title = "GTSRB train" if split == "train" else "GTSRB test"
    located = locate(name, path)
    listing = gtsrb_files.listing(split, located.path)
    entries, missing, csvs = listing.entries, listing.missing, listing.csvs
    selected = _select(entries, max_per_class)
    key = cache_key(dataset=name, size=size, color=color, roi_crop=roi_crop, max_per_class=max_per_class,
                    folder=str(located.path.resolve()),
                    files=fingerprint([*csvs, *(e.path for e in selected)]))
    cache_file = config.cache_dir() / "gtsrb" / f"{split}-{color}-{size[0]}x{size[1]}-{key[:24]}.npz"
    arrays = load_arrays(cache_file, ARRAYS)
    cached = arrays is not None
    if arrays is None:
        arrays, _ = _read_all(selected, size, color, roi_crop, title)
        save_arrays(cache_file, arrays)
    unreadable = [str(s) for s in arrays["skipped"]]
    if max_per_class is not None:  # a subset: files it would not read anyway are not "skipped"
        missing = []
    _warn_skipped(title, located.path, len(selected) + len(missing), unreadable, missing)
    if max_per_class is None:
        _warn_unlisted(title, name, located.path, listing.unlisted)
    n = len(arrays["y"])
    classes = len(np.unique(arrays["y"]))
    subset = f" (first {max_per_class} per class)" if max_per_class is not None else ""
    what = (f"{title}: {n:,} images{subset}, {classes} classes, {size[0]}x{size[1]} {color} uint8"
            + (", ROI-cropped" if roi_crop else ""))
    info = load_info(located, what=what, loaded=n, cached=cached,
                     skipped=(*unreadable, *missing))
    print(info.line)
    return GTSRBData(X=arrays["X"], y=arrays["y"], track=arrays["track"],
                     filename=[str(f) for f in arrays["filename"]], image_size=arrays["image_size"],
                     roi=arrays["roi"], info=info)
