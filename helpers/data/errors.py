"""The data layer's exceptions and warning: each message names the thing, the places looked and the fix."""

from __future__ import annotations

from pathlib import Path

from helpers.data.registry import spec


class CourseDataError(Exception):
    """Base of the data layer's errors: in a notebook, shown as their message, not a traceback.

    Each message already names the thing, the places looked and the fix; a traceback through
    the course's own code would only bury it. ``%tb`` still shows the whole traceback.
    """

    def _render_traceback_(self) -> list[str]:  # IPython's hook for custom error display
        return [f"{type(self).__name__}: {self}"]


class DataWarning(UserWarning):
    """Something about the data a user should know: skipped files, a broken copy, a mislaid folder."""


class DatasetNotFoundError(CourseDataError, FileNotFoundError):
    """A dataset is not staged anywhere the course looks, and could not be downloaded."""


class LayoutError(CourseDataError, ValueError):
    """A folder exists where a dataset should be, but its files are not laid out as expected (or damaged)."""


class DamagedImagesError(LayoutError):
    """Image files that Keras' loaders would stop on (truncated, empty, not images)."""


class DownloadError(CourseDataError, OSError):
    """A download failed (network, HTTP status, cut connection) after its retry."""


class ChecksumError(DownloadError):
    """A downloaded or staged file does not match its known hash or expected counts."""


class DiskError(DownloadError):
    """The disk is full, over its quota or read-only: retrying cannot help."""


class UnsafeArchiveError(CourseDataError, ValueError):
    """An archive holds an entry that would land outside the target folder, or would replace real data."""


class IdxFormatError(CourseDataError, ValueError):
    """A file is not a valid idx file (bad magic number, truncated data)."""


def wrong_layout(name: str, folder: Path, problem: str) -> LayoutError:
    """Return the LayoutError for ``name`` in ``folder``: the problem, the expected layout, the fix."""
    return LayoutError(
        f"{problem}\n{spec(name).title} in {folder} is not laid out as the official archive "
        f"extracts. Expected:\n{spec(name).layout}\nFix the folder, or fetch a clean copy with "
        f"`python -m helpers.data fetch {name} --force`."
    )
