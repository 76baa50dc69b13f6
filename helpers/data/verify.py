"""Checks a staged copy file by file: hashes where the course knows them, counts and headers elsewhere."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from helpers.data import gtsrb_files, layout
from helpers.data.download import hdf5_check, md5_file
from helpers.data.errors import DatasetNotFoundError, LayoutError
from helpers.data.idx import content_md5
from helpers.data.images import UnreadableImageError, read_rgb
from helpers.data.registry import FASHION_MNIST_FILES, WEIGHTS, spec
from helpers.data.resolve import Located, at_path, find


@dataclass
class Verification:
    """The result of ``verify``: where the copy is, what is wrong with it, and whether it is complete."""

    name: str
    located: Located | None
    problems: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        """True when the copy is there, complete (weights: any known files), and every file is good."""
        complete = self.located is not None and (self.located.complete or self.name == "weights")
        return complete and not self.problems


def _verify_fashion(folder: Path, result: Verification) -> None:
    for filename, (gz_md5, idx_md5) in FASHION_MNIST_FILES.items():
        path = layout.fashion_mnist_file(folder, filename)
        if path is None:
            result.problems.append(f"{filename}: missing")
            continue
        result.checked += 1
        if path.suffix == ".gz" and md5_file(path) == gz_md5:
            continue
        try:
            got = content_md5(path)
        except (OSError, EOFError) as error:
            result.problems.append(f"{path.name}: unreadable ({error})")
            continue
        if got != idx_md5:
            result.problems.append(f"{path.name}: content md5 {got} is not the official {idx_md5}")


def _verify_gtsrb(folder: Path, split: str, result: Verification) -> None:
    entries, missing, _ = gtsrb_files.entries_for(split, folder)
    result.problems += [f"{name}: listed in the GT csv but missing" for name in missing]
    for entry in entries:
        result.checked += 1
        try:
            height, width, _ = read_rgb(entry.path).shape  # the loaders' own reader: same verdict
        except (UnreadableImageError, OSError) as error:
            result.problems.append(f"{entry.rel}: unreadable ({error})")
            continue
        if (width, height) != (entry.width, entry.height):
            csv_size = f"{entry.width}x{entry.height}"
            result.problems.append(f"{entry.rel}: {width}x{height}, the GT csv says {csv_size}")


def _verify_cats_and_dogs(folder: Path, result: Verification) -> None:
    counts = layout.count_cats_and_dogs(folder)
    for split, classes in spec("cats_and_dogs_filtered").counts.items():
        for animal, expected in classes.items():
            if counts[split][animal] != expected:
                got = counts[split][animal]
                result.problems.append(f"{split}/{animal}: {got:,} images, expected {expected:,}")
            for path in sorted((folder / split / animal).iterdir()):
                if not layout.is_image_name(path.name):
                    continue
                result.checked += 1
                try:
                    read_rgb(path)  # decodes the whole image: a truncated JPEG fails here
                except (UnreadableImageError, OSError) as error:
                    result.problems.append(f"{split}/{animal}/{path.name}: unreadable ({error})")


def _verify_weights(folder: Path, result: Verification) -> None:
    for filename, (_, md5) in WEIGHTS.items():
        path = folder / filename
        if not path.is_file():
            continue
        result.checked += 1
        if problem := hdf5_check(path):
            result.problems.append(f"{filename}: {problem}")
        elif md5 is not None and (got := md5_file(path)) != md5:
            result.problems.append(f"{filename}: md5 {got} is not the known {md5}")


def verify(name: str, path: str | os.PathLike[str] | None = None) -> Verification:
    """Check every file of dataset ``name`` where the resolver finds it (or at ``path``); download nothing."""
    spec(name)  # an unknown name raises here, listing the names the course knows
    try:
        search = None if path is not None else find(name)
        located = at_path(name, path) if search is None else search.found
    except (LayoutError, DatasetNotFoundError) as error:
        return Verification(name, None, [str(error)])
    result = Verification(name, located)
    if search is not None and located is None:
        if search.broken:
            result.problems.append(search.broken[0])
        else:
            looked = "".join(f"\n  - {entry}" for entry in search.looked)
            result.problems.append(f"not found; looked in:{looked}")
        return result
    folder = located.path
    if name == "fashion_mnist":
        _verify_fashion(folder, result)
    elif name in ("gtsrb", "gtsrb_test"):
        _verify_gtsrb(folder, "train" if name == "gtsrb" else "test", result)
    elif name == "cats_and_dogs_filtered":
        _verify_cats_and_dogs(folder, result)
    elif name == "weights":
        _verify_weights(folder, result)
    return result
