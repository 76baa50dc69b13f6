"""Verified downloads: streamed with a progress bar, checked, written atomically, retried once.

A file reaches its final name only after its check passed (temporary file, then rename), and
an archive is extracted into a scratch folder, counted and checked there, and merged into the
data folder only when it passed: an interrupted, corrupted or unofficial download never leaves
a file that later passes as good, and never replaces a good one. One process at a time fetches
a dataset into a folder. Disk errors (full, over quota, read-only) are not retried.
``COURSE_MIRROR`` replaces the official hosts (same file names under one base URL).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import shutil
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from helpers import config
from helpers.data import archive
from helpers.data.archive import DISK_ERRORS
from helpers.data.cache import remove_leftovers
from helpers.data.errors import ChecksumError, DiskError, DownloadError, LayoutError
from helpers.data.handlers import Check, Handler, handler
from helpers.data.locks import folder_lock
from helpers.data.registry import Remote

CHUNK = 1 << 20
TIMEOUT_S = 60
USER_AGENT = "cnn-course-helpers (python urllib)"
NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError)


def source_url(remote: Remote) -> str:
    """Return where to download ``remote`` from: the lab mirror when set, else the official URL."""
    base = config.mirror()
    return base + remote.filename if base else remote.url


def _disk_error(error: OSError, path: Path, needed: int | None) -> DownloadError:
    free = shutil.disk_usage(path.parent).free if path.parent.is_dir() else 0
    size = f"it needs {needed:,} bytes, " if needed else ""
    if error.errno in DISK_ERRORS:
        return DiskError(f"Cannot write {path}: {error.strerror} ({size}the disk holding {path.parent} has "
                         f"{free:,} bytes free). Free some space or choose another folder; nothing was kept.")
    return DownloadError(f"Cannot write {path}: {error.strerror or error}. Nothing was kept.")


def _stream(url: str, part: Path, *, progress: bool, timeout: float) -> str:
    """Download ``url`` into ``part``; return its md5; raise when the transfer is cut short."""
    from tqdm import tqdm

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    digest = hashlib.md5()
    received = 0
    with urllib.request.urlopen(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        if total is not None and total > shutil.disk_usage(part.parent).free:
            raise _disk_error(OSError(28, os.strerror(28)), part, total)
        try:
            out = part.open("wb")
        except OSError as error:
            raise _disk_error(error, part, total) from error
        with out, tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                       desc=Path(url).name or url, disable=not progress, leave=False) as bar:
            while chunk := response.read(CHUNK):
                try:
                    out.write(chunk)
                except OSError as error:
                    raise _disk_error(error, part, total) from error
                digest.update(chunk)
                received += len(chunk)
                bar.update(len(chunk))
            try:
                out.flush()
            except OSError as error:
                raise _disk_error(error, part, total) from error
    if total is not None and received != total:
        raise DownloadError(f"the connection was cut: received {received:,} of {total:,} bytes")
    return digest.hexdigest()


def download_file(url: str, dest: str | os.PathLike[str], *, md5: str | None = None,
                  check: Check | None = None, progress: bool = True, attempts: int = 2,
                  timeout: float = TIMEOUT_S) -> Path:
    """Download ``url`` to ``dest``, check its md5 (and ``check``), rename into place; retry once."""
    dest = Path(dest)
    made = [p for p in [dest.parent, *dest.parent.parents] if not p.exists()]
    dest.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(dest.parent)
    failures: list[str] = []
    bad_content = False
    try:
        for attempt in range(1, attempts + 1):
            part = dest.with_name(f".{dest.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part")
            try:
                got = _stream(url, part, progress=progress, timeout=timeout)
                if md5 is not None and got != md5:
                    raise ChecksumError(f"md5 {got} does not match the known md5 {md5}")
                if check is not None and (problem := check(part)):
                    raise ChecksumError(problem)
                part.replace(dest)
                made.clear()
                return dest
            except urllib.error.HTTPError as error:
                if error.code in (401, 403, 404, 410):  # permanent: retrying cannot help
                    raise DownloadError(
                        f"{url} answered HTTP {error.code} ({error.reason}). If COURSE_MIRROR is set, "
                        f"check that the mirror serves {dest.name}."
                    ) from error
                failures.append(f"attempt {attempt}: HTTP {error.code} {error.reason}")
            except ChecksumError as error:
                bad_content = True
                failures.append(f"attempt {attempt}: {error}")
            except DiskError:
                raise  # a full disk stays full: say so now
            except (DownloadError, *NETWORK_ERRORS) as error:
                reason = getattr(error, "reason", None) or error
                failures.append(f"attempt {attempt}: {type(error).__name__}: {reason}")
            finally:
                with contextlib.suppress(OSError):
                    part.unlink(missing_ok=True)
    finally:
        for folder in made:  # folders this download created and left empty
            with contextlib.suppress(OSError):
                folder.rmdir()
    kind = ChecksumError if bad_content and len(failures) == attempts else DownloadError
    raise kind(
        f"Could not download {url} to {dest} ({'; '.join(failures)}). Nothing was kept. "
        "Check the connection (or COURSE_MIRROR) and try again."
    )


def is_complete(dataset: Handler, folder: Path) -> bool:
    """Return True when ``folder`` holds a complete, undamaged copy (``list`` and ``fetch`` share it)."""
    if not dataset.looks_present(folder):
        return False
    try:
        return dataset.inspect(folder, "").complete
    except LayoutError:
        return False


def _fetch_files(dataset: Handler, root: Path, *, progress: bool, force: bool) -> None:
    """Download the dataset's plain files (not archives) into place, each checked on its own."""
    for remote in dataset.spec.remotes:
        if remote.extract_to is not None:
            continue
        md5, check = dataset.download_check(remote)
        target = root / remote.keep_in / remote.filename
        if not force and target.is_file() and check is not None and check(target) is None:
            continue
        download_file(source_url(remote), target, md5=md5, check=check, progress=progress)


def _fetch_archives(dataset: Handler, root: Path, *, progress: bool) -> None:
    """Download the dataset's archives, extract them into a scratch folder, check there, then merge."""
    remotes = [remote for remote in dataset.spec.remotes if remote.extract_to is not None]
    if not remotes:
        return
    scratch = root / f".fetch-{dataset.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    folder = dataset.spec.folder
    try:
        for remote in remotes:
            md5, check = dataset.download_check(remote)
            zip_path = download_file(source_url(remote), scratch / ".downloads" / remote.filename,
                                     md5=md5, check=check, progress=progress)
            extracted = archive.extract(zip_path, scratch)
            zip_path.unlink()
            archive.merge(extracted, scratch / remote.extract_to)
        with contextlib.suppress(OSError):
            (scratch / ".downloads").rmdir()
        try:
            got = dataset.count(scratch / folder)
            problems = dataset.fetched_problems(scratch / folder)
        except LayoutError as error:
            raise ChecksumError(f"{dataset.title}: the download is not the official archive: {error}\n"
                                f"Nothing was changed in {root}.") from error
        if got != dataset.spec.expected or problems:
            what = (f"holds {got:,} of the {dataset.spec.expected:,} expected files" if not problems
                    else f"holds damaged files ({'; '.join(problems[:5])})")
            raise ChecksumError(f"{dataset.title}: after extraction the download {what}; the archive is not "
                                f"the official one. Nothing was changed in {root}.")
        archive.merge(scratch, root)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def fetch_into(name: str, root: str | os.PathLike[str], *, progress: bool = True,
               force: bool = False) -> Path:
    """Download, verify and extract dataset ``name`` into data folder ``root`` (locked); return ``root``."""
    dataset = handler(name)
    if config.offline():
        raise DownloadError(f"{dataset.title}: COURSE_OFFLINE=1 switches downloads off; unset it to fetch.")
    root = Path(root).expanduser()
    made = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    folder = root / dataset.spec.folder
    try:
        with folder_lock(root, name):
            if not force and is_complete(dataset, folder):  # maybe another process just fetched it
                print(f"{dataset.title}: already complete in {folder}; nothing to download "
                      "(`--force` downloads it again).")
                return root
            where = config.mirror() or "the official source"
            print(f"{dataset.title}: downloading {len(dataset.spec.remotes)} file(s) from {where} into "
                  f"{root} ...", flush=True)
            _fetch_files(dataset, root, progress=progress, force=force)
            _fetch_archives(dataset, root, progress=progress)
            try:
                got = dataset.count(folder)
            except LayoutError as error:
                raise ChecksumError(f"{dataset.title}: after the download, {error}") from error
            if got < dataset.spec.expected:
                raise ChecksumError(f"{dataset.title}: after the download {folder} holds {got:,} of the "
                                    f"{dataset.spec.expected:,} expected files.")
            print(f"{dataset.title}: {got:,} files verified in {folder}.")
            return root
    finally:
        if made:
            with contextlib.suppress(OSError):
                root.rmdir()  # only when the failed fetch left it empty
