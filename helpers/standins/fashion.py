"""Fashion-MNIST stand-in: ten drawn clothing silhouettes, 28x28 grey on black, as idx ``.gz`` files.

Each class is a parametric silhouette in a unit box (x right, y down, the garment roughly
filling it, shoes with the toe to the left as in Fashion-MNIST); every image varies its
proportions, size, position, shade, texture and a small rotation, drawn at 4x and shrunk
with area averaging, like the real images were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from helpers.standins.draw import Pen, arc, generator, smooth_noise, to_uint8
from helpers.standins.formats import write_idx_gz
from helpers.standins.guard import claim_folder

SIZE = 28
_SUPER = 4
_CANVAS = SIZE * _SUPER

# Keras' cache names, which the data layer looks for under <data_root>/fashion-mnist/.
FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}

_TRAIN, _TEST = 1, 2  # stream keys, so the two splits never share an image

Detail = Callable[[Pen, float], None]


def _u(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(rng.uniform(lo, hi))


# --- silhouettes -----------------------------------------------------------------------
# Each returns (outline polygons, detail drawer, aspect) in a box x in [0, 1], y in [0, 1].

def _top(rng: np.random.Generator, long_sleeves: bool, length: float) -> list[list[tuple]]:
    """Body plus sleeves of an upper garment; shared by T-shirt, pullover, coat and shirt."""
    shoulder = _u(rng, 0.28, 0.34)
    waist = _u(rng, 0.22, 0.3)
    hem = length
    neck = _u(rng, 0.09, 0.14)
    body = [(0.5 - neck, 0.02), (0.5 - shoulder, 0.07), (0.5 - waist, 0.4), (0.5 - waist - 0.01, hem),
            (0.5 + waist + 0.01, hem), (0.5 + waist, 0.4), (0.5 + shoulder, 0.07), (0.5 + neck, 0.02),
            (0.5, 0.02 + _u(rng, 0.03, 0.1))]
    shapes = [body]
    if long_sleeves:
        end_y = _u(rng, 0.78, min(0.98, hem + 0.05))
        spread = _u(rng, 0.0, 0.12)
        cuff = _u(rng, 0.07, 0.1)
        for side in (-1, 1):
            sx = 0.5 + side * shoulder
            ex = 0.5 + side * (waist + 0.1 + spread)
            shapes.append([(sx, 0.07), (sx + side * 0.08, 0.12), (ex + side * cuff, end_y),
                           (ex - side * 0.0, end_y + 0.01), (0.5 + side * (waist + 0.02), 0.42)])
    else:
        reach = _u(rng, 0.44, 0.5)
        drop = _u(rng, 0.28, 0.4)
        for side in (-1, 1):
            sx = 0.5 + side * shoulder
            shapes.append([(sx, 0.07), (0.5 + side * reach, drop - 0.1),
                           (0.5 + side * (reach - 0.08), drop + 0.02), (0.5 + side * (waist + 0.01), 0.3)])
    return shapes


def _tshirt(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    if rng.random() < 0.25:  # tank top / vest, as in the real class
        strap = _u(rng, 0.06, 0.1)
        w = _u(rng, 0.24, 0.3)
        shape = [(0.5 - w + 0.02, 0.02), (0.5 - w + 0.02 + strap, 0.02), (0.5, 0.22),
                 (0.5 + w - 0.02 - strap, 0.02), (0.5 + w - 0.02, 0.02), (0.5 + w, 0.3),
                 (0.5 + w + 0.02, 0.98), (0.5 - w - 0.02, 0.98), (0.5 - w, 0.3)]
        return [shape], None, 1.0
    return _top(rng, long_sleeves=False, length=_u(rng, 0.9, 0.99)), None, 1.0


def _trouser(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    waist = _u(rng, 0.08, 0.16)  # distance of the waistband's ends from the box's sides
    hem_w = _u(rng, 0.28, 0.42)  # width of one leg at the hem
    flare = _u(rng, -0.08, 0.02)
    gap = _u(rng, 0.02, 0.08)
    crotch = _u(rng, 0.22, 0.34)
    left = [(waist, 0.0), (0.5, 0.0), (0.5, crotch), (0.5 - gap, 1.0),
            (0.5 - gap - hem_w, 1.0), (waist + flare * 0.5, 0.55)]
    shapes = [left, [(1.0 - x, y) for x, y in left]]

    def detail(pen: Pen, shade: float) -> None:
        pen.line([(waist, 0.05), (1.0 - waist, 0.05)], 0.012, int(shade * 0.6))

    return shapes, detail, _u(rng, 0.4, 0.55)


def _pullover(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    shapes = _top(rng, long_sleeves=True, length=_u(rng, 0.86, 0.97))
    rib = rng.random() < 0.6

    def detail(pen: Pen, shade: float) -> None:
        if rib:
            pen.line([(0.25, 0.9), (0.75, 0.9)], 0.02, int(shade * 0.75))
        pen.line(arc(0.5, 0.02, 0.1, 0.07, 0, 180, 10), 0.02, int(shade * 0.7))

    return shapes, detail, 1.0


def _dress(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    top = _u(rng, 0.2, 0.28)
    waist_y = _u(rng, 0.3, 0.45)
    waist = _u(rng, 0.16, 0.24)
    hem = _u(rng, 0.42, 0.5)
    shape = [(0.5 - top, 0.0), (0.5 - top + 0.08, 0.0), (0.5, 0.1), (0.5 + top - 0.08, 0.0),
             (0.5 + top, 0.0), (0.5 + top + 0.03, 0.18), (0.5 + waist, waist_y),
             (0.5 + hem, 1.0), (0.5 - hem, 1.0), (0.5 - waist, waist_y), (0.5 - top - 0.03, 0.18)]
    shapes = [shape]
    if rng.random() < 0.4:  # short sleeves
        for side in (-1, 1):
            shapes.append([(0.5 + side * top, 0.01), (0.5 + side * (top + 0.15), 0.12),
                           (0.5 + side * (top + 0.1), 0.2), (0.5 + side * (top + 0.02), 0.17)])
    belt = rng.random() < 0.4

    def detail(pen: Pen, shade: float) -> None:
        if belt:
            pen.line([(0.5 - waist, waist_y), (0.5 + waist, waist_y)], 0.02, int(shade * 0.6))

    return shapes, detail, _u(rng, 0.5, 0.75)


def _coat(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    shapes = _top(rng, long_sleeves=True, length=_u(rng, 0.94, 1.0))
    zip_style = rng.random() < 0.5
    pockets = rng.random() < 0.6

    def detail(pen: Pen, shade: float) -> None:
        dark = int(shade * 0.45)
        pen.line([(0.5, 0.06), (0.5, 0.98)], 0.025, dark, round_caps=False)
        pen.polygon([(0.4, 0.0), (0.5, 0.18), (0.6, 0.0), (0.56, 0.0), (0.5, 0.1), (0.44, 0.0)],
                    int(shade * 0.6))  # collar
        if not zip_style:
            for y in (0.3, 0.45, 0.6, 0.75):
                pen.ellipse(0.46, y, 0.015, 0.015, dark)
        if pockets:
            for x in (0.33, 0.67):
                pen.line([(x - 0.07, 0.62), (x + 0.07, 0.62)], 0.02, dark)

    return shapes, detail, 1.0


def _sandal(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    heel = _u(rng, 0.3, 0.55) if rng.random() < 0.45 else 0.0
    sole = _u(rng, 0.06, 0.14) if heel == 0 else _u(rng, 0.04, 0.07)
    instep = _u(rng, 0.35, 0.6)  # how high the foot's top line climbs towards the ankle

    def sole_y(x: float) -> float:
        """Top of the sole: flat under the toes, rising towards the heel on heeled sandals."""
        return 0.97 - sole - heel * max(0.0, (x - 0.3) / 0.7) ** 0.8

    def foot_y(x: float) -> float:
        """The top of the foot the straps wrap around (toe to the left, ankle to the right)."""
        return sole_y(x) - 0.08 - instep * min(1.0, x / 0.8) ** 1.3

    xs = [float(x) for x in np.linspace(0.0, 1.0, 12)]
    shapes = [[(x, sole_y(x)) for x in xs] + [(x, sole_y(x) + sole) for x in xs[::-1]]]
    if heel:
        shapes.append([(0.86, sole_y(0.86)), (0.99, sole_y(0.99)), (0.97, 1.0), (0.92, 1.0)])
    straps = int(rng.integers(2, 5))
    width = _u(rng, 0.06, 0.1)
    top_strap = rng.random() < 0.5
    ankle = heel > 0 or rng.random() < 0.5

    def detail(pen: Pen, shade: float) -> None:
        value = int(shade)
        for k in range(straps):
            x = 0.08 + k * 0.62 / max(1, straps - 1) * 0.9
            pen.line([(x, sole_y(x)), (x + 0.1, foot_y(x + 0.1))], width, value)
        if top_strap:
            pen.line([(x, foot_y(x)) for x in np.linspace(0.15, 0.8, 8)], width * 0.8, value)
        if ankle:
            ax, ay = 0.84, foot_y(0.84)
            pen.line(arc(ax, ay, 0.09, 0.05, 0, 360, 16), width * 0.8, value)
            pen.line([(ax + 0.07, ay), (0.95, sole_y(0.95))], width * 0.8, value)

    return shapes, detail, _u(rng, 0.4, 0.6)


def _shirt(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    long = rng.random() < 0.75
    shapes = _top(rng, long_sleeves=long, length=_u(rng, 0.88, 0.99))
    pocket = rng.random() < 0.5

    def detail(pen: Pen, shade: float) -> None:
        dark = int(shade * 0.55)
        pen.polygon([(0.38, 0.0), (0.45, 0.16), (0.5, 0.06), (0.55, 0.16), (0.62, 0.0)],
                    int(min(255, shade * 1.15)))  # pointed collar
        pen.line([(0.5, 0.08), (0.5, 0.95)], 0.012, dark, round_caps=False)
        for y in np.linspace(0.2, 0.85, 5):
            pen.ellipse(0.5, float(y), 0.012, 0.012, dark)
        if pocket:
            pen.line([(0.3, 0.3), (0.42, 0.3), (0.42, 0.42), (0.3, 0.42), (0.3, 0.3)], 0.012, dark)

    return shapes, detail, 1.0


def _sneaker(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    high = _u(rng, 0.0, 0.15)
    shape = [(0.0, 0.78), (0.03, 0.6), (0.3, 0.45), (0.5, 0.25 - high), (0.72, 0.15 - high),
             (0.82, 0.2 - high), (0.97, 0.22 - high), (1.0, 0.5), (1.0, 0.85), (0.96, 0.98),
             (0.05, 0.98), (0.0, 0.9)]
    laces = rng.random() < 0.8

    def detail(pen: Pen, shade: float) -> None:
        sole = int(min(255, shade * 1.25 + 30)) if shade < 160 else int(shade * 0.6)
        pen.polygon([(0.0, 0.82), (1.0, 0.8), (1.0, 0.88), (0.96, 0.98), (0.05, 0.98), (0.0, 0.9)],
                    sole)
        if laces:
            for k in range(4):
                x = 0.38 + 0.08 * k
                pen.line([(x, 0.48 - 0.06 * k), (x + 0.08, 0.56 - 0.06 * k)], 0.03, int(shade * 0.55))
        pen.line([(0.45, 0.7), (0.8, 0.45)], 0.025, int(shade * 0.7))

    return [shape], detail, _u(rng, 0.34, 0.5)


def _bag(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    body_top = _u(rng, 0.25, 0.55)
    taper = _u(rng, 0.0, 0.1)
    body = [(0.02 + taper, body_top), (0.98 - taper, body_top), (1.0, 0.97), (0.0, 0.97)]
    handle = rng.random() < 0.8
    hw = _u(rng, 0.15, 0.3)

    def detail(pen: Pen, shade: float) -> None:
        if handle:
            pen.line(arc(0.5, body_top, hw, body_top * 0.92, 180, 360, 16), 0.06, int(shade))
        pen.line([(0.1, body_top + 0.12), (0.9, body_top + 0.12)], 0.015, int(shade * 0.65))

    return [body], detail, _u(rng, 0.75, 1.0)


def _ankle_boot(rng: np.random.Generator) -> tuple[list, Detail | None, float]:
    shaft_x = _u(rng, 0.45, 0.58)
    heel = _u(rng, 0.0, 0.15)
    shape = [(shaft_x, 0.0), (0.98, 0.0), (1.0, 0.6), (1.0, 0.9 - heel), (0.95, 1.0),
             (0.72, 1.0), (0.7, 0.92 - heel), (0.04, 0.98), (0.0, 0.86), (0.05, 0.7),
             (0.28, 0.58), (shaft_x - 0.03, 0.4)]
    laces = rng.random() < 0.5

    def detail(pen: Pen, shade: float) -> None:
        pen.line([(0.04, 0.88), (0.7, 0.85 - heel)], 0.03, int(shade * 0.6))
        if laces:
            for k in range(4):
                y = 0.15 + 0.1 * k
                pen.line([(shaft_x + 0.02, y), (shaft_x + 0.14, y + 0.04)], 0.025, int(shade * 0.6))

    return [shape], detail, _u(rng, 0.8, 1.0)


_DRAWERS: tuple[Callable[[np.random.Generator], tuple[list, Detail | None, float]], ...] = (
    _tshirt, _trouser, _pullover, _dress, _coat, _sandal, _shirt, _sneaker, _bag, _ankle_boot)


def _texture(rng: np.random.Generator, label: int, y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Multiplicative fabric texture at 28x28, about [0.3, 1.4]: plain, stripes, print or noise."""
    field = 0.9 + 0.2 * smooth_noise(rng, SIZE, SIZE, 3)
    kind = rng.random()
    if kind < 0.2 and label in (0, 2, 3, 4, 6, 8):  # stripes
        period = _u(rng, 2.0, 6.0)
        field *= np.where((y // period) % 2 == 0, 1.0, _u(rng, 0.4, 0.8))
    elif kind < 0.35 and label in (0, 2, 6, 8):  # all-over print or plaid
        field *= 0.55 + 0.5 * smooth_noise(rng, SIZE, SIZE, 9)
    elif kind < 0.5 and label in (0, 2):  # chest print
        x0, y0 = _u(rng, 12, 16), _u(rng, 8, 11)
        block = (np.abs(x - x0) < _u(rng, 2, 4)) & (np.abs(y - y0) < _u(rng, 1.2, 2.5))
        field = np.where(block, _u(rng, 0.3, 1.4), field)
    # soft light from the top left, as photographed garments have
    return field * (1.05 - _u(rng, 0.0, 0.25) * (x + y) / (2 * SIZE))


def _draw_item(label: int, rng: np.random.Generator, y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """One 28x28 uint8 image of class ``label`` (``y``, ``x``: the 28x28 pixel grid)."""
    shapes, detail, aspect = _DRAWERS[label](rng)
    # Fashion-MNIST scaled each item so its longest side is 28 px; keep a little jitter.
    longest = _CANVAS * _u(rng, 0.82, 0.98)
    if label in (5, 7, 8, 9):  # shoes and bags: wider than tall
        sx, sy = longest, longest * aspect
    else:
        sx, sy = longest * aspect, longest
    centre = (_CANVAS / 2 + _u(rng, -1.5, 1.5) * _SUPER, _CANVAS / 2 + _u(rng, -1.5, 1.5) * _SUPER)
    rotation = _u(rng, -7, 7)
    shade = _u(rng, 70, 255) if rng.random() < 0.85 else _u(rng, 25, 70)

    canvas = Image.new("L", (_CANVAS, _CANVAS), 0)
    pen = Pen(canvas, rotation=rotation, origin=(0.5, 0.5), offset=centre, stretch=(sx, sy))
    for polygon in shapes:
        pen.polygon(polygon, round(shade))
    if detail is not None:
        detail(pen, shade)
    small = np.asarray(canvas.reduce(_SUPER), np.float32)  # area average, like the real resize
    value = small * _texture(rng, label, y, x)
    value += rng.normal(0.0, 3.0, (SIZE, SIZE)).astype(np.float32) * (small > 8)
    return to_uint8(value)


def draw_fashion(labels: np.ndarray, seed: int, stream: int) -> np.ndarray:
    """Draw one image per label; image ``i`` depends only on (seed, stream, i, label)."""
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    images = np.empty((len(labels), SIZE, SIZE), dtype=np.uint8)
    for i, label in enumerate(labels):
        images[i] = _draw_item(int(label), generator(seed, stream, i, int(label)), y, x)
    return images


def _balanced_labels(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` labels, each class n/10 times (differing by at most one), shuffled like the real set."""
    return rng.permutation(np.arange(n) % 10).astype(np.uint8)


def write_fashion_mnist(data_root: Path, *, n_train: int = 6000, n_test: int = 1000,
                        seed: int = 0) -> Path:
    """Write a drawn Fashion-MNIST stand-in as Keras' four idx ``.gz`` files; returns the folder.

    The files land in ``data_root/fashion-mnist/`` under Keras' names, in the real idx
    format (uint8, 28x28, labels 0-9 in Fashion-MNIST's class order), balanced per class.
    """
    if n_train < 10 or n_test < 10:
        raise ValueError(f"write_fashion_mnist: n_train and n_test must each be at least 10 "
                         f"(one image per class), got n_train={n_train}, n_test={n_test}")
    folder = claim_folder(Path(data_root) / "fashion-mnist", "Fashion-MNIST")
    for stream, n, images_name, labels_name in (
            (_TRAIN, n_train, "train_images", "train_labels"),
            (_TEST, n_test, "test_images", "test_labels")):
        labels = _balanced_labels(n, generator(seed, stream))
        images = draw_fashion(labels, seed, stream)
        write_idx_gz(folder / FILES[images_name], images)
        write_idx_gz(folder / FILES[labels_name], labels)
    return folder
