"""The GTSRB on-disk layout: class folders, ``GT-*.csv`` annotation files and the images they list.

A format reader: it knows GTSRB's files, not where a data folder keeps them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.data.errors import LayoutError, wrong_layout

N_CLASSES = 43
CLASS_FOLDER = re.compile(r"^\d{5}$")
TRACK_FILE = re.compile(r"^(\d+)_(\d+)\.ppm$", re.IGNORECASE)
COLUMNS = ("Filename", "Width", "Height", "Roi.X1", "Roi.Y1", "Roi.X2", "Roi.Y2", "ClassId")
TEST_CSV = "GT-final_test.csv"
UNLABELLED_TEST_CSV = "GT-final_test.test.csv"


@dataclass(frozen=True)
class Entry:
    """One annotated image: where it is, its original size, its sign's box, its class and track."""

    rel: str  # relative to the Images folder, with "/" ("00000/00000_00000.ppm" or "00000.ppm")
    path: Path
    width: int
    height: int
    roi: tuple[int, int, int, int]  # Roi.X1, Roi.Y1, Roi.X2, Roi.Y2 as in the CSV
    class_id: int
    track: int  # -1 when the name carries no track (the test set)


@dataclass(frozen=True)
class Listing:
    """What a GTSRB Images folder holds: listed images present, listed but missing, present but unlisted."""

    entries: list[Entry]
    missing: list[str]  # listed in a GT csv, not on disk
    unlisted: list[str]  # .ppm files on disk that no GT csv lists
    csvs: list[Path]


def _layout_error(split: str, folder: Path, problem: str) -> LayoutError:
    return wrong_layout("gtsrb" if split == "train" else "gtsrb_test", folder, problem)


Row = tuple[str, int, int, tuple[int, int, int, int], int]


def read_gt_csv(csv_path: Path, *, split: str, folder: Path) -> list[Row]:
    """Parse a GTSRB ``GT-*.csv`` (semicolon-separated) into (file, width, height, roi, class) rows."""
    try:
        text = csv_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise _layout_error(split, folder, f"{csv_path} cannot be read: {error}") from error
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    if not rows or tuple(c.strip() for c in rows[0][: len(COLUMNS)]) != COLUMNS:
        header = ";".join(rows[0]) if rows else "(empty file)"
        hint = ""
        if rows and "ClassId" not in header:
            hint = (f" It has no ClassId column: the labelled {TEST_CSV} comes in "
                    "GTSRB_Final_Test_GT.zip.")
        raise _layout_error(
            split, folder,
            f"{csv_path} does not start with the GTSRB header {';'.join(COLUMNS)} (found {header}).{hint}",
        )
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        try:
            name = row[0].strip()
            width, height, x1, y1, x2, y2, class_id = (int(value) for value in row[1:8])
        except (ValueError, IndexError):
            problem = f"{csv_path}, line {number} is not a GTSRB row: {';'.join(row)}"
            raise _layout_error(split, folder, problem) from None
        if not name or "/" in name or "\\" in name or name in {".", ".."}:
            problem = f"{csv_path}, line {number} names {name!r}, not a file in its folder."
            raise _layout_error(split, folder, problem)
        if not 0 <= class_id < N_CLASSES:
            problem = f"{csv_path}, line {number} has ClassId {class_id}, outside 0..42."
            raise _layout_error(split, folder, problem)
        parsed.append((name, width, height, (x1, y1, x2, y2), class_id))
    return parsed


def _track(name: str) -> int:
    match = TRACK_FILE.match(name)
    return int(match.group(1)) if match else -1


def class_folders(images: Path) -> list[Path]:
    """Return the ``000NN`` class folders of a training Images folder, in class order."""
    try:
        children = sorted(images.iterdir())
    except OSError as error:
        raise _layout_error("train", images, f"{images} cannot be listed: {error}") from error
    folders = [c for c in children if c.is_dir() and CLASS_FOLDER.match(c.name)]
    if not folders:
        raise _layout_error("train", images, f"{images} holds no class folders 00000 ... 00042.")
    extra = [c.name for c in folders if int(c.name) >= N_CLASSES]
    if extra:
        problem = f"{images} holds class folders beyond 00042: {', '.join(extra)}."
        raise _layout_error("train", images, problem)
    return folders


def _ppms(names: set[str]) -> set[str]:
    return {name for name in names if name.lower().endswith(".ppm") and not name.startswith(".")}


def final_training_listing(images: Path) -> Listing:
    """Return the listing of a training Images folder (``000NN/`` class folders with ``GT-000NN.csv``)."""
    entries: list[Entry] = []
    missing: list[str] = []
    unlisted: list[str] = []
    csvs: list[Path] = []
    for folder in class_folders(images):
        csv_path = folder / f"GT-{folder.name}.csv"
        present = {child.name for child in folder.iterdir()}
        if csv_path.name not in present:
            ppms = len(_ppms(present))
            raise _layout_error(
                "train", images, f"{folder} holds {ppms} .ppm files but no {csv_path.name}, which lists them."
            )
        csvs.append(csv_path)
        listed = set()
        for name, width, height, roi, class_id in read_gt_csv(csv_path, split="train", folder=images):
            if class_id != int(folder.name):
                problem = f"{csv_path} gives {name} ClassId {class_id}, but it is in folder {folder.name}."
                raise _layout_error("train", images, problem)
            listed.add(name)
            rel = f"{folder.name}/{name}"
            if name not in present:
                missing.append(rel)
                continue
            entries.append(Entry(rel, folder / name, width, height, roi, class_id, _track(name)))
        unlisted += [f"{folder.name}/{name}" for name in sorted(_ppms(present) - listed)]
    return Listing(entries, missing, unlisted, csvs)


def final_test_csv(images: Path) -> Path | None:
    """Return the labelled ``GT-final_test.csv`` for a test Images folder, or None.

    Looked for beside the images, and where unzipping ``GTSRB_Final_Test_GT.zip`` in
    ``Final_Test/`` or in the data folder puts it.
    """
    candidates = [images / TEST_CSV, images.parent / TEST_CSV]
    if (images.name, images.parent.name, images.parent.parent.name) == ("Images", "Final_Test", "GTSRB"):
        candidates += [images.parents[1] / TEST_CSV, images.parents[2] / TEST_CSV]
    return next((path for path in candidates if path.is_file()), None)


def final_test_listing(images: Path) -> Listing:
    """Return the listing of the test Images folder (``NNNNN.ppm`` listed by ``GT-final_test.csv``)."""
    try:
        present = {child.name for child in images.iterdir()}
    except OSError as error:
        raise _layout_error("test", images, f"{images} cannot be listed: {error}") from error
    csv_path = final_test_csv(images)
    if csv_path is None:
        if UNLABELLED_TEST_CSV in present:
            problem = (f"{images} has {UNLABELLED_TEST_CSV} (no labels) but not {TEST_CSV}: "
                       f"the labels come in GTSRB_Final_Test_GT.zip; put its {TEST_CSV} into {images}.")
        else:
            problem = f"{images} has no {TEST_CSV}, which lists the test images and their labels."
        raise _layout_error("test", images, problem)
    entries: list[Entry] = []
    missing: list[str] = []
    listed = set()
    for name, width, height, roi, class_id in read_gt_csv(csv_path, split="test", folder=images):
        listed.add(name)
        if name not in present:
            missing.append(name)
            continue
        entries.append(Entry(name, images / name, width, height, roi, class_id, -1))
    return Listing(entries, missing, sorted(_ppms(present) - listed), [csv_path])


def listing(split: str, images: Path) -> Listing:
    """Return the listing of the 'train' or 'test' Images folder, or raise LayoutError."""
    return final_training_listing(images) if split == "train" else final_test_listing(images)
