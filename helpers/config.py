"""Course configuration: the mode, the language and the folders, from the environment or ``setup``.

| variable | meaning | default |
| --- | --- | --- |
| ``COURSE_QUICK`` | ``1``: quick mode (small subsets, one or two epochs) | ``0`` (full mode) |
| ``COURSE_DATA_DIR`` | a staged data folder (an instructor's copy, a folder on Drive) | none |
| ``COURSE_OFFLINE`` | ``1``: never try to download | ``0`` |
| ``COURSE_MIRROR`` | base URL of a lab mirror serving the official archives | none |
| ``COURSE_CACHE_DIR`` | preprocessed arrays and offline stand-ins | ``data/.cache`` |
| ``COURSE_WORK_DIR`` | what notebooks write (checkpoints, augmented images) | ``work/`` |
| ``COURSE_LANG`` | the language of the messages a student reads: ``en`` or ``ko`` | ``en`` |

``setup()`` may override the mode, the data folder and the language for the rest of the
session (``configure``); that is the only state this module keeps. Each call of ``configure``
replaces the previous one, so a re-run of the set-up cell without ``quick=`` goes back to
``COURSE_QUICK``. Folders that cannot be written to (a read-only checkout in a lab) are
replaced by a per-user folder, with a warning that says where.
"""

from __future__ import annotations

import os
import tempfile
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from helpers.colab import drive_course_dir

PACKAGE_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "ko")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}
_session: dict[str, object] = {}
_writable: dict[Path, bool] = {}


def _env(name: str) -> str:
    """Return an environment variable stripped of blanks and of quotes (``%env X="/path"`` keeps them)."""
    value = os.environ.get(name, "").strip()
    while len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value


def _flag(name: str) -> bool:
    value = _env(name).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name}={os.environ[name]!r} is not understood: use 1 (on) or 0 (off).")


def _check_lang(lang: str, where: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"{where}={lang!r} is not a course language: use 'en' (English) or 'ko' (한국어).")
    return lang


def configure(*, quick: bool | None = None, data_dir: str | os.PathLike[str] | None = None,
              lang: str | None = None) -> None:
    """Set this session's mode, data folder and language; what is not passed falls back to the environment."""
    _session.clear()
    if quick is not None:
        _session["quick"] = bool(quick)
    if data_dir is not None:
        _session["data_dir"] = Path(data_dir).expanduser()
    if lang is not None:
        _session["lang"] = _check_lang(lang, "lang")


def reset() -> None:
    """Forget the overrides made by ``configure`` and the folders found writable (tests use this)."""
    _session.clear()
    _writable.clear()


def quick_mode() -> bool:
    """Return True in quick mode (``COURSE_QUICK=1`` or ``setup(quick=True)``)."""
    if "quick" in _session:
        return bool(_session["quick"])
    return _flag("COURSE_QUICK")


def language() -> str:
    """Return the language of the course's messages: ``setup(lang=...)``, else ``COURSE_LANG``, else 'en'."""
    if "lang" in _session:
        return str(_session["lang"])
    return _check_lang(_env("COURSE_LANG").lower() or "en", "COURSE_LANG")


def offline() -> bool:
    """Return True when downloads must not be tried (``COURSE_OFFLINE=1``)."""
    return _flag("COURSE_OFFLINE")


def mirror() -> str | None:
    """Return the lab mirror's base URL (``COURSE_MIRROR``), or None for the official hosts."""
    value = _env("COURSE_MIRROR")
    return value.rstrip("/") + "/" if value else None


def course_root() -> Path | None:
    """Return the course checkout that holds this package, or None for a plain install."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir():
        return root
    return None


def user_folder(name: str) -> Path:
    """Return the per-user folder ``~/.cache/cnn-course/<name>`` (used where the checkout is read-only)."""
    return Path.home() / ".cache" / "cnn-course" / name


def local_data_dir() -> Path:
    """Return the checkout's ``data/`` folder (``~/.cache/cnn-course/data`` without a checkout)."""
    root = course_root()
    return root / "data" if root else user_folder("data")


@dataclass(frozen=True)
class DataFolder:
    """A folder that may hold staged datasets, and why it is searched."""

    path: Path
    source: str


def data_folders() -> list[DataFolder]:
    """Return the data folders in the course's order: set-up, env, Drive, local ``data/``, per-user."""
    folders: list[DataFolder] = []
    if "data_dir" in _session:
        folders.append(DataFolder(Path(str(_session["data_dir"])), "setup(data_dir=...)"))
    if env := _env("COURSE_DATA_DIR"):
        folders.append(DataFolder(Path(env).expanduser(), "COURSE_DATA_DIR"))
    drive = drive_course_dir()
    if drive.parent.is_dir():
        folders.append(DataFolder(drive, "Google Drive"))
    local = local_data_dir()
    folders.append(DataFolder(local, "local data/ folder"))
    per_user = user_folder("data")
    if per_user != local and per_user.is_dir():  # where downloads go when data/ is read-only
        folders.append(DataFolder(per_user, "per-user data folder"))
    return folders


def data_dir() -> DataFolder:
    """Return the main data folder: where datasets are looked for first and downloads go."""
    return data_folders()[0]


def is_writable(folder: Path) -> bool:
    """Return True when ``folder`` exists or can be made, and a file can be written in it (remembered)."""
    folder = Path(folder)
    if folder in _writable:
        return _writable[folder]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        probe.write_bytes(b"")
        probe.unlink()
        ok = True
    except OSError:
        ok = False
    _writable[folder] = ok
    return ok


def writable_folder(wanted: Path, name: str, variable: str) -> Path:
    """Return ``wanted`` if it can be written to, else a per-user folder, warning once where it went."""
    if is_writable(wanted):
        return wanted
    user = os.getuid() if hasattr(os, "getuid") else "user"
    for fallback in (user_folder(name), Path(tempfile.gettempdir()) / f"cnn-course-{user}" / name):
        if fallback != wanted and is_writable(fallback):
            warnings.warn(f"{wanted} cannot be written to (a read-only checkout or share?); the course "
                          f"writes to {fallback} instead. Set {variable} to choose another folder.",
                          UserWarning, stacklevel=3)
            return fallback
    return wanted  # nothing is writable: let the write itself say so


def cache_dir() -> Path:
    """Return the folder for preprocessed arrays and stand-ins (``COURSE_CACHE_DIR`` overrides)."""
    if env := _env("COURSE_CACHE_DIR"):
        wanted = Path(env).expanduser()
    else:
        root = course_root()
        wanted = root / "data" / ".cache" if root else user_folder("cache")
    return writable_folder(wanted, "cache", "COURSE_CACHE_DIR")


def work_root() -> Path:
    """Return the folder notebooks write into (``COURSE_WORK_DIR`` overrides; default ``work/``)."""
    if env := _env("COURSE_WORK_DIR"):
        wanted = Path(env).expanduser()
    else:
        root = course_root()
        wanted = root / "work" if root else Path.cwd() / "work"
    return writable_folder(wanted, "work", "COURSE_WORK_DIR")
