"""The one resolver: find a dataset in DESIGN.md's order, download it, or fall back to a stand-in.

Order: an explicit path; the data folders (``setup(data_dir=...)``, ``COURSE_DATA_DIR``, the
course folder on Drive, the local ``data/``); files already on the machine (the Keras cache,
Debian's ``dataset-fashion-mnist``); a verified download (``COURSE_MIRROR`` replaces the
official hosts; ``COURSE_OFFLINE=1`` skips it); in quick mode only, an offline stand-in.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from helpers import config
from helpers.data import layout
from helpers.data.errors import DatasetNotFoundError, DownloadError, LayoutError
from helpers.data.registry import spec

# Files other programs put on the machine (DESIGN.md step 4). Tests point these elsewhere.
DEBIAN_FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")
STANDIN_SOURCE = "offline stand-in"
STANDIN_MARKER = "STANDIN.txt"  # helpers.standins writes it into every stand-in folder it draws


class DataWarning(UserWarning):
    """Something about the data a user should know: skipped files, an ignored broken copy."""


@dataclass(frozen=True)
class Located:
    """Where a dataset was found: its folder, why it was searched, and how complete it is."""

    name: str
    path: Path
    source: str
    complete: bool
    standin: bool
    count: int
    expected: int

    def describe(self) -> str:
        """Return 'from <folder> (<source>)' plus 'partial copy (N of M)' or the stand-in notice."""
        text = f"from {self.path} ({self.source})"
        if self.standin:
            return text + " · OFFLINE STAND-IN, not the real data"
        if not self.complete:
            return text + f" · partial copy ({self.count:,} of {self.expected:,})"
        return text


@dataclass(frozen=True)
class Place:
    """A folder where a dataset may be, and why the resolver looks there."""

    path: Path
    source: str


def keras_home() -> Path:
    """Return Keras' own cache folder (``KERAS_HOME`` or ``~/.keras``)."""
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras").expanduser()


def places(name: str) -> list[Place]:
    """Return every folder the resolver searches for dataset ``name``, in order."""
    dataset = spec(name)
    found = [Place(f.path / dataset.folder, f.source) for f in config.data_folders()]
    if name == "fashion_mnist":
        found.append(Place(keras_home() / "datasets" / "fashion-mnist", "Keras cache"))
        found.append(Place(DEBIAN_FASHION_MNIST, "Debian package dataset-fashion-mnist"))
    elif name == "cats_and_dogs_filtered":
        found.append(Place(keras_home() / "datasets" / "cats_and_dogs_filtered", "Keras cache"))
        for extracted in ("cats_and_dogs_filtered_extracted", "cats_and_dogs_extracted"):  # Keras 3
            found.append(Place(keras_home() / "datasets" / extracted / "cats_and_dogs_filtered",
                               "Keras cache"))
    elif name == "weights":
        found.append(Place(keras_home() / "models", "Keras cache"))
    return found


def is_marked_standin(name: str, folder: Path) -> bool:
    """Return True when the dataset folder, or a folder above it inside the dataset, is a stand-in."""
    depth = len(Path(spec(name).folder).parts)
    return any((above / STANDIN_MARKER).is_file() for above in [folder, *folder.parents][:depth])


def inspect(name: str, folder: Path, source: str, *, standin: bool = False) -> Located:
    """Count what ``folder`` holds of dataset ``name``; raise LayoutError when it is laid out wrong."""
    dataset = spec(name)
    count = layout.count(name, folder)
    standin = standin or is_marked_standin(name, folder)
    return Located(name, folder, source, complete=count >= dataset.expected and not standin,
                   standin=standin, count=count, expected=dataset.expected)


@dataclass
class Search:
    """What a search of the places found: the first good copy, broken copies, and the places looked."""

    found: Located | None
    broken: list[str]
    looked: list[str]


def find(name: str) -> Search:
    """Search the places for ``name`` without downloading or generating anything."""
    looked: list[str] = []
    broken: list[str] = []
    for place in places(name):
        if not layout.looks_present(name, place.path):
            looked.append(f"{place.source}: {place.path} (not there)")
            continue
        try:
            located = inspect(name, place.path, place.source)
        except LayoutError as error:
            looked.append(f"{place.source}: {place.path} (wrong layout)")
            broken.append(str(error))
            continue
        if located.count == 0:
            looked.append(f"{place.source}: {place.path} (no {spec(name).title} files in it)")
            continue
        if located.standin and not config.quick_mode():
            looked.append(f"{place.source}: {place.path} (an offline stand-in, not the real data)")
            continue
        looked.append(f"{place.source}: {place.path} (found)")
        return Search(located, broken, looked)
    return Search(None, broken, looked)


def at_path(name: str, path: str | os.PathLike[str]) -> Located:
    """Resolve a caller's path: the data folder, the dataset folder itself, or a folder in between."""
    dataset, path = spec(name), Path(path).expanduser()
    parts = Path(dataset.folder).parts
    candidates = [path.joinpath(*parts[i:]) for i in range(len(parts))] + [path]
    for candidate in candidates:
        if candidate.is_dir() and layout.looks_present(dataset.name, candidate) and candidate != path:
            return inspect(dataset.name, candidate, "the path you gave")
    if not path.exists():
        raise DatasetNotFoundError(
            f"{dataset.title}: the path you gave, {path}, does not exist. Give the data folder that "
            f"holds {dataset.folder}/, or that folder itself. Expected:\n{dataset.layout}"
        )
    located = inspect(dataset.name, path, "the path you gave")
    if located.count == 0:
        raise DatasetNotFoundError(
            f"{dataset.title}: the path you gave, {path}, holds no {dataset.title} files. Give the data "
            f"folder that holds {dataset.folder}/, or that folder itself. Expected:\n{dataset.layout}"
        )
    return located


def download_root() -> Path:
    """Return the first data folder that can be written to: where downloads go."""
    tried = []
    for folder in config.data_folders():
        try:
            folder.path.mkdir(parents=True, exist_ok=True)
            if os.access(folder.path, os.W_OK):
                return folder.path
            tried.append(f"{folder.path} (read-only)")
        except OSError as error:
            tried.append(f"{folder.path} ({error.strerror or error})")
    raise DownloadError("No data folder can be written to: " + "; ".join(tried))


def not_found_message(name: str, looked: list[str], download_note: str) -> str:
    """Return the one clear full-mode message: what is missing, where it looked, the two ways out."""
    dataset = spec(name)
    lines = [f"{dataset.title} ({name}) was not found, and full mode needs the real data.", "Looked in:"]
    lines += [f"  - {entry}" for entry in looked]
    lines.append(f"  - download: {download_note}")
    connect = "connect to the internet"
    if config.offline():
        connect = "unset COURSE_OFFLINE, " + connect
    lines += [
        "Two ways out:",
        f"  1. {connect} and run again, or stage it once with `python -m helpers.data fetch {name}`;",
        "  2. copy a staged data folder (from your instructor, or Drive) and set "
        "COURSE_DATA_DIR=/path/to/that/folder; it must hold:",
        *(f"       {line}" for line in dataset.layout.splitlines()),
    ]
    if dataset.has_standin:
        lines.append("(Quick mode, COURSE_QUICK=1, runs on an offline stand-in instead of the real data.)")
    return "\n".join(lines)


def locate(name: str, path: str | os.PathLike[str] | None = None, *, download: bool = True) -> Located:
    """Find dataset ``name`` in DESIGN.md's order, downloading or (quick mode) using a stand-in if needed."""
    dataset = spec(name)
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
    if name == "weights":
        note = "not tried (weights are fetched one file at a time: imagenet_weights)"
    elif not download:
        note = f"not tried (`python -m helpers.data fetch {name}` downloads it)"
    elif config.offline():
        note = "skipped (COURSE_OFFLINE=1)"
    else:
        from helpers.data.download import fetch

        try:
            return inspect(name, fetch(name) / dataset.folder, "downloaded")
        except DownloadError as error:
            note = f"failed: {error}"
            if not config.quick_mode():
                raise DatasetNotFoundError(not_found_message(name, search.looked, note)) from error
            warnings.warn(f"{dataset.title}: the download failed ({error}); using the offline stand-in.",
                          DataWarning, stacklevel=2)
    if config.quick_mode() and dataset.has_standin:
        from helpers.data.standin import ensure_standin

        root = ensure_standin(name)
        return inspect(name, root / dataset.folder, STANDIN_SOURCE, standin=True)
    raise DatasetNotFoundError(not_found_message(name, search.looked, note))
