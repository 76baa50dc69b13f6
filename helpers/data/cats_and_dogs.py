"""cats_and_dogs_filtered: the train/validation folders, ready for Keras' directory loaders.

The images are checked once (size and JPEG markers, a decode only where those look wrong; the
verdict is cached by the files' fingerprint), because ``image_dataset_from_directory`` stops
on a damaged file with ``jpeg::Uncompress failed`` and no file name. Damaged files are named,
and left out of a copy in the cache (or, with ``skip_damaged=False``, refused).
"""

from __future__ import annotations

import os
import shutil
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from helpers import config, messages
from helpers.data import checks
from helpers.data.cache import cache_key, fingerprint, prune
from helpers.data.errors import DamagedImagesError, DataWarning
from helpers.data.handlers import CLASSES, SPLITS, handler, image_files
from helpers.data.info import LoadInfo, load_info
from helpers.data.resolve import locate

SHOW_NAMES = 5


@dataclass(frozen=True)
class CatsAndDogs:
    """Where the cats-vs-dogs images are: the root, its train and validation folders, the counts."""

    root: Path
    train_dir: Path
    validation_dir: Path
    counts: dict[str, dict[str, int]]
    info: LoadInfo


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
                    if p.name.startswith(".") and p.suffix.lower() in checks.IMAGE_SUFFIXES)
    if hidden:
        warnings.warn(
            f"{root} holds {len(hidden):,} hidden file(s) named like images ({', '.join(hidden[:5])}"
            f"{', ...' if len(hidden) > 5 else ''}), left by macOS; they are not images, and Keras' "
            "directory loaders fail on them. Delete them (max_per_class copies leave them out).",
            DataWarning, stacklevel=3)


def _copy(root: Path, chosen: dict[tuple[str, str], list[Path]], label: str) -> Path:
    """Copy the chosen images of each split and class into the cache, once; return the copy's folder."""
    key = cache_key(folder=str(root.resolve()), label=label,
                    files=fingerprint(p for paths in chosen.values() for p in paths))
    subsets = config.cache_dir() / "cats_and_dogs_subsets"
    target = subsets / f"{label}-{key[:16]}" / "cats_and_dogs_filtered"
    if target.is_dir():
        return target
    scratch = subsets / f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
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
    _prune_copies(subsets, keep=target.parent)
    return target


def _prune_copies(subsets: Path, keep: Path, most: int = 6) -> None:
    """Delete all but the ``most`` newest copies (and scratch folders of killed processes)."""
    prune(subsets)
    copies = sorted((p for p in subsets.iterdir() if p.is_dir() and not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in copies[most:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def cats_and_dogs(path: str | os.PathLike[str] | None = None, max_per_class: int | None = None,
                  *, skip_damaged: bool = True) -> CatsAndDogs:
    """Find cats_and_dogs_filtered; with ``max_per_class``, a cached copy of the first N per class/split.

    Damaged images (empty, truncated, not images) are named in a warning and left out of a
    cached copy; ``skip_damaged=False`` raises ``DamagedImagesError`` instead.
    """
    if max_per_class is not None and max_per_class < 1:
        raise ValueError(f"max_per_class must be a positive number of images, got {max_per_class!r}")
    dataset = handler("cats_and_dogs_filtered")
    located = locate(dataset.name, path)
    _warn_about_junk(located.path)
    found = {(split, animal): image_files(located.path / split / animal)
             for split in SPLITS for animal in CLASSES}
    bad = checks.image_problems([p for paths in found.values() for p in paths])
    root = located.path
    if bad:
        names = [f"{Path(p).relative_to(root).as_posix()} ({why})" for p, why in sorted(bad.items())]
        shown = ", ".join(names[:SHOW_NAMES]) + (messages.text("more", count=len(names) - SHOW_NAMES)
                                                   if len(names) > SHOW_NAMES else "")
        if not skip_damaged:
            raise DamagedImagesError(messages.text("images.damaged_strict", count=len(bad), folder=root,
                                                   names=shown, name=dataset.name))
    good = {key: [p for p in paths if str(p) not in bad] for key, paths in found.items()}
    if max_per_class is not None:
        root = _copy(located.path, {key: paths[:max_per_class] for key, paths in good.items()},
                     str(max_per_class))
    elif bad:
        root = _copy(located.path, good, "without-damaged")
    if bad:
        warnings.warn(messages.text("images.damaged", count=len(bad), folder=located.path, names=shown,
                                    root=root, name=dataset.name), DataWarning, stacklevel=2)
    counts = dataset.counts(root)
    train, validation = sum(counts["train"].values()), sum(counts["validation"].values())
    what = f"cats_and_dogs_filtered: {train:,} train + {validation:,} validation images"
    if max_per_class is not None:
        what += f" (first {max_per_class} per class, copied to {root})"
    info = load_info(located, what=what, loaded=train + validation)
    print(info.line)
    return CatsAndDogs(root, root / "train", root / "validation", counts, info)
