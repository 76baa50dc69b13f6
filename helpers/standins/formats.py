"""Byte-exact writers for the stand-ins' on-disk formats: idx ``.gz``, binary PPM, GTSRB CSV, JPEG.

Every writer produces the same bytes for the same input (no time stamps, no file names in
headers), so that a stand-in written twice with one seed is identical, file for file.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from helpers.data.gtsrb_files import COLUMNS as GTSRB_CSV_HEADER  # the columns the loader reads

# idx type codes (third byte of the magic number), from Yann LeCun's MNIST page.
_IDX_TYPES = {np.dtype(np.uint8): 0x08}


def idx_bytes(array: np.ndarray) -> bytes:
    """Encode a uint8 array in the idx format of MNIST: magic ``0x0000 08 <ndim>``, big-endian sizes, data."""
    array = np.ascontiguousarray(array)
    if array.dtype not in _IDX_TYPES:
        raise TypeError(f"idx writer: expected a uint8 array, got {array.dtype}; "
                        "convert with array.astype(np.uint8) first")
    if not 1 <= array.ndim <= 255:
        raise ValueError(f"idx writer: an idx array needs 1 to 255 dimensions, got {array.ndim}")
    header = bytes([0, 0, _IDX_TYPES[array.dtype], array.ndim])
    dims = np.asarray(array.shape, dtype=">u4").tobytes()
    return header + dims + array.tobytes()


def write_idx_gz(path: Path, array: np.ndarray) -> Path:
    """Write ``array`` as a gzip-compressed idx file (mtime 0 and no name in the header: reproducible)."""
    path = Path(path)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as stream:
        stream.write(idx_bytes(array))
    path.write_bytes(buffer.getvalue())
    return path


def ppm_bytes(image: np.ndarray) -> bytes:
    """Encode an (H, W, 3) uint8 RGB array as a binary PPM (P6, maxval 255), as GTSRB's files are."""
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"PPM writer: expected an (H, W, 3) uint8 array, got {image.shape} "
                         f"{image.dtype}")
    height, width = image.shape[:2]
    return f"P6\n{width} {height}\n255\n".encode("ascii") + np.ascontiguousarray(image).tobytes()


def write_ppm(path: Path, image: np.ndarray) -> Path:
    """Write an (H, W, 3) uint8 RGB array as a binary PPM file."""
    path = Path(path)
    path.write_bytes(ppm_bytes(image))
    return path


def write_gtsrb_csv(path: Path, rows: Iterable[Sequence[object]]) -> Path:
    """Write a GTSRB annotation file: the official header, ``;``-separated, one row per image."""
    path = Path(path)
    lines = [";".join(GTSRB_CSV_HEADER)]
    for row in rows:
        if len(row) != len(GTSRB_CSV_HEADER):
            raise ValueError(f"GTSRB CSV writer: a row needs {len(GTSRB_CSV_HEADER)} fields "
                             f"({';'.join(GTSRB_CSV_HEADER)}), got {row!r}")
        lines.append(";".join(str(value) for value in row))
    path.write_text("\n".join(lines) + "\n", encoding="ascii", newline="\n")
    return path


def write_jpeg(path: Path, image: np.ndarray, *, quality: int = 90) -> Path:
    """Write an (H, W, 3) uint8 RGB array as a baseline JPEG (no EXIF, so reproducible)."""
    path = Path(path)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"JPEG writer: expected an (H, W, 3) uint8 array, got {image.shape} "
                         f"{image.dtype}")
    Image.fromarray(image, "RGB").save(path, format="JPEG", quality=quality)
    return path
