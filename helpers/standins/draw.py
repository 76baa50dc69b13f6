"""Drawing primitives the stand-ins share: seeded generators, a transformable pen, noise, blur.

Shapes are described in the drawing's own coordinates (for example a unit square) and a
``Pen`` maps them through one affine transform (scale, rotation, shift) onto a Pillow
canvas, so that one description serves every size, position and small rotation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

Point = tuple[float, float]
Colour = int | tuple[int, ...]


def generator(seed: int, *keys: int) -> np.random.Generator:
    """A random generator for one item, keyed by the stand-in's seed and the item's indices.

    Keying each item separately keeps every image independent of how many others are drawn.
    """
    return np.random.default_rng(np.random.SeedSequence([int(seed) & 0xFFFFFFFF, *keys]))


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float,
        steps: int = 24) -> list[Point]:
    """Points along an elliptical arc from ``start`` to ``end`` degrees (0 = right, 90 = down)."""
    angles = np.radians(np.linspace(start, end, steps))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def ellipse(cx: float, cy: float, rx: float, ry: float, steps: int = 36) -> list[Point]:
    """A closed ellipse as a polygon (so that it rotates with the pen)."""
    return arc(cx, cy, rx, ry, 0.0, 360.0, steps + 1)[:-1]


def regular_polygon(cx: float, cy: float, radius: float, sides: int,
                    rotation: float = 0.0) -> list[Point]:
    """The corners of a regular polygon; ``rotation`` in degrees, first corner at the top."""
    return [(cx + radius * math.sin(math.radians(rotation + 360.0 * k / sides)),
             cy - radius * math.cos(math.radians(rotation + 360.0 * k / sides)))
            for k in range(sides)]


def rounded_polygon(points: Sequence[Point], radius: float, steps: int = 6) -> list[Point]:
    """Round the corners of a convex polygon by ``radius`` (road signs have rounded corners)."""
    out: list[Point] = []
    n = len(points)
    for i in range(n):
        p0, p1, p2 = np.asarray(points[i - 1]), np.asarray(points[i]), np.asarray(points[(i + 1) % n])
        d0 = (p0 - p1) / np.linalg.norm(p0 - p1)
        d2 = (p2 - p1) / np.linalg.norm(p2 - p1)
        half = math.acos(float(np.clip(np.dot(d0, d2), -1.0, 1.0))) / 2.0
        cut = radius / math.tan(half)
        start, end = p1 + d0 * cut, p1 + d2 * cut
        bisector = (d0 + d2) / np.linalg.norm(d0 + d2)
        centre = p1 + bisector * (radius / math.sin(half))
        a0 = math.atan2(start[1] - centre[1], start[0] - centre[0])
        a1 = math.atan2(end[1] - centre[1], end[0] - centre[0])
        sweep = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
        for t in np.linspace(0.0, 1.0, steps):
            a = a0 + sweep * t
            out.append((centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a)))
    return out


class Pen:
    """Draws shapes given in model coordinates onto a Pillow image through an affine map."""

    def __init__(self, image: Image.Image, *, scale: float = 1.0, rotation: float = 0.0,
                 origin: Point = (0.0, 0.0), offset: Point = (0.0, 0.0),
                 stretch: Point = (1.0, 1.0)) -> None:
        """Map model point p to ``offset + R(rotation) @ (scale * stretch * (p - origin))``."""
        self.image = image
        self.draw = ImageDraw.Draw(image)
        c, s = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
        sx, sy = scale * stretch[0], scale * stretch[1]
        a, b, cc, d = c * sx, -s * sy, s * sx, c * sy
        self._affine = (a, b, offset[0] - a * origin[0] - b * origin[1],
                        cc, d, offset[1] - cc * origin[0] - d * origin[1])

    @property
    def scale(self) -> float:
        """How many image pixels one model unit covers (the square root of the map's area factor)."""
        a, b, _, c, d, _ = self._affine
        return math.sqrt(abs(a * d - b * c))

    def child(self, centre: Point, scale: float, *, rotation: float = 0.0,
              mirror: bool = False) -> Pen:
        """A pen for a part drawn in its own unit box, placed at ``centre`` with size ``scale``.

        ``mirror`` flips the part left-right (for the left/right variants of a sign).
        """
        c, s = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
        fx = -1.0 if mirror else 1.0
        la, lb, lc, ld = c * scale * fx, -s * scale, s * scale * fx, c * scale
        a, b, tx, cc, d, ty = self._affine
        pen = Pen.__new__(Pen)
        pen.image, pen.draw = self.image, self.draw
        pen._affine = (a * la + b * lc, a * lb + b * ld, a * centre[0] + b * centre[1] + tx,
                       cc * la + d * lc, cc * lb + d * ld, cc * centre[0] + d * centre[1] + ty)
        return pen

    def map(self, points: Sequence[Point]) -> list[Point]:
        """Model points to image points."""
        a, b, tx, c, d, ty = self._affine
        return [(a * x + b * y + tx, c * x + d * y + ty) for x, y in points]

    def polygon(self, points: Sequence[Point], fill: Colour) -> None:
        """A filled polygon."""
        self.draw.polygon(self.map(points), fill=fill)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: Colour) -> None:
        """A filled ellipse (drawn as a polygon, so it follows rotation and stretch)."""
        steps = int(np.clip(2 * (rx + ry) * self.scale, 12, 90))
        self.polygon(ellipse(cx, cy, rx, ry, steps=steps), fill)

    def line(self, points: Sequence[Point], width: float, fill: Colour, *,
             round_caps: bool = True) -> None:
        """A polyline of model ``width`` with rounded joints and (by default) rounded ends."""
        mapped = self.map(points)
        w = max(1, round(width * self.scale))
        self.draw.line(mapped, fill=fill, width=w, joint="curve")
        if round_caps and w >= 3:
            r = w / 2.0
            for x, y in (mapped[0], mapped[-1]):
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def bezier(p0: Point, p1: Point, p2: Point, steps: int = 12) -> list[Point]:
    """Points along a quadratic Bezier curve from ``p0`` to ``p2`` pulled towards ``p1``."""
    t = np.linspace(0.0, 1.0, steps)[:, None]
    pts = (1 - t) ** 2 * np.asarray(p0) + 2 * (1 - t) * t * np.asarray(p1) + t**2 * np.asarray(p2)
    return [(float(x), float(y)) for x, y in pts]


def smooth_noise(rng: np.random.Generator, height: int, width: int, cells: float,
                 octaves: int = 1) -> np.ndarray:
    """Smooth random field in [0, 1] with about ``cells`` blobs across; octaves add finer detail."""
    total = np.zeros((height, width), dtype=np.float32)
    weight_sum = 0.0
    for octave in range(octaves):
        n = max(2, round(cells * 2**octave))
        gh = max(2, round(n * height / max(height, width)))
        gw = max(2, round(n * width / max(height, width)))
        grid = rng.random((gh, gw), dtype=np.float32)
        layer = np.asarray(Image.fromarray(grid, "F").resize((width, height), Image.BICUBIC))
        weight = 0.5**octave
        total += weight * layer
        weight_sum += weight
    total /= weight_sum
    lo, hi = float(total.min()), float(total.max())
    return (total - lo) / (hi - lo + 1e-6)


def blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur of a uint8 image (grey or RGB) with Pillow; ``sigma`` in pixels."""
    if sigma <= 0.05:
        return image
    return np.asarray(Image.fromarray(image).filter(ImageFilter.GaussianBlur(sigma)))


def to_uint8(values: np.ndarray) -> np.ndarray:
    """Round and clip floats to uint8."""
    return np.clip(np.rint(values), 0, 255).astype(np.uint8)


def perspective_coefficients(target: Sequence[Point], source: Sequence[Point]) -> list[float]:
    """Coefficients for ``Image.transform(..., Image.PERSPECTIVE)`` mapping quad ``target`` to ``source``.

    Pillow's perspective transform maps each output pixel (in ``target``) back to an input
    pixel (in ``source``); four point pairs fix the eight coefficients.
    """
    rows, rhs = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return [float(c) for c in np.linalg.solve(np.asarray(rows, float), np.asarray(rhs, float))]
