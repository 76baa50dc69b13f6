"""Verified downloads: streamed with a progress bar, checked, written atomically, retried once.

A file reaches its final name only after its check passed (temporary file, then rename), so an
interrupted or corrupted download never leaves a file that later passes as good.
``COURSE_MIRROR`` replaces the official hosts (same file names under one base URL).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

from helpers import config
from helpers.data import layout
from helpers.data.archive import safe_extract
from helpers.data.errors import ChecksumError, DownloadError, LayoutError
from helpers.data.idx import content_md5
from helpers.data.registry import FASHION_MNIST_FILES, Remote, spec

CHUNK = 1 << 20
TIMEOUT_S = 60
USER_AGENT = "cnn-course-helpers (python urllib)"
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"

Check = Callable[[Path], str | None]  # returns why a file is bad, or None when it is good


def md5_file(path: str | os.PathLike[str]) -> str:
    """Return the md5 hex digest of a file, read in chunks."""
    digest = hashlib.md5()
    with Path(path).open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def source_url(remote: Remote) -> str:
    """Return where to download ``remote`` from: the lab mirror when set, else the official URL."""
    base = config.mirror()
    return base + remote.filename if base else remote.url


def _stream(url: str, part: Path, *, progress: bool, timeout: float) -> str:
    """Download ``url`` into ``part``; return its md5; raise when the transfer is cut short."""
    from tqdm import tqdm

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    digest = hashlib.md5()
    received = 0
    with urllib.request.urlopen(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        with part.open("wb") as out, tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                                          desc=Path(url).name or url, disable=not progress,
                                          leave=False) as bar:
            while chunk := response.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                bar.update(len(chunk))
    if total is not None and received != total:
        raise DownloadError(f"the connection was cut: received {received:,} of {total:,} bytes")
    return digest.hexdigest()


def download_file(url: str, dest: str | os.PathLike[str], *, md5: str | None = None,
                  check: Check | None = None, progress: bool = True, attempts: int = 2,
                  timeout: float = TIMEOUT_S) -> Path:
    """Download ``url`` to ``dest``, check its md5 (and ``check``), rename into place; retry once."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    bad_content = False
    for attempt in range(1, attempts + 1):
        part = dest.with_name(f".{dest.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part")
        try:
            got = _stream(url, part, progress=progress, timeout=timeout)
            if md5 is not None and got != md5:
                raise ChecksumError(f"md5 {got} does not match the known md5 {md5}")
            if check is not None and (problem := check(part)):
                raise ChecksumError(problem)
            part.replace(dest)
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
        except (urllib.error.URLError, http.client.HTTPException, OSError, DownloadError) as error:
            reason = getattr(error, "reason", None) or error
            failures.append(f"attempt {attempt}: {type(error).__name__}: {reason}")
        finally:
            part.unlink(missing_ok=True)
    kind = ChecksumError if bad_content and len(failures) == attempts else DownloadError
    raise kind(
        f"Could not download {url} to {dest} ({'; '.join(failures)}). Nothing was kept. "
        "Check the connection (or COURSE_MIRROR) and try again."
    )


def _zip_ok(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError) as error:
        return f"not a valid zip file ({error})"
    return f"damaged zip entry {bad}" if bad else None


def _fashion_check(filename: str) -> Check:
    gz_md5, idx_md5 = FASHION_MNIST_FILES[filename]

    def check(path: Path) -> str | None:
        """Accept the official .gz, or any gzip (Debian's) of the official idx content."""
        if md5_file(path) == gz_md5:
            return None
        try:
            got = content_md5(path)
        except (OSError, EOFError) as error:
            return f"not a readable gzip/idx file ({error})"
        return None if got == idx_md5 else f"content md5 {got} does not match the official {idx_md5}"

    return check


def hdf5_check(path: Path) -> str | None:
    """Return why ``path`` is not an HDF5 file (a mirror's login page, say), or None when it is one."""
    with path.open("rb") as stream:
        return None if stream.read(8) == HDF5_MAGIC else "not an HDF5 (.h5) weight file"


def check_for(remote: Remote) -> tuple[str | None, Check | None]:
    """Return (md5, extra check) for a remote file: hashes where known, structure where not."""
    if remote.filename in FASHION_MNIST_FILES:
        return None, _fashion_check(remote.filename)
    if remote.filename.endswith(".h5"):
        return remote.md5, hdf5_check
    if remote.md5 is None and remote.filename.endswith(".zip"):
        return None, _zip_ok
    return remote.md5, None


def fetch_remote(remote: Remote, root: Path, *, progress: bool = True) -> None:
    """Download one official file into data folder ``root`` (extracting a zip safely)."""
    md5, check = check_for(remote)
    url = source_url(remote)
    if remote.extract_to is None:
        download_file(url, root / remote.keep_in / remote.filename, md5=md5, check=check, progress=progress)
        return
    downloads = root / ".downloads"
    archive = downloads / f"{os.getpid()}-{uuid.uuid4().hex[:8]}" / remote.filename  # one per fetch
    try:
        download_file(url, archive, md5=md5, check=check, progress=progress)
        safe_extract(archive, root / remote.extract_to)
    finally:
        archive.unlink(missing_ok=True)
        for folder in (archive.parent, downloads):
            with contextlib.suppress(OSError):  # not empty: another fetch is using it
                folder.rmdir()


def fetch(name: str, to: str | os.PathLike[str] | None = None, *, progress: bool = True,
          force: bool = False) -> Path:
    """Download, verify and extract dataset ``name`` into a data folder; return that data folder."""
    from helpers.data.resolve import download_root

    dataset = spec(name)
    if config.offline():
        raise DownloadError(f"{dataset.title}: COURSE_OFFLINE=1 switches downloads off; unset it to fetch.")
    root = Path(to).expanduser() if to is not None else download_root()
    folder = root / dataset.folder
    if not force and _complete(name, folder):
        print(f"{dataset.title}: already complete in {folder}; nothing to download.")
        return root
    where = config.mirror() or "the official source"
    print(f"{dataset.title}: downloading {len(dataset.remotes)} file(s) from {where} into {root} ...",
          flush=True)
    for remote in dataset.remotes:
        if remote.extract_to is None and not force and (root / remote.keep_in / remote.filename).is_file():
            md5, check = check_for(remote)
            target = root / remote.keep_in / remote.filename
            if (md5 is None or md5_file(target) == md5) and (check is None or check(target) is None):
                continue
        fetch_remote(remote, root, progress=progress)
    try:
        got = layout.count(name, folder)
    except LayoutError as error:
        raise ChecksumError(f"{dataset.title}: after extraction, {error}") from error
    if got != dataset.expected:
        raise ChecksumError(
            f"{dataset.title}: after extraction {folder} holds {got:,} of the {dataset.expected:,} "
            "expected files; the archive is not the official one. Delete the folder and fetch again."
        )
    print(f"{dataset.title}: {got:,} files verified in {folder}.")
    return root


def _complete(name: str, folder: Path) -> bool:
    if not layout.looks_present(name, folder):
        return False
    try:
        return layout.count(name, folder) >= spec(name).expected
    except LayoutError:
        return False

