"""On-disk caches: preprocessed arrays keyed by every parameter and the files' stats; check verdicts.

A cache that is damaged, read-only or full is never an error: a damaged entry is rebuilt, an
unwritable cache only costs the time to compute again. Old entries and the temporary files a
killed process leaves are pruned when a new entry is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from helpers import config

# Bump when the preprocessing changes, so that old cached arrays are not reused.
CACHE_VERSION = 1
KEEP_ENTRIES = 12  # newest entries kept per cache folder
STALE_S = 24 * 3600  # a temporary file this old belongs to no running process
T = TypeVar("T")
_verdicts: dict[str, Any] = {}


def fingerprint(paths: Iterable[Path]) -> str:
    """Return a digest of each file's name, size and modification time (changes when a file does)."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            info = path.stat()
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{path}\0missing\n".encode())
    return digest.hexdigest()


def cache_key(**parts: object) -> str:
    """Return a stable hex key for the given parameters (and ``CACHE_VERSION``)."""
    text = json.dumps({"version": CACHE_VERSION, **parts}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _pid_alive(name: str) -> bool:
    """Return whether the process id in a temporary name (``.x.<pid>-<hex>.tmp``) still runs."""
    try:
        pid = int(name.rsplit(".", 2)[-2].split("-")[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_leftovers(folder: Path, suffixes: tuple[str, ...] = (".tmp", ".part")) -> None:
    """Delete the hidden ``.tmp``/``.part`` files a killed process left in ``folder`` (not a live one's)."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return
    now = time.time()
    for child in children:
        if child.name.startswith(".") and child.name.endswith(suffixes):
            with contextlib.suppress(OSError):
                if child.is_file() and (now - child.stat().st_mtime > STALE_S or not _pid_alive(child.name)):
                    child.unlink()


def prune(folder: Path, *, keep: int = KEEP_ENTRIES) -> None:
    """Delete leftovers of killed processes and all but the ``keep`` most recently used cache entries."""
    remove_leftovers(folder)
    entries = []
    with contextlib.suppress(OSError):
        for child in folder.iterdir():
            if not child.name.startswith(".") and child.is_file():
                entries.append((child.stat().st_mtime, child))
    for _, old in sorted(entries, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def load_arrays(path: Path, required: Iterable[str] = ()) -> dict[str, np.ndarray] | None:
    """Return the arrays saved at ``path`` (an ``.npz`` holding ``required``), or None when it is unusable."""
    if not path.is_file():
        return None
    try:
        saved = np.load(path, allow_pickle=False)
        if not isinstance(saved, np.lib.npyio.NpzFile):  # a .npy (one array), not an archive
            raise ValueError("not an .npz archive")
        with saved:
            arrays = {name: saved[name] for name in saved.files}
        if missing := [name for name in required if name not in arrays]:
            raise ValueError(f"lacks {', '.join(missing)}")
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError, AttributeError):
        with contextlib.suppress(OSError):  # a read-only cache: just ignore the entry
            path.unlink(missing_ok=True)  # a damaged cache file: rebuild it
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # marks it recently used, for prune()
    return arrays


def save_arrays(path: Path, arrays: Mapping[str, np.ndarray]) -> bool:
    """Save arrays atomically (temporary file, then rename); warn and go on if the cache is not writable."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as stream:
            np.savez(stream, **arrays)
        tmp.replace(path)
        prune(path.parent)
        return True
    except OSError as error:
        warnings.warn(f"Could not write the cache file {path} ({error}); the next load reads the images "
                      "again. Set COURSE_CACHE_DIR to a writable folder.", stacklevel=3)
        return False
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def remembered(kind: str, paths: list[Path], compute: Callable[[], T], *extra: object) -> T:
    """Return ``compute()``, remembered (in memory and in the cache) by the files' fingerprint and ``extra``.

    For checks that read whole files: the verdict stays valid while no file changes.
    """
    key = cache_key(kind=kind, extra=extra, files=fingerprint(paths))[:32]
    if key in _verdicts:
        return _verdicts[key]
    store = config.cache_dir() / "checks" / f"{kind}-{key}.json"
    try:
        value = json.loads(store.read_text(encoding="utf-8"))["value"]
    except (OSError, ValueError, KeyError, TypeError):
        value = compute()
        tmp = store.with_name(f".{store.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        try:
            store.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"value": value}), encoding="utf-8")
            tmp.replace(store)
            prune(store.parent, keep=200)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
    _verdicts[key] = value
    return value
