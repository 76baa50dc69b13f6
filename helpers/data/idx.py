"""A small reader for the idx format (MNIST, Fashion-MNIST), gzipped or not."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import BinaryIO

import numpy as np

from helpers.data.errors import IdxFormatError

# idx type codes -> big-endian numpy dtypes (http://yann.lecun.com/exdb/mnist/, "THE IDX FILE FORMAT")
_DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
_GZIP_MAGIC = b"\x1f\x8b"


def open_idx(path: Path) -> BinaryIO:
    """Open an idx file for reading, decompressing it when it is gzipped (by its magic bytes)."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == _GZIP_MAGIC
    return gzip.open(path, "rb") if gzipped else path.open("rb")  # type: ignore[return-value]


def read_idx_header(path: str | os.PathLike[str]) -> tuple[np.dtype, tuple[int, ...]]:
    """Return the dtype and shape an idx file declares, reading only its header."""
    path = Path(path)
    with open_idx(path) as stream:
        return _header(stream, path)


def _header(stream: BinaryIO, path: Path) -> tuple[np.dtype, tuple[int, ...]]:
    try:
        magic = stream.read(4)
    except (OSError, EOFError) as error:
        raise IdxFormatError(f"{path} cannot be read as idx data: {error}") from error
    if len(magic) != 4 or magic[:2] != b"\0\0" or magic[2] not in _DTYPES or magic[3] == 0:
        raise IdxFormatError(
            f"{path} is not an idx file (its first bytes are {magic.hex()}, an idx file starts "
            "with 00 00, a type code and the number of dimensions)."
        )
    ndim = magic[3]
    raw = stream.read(4 * ndim)
    if len(raw) != 4 * ndim:
        raise IdxFormatError(f"{path} is truncated inside its idx header.")
    shape = tuple(int(n) for n in np.frombuffer(raw, ">u4"))
    return np.dtype(_DTYPES[magic[2]]), shape


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """Read an idx file (``.gz`` or plain) into a writable array in native byte order."""
    path = Path(path)
    with open_idx(path) as stream:
        dtype, shape = _header(stream, path)
        array = np.empty(shape, dtype=dtype)
        view = memoryview(array.reshape(-1).view(np.uint8))
        filled = 0
        try:
            while filled < len(view):
                n = stream.readinto(view[filled:])
                if not n:
                    break
                filled += n
        except (OSError, EOFError) as error:
            raise IdxFormatError(f"{path} is damaged ({error}).") from error
        if filled != len(view):
            raise IdxFormatError(
                f"{path} is truncated: its header declares {shape} ({len(view):,} bytes of data) "
                f"but it holds {filled:,}."
            )
        if stream.read(1):
            raise IdxFormatError(f"{path} holds more data than its header declares {shape}.")
    return array.astype(array.dtype.newbyteorder("="), copy=False)
