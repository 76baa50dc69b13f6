"""Where quick mode keeps the offline stand-ins: drawn once by the dataset's handler, then reused.

Each stand-in is a data folder of its own, ``cache_dir()/standins/<name>-<generator stamp>/``,
written in a scratch folder and renamed into place in one step. So two notebooks that need
it at the same time never see half a stand-in, and a changed generator writes a new folder
instead of replacing one that another process may be reading. (The drawing itself is
``helpers.standins``.)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

from helpers import config, messages
from helpers.data.handlers import handler


def standin_root() -> Path:
    """Return the folder that holds the generated stand-ins (``cache_dir()/standins``)."""
    return config.cache_dir() / "standins"


def generator_stamp() -> str:
    """Return a fingerprint of the stand-in generator's source, so a changed generator regenerates."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent / "standins"
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def standin_data_root(name: str) -> Path:
    """Return the data folder that holds (or will hold) the stand-in of ``name`` for this generator."""
    return standin_root() / f"{name}-{generator_stamp()}"


def generated(name: str) -> Path | None:
    """Return the stand-in's dataset folder when it has been generated already, else None."""
    folder = standin_data_root(name) / handler(name).spec.folder
    return folder if folder.is_dir() else None


def _remove_older_versions(name: str, keep: Path) -> None:
    for old in standin_root().glob(f"{name}-*"):
        if old != keep and old.name.removeprefix(f"{name}-").isalnum():
            shutil.rmtree(old, ignore_errors=True)
    for scratch in standin_root().glob(f".tmp-{name}-*"):  # left by a killed process
        try:
            pid = int(scratch.name.removeprefix(f".tmp-{name}-").split("-")[0])
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError):
            shutil.rmtree(scratch, ignore_errors=True)
        except OSError:
            pass


def ensure_standin(name: str) -> Path:
    """Return the stand-in data folder holding ``name``, generating it once (atomically) if needed."""
    dataset = handler(name)
    root = standin_data_root(name)
    folder = dataset.spec.folder
    if (root / folder).is_dir():
        return root
    print(messages.text("standin.generating", title=dataset.title, root=root), flush=True)
    scratch = standin_root() / f".tmp-{name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        dataset.draw_standin(scratch)
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
