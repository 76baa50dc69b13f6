"""Course configuration: the mode and the folders, read from the environment or set by ``setup``.

| variable | meaning | default |
| --- | --- | --- |
| ``COURSE_QUICK`` | ``1``: quick mode (small subsets, one or two epochs) | ``0`` (full mode) |
| ``COURSE_DATA_DIR`` | a staged data folder (an instructor's copy, a folder on Drive) | none |
| ``COURSE_OFFLINE`` | ``1``: never try to download | ``0`` |
| ``COURSE_MIRROR`` | base URL of a lab mirror serving the official archives | none |
| ``COURSE_CACHE_DIR`` | preprocessed arrays and offline stand-ins | ``data/.cache`` |
| ``COURSE_WORK_DIR`` | what notebooks write (checkpoints, augmented images) | ``work/`` |

``setup()`` may override the mode and the data folder for the rest of the session; that is the
only state this module keeps.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from helpers.colab import drive_course_dir

PACKAGE_DIR = Path(__file__).resolve().parent
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}
_session: dict[str, object] = {}


def _flag(name: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name}={os.environ[name]!r} is not understood: use 1 (on) or 0 (off).")


def configure(*, quick: bool | None = None, data_dir: str | os.PathLike[str] | None = None) -> None:
    """Override the mode and/or the data folder for this session (``setup`` calls this)."""
    if quick is not None:
        _session["quick"] = bool(quick)
    if data_dir is not None:
        _session["data_dir"] = Path(data_dir).expanduser()


def reset() -> None:
    """Forget the overrides made by ``configure`` (tests use this)."""
    _session.clear()


def quick_mode() -> bool:
    """Return True in quick mode (``COURSE_QUICK=1`` or ``setup(quick=True)``)."""
    if "quick" in _session:
        return bool(_session["quick"])
    return _flag("COURSE_QUICK")


def offline() -> bool:
    """Return True when downloads must not be tried (``COURSE_OFFLINE=1``)."""
    return _flag("COURSE_OFFLINE")


def mirror() -> str | None:
    """Return the lab mirror's base URL (``COURSE_MIRROR``), or None for the official hosts."""
    value = os.environ.get("COURSE_MIRROR", "").strip()
    return value.rstrip("/") + "/" if value else None


def course_root() -> Path | None:
    """Return the course checkout that holds this package, or None for a plain install."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir():
        return root
    return None


def _home_fallback(name: str) -> Path:
    return Path.home() / ".cache" / "cnn-course" / name


def local_data_dir() -> Path:
    """Return the checkout's ``data/`` folder (``~/.cache/cnn-course/data`` without a checkout)."""
    root = course_root()
    return root / "data" if root else _home_fallback("data")


@dataclass(frozen=True)
class DataFolder:
    """A folder that may hold staged datasets, and why it is searched."""

    path: Path
    source: str


def data_folders() -> list[DataFolder]:
    """Return the data folders in the order DESIGN.md fixes: set-up, env, Drive, local ``data/``."""
    folders: list[DataFolder] = []
    if "data_dir" in _session:
        folders.append(DataFolder(Path(str(_session["data_dir"])), "setup(data_dir=...)"))
    if env := os.environ.get("COURSE_DATA_DIR", "").strip():
        folders.append(DataFolder(Path(env).expanduser(), "COURSE_DATA_DIR"))
    drive = drive_course_dir()
    if drive.parent.is_dir():
        folders.append(DataFolder(drive, "Google Drive"))
    folders.append(DataFolder(local_data_dir(), "local data/ folder"))
    return folders


def data_dir() -> DataFolder:
    """Return the main data folder: where datasets are looked for first and downloads go."""
    return data_folders()[0]


def cache_dir() -> Path:
    """Return the folder for preprocessed arrays and stand-ins (``COURSE_CACHE_DIR`` overrides)."""
    if env := os.environ.get("COURSE_CACHE_DIR", "").strip():
        return Path(env).expanduser()
    root = course_root()
    return root / "data" / ".cache" if root else _home_fallback("cache")


def work_root() -> Path:
    """Return the folder notebooks write into (``COURSE_WORK_DIR`` overrides; default ``work/``)."""
    if env := os.environ.get("COURSE_WORK_DIR", "").strip():
        return Path(env).expanduser()
    root = course_root()
    return root / "work" if root else Path.cwd() / "work"
