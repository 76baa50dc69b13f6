"""Safe zip extraction: every entry must land inside the target; links may not point out of it.

Extraction goes into a scratch folder first (``extract``), where the caller can count and check
what arrived; only then is it merged into the data folder (``merge``), and a merge that would
replace a real folder by a file, or a file by a folder, is refused before anything moves.
Entry names made on Windows use backslashes (``GTSRB\\Final_Training\\...``); they are read
as folder separators on every system, so such an archive extracts the same everywhere.
"""

from __future__ import annotations

import copy
import errno
import os
import shutil
import stat
import uuid
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from helpers.data.errors import DiskError, DownloadError, UnsafeArchiveError

DISK_ERRORS = frozenset({errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)})


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


def _conflicts(src: Path, dst: Path) -> list[str]:
    """Return where merging ``src`` into ``dst`` would replace a folder by a file, or the reverse."""
    if not dst.exists() and not dst.is_symlink():
        return []
    src_dir = src.is_dir() and not src.is_symlink()
    if src_dir != dst.is_dir():
        kind = "a folder" if dst.is_dir() else "a file"
        other = "a folder" if src_dir else "a file"
        return [f"{dst} is {kind} in the data folder, but {other} in the archive"]
    if not src_dir:
        return []
    return [c for child in src.iterdir() for c in _conflicts(child, dst / child.name)]


def _move(src: Path, dst: Path) -> None:
    if not dst.exists() and not dst.is_symlink():
        dst.parent.mkdir(parents=True, exist_ok=True)
        src.rename(dst)
        return
    if src.is_dir() and not src.is_symlink():  # dst is a folder (or a link to one): merge into it
        for child in list(src.iterdir()):
            _move(child, dst / child.name)
        src.rmdir()
        return
    src.replace(dst)  # a file over a file: the checked archive's copy wins


def merge(src: Path, dst: Path) -> None:
    """Move the tree ``src`` into ``dst``, merging folders; refuse, changing nothing, a file/folder clash."""
    if conflicts := _conflicts(src, dst):
        more = f" (and {len(conflicts) - 3} more)" if len(conflicts) > 3 else ""
        raise UnsafeArchiveError(
            "Refusing to merge the download into the data folder, which would delete real data: "
            + "; ".join(conflicts[:3]) + more + ". Nothing was changed. Move that entry away, or fetch "
            "into an empty folder with `python -m helpers.data fetch NAME --to DIR`."
        )
    _move(src, dst)


def _check_space(archive: zipfile.ZipFile, target: Path, source: str) -> None:
    needed = sum(info.file_size for info in archive.infolist())
    free = shutil.disk_usage(target).free
    if needed > free:
        raise DiskError(
            f"Not enough disk space to extract {source}: it needs {needed:,} bytes, the disk holding "
            f"{target} has {free:,} free. Free some space, or fetch into another folder (--to DIR)."
        )


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


def extract(zip_path: str | os.PathLike[str], parent: str | os.PathLike[str]) -> Path:
    """Check every entry, then extract into a fresh scratch folder inside ``parent``; return that folder."""
    zip_path, parent = Path(zip_path), Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    scratch = parent / f".extract-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        with zipfile.ZipFile(zip_path) as archive:
            check_zip(archive, str(zip_path))
            _check_space(archive, parent, str(zip_path))
            scratch.mkdir()
            _extract_into(archive, scratch, str(zip_path))
        return scratch
    except zipfile.BadZipFile as error:
        shutil.rmtree(scratch, ignore_errors=True)
        raise DownloadError(
            f"{zip_path} is not a valid zip file ({error}); delete it and download it again."
        ) from error
    except OSError as error:
        shutil.rmtree(scratch, ignore_errors=True)
        if isinstance(error, DownloadError):
            raise
        if error.errno in DISK_ERRORS:
            raise DiskError(
                f"Extracting {zip_path} into {parent} failed: {error.strerror} (the disk holding {parent}; "
                f"{shutil.disk_usage(parent).free:,} bytes free). Nothing was kept."
            ) from error
        raise DownloadError(f"Extracting {zip_path} into {parent} failed: {error}. Nothing was kept.") \
            from error
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def safe_extract(zip_path: str | os.PathLike[str], target: str | os.PathLike[str]) -> list[str]:
    """Check every entry, extract into a scratch folder inside ``target``, then merge it into place."""
    target = Path(target)
    scratch = extract(zip_path, target)
    try:
        names = sorted(child.name for child in scratch.iterdir())
        merge(scratch, target)
        return names
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
