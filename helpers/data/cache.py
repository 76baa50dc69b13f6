"""An on-disk cache of preprocessed arrays, keyed by every parameter and the source files' stats."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

# Bump when the preprocessing changes, so that old cached arrays are not reused.
CACHE_VERSION = 1


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


def load_arrays(path: Path) -> dict[str, np.ndarray] | None:
    """Return the arrays saved at ``path``, or None when there is no usable cache file."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as saved:
            return {name: saved[name] for name in saved.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError):
        path.unlink(missing_ok=True)  # a damaged cache file: rebuild it
        return None


def save_arrays(path: Path, arrays: Mapping[str, np.ndarray]) -> bool:
    """Save arrays atomically (temporary file, then rename); warn and go on if the cache is not writable."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as stream:
            np.savez(stream, **arrays)
        tmp.replace(path)
        return True
    except OSError as error:
        warnings.warn(f"Could not write the cache file {path} ({error}); the next load reads the images "
                      "again. Set COURSE_CACHE_DIR to a writable folder.", stacklevel=3)
        return False
    finally:
        tmp.unlink(missing_ok=True)
