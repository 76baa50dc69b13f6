"""Marks every stand-in folder as one, and refuses to write a stand-in over real data.

A stand-in is written where the real dataset would be, so a wrong ``data_root`` could
otherwise mix drawn images into a real copy. The marker file also lets anyone (the data
layer, a student looking at the folder) tell a stand-in from the real thing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.data.registry import STANDIN_MARKER as MARKER  # the file the data layer looks for

_TEXT = ("OFFLINE STAND-IN, not the real {name}.\n"
         "Drawn by helpers.standins so that quick mode can run without the real data;\n"
         "the course writes it again whenever needed, so this folder may be deleted.\n")


def is_standin(folder: Path) -> bool:
    """Whether ``folder`` was written by a stand-in writer (it holds the marker file)."""
    return (Path(folder) / MARKER).is_file()


def claim_folder(folder: Path, name: str) -> Path:
    """Create ``folder`` for a stand-in of ``name`` and mark it; refuse a folder holding other data."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"stand-in {name}: {folder} is a file, not a folder; "
                                 "choose another data_root")
    if folder.is_dir() and any(folder.iterdir()) and not is_standin(folder):
        raise FileExistsError(
            f"stand-in {name}: {folder} already holds files and no {MARKER}, so it may be the "
            "real dataset; refusing to write drawn images into it. Use another data_root "
            "(for example the course cache folder) or remove that folder first.")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(_TEXT.format(name=name), encoding="utf-8", newline="\n")
    return folder


def mark(folder: Path, name: str) -> Path:
    """Write the marker into a stand-in's own subfolder too, so a copy of that folder alone stays marked."""
    folder = Path(folder)
    (folder / MARKER).write_text(_TEXT.format(name=name), encoding="utf-8", newline="\n")
    return folder


def fresh_subfolder(root: Path, relative: str) -> Path:
    """Empty ``root/relative`` (a stand-in's own split folder) and create it, so no stale file stays.

    Only inside a folder that ``claim_folder`` marked: real data is never deleted.
    """
    root = Path(root)
    if not is_standin(root):
        raise FileExistsError(f"{root} is not a stand-in folder (no {MARKER}); not emptying {relative}")
    folder = root / relative
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder
