"""cats_and_dogs_filtered: the train/validation folders, ready for Keras' directory loaders."""

from __future__ import annotations

import os
import shutil
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from helpers import config
from helpers.data.cache import cache_key, fingerprint
from helpers.data.info import LoadInfo, load_info
from helpers.data.layout import IMAGE_SUFFIXES, count_cats_and_dogs, is_image_name
from helpers.data.resolve import DataWarning, locate

SPLITS = ("train", "validation")
CLASSES = ("cats", "dogs")


@dataclass(frozen=True)
class CatsAndDogs:
    """Where the cats-vs-dogs images are: the root, its train and validation folders, the counts."""

    root: Path
    train_dir: Path
    validation_dir: Path
    counts: dict[str, dict[str, int]]
    info: LoadInfo


def _images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if is_image_name(p.name) and p.is_file())


def _warn_about_junk(root: Path) -> None:
    """Warn about what Keras' directory loaders would misread: extra class folders, hidden '._x.jpg' files."""
    for split in SPLITS:
        extra = sorted(p.name for p in (root / split).iterdir() if p.is_dir() and p.name not in CLASSES)
        if extra:
            warnings.warn(
                f"{root / split} holds folders other than cats/ and dogs/ ({', '.join(extra)}); "
                "flow_from_directory and image_dataset_from_directory treat each as another class. "
                "Remove them.", DataWarning, stacklevel=3)
    hidden = sorted(p.relative_to(root).as_posix() for split in SPLITS for animal in CLASSES
                    if (root / split / animal).is_dir() for p in (root / split / animal).iterdir()
                    if p.name.startswith(".") and p.suffix.lower() in IMAGE_SUFFIXES)
    if hidden:
        warnings.warn(
            f"{root} holds {len(hidden):,} hidden file(s) named like images ({', '.join(hidden[:5])}"
            f"{', ...' if len(hidden) > 5 else ''}), left by macOS; they are not images, and Keras' "
            "directory loaders fail on them. Delete them (max_per_class copies leave them out).",
            DataWarning, stacklevel=3)


def _subset(root: Path, max_per_class: int) -> Path:
    """Copy the first ``max_per_class`` images of each split and class into the cache, once."""
    chosen = {(split, animal): _images(root / split / animal)[:max_per_class]
              for split in SPLITS for animal in CLASSES}
    key = cache_key(folder=str(root.resolve()), max_per_class=max_per_class,
                    files=fingerprint(p for paths in chosen.values() for p in paths))
    subsets = config.cache_dir() / "cats_and_dogs_subsets"
    target = subsets / f"{max_per_class}-{key[:16]}" / "cats_and_dogs_filtered"
    if target.is_dir():
        return target
    scratch = target.parent.parent / f".tmp-{uuid.uuid4().hex[:8]}"
    try:
        for (split, animal), paths in chosen.items():
            folder = scratch / split / animal
            folder.mkdir(parents=True)
            for source in paths:
                shutil.copyfile(source, folder / source.name)  # copies, not links: Drive and Windows
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            scratch.rename(target)
        except OSError:
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def cats_and_dogs(path: str | os.PathLike[str] | None = None,
                  max_per_class: int | None = None) -> CatsAndDogs:
    """Find cats_and_dogs_filtered; with ``max_per_class``, a cached copy of the first N per class/split."""
    if max_per_class is not None and max_per_class < 1:
        raise ValueError(f"max_per_class must be a positive number of images, got {max_per_class!r}")
    located = locate("cats_and_dogs_filtered", path)
    _warn_about_junk(located.path)
    root = located.path if max_per_class is None else _subset(located.path, max_per_class)
    counts = count_cats_and_dogs(root)
    train, validation = sum(counts["train"].values()), sum(counts["validation"].values())
    what = f"cats_and_dogs_filtered: {train:,} train + {validation:,} validation images"
    if max_per_class is not None:
        what += f" (first {max_per_class} per class, copied to {root})"
    info = load_info(located, what=what, loaded=train + validation)
    print(info.line)
    return CatsAndDogs(root, root / "train", root / "validation", counts, info)
