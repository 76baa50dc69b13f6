"""Reading images for the loaders: a strict, fast binary PPM (P6) reader, Pillow for the rest."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np


class UnreadableImageError(ValueError):
    """An image file is truncated, damaged or not an image."""


def _tokens(data: bytes, count: int) -> tuple[list[int], int]:
    """Return ``count`` integer header tokens after the magic number, and where the pixels start."""
    values: list[int] = []
    i = 2
    while len(values) < count:
        if i >= len(data):
            raise UnreadableImageError("truncated inside the PPM header")
        c = data[i]
        if c == ord("#"):
            end = data.find(b"\n", i)
            i = len(data) if end < 0 else end + 1
        elif chr(c).isspace():
            i += 1
        else:
            start = i
            while i < len(data) and chr(data[i]).isdigit():
                i += 1
            if start == i:
                raise UnreadableImageError(f"unexpected byte {data[i:i + 1]!r} in the PPM header")
            values.append(int(data[start:i]))
    if i >= len(data) or not chr(data[i]).isspace():
        raise UnreadableImageError("truncated after the PPM header")
    return values, i + 1


def read_ppm(path: str | os.PathLike[str]) -> np.ndarray:
    """Read a binary PPM (P6, 8 or 16 bit) into an (H, W, 3) uint8 array; raise when it is damaged."""
    data = Path(path).read_bytes()
    if data[:2] != b"P6":
        raise UnreadableImageError(f"not a binary PPM (starts with {data[:2]!r})")
    (width, height, maxval), start = _tokens(data, 3)
    if not (width > 0 and height > 0 and 0 < maxval < 65536):
        raise UnreadableImageError(f"unsupported PPM header {width}x{height}, maxval {maxval}")
    wide = maxval > 255  # 16-bit samples, big-endian (the Netpbm format)
    needed = width * height * 3 * (2 if wide else 1)
    got = len(data) - start
    if got < needed:
        raise UnreadableImageError(f"truncated: {got:,} of {needed:,} pixel bytes")
    dtype = np.dtype(">u2") if wide else np.dtype(np.uint8)
    pixels = np.frombuffer(data, dtype, width * height * 3, start).reshape(height, width, 3)
    if maxval != 255:
        scaled = np.rint(pixels.astype(np.float32) * (255.0 / maxval))
        return np.clip(scaled, 0, 255).astype(np.uint8)
    return pixels


def read_rgb(path: str | os.PathLike[str]) -> np.ndarray:
    """Read an image file as (H, W, 3) uint8 RGB: PPM by the strict reader, others by Pillow."""
    path = Path(path)
    if path.suffix.lower() == ".ppm":
        with path.open("rb") as probe:
            if probe.read(2) == b"P6":
                return read_ppm(path)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            return np.asarray(image.convert("RGB"))
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as error:
        raise UnreadableImageError(str(error)) from error
