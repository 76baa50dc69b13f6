"""The one resolver: find a dataset in the course's order, download it, or fall back to a stand-in.

Order: an explicit path; the data folders (``setup(data_dir=...)``, ``COURSE_DATA_DIR``, the
course folder on Drive, the local ``data/``); files already on the machine (the Keras cache,
Debian's ``dataset-fashion-mnist``); a verified download (``COURSE_MIRROR`` replaces the
official hosts; ``COURSE_OFFLINE=1`` skips it); in quick mode only, an offline stand-in.
A copy one folder level off in a data folder (``GTSRB/GTSRB/...``, no ``GTSRB/``, the data
folder pointing at the dataset itself) is used, with a warning that says how to fix the path:
it is real data, so the resolver never falls back to a stand-in because of it.
(See CONTRIBUTING.md, "Where data comes from".)
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from helpers import config, provenance
from helpers.data.download import fetch_into
from helpers.data.errors import DatasetNotFoundError, DataWarning, DownloadError, LayoutError
from helpers.data.handlers import Handler, Located, handler
from helpers.data.places import Place, download_root
from helpers.data.standin_store import ensure_standin
from helpers.messages import text

STANDIN_SOURCE = "offline stand-in"
CONFIGURED = ("setup(data_dir=...)", "COURSE_DATA_DIR")  # folders a user chose: a typo is worth a warning

__all__ = ["STANDIN_SOURCE", "DataWarning", "Located", "Search", "at_path", "find", "locate", "places"]


def places(name: str) -> list[Place]:
    """Return every folder the resolver searches for dataset ``name``, in order."""
    dataset = handler(name)
    found = [Place(f.path / dataset.spec.folder, f.source) for f in config.data_folders()]
    return found + dataset.machine_places()


@dataclass
class Search:
    """What a search of the places found: the first good copy, broken copies, and the places looked."""

    found: Located | None
    broken: list[str] = field(default_factory=list)
    looked: list[str] = field(default_factory=list)
    broken_at: list[Place] = field(default_factory=list)  # where the broken copies are


def _near_misses(dataset: Handler, data_folder: Path) -> list[Path]:
    """Return the folders where a copy one level off would be, for a data folder ``data_folder``."""
    parts = Path(dataset.spec.folder).parts
    rel = Path(*parts)
    candidates = [data_folder.joinpath(*parts[i:]) for i in range(1, len(parts) + 1)]  # points inside
    try:
        children = sorted(c for c in data_folder.iterdir() if c.is_dir() and not c.name.startswith("."))
    except OSError:
        children = []
    candidates += [child / rel for child in children]  # one level too high, or a doubled folder
    candidates.append(data_folder.parent / rel)  # one level too deep
    return [c for c in dict.fromkeys(candidates) if c != data_folder / rel]


def _mislaid(dataset: Handler, data_folder: Path, source: str) -> Located | None:
    """Return a usable copy one level off from where ``data_folder`` should hold it, warning how to fix it."""
    for candidate in _near_misses(dataset, data_folder):
        if not dataset.looks_present(candidate):
            continue
        try:
            located = dataset.inspect(candidate, source)
        except LayoutError:
            continue
        if located.count == 0 or (located.standin and not config.quick_mode()):
            continue
        expected = data_folder / dataset.spec.folder
        parts = Path(dataset.spec.folder).parts
        if candidate.parts[-len(parts):] == parts:
            right = candidate.parents[len(parts) - 1]
            fix = (text("mislaid.setup", folder=right) if source == CONFIGURED[0]
                   else text("mislaid.set", variable="COURSE_DATA_DIR", folder=right))
        else:
            fix = text("mislaid.move", expected=expected)
        warnings.warn(text("mislaid", title=dataset.title, found=candidate, expected=expected,
                           source=source, fix=fix), DataWarning, stacklevel=4)
        return located
    return None


def find(name: str) -> Search:
    """Search the places for ``name`` without downloading or generating anything."""
    dataset = handler(name)
    search = Search(None)
    data_folders = {f.path / dataset.spec.folder: f for f in config.data_folders()}
    for place in places(name):
        folder = data_folders.get(place.path)
        if folder is not None and folder.source in CONFIGURED and not folder.path.is_dir():
            variable = "COURSE_DATA_DIR" if folder.source == "COURSE_DATA_DIR" else "setup(data_dir=...)"
            warnings.warn(text("data_dir.missing", variable=variable, path=folder.path), DataWarning,
                          stacklevel=3)
            search.looked.append(f"{place.source}: {folder.path} ({text('looked.no_folder')})")
            continue
        status = None
        if not dataset.looks_present(place.path):
            status = text("looked.absent")
        else:
            try:
                located = dataset.inspect(place.path, place.source)
            except LayoutError as error:
                status, problem = text("looked.wrong_layout"), str(error)
            else:
                problem = None
                if located.count == 0:
                    status = text("looked.no_files", title=dataset.title)
                elif located.standin and not config.quick_mode():
                    status = text("looked.standin")
                else:
                    search.looked.append(f"{place.source}: {place.path} ({text('looked.found')})")
                    search.found = located
                    return search
        if folder is not None and (mislaid := _mislaid(dataset, folder.path, folder.source)) is not None:
            search.looked.append(f"{place.source}: {place.path} "
                                 f"({text('looked.mislaid', found=mislaid.path)})")
            search.found = mislaid
            return search
        if status == text("looked.wrong_layout") and problem:
            search.broken.append(problem)
            search.broken_at.append(place)
        search.looked.append(f"{place.source}: {place.path} ({status})")
    return search


def at_path(name: str, path: str | os.PathLike[str]) -> Located:
    """Resolve a caller's path: the data folder, the dataset folder itself, or a folder in between."""
    dataset, path = handler(name), Path(path).expanduser()
    spec = dataset.spec
    parts = Path(spec.folder).parts
    candidates = [path.joinpath(*parts[i:]) for i in range(len(parts))]
    for candidate in candidates:
        if candidate.is_dir() and dataset.looks_present(candidate):
            return dataset.inspect(candidate, "the path you gave")
    if not path.exists():
        raise DatasetNotFoundError(
            f"{spec.title}: the path you gave, {path}, does not exist. Give the data folder that "
            f"holds {spec.folder}/, or that folder itself. Expected:\n{spec.layout}"
        )
    if not dataset.looks_present(path) and (mislaid := _mislaid(dataset, path, "the path you gave")):
        return mislaid
    located = dataset.inspect(path, "the path you gave")
    if located.count == 0:
        raise DatasetNotFoundError(
            f"{spec.title}: the path you gave, {path}, holds no {spec.title} files. Give the data "
            f"folder that holds {spec.folder}/, or that folder itself. Expected:\n{spec.layout}"
        )
    return located


def not_found_message(name: str, looked: list[str], download_note: str) -> str:
    """Return the one clear full-mode message: what is missing, where it looked, the two ways out."""
    spec = handler(name).spec
    lines = [text("missing.head", title=spec.title, name=name), text("missing.looked")]
    lines += [f"  - {entry}" for entry in looked]
    lines.append("  - " + text("missing.download", note=download_note))
    way1 = "missing.way1_offline" if config.offline() else "missing.way1"
    lines += [
        text("missing.ways"),
        "  " + text(way1, name=name),
        "  " + text("missing.way2"),
        *(f"       {line}" for line in spec.layout.splitlines()),
        text("missing.quick"),
    ]
    return "\n".join(lines)


def kind_of(located: Located) -> str:
    """Return what a located copy is, in ``helpers.provenance``'s words: official, partial or standin."""
    return "standin" if located.standin else "official" if located.complete else "partial"


def locate(name: str, path: str | os.PathLike[str] | None = None, *, download: bool = True) -> Located:
    """Find dataset ``name`` in the course's order, downloading or (quick mode) using a stand-in if needed.

    What it hands out is noted in ``helpers.provenance``, so stored outputs can say which data made them.
    """
    located = _locate(name, path, download=download)
    provenance.record_dataset(name, kind_of(located), str(located.path))
    return located


def _locate(name: str, path: str | os.PathLike[str] | None, *, download: bool) -> Located:
    dataset = handler(name)
    if path is not None:
        return at_path(name, path)
    search = find(name)
    if search.found is not None:
        for problem in search.broken:
            warnings.warn(f"Ignored a broken copy (using {search.found.path}):\n{problem}", DataWarning,
                          stacklevel=2)
        return search.found
    if search.broken:
        raise LayoutError(search.broken[0])
    if not download:
        note = text("download.not_tried", name=name)
    elif config.offline():
        note = text("download.offline")
    else:
        try:
            root = fetch_into(name, download_root())
            return dataset.inspect(root / dataset.spec.folder, "downloaded")
        except DownloadError as error:
            note = text("download.failed", error=error)
            if not config.quick_mode():
                raise DatasetNotFoundError(not_found_message(name, search.looked, note)) from None
            warnings.warn(text("standin.download_failed", title=dataset.title, error=error), DataWarning,
                          stacklevel=2)
    if config.quick_mode():
        root = ensure_standin(name)
        return dataset.inspect(root / dataset.spec.folder, STANDIN_SOURCE, standin=True)
    raise DatasetNotFoundError(not_found_message(name, search.looked, note))
