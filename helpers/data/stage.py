"""Staging a lab: fetch, verify and describe each dataset and the ImageNet weights (the command line).

Each thing the command line knows is a ``Target``; datasets delegate to their handler, the
weights to their own table. ``fetch`` and ``list`` judge "complete" by the same test (the
resolver's search and the handler's count), so they never disagree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from helpers import config
from helpers.data import weights
from helpers.data.download import fetch_into
from helpers.data.errors import DatasetNotFoundError, DownloadError, LayoutError
from helpers.data.handlers import HANDLERS, Handler, Located
from helpers.data.places import download_root
from helpers.data.resolve import at_path, find
from helpers.data.standin_store import generated


@dataclass
class Verification:
    """The result of ``verify``: where the copy is, what is wrong with it, and whether it is complete."""

    name: str
    located: Located | None
    problems: list[str] = field(default_factory=list)
    checked: int = 0
    partial_is_fine: bool = False  # the weights: each notebook stages the files it needs
    fix: str = ""  # what to run when there are problems

    @property
    def ok(self) -> bool:
        """True when the copy is there, complete (or need not be), and every file is good."""
        complete = self.located is not None and (self.located.complete or self.partial_is_fine)
        return complete and not self.problems


def _data_root(located: Located, folder: str) -> Path:
    parts = Path(folder).parts
    path = located.path
    return path.parents[len(parts) - 1] if path.parts[-len(parts):] == parts else path


class DatasetTarget:
    """A dataset, as the command line stages it."""

    unit = ""

    def __init__(self, dataset: Handler) -> None:
        self.dataset = dataset
        self.name = dataset.name

    @property
    def title(self) -> str:
        """Return the dataset's title."""
        return self.dataset.title

    def fetch(self, to: str | os.PathLike[str] | None = None, *, progress: bool = True,
              force: bool = False) -> Path:
        """Download into ``to`` (default: the first writable data folder) unless a complete copy is found."""
        if to is None and not force:
            search = find(self.name)
            if search.found is not None and search.found.complete:
                print(f"{self.title}: already complete in {search.found.path} ({search.found.source}); "
                      "nothing to download (`--force` downloads it again).")
                return _data_root(search.found, self.dataset.spec.folder)
        return fetch_into(self.name, download_root() if to is None else to, progress=progress, force=force)

    def verify(self, path: str | os.PathLike[str] | None = None) -> Verification:
        """Check every file where the resolver finds the dataset (or at ``path``); download nothing."""
        try:
            search = None if path is not None else find(self.name)
            located = at_path(self.name, path) if search is None else search.found
        except (LayoutError, DatasetNotFoundError) as error:
            return Verification(self.name, None, [str(error)])
        if located is None and search is not None and search.broken_at:  # check the broken copy file by file
            place = search.broken_at[0]
            located = Located(self.name, place.path, place.source, complete=False, standin=False, count=0,
                              expected=self.dataset.spec.expected)
        result = Verification(self.name, located)
        if located is None:
            assert search is not None
            if search.broken:
                result.problems.append(search.broken[0])
            else:
                result.problems.append("not found; looked in:" + "".join(f"\n  - {e}" for e in search.looked))
            return result
        try:
            result.checked, result.problems = self.dataset.problems(located.path)
        except LayoutError as error:
            result.problems = [str(error)]
        if result.problems:
            result.fix = (f"`python -m helpers.data fetch {self.name} --force` replaces the copy with a "
                          "clean one (or copy the files named again).")
        return result

    def status(self) -> tuple[str, str, str]:
        """Return (images, copy, where) for the ``list`` table."""
        search = find(self.name)
        if search.found is not None:
            located = search.found
            copy = "complete" if located.complete else "stand-in" if located.standin else "partial"
            return f"{located.count:,} of {located.expected:,}", copy, f"{located.path} ({located.source})"
        if search.broken:
            return "-", "BROKEN", search.broken[0].splitlines()[0]
        if config.quick_mode():
            ready = generated(self.name)
            where = f"the offline stand-in in {ready}" if ready else "an offline stand-in (made on first use)"
            hint = f"quick mode uses {where}; `python -m helpers.data fetch {self.name}` stages the real data"
        else:
            hint = f"`python -m helpers.data fetch {self.name}`, or set COURSE_DATA_DIR to a staged folder"
        return "-", "missing", hint

    def searched(self) -> list[str]:
        """Return the places searched besides the data folders (the Keras cache, Debian's package)."""
        return [f"{place.path} ({place.source})" for place in self.dataset.machine_places()]


class WeightsTarget:
    """The ImageNet weight files the course knows, as the command line stages them."""

    name = "weights"
    title = "ImageNet weights"
    unit = " files"

    def _folder(self) -> tuple[Path, str] | None:
        for place in weights.places():
            if any((place.path / name).is_file() for name in weights.WEIGHTS):
                return place.path, place.source
        return None

    def _located(self, folder: Path, source: str) -> Located:
        count = sum(1 for name in weights.WEIGHTS if (folder / name).is_file())
        return Located(self.name, folder, source, complete=count >= len(weights.WEIGHTS), standin=False,
                       count=count, expected=len(weights.WEIGHTS))

    def fetch(self, to: str | os.PathLike[str] | None = None, *, progress: bool = True,
              force: bool = False) -> Path:
        """Download each weight file not yet staged intact into ``to/weights``."""
        if config.offline():
            raise DownloadError(f"{self.title}: COURSE_OFFLINE=1 switches downloads off; unset it to fetch.")
        root = Path(to).expanduser() if to is not None else download_root()
        for name, entry in weights.WEIGHTS.items():
            target = root / weights.FOLDER / name
            if not force and target.is_file() and weights.problem(target, entry) is None:
                continue
            weights.download(name, root, progress=progress)
        return root

    def verify(self, path: str | os.PathLike[str] | None = None) -> Verification:
        """Check the weight files present where they are found (or at ``path``)."""
        if path is not None:
            given = Path(path).expanduser()
            folder = given / weights.FOLDER if (given / weights.FOLDER).is_dir() else given
            if not folder.is_dir():
                return Verification(self.name, None, [f"the path you gave, {given}, does not exist."])
            place: tuple[Path, str] | None = (folder, "the path you gave")
        else:
            place = self._folder()
        if place is None:
            looked = "".join(f"\n  - {p.path} ({p.source})" for p in weights.places())
            return Verification(self.name, None, [f"not found; looked in:{looked}"], partial_is_fine=True)
        result = Verification(self.name, self._located(*place), partial_is_fine=True)
        for name, entry in weights.WEIGHTS.items():
            file = place[0] / name
            if file.is_file():
                result.checked += 1
                if (found := weights.problem(file, entry)) is not None:
                    result.problems.append(f"{name}: {found}")
        return result

    def status(self) -> tuple[str, str, str]:
        """Return (files, copy, where) for the ``list`` table."""
        place = self._folder()
        if place is None:
            return "-", "missing", ("Keras downloads them when online; stage them with "
                                    "`python -m helpers.data fetch weights`")
        located = self._located(*place)
        copy = "complete" if located.complete else "partial"
        return f"{located.count:,} of {located.expected:,}", copy, f"{located.path} ({located.source})"

    def searched(self) -> list[str]:
        """Return the places searched besides the data folders (Keras' model cache)."""
        return [f"{p.path} ({p.source})" for p in weights.places()[-1:]]


Target = DatasetTarget | WeightsTarget
TARGETS: dict[str, Target] = {**{name: DatasetTarget(h) for name, h in HANDLERS.items()},
                              "weights": WeightsTarget()}


def target(name: str) -> Target:
    """Return what the command line knows as ``name`` (a dataset, or ``weights``)."""
    try:
        return TARGETS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; the course knows: {', '.join(TARGETS)}") from None


def verify(name: str, path: str | os.PathLike[str] | None = None) -> Verification:
    """Check every file of ``name`` where the resolver finds it (or at ``path``); download nothing."""
    return target(name).verify(path)


def fetch(name: str, to: str | os.PathLike[str] | None = None, *, progress: bool = True,
          force: bool = False) -> Path:
    """Stage ``name`` into ``to`` (or the first writable data folder) unless a complete copy is found."""
    return target(name).fetch(to, progress=progress, force=force)
