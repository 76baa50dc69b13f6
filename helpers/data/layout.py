"""What a candidate folder holds: the image count of each dataset, or why its layout is wrong."""

from __future__ import annotations

from pathlib import Path

from helpers.data import gtsrb_files
from helpers.data.errors import IdxFormatError, wrong_layout
from helpers.data.idx import read_idx_header
from helpers.data.registry import FASHION_MNIST_FILES, WEIGHTS

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif")
JUNK_FILES = frozenset({"Thumbs.db", "desktop.ini", "__MACOSX"})  # and any name starting with "."


def fashion_mnist_file(folder: Path, filename: str) -> Path | None:
    """Return the Fashion-MNIST file in a folder, gzipped (Keras' name) or plain, or None."""
    for candidate in (folder / filename, folder / filename.removesuffix(".gz")):
        if candidate.is_file():
            return candidate
    return None


def count_fashion_mnist(folder: Path) -> dict[str, int]:
    """Return {'train': n, 'test': n} from the idx headers, or raise LayoutError."""
    files = {name: fashion_mnist_file(folder, name) for name in FASHION_MNIST_FILES}
    missing = [name for name, path in files.items() if path is None]
    if missing:
        raise wrong_layout("fashion_mnist", folder, f"{folder} lacks {', '.join(missing)}.")
    counts = {}
    for part, prefix in (("train", "train"), ("test", "t10k")):
        try:
            _, image_shape = read_idx_header(files[f"{prefix}-images-idx3-ubyte.gz"])  # type: ignore[arg-type]
            _, label_shape = read_idx_header(files[f"{prefix}-labels-idx1-ubyte.gz"])  # type: ignore[arg-type]
        except IdxFormatError as error:
            raise wrong_layout("fashion_mnist", folder, str(error)) from error
        if len(image_shape) != 3 or len(label_shape) != 1 or image_shape[0] != label_shape[0]:
            raise wrong_layout(
                "fashion_mnist", folder,
                f"the {part} images {image_shape} and labels {label_shape} in {folder} do not match.",
            )
        counts[part] = image_shape[0]
    return counts


def count_gtsrb(folder: Path, split: str) -> int:
    """Return how many listed GTSRB images exist in an Images folder, or raise LayoutError."""
    entries, _, _ = gtsrb_files.entries_for(split, folder)
    return len(entries)


def is_image_name(name: str) -> bool:
    """Return True for an image file name; hidden files (macOS ``._cat.1.jpg``, ``.DS_Store``) are junk."""
    return not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES


def count_images(folder: Path) -> int:
    """Return the number of image files directly in a folder (junk files are not counted)."""
    return sum(1 for child in folder.iterdir() if is_image_name(child.name))


def count_cats_and_dogs(folder: Path) -> dict[str, dict[str, int]]:
    """Return {split: {class: n}} of a cats_and_dogs_filtered folder, or raise LayoutError."""
    counts: dict[str, dict[str, int]] = {}
    missing = []
    for split in ("train", "validation"):
        counts[split] = {}
        for animal in ("cats", "dogs"):
            sub = folder / split / animal
            if sub.is_dir():
                counts[split][animal] = count_images(sub)
            else:
                missing.append(f"{split}/{animal}")
    if missing:
        raise wrong_layout("cats_and_dogs_filtered", folder, f"{folder} lacks {', '.join(missing)}.")
    return counts


def count_weights(folder: Path) -> int:
    """Return how many of the Keras weight files the course knows are in a folder."""
    return sum(1 for name in WEIGHTS if (folder / name).is_file())


def count(name: str, folder: Path) -> int:
    """Return the image (or file) count of dataset ``name`` in ``folder``; raise LayoutError if wrong."""
    if name == "fashion_mnist":
        return sum(count_fashion_mnist(folder).values())
    if name == "gtsrb":
        return count_gtsrb(folder, "train")
    if name == "gtsrb_test":
        return count_gtsrb(folder, "test")
    if name == "cats_and_dogs_filtered":
        return sum(sum(c.values()) for c in count_cats_and_dogs(folder).values())
    if name == "weights":
        return count_weights(folder)
    raise KeyError(name)


def looks_present(name: str, folder: Path) -> bool:
    """Return True when ``folder`` is there and is not an empty shell (nothing but junk, or no .h5)."""
    if not folder.is_dir():
        return False
    if name == "weights":
        return any(p.suffix == ".h5" for p in folder.iterdir())
    if name == "fashion_mnist":
        return any(fashion_mnist_file(folder, f) for f in FASHION_MNIST_FILES)
    return any(not child.name.startswith(".") and child.name not in JUNK_FILES for child in folder.iterdir())
