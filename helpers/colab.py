"""Google Colab support: detect Colab, mount Drive when asked, keep datasets on Drive.

On Colab the local disk is wiped when the runtime resets; a data folder on Google Drive
survives, so downloads are made once. Nothing here runs at import time.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

DRIVE_MOUNTPOINT = Path("/content/drive")
DRIVE_COURSE_FOLDER = "cnn-course-data"


def in_colab() -> bool:
    """Return True when running inside a Google Colab runtime."""
    try:
        importlib.import_module("google.colab")
    except ImportError:
        return False
    return True


def drive_course_dir(mountpoint: Path = DRIVE_MOUNTPOINT) -> Path:
    """Return the course's data folder on a Drive mounted at ``mountpoint``."""
    return mountpoint / "MyDrive" / DRIVE_COURSE_FOLDER


def mounted_drive_dir(mountpoint: Path = DRIVE_MOUNTPOINT) -> Path | None:
    """Return the course folder on Drive if Drive is mounted (creating the folder), else None."""
    my_drive = mountpoint / "MyDrive"
    if not my_drive.is_dir():
        return None
    folder = drive_course_dir(mountpoint)
    folder.mkdir(exist_ok=True)
    return folder


def mount_drive(mountpoint: Path = DRIVE_MOUNTPOINT) -> Path:
    """Mount Google Drive (Colab asks for permission once) and return the course data folder on it."""
    if not in_colab():
        raise RuntimeError(
            "mount_drive() works only on Google Colab. Elsewhere, point COURSE_DATA_DIR at "
            "a folder instead (see data/README.md)."
        )
    drive = importlib.import_module("google.colab.drive")
    if not (mountpoint / "MyDrive").is_dir():
        drive.mount(os.fspath(mountpoint))
    folder = mounted_drive_dir(mountpoint)
    if folder is None:
        raise RuntimeError(f"Drive was mounted but {mountpoint / 'MyDrive'} does not exist.")
    return folder
