"""The one home of every file check: md5, idx content, HDF5 completeness, zip test, image files.

Each check returns why a file is bad (a short phrase), or None when it is good, so that the
loaders, ``verify``, ``fetch`` and the download all say the same thing about the same file.
Checks that read a whole file remember their verdict by the file's fingerprint (name, size,
modification time), so a large copy is read once, not at every load.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zipfile
from pathlib import Path

import numpy as np

from helpers.data.cache import remembered
from helpers.data.errors import IdxFormatError
from helpers.data.idx import open_idx, read_idx_header

CHUNK = 1 << 20
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif")


def md5_file(path: str | os.PathLike[str]) -> str:
    """Return the md5 hex digest of a file, read in chunks."""
    digest = hashlib.md5()
    with Path(path).open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def content_md5(path: str | os.PathLike[str]) -> str:
    """Return the md5 of a file's uncompressed content (the same for any gzip of the same data)."""
    digest = hashlib.md5()
    with open_idx(Path(path)) as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _idx_problem(path: Path, gz_md5: str | None, idx_md5: str | None,
                 official_length: int | None) -> str | None:
    if gz_md5 is not None and md5_file(path) == gz_md5:
        return None
    try:
        dtype, shape = read_idx_header(path)
    except IdxFormatError as error:
        return str(error).removeprefix(f"{path} ")
    declared = int(np.prod(shape)) * dtype.itemsize + 4 + 4 * len(shape)
    digest, size = hashlib.md5(), 0
    try:
        with open_idx(path) as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except (OSError, EOFError) as error:
        return f"not a readable gzip/idx file ({error})"
    if size != declared:
        return f"truncated or padded: its header declares {shape}, {declared:,} bytes, but it holds {size:,}"
    if idx_md5 is not None and official_length is not None and shape[:1] == (official_length,):
        got = digest.hexdigest()
        if got != idx_md5:
            return f"its content md5 {got} is not the official {idx_md5}"
    return None


def idx_problem(path: Path, *, gz_md5: str | None = None, idx_md5: str | None = None,
                official_length: int | None = None) -> str | None:
    """Return why an idx file (``.gz`` or plain) is bad: unreadable, cut short, or not the official content.

    The official ``.gz`` passes by its md5; any other gzip must hold a whole idx file, and one of
    the official length must hold the official content (Debian re-gzips the same data).
    """
    path = Path(path)
    return remembered("idx", [path], lambda: _idx_problem(path, gz_md5, idx_md5, official_length),
                      gz_md5, idx_md5, official_length)


def hdf5_problem(path: Path) -> str | None:
    """Return why ``path`` is not a whole HDF5 file (not HDF5, shorter than its superblock says), or None."""
    path = Path(path)
    size = path.stat().st_size
    with path.open("rb") as stream:
        offset = 0
        while offset + 8 <= size:  # the superblock sits at 0, 512, 1024, 2048, ... (after a user block)
            stream.seek(offset)
            if stream.read(8) == HDF5_MAGIC:
                break
            offset = 512 if offset == 0 else offset * 2
        else:
            return "not an HDF5 (.h5) weight file"
        head = stream.read(64)
    if not head:
        return "an HDF5 file cut short inside its superblock"
    version = head[0]
    if version in (0, 1):
        offsets = head[5]
        start = 16 + (4 if version == 1 else 0)  # versions, sizes, K values, flags (+ indexed K)
    elif version in (2, 3):
        offsets = head[1]
        start = 4
    else:
        return f"an HDF5 superblock of unknown version {version}"
    if offsets not in (4, 8):
        return f"an HDF5 superblock with an unusual offset size {offsets}"
    fmt = "<I" if offsets == 4 else "<Q"
    fields = [start + i * offsets for i in range(4)]
    if fields[-1] + offsets > len(head):
        return "an HDF5 file cut short inside its superblock"
    base = struct.unpack_from(fmt, head, fields[0])[0]
    eof_field = fields[2]  # v0/1: base, free space, EOF, driver; v2/3: base, extension, EOF, root
    end = struct.unpack_from(fmt, head, eof_field)[0]
    needed = base + end  # addresses count from the base address (the superblock's, after a user block)
    if size < needed:
        return f"cut short: its HDF5 superblock says {needed:,} bytes, the file has {size:,}"
    return None


def zip_problem(path: Path) -> str | None:
    """Return why ``path`` is not a whole zip file (every entry's CRC is checked), or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return f"not a valid zip file ({error})"
    return f"damaged zip entry {bad}" if bad else None


def is_image_name(name: str) -> bool:
    """Return True for an image file name; hidden files (macOS ``._cat.1.jpg``, ``.DS_Store``) are junk."""
    return not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES


def _looks_whole(head: bytes, tail: bytes, size: int) -> bool | None:
    """True: the markers of a whole file; False: not this format; None: suspicious (decode to decide)."""
    if head.startswith(b"\xff\xd8\xff"):
        return True if b"\xff\xd9" in tail else None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return True if b"IEND" in tail else None
    if head.startswith((b"GIF87a", b"GIF89a")):
        return True if tail.endswith(b";") else None
    if head.startswith(b"BM") and len(head) >= 6:
        return True if struct.unpack_from("<I", head, 2)[0] <= size else None
    return False


def _image_problem(path: Path) -> str | None:
    size = path.stat().st_size
    if size == 0:
        return "an empty file"
    with path.open("rb") as stream:
        head = stream.read(16)
        stream.seek(max(0, size - 64))
        tail = stream.read()
    whole = _looks_whole(head, tail, size)
    if whole:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            kind = image.format
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as error:
        return f"not a readable image ({error})" if whole is None else "not an image file"
    if whole is False:  # Pillow reads it, but Keras' loaders decode only JPEG, PNG, GIF and BMP
        return f"a {kind} file, which Keras' directory loaders cannot decode"
    return None


def image_problems(paths: list[Path]) -> dict[str, str]:
    """Return {file name relative to their common folder: problem} for the damaged images among ``paths``.

    Cheap: each file's size and its format's start and end markers, and a decode only when
    those look wrong; the verdict is remembered by the files' fingerprint.
    """
    paths = sorted(Path(p) for p in paths)

    def compute() -> dict[str, str]:
        bad = {}
        for path in paths:
            try:
                problem = _image_problem(path)
            except OSError as error:
                problem = f"cannot be read ({error.strerror or error})"
            if problem:
                bad[str(path)] = problem
        return bad

    return remembered("images", paths, compute)
