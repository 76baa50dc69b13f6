"""Offline stand-ins for quick mode: generated once by ``helpers.standins`` into the cache, then reused.

Each stand-in is a data folder of its own, ``cache_dir()/standins/<name>-<generator stamp>/``,
written in a scratch folder and renamed into place in one step. So two notebooks that need
it at the same time never see half a stand-in, and a changed generator writes a new folder
instead of replacing one that another process may be reading.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from helpers import config
from helpers.data.registry import spec


def standin_root() -> Path:
    """Return the folder that holds the generated stand-ins (``cache_dir()/standins``)."""
    return config.cache_dir() / "standins"


def _writer(name: str) -> Callable[[Path], object]:
    try:
        from helpers import standins
    except ImportError as error:  # the stand-in package is part of the course; say so plainly
        raise RuntimeError(
            f"{spec(name).title}: no real data was found and the offline stand-ins cannot be "
            f"generated because helpers.standins cannot be imported ({error})."
        ) from error
    if name == "fashion_mnist":
        return lambda root: standins.write_fashion_mnist(root)
    if name == "gtsrb":
        return lambda root: standins.write_gtsrb(root, split="train")
    if name == "gtsrb_test":
        return lambda root: standins.write_gtsrb(root, split="test")
    if name == "cats_and_dogs_filtered":
        return lambda root: standins.write_cats_and_dogs(root)
    raise KeyError(f"{name} has no offline stand-in")


def generator_stamp() -> str:
    """Return a fingerprint of the stand-in generator's source, so a changed generator regenerates."""
    digest = hashlib.sha256()
    try:
        from helpers import standins
    except ImportError:
        return "unavailable"
    package = Path(standins.__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def standin_data_root(name: str) -> Path:
    """Return the data folder that holds (or will hold) the stand-in of ``name`` for this generator."""
    return standin_root() / f"{name}-{generator_stamp()}"


def generated(name: str) -> Path | None:
    """Return the stand-in's dataset folder when it has been generated already, else None."""
    folder = standin_data_root(name) / spec(name).folder
    return folder if folder.is_dir() else None


def _remove_older_versions(name: str, keep: Path) -> None:
    for old in standin_root().glob(f"{name}-*"):
        if old != keep and old.name.removeprefix(f"{name}-").isalnum():
            shutil.rmtree(old, ignore_errors=True)


def ensure_standin(name: str) -> Path:
    """Return the stand-in data folder holding ``name``, generating it once (atomically) if needed."""
    root = standin_data_root(name)
    if (root / spec(name).folder).is_dir():
        return root
    print(f"Generating the offline stand-in for {spec(name).title} (once) in {root} ...", flush=True)
    scratch = standin_root() / f".tmp-{name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    folder = spec(name).folder
    try:
        _writer(name)(scratch)
        if not (scratch / folder).is_dir():
            raise RuntimeError(f"the stand-in writer for {name} did not create {folder}/ in {scratch}")
        if root.exists() and not (root / folder).is_dir():  # a leftover: replace it
            shutil.rmtree(root, ignore_errors=True)
        try:
            scratch.rename(root)
        except OSError:
            if not (root / folder).is_dir():  # not a concurrent writer that finished first
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _remove_older_versions(name, keep=root)
    return root
