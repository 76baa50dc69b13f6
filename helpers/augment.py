"""Augmentation helpers shared by notebooks 05 and 06 and the augmentation benchmark.

Regenerated work folders (so that a re-run leaves the same state), the sample folder that
Augmentor's ``Pipeline`` reads, test images rotated or shifted to measure how fragile a model
is, and the first images of any batch source (a Keras generator, Augmentor's
``keras_generator``, a ``tf.data.Dataset``) for showing them in a grid.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from helpers import config

Transform = Literal["rotation", "shift"]
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".ppm", ".gif", ".tif", ".tiff"}


def fresh_folder(path: str | os.PathLike[str], *, inside: str | os.PathLike[str] | None = None) -> Path:
    """Delete and re-create a folder a notebook regenerates, so a re-run starts from the same state.

    Only folders inside the course's work folder (``config.work_root()``, or ``inside``) may be
    emptied: a mistyped path must never wipe a student's own files.
    """
    folder = Path(path).expanduser().resolve()
    root = Path(inside if inside is not None else config.work_root()).expanduser().resolve()
    if folder == root or root not in folder.parents:
        raise ValueError(
            f"fresh_folder() only empties folders inside the work folder {root}, "
            f"not {folder}. Pass a sub-folder of course.work_dir (or set COURSE_WORK_DIR)."
        )
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def image_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Return the image files directly in a folder, sorted by name (what a grid should show)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"No folder {folder}: run the cell that writes it first.")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def load_images(paths: Iterable[str | os.PathLike[str]],
                size: tuple[int, int] | None = None) -> list[np.ndarray]:
    """Read image files as RGB uint8 arrays, optionally resized to ``size`` = (width, height)."""
    images = []
    for path in paths:
        with Image.open(path) as image:
            rgb = image.convert("RGB")
            if size is not None:
                rgb = rgb.resize(size, Image.Resampling.BILINEAR)
            images.append(np.asarray(rgb))
    return images


def prepare_sample_folder(
    folder: str | os.PathLike[str],
    images: Mapping[str, str | os.PathLike[str] | np.ndarray],
    *,
    max_side: int | None = 256,
    inside: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Fill a fresh folder with JPEG copies of images, for Augmentor's ``Pipeline(folder)``.

    ``images`` maps a file name (``"cat.1.jpg"``, or ``"cats/cat.1.jpg"`` for a class
    sub-folder) to an image file or an RGB/grey uint8 array. Images larger than ``max_side``
    are shrunk (aspect kept) so that augmenting them stays quick. Returns the written paths.
    """
    if not images:
        raise ValueError("prepare_sample_folder() got no images to write.")
    root = fresh_folder(folder, inside=inside)
    written = []
    for name, source in images.items():
        target = root / name
        if target.suffix.lower() not in {".jpg", ".jpeg"}:
            target = target.with_suffix(".jpg")
        if isinstance(source, np.ndarray):
            image = Image.fromarray(np.asarray(source, dtype=np.uint8).squeeze())
        else:
            path = Path(source)
            if not path.is_file():
                raise FileNotFoundError(f"Sample image {path} does not exist.")
            with Image.open(path) as opened:
                image = opened.copy()
        image = image.convert("RGB")
        if max_side is not None and max(image.size) > max_side:
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(target, format="JPEG", quality=95)
        written.append(target)
    return written


def transform_images(images: np.ndarray, kind: Transform, amount: float) -> np.ndarray:
    """Rotate (degrees, counter-clockwise) or shift (pixels right and down) a batch of images.

    ``images`` is ``(N, H, W)`` or ``(N, H, W, C)``; pixels moved in from outside are 0
    (black), like Fashion-MNIST's background. The result has the input's shape and dtype.
    """
    from scipy import ndimage

    images = np.asarray(images)
    if images.ndim not in (3, 4):
        raise ValueError(f"Expected a batch shaped (N, H, W) or (N, H, W, C), got {images.shape}.")
    work = images.astype(np.float32)
    if kind == "rotation":
        moved = ndimage.rotate(work, amount, axes=(1, 2), reshape=False, order=1,
                               mode="constant", cval=0.0)
    elif kind == "shift":
        offset = [0.0, amount, amount] + [0.0] * (images.ndim - 3)
        moved = ndimage.shift(work, offset, order=0, mode="constant", cval=0.0)
    else:
        raise ValueError(f"kind must be 'rotation' or 'shift', got {kind!r}.")
    if np.issubdtype(images.dtype, np.integer):
        info = np.iinfo(images.dtype)
        moved = np.clip(np.rint(moved), info.min, info.max)
    return moved.astype(images.dtype)


def accuracy_under_transform(
    model: Any,
    x: np.ndarray,
    y: Sequence[int] | np.ndarray,
    kind: Transform,
    amounts: Sequence[float],
    batch_size: int = 500,
) -> dict[float, float]:
    """Return ``{amount: accuracy}`` of a classifier on ``x`` rotated or shifted by each amount.

    ``model.predict`` must return one score per class (softmax); the predicted class is the
    highest score. Shows how a CNN that never saw moved images copes with them. Keep
    ``len(x)`` a multiple of ``batch_size`` (or smaller) so that every batch has one shape and
    TensorFlow does not retrace the predict step.
    """
    y = np.asarray(y).reshape(-1)
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} images but y has {len(y)} labels.")
    curve = {}
    for amount in amounts:
        moved = transform_images(x, kind, amount)
        scores = np.asarray(model.predict(moved, batch_size=batch_size, verbose=0))
        curve[float(amount)] = float(np.mean(scores.argmax(axis=-1) == y))
    return curve


def plot_robustness(
    curves: Mapping[str, Mapping[float, float]], xlabel: str, title: str | None = None,
    ax: Any | None = None,
) -> Figure:
    """Plot accuracy against the rotation or shift applied, one line per model."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(5, 3.4))
    else:
        fig = ax.figure
    for label, curve in curves.items():
        amounts = list(curve)
        ax.plot(amounts, [curve[a] for a in amounts], "o-", label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def take_images(batches: Iterable[Any], count: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Return the first ``count`` images (and labels, if the batches have them) of a batch source.

    Works for anything that yields batches: ``ImageDataGenerator.flow``/``flow_from_directory``,
    Augmentor's ``keras_generator``, a batched ``tf.data.Dataset`` (images, or (images, labels)).
    Infinite generators are read only as far as needed; a shorter source gives fewer images.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}.")
    images: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    have_labels = None
    total = 0
    for batch in itertools.islice(iter(batches), count):  # never more batches than images
        if isinstance(batch, tuple | list) and len(batch) >= 2:
            x, y = np.asarray(batch[0]), np.asarray(batch[1])
            have_labels = True if have_labels is None else have_labels
            labels.append(y)
        else:
            x = np.asarray(batch[0] if isinstance(batch, tuple | list) else batch)
            have_labels = False
        images.append(x)
        total += len(x)
        if total >= count:
            break
    if not images:
        raise ValueError("take_images() got an empty batch source.")
    x_all = np.concatenate(images)[:count]
    y_all = np.concatenate(labels)[:count] if have_labels and len(labels) == len(images) else None
    return x_all, y_all
