"""Safe zip extraction: every entry must land inside the target; links may not point out of it.

Entry names made on Windows use backslashes (``GTSRB\\Final_Training\\...``); they are read
as folder separators on every system, so such an archive extracts the same everywhere.
"""

from __future__ import annotations

import copy
import os
import shutil
import stat
import uuid
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from helpers.data.errors import DownloadError, UnsafeArchiveError


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def entry_name(name: str) -> str:
    """Return an entry's name with ``/`` separators (Windows tools write ``\\``)."""
    return name.replace("\\", "/")


def _link_target(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    return entry_name(archive.read(info).decode("utf-8", "replace"))


def _unsafe_name(name: str) -> str | None:
    """Return why an entry name is unsafe (absolute, drive letter, ``..``), or None."""
    if name.startswith(("/", "\\")) or PureWindowsPath(name).drive or PurePosixPath(name).is_absolute():
        return "an absolute path"
    if ".." in PurePosixPath(entry_name(name)).parts:
        return "a '..' component"
    if "\0" in name:
        return "a NUL character"
    return None


def _unsafe(source: str, name: str, reason: str) -> UnsafeArchiveError:
    return UnsafeArchiveError(
        f"{source} is unsafe and was not extracted: entry {name!r} has {reason}. "
        "Delete the file and download it again from the official source."
    )


def check_zip(archive: zipfile.ZipFile, source: str) -> None:
    """Raise UnsafeArchiveError naming the first entry that would leave the target folder."""
    links = {PurePosixPath(entry_name(info.filename)) for info in archive.infolist() if _is_link(info)}
    for info in archive.infolist():
        reason = _unsafe_name(info.filename)
        parents = PurePosixPath(entry_name(info.filename)).parents
        through = [str(parent) for parent in parents if parent in links]
        if reason is None and through:
            reason = f"a path through the link {through[0]!r}"
        if reason is None and _is_link(info):
            link = _link_target(archive, info)
            where = PurePosixPath(entry_name(info.filename)).parent / link
            if link.startswith(("/", "\\")) or PureWindowsPath(link).drive or _escapes(where):
                reason = f"a link to {link!r}, outside the target"
        if reason:
            raise _unsafe(source, info.filename, reason)


def _escapes(path: PurePosixPath) -> bool:
    depth = 0
    for part in path.parts:
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def _merge(src: Path, dst: Path) -> None:
    """Move the tree ``src`` into ``dst``, merging folders and replacing files."""
    if not dst.exists() and not dst.is_symlink():
        src.rename(dst)
        return
    if src.is_dir() and not src.is_symlink() and dst.is_dir() and not dst.is_symlink():
        for child in list(src.iterdir()):
            _merge(child, dst / child.name)
        src.rmdir()
        return
    if dst.is_dir() and not dst.is_symlink():
        shutil.rmtree(dst)
    else:
        dst.unlink()
    src.rename(dst)


def _extract_into(archive: zipfile.ZipFile, scratch: Path, source: str) -> None:
    """Extract the checked entries into ``scratch``: files first, then links, each link re-checked."""
    links = []
    for info in archive.infolist():
        if _is_link(info):
            links.append(info)
            continue
        named = copy.copy(info)  # the local header keeps the original name (orig_filename)
        named.filename = entry_name(info.filename)
        archive.extract(named, scratch)
    inside = scratch.resolve()
    for info in links:  # made last, so that no file is written through a link
        where = scratch / entry_name(info.filename)
        where.parent.mkdir(parents=True, exist_ok=True)
        where.symlink_to(_link_target(archive, info))
    for info in links:  # a chain of links can leave the target where each alone does not
        resolved = (scratch / entry_name(info.filename)).resolve()
        if resolved != inside and inside not in resolved.parents:
            raise _unsafe(source, info.filename, f"a link that resolves to {resolved}, outside the target")


def safe_extract(zip_path: str | os.PathLike[str], target: str | os.PathLike[str]) -> list[str]:
    """Check every entry, extract into a fresh folder inside ``target``, then move it into place."""
    zip_path, target = Path(zip_path), Path(target)
    target.mkdir(parents=True, exist_ok=True)
    scratch = target / f".extract-{uuid.uuid4().hex[:8]}"
    try:
        with zipfile.ZipFile(zip_path) as archive:
            check_zip(archive, str(zip_path))
            scratch.mkdir()
            _extract_into(archive, scratch, str(zip_path))
            names = [child.name for child in scratch.iterdir()]
        for child in list(scratch.iterdir()):
            _merge(child, target / child.name)
        return names
    except zipfile.BadZipFile as error:
        raise DownloadError(
            f"{zip_path} is not a valid zip file ({error}); delete it and download it again."
        ) from error
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
