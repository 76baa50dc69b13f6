"""cats_and_dogs_filtered stand-in: drawn cat and dog faces as JPEGs in the real folder layout.

Cats have upright pointed ears, slit pupils, a small nose, whisker pads and whiskers; dogs
have floppy or rounded ears, a long muzzle with a big dark nose, round eyes and often a
tongue. Fur colours and patterns, backgrounds, sizes, positions and light are drawn from
the same distributions for both classes, so only the face tells them apart.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from helpers.standins.draw import Colour, Pen, Point, ellipse, generator, smooth_noise, to_uint8
from helpers.standins.formats import write_jpeg
from helpers.standins.guard import claim_folder, fresh_subfolder

CLASSES = ("cats", "dogs")
_PREFIX = {"cats": "cat", "dogs": "dog"}
VALIDATION_FIRST = 2000  # the real set numbers its validation images from cat.2000.jpg

# The same coats for both classes: black, white, grey, ginger, brown, cream, golden, ...
_FUR: tuple[tuple[int, int, int], ...] = (
    (32, 30, 30), (238, 234, 226), (130, 130, 136), (206, 126, 58), (118, 78, 48),
    (226, 202, 160), (200, 158, 88), (72, 52, 38), (172, 150, 128), (96, 96, 108))
_EYES = ((120, 170, 60), (210, 180, 50), (190, 120, 40), (100, 160, 200), (90, 60, 30))


def _u(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(rng.uniform(lo, hi))


def _jitter(rng: np.random.Generator, colour: tuple[int, int, int], spread: float = 18.0
            ) -> tuple[int, int, int]:
    """The colour a little lighter or darker, with a slight tint (spread in grey levels)."""
    shift = rng.normal(0, spread) + rng.normal(0, spread / 4, 3)
    r, g, b = (int(v) for v in np.clip(np.asarray(colour) + shift, 0, 255))
    return r, g, b


class _Painter:
    """Draws each shape twice: in colour on the photo, and white on the animal's mask."""

    def __init__(self, photo: Image.Image, mask: Image.Image, centre: Point, radius: float,
                 rotation: float) -> None:
        self.rgb = Pen(photo, scale=radius, rotation=rotation, offset=centre)
        self.mask = Pen(mask, scale=radius, rotation=rotation, offset=centre)

    def polygon(self, points: list[Point], fill: Colour) -> None:
        self.rgb.polygon(points, fill)
        self.mask.polygon(points, 255)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: Colour,
                rotation: float = 0.0) -> None:
        if rotation:
            pts = ellipse(0.0, 0.0, rx, ry, 36)
            self.rgb.child((cx, cy), 1.0, rotation=rotation).polygon(pts, fill)
            self.mask.child((cx, cy), 1.0, rotation=rotation).polygon(pts, 255)
        else:
            self.rgb.ellipse(cx, cy, rx, ry, fill)
            self.mask.ellipse(cx, cy, rx, ry, 255)

    def line(self, points: list[Point], width: float, fill: Colour) -> None:
        self.rgb.line(points, width, fill)
        self.mask.line(points, width, 255)


# --- backgrounds --------------------------------------------------------------------

def _background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A room, a garden, a sofa or a plain backdrop, as float RGB."""
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    kind = rng.choice(["room", "garden", "sofa", "plain"])

    def colour(*choices: tuple[int, int, int]) -> np.ndarray:
        base = np.asarray(choices[int(rng.integers(len(choices)))], np.float32)
        return base * rng.uniform(0.7, 1.2) + rng.normal(0, 10, 3)

    def texture(cells: float, amount: float) -> np.ndarray:
        return 1.0 - amount / 2 + amount * smooth_noise(rng, height, width, cells, octaves=3)[..., None]

    if kind == "room":
        wall = colour((210, 200, 180), (180, 190, 200), (160, 120, 90), (230, 230, 225), (120, 130, 110))
        floor = colour((150, 110, 70), (110, 80, 60), (190, 180, 170), (90, 90, 95))
        horizon = rng.uniform(0.45, 0.85)
        image = np.where(y < horizon, wall * texture(3, 0.2), floor * texture(12, 0.35))
    elif kind == "garden":
        grass = colour((70, 120, 50), (100, 140, 60), (60, 90, 40), (140, 130, 80))
        sky = colour((150, 190, 230), (200, 210, 220), (90, 120, 80))
        horizon = rng.uniform(-0.2, 0.45)
        image = np.where(y < horizon, sky * texture(3, 0.2), grass * texture(25, 0.6))
    elif kind == "sofa":
        cloth = colour((140, 40, 40), (60, 70, 120), (120, 110, 100), (200, 190, 170), (60, 60, 60))
        image = cloth * texture(6, 0.4) * (0.85 + 0.3 * y)
    else:
        top, bottom = colour((200, 200, 200), (90, 90, 90), (170, 150, 130)), colour(
            (120, 120, 120), (230, 230, 230), (60, 50, 45))
        image = top * (1 - y) + bottom * y
        image = image * texture(2, 0.15)
    return np.broadcast_to(image, (height, width, 3)).astype(np.float32)


# --- faces --------------------------------------------------------------------------
# Faces are drawn in head units: the head is a circle of radius about 1 centred at (0, 0).

def _coat(rng: np.random.Generator) -> dict:
    main = _jitter(rng, _FUR[int(rng.integers(len(_FUR)))])
    second = _jitter(rng, _FUR[int(rng.choice([0, 1, 1, 5, 7]))], 10)  # black, white, cream, brown
    pattern = rng.choice(["solid", "bicolour", "stripes", "patches"], p=[0.3, 0.3, 0.2, 0.2])
    dark = tuple(int(v * 0.55) for v in main)
    return {"main": main, "second": second, "pattern": pattern, "dark": dark}


def _markings(p: _Painter, coat: dict, rng: np.random.Generator, muzzle_y: float) -> None:
    """Stripes or patches over the head, or a light lower face (drawn before the features)."""
    if coat["pattern"] == "stripes":
        for k in range(3):
            x = (k - 1) * 0.2
            p.line([(x, -0.9), (x * 1.3, -0.45)], 0.08, coat["dark"])
        for side in (-1, 1):
            for k in range(2):
                y = 0.05 + 0.2 * k
                p.line([(side * 0.95, y), (side * 0.6, y + 0.05)], 0.07, coat["dark"])
    elif coat["pattern"] == "patches":
        for _ in range(int(rng.integers(1, 3))):
            side = rng.choice([-1, 1])
            p.ellipse(side * _u(rng, 0.3, 0.6), _u(rng, -0.6, 0.1), _u(rng, 0.3, 0.5),
                      _u(rng, 0.3, 0.5), coat["second"])
    elif coat["pattern"] == "bicolour":
        p.ellipse(0.0, muzzle_y + 0.1, 0.55, 0.5, coat["second"])
        p.polygon([(-0.1, -0.8), (0.1, -0.8), (0.22, muzzle_y), (-0.22, muzzle_y)], coat["second"])


def _cat(p: _Painter, rng: np.random.Generator, coat: dict) -> None:
    main, inner = coat["main"], _jitter(rng, (225, 160, 160), 15)
    ear_h, ear_w, spread = _u(rng, 0.6, 0.85), _u(rng, 0.6, 0.75), _u(rng, 0.5, 0.62)
    tilt = _u(rng, 0.05, 0.25)
    for side in (-1, 1):
        base_l, base_r = (side * (spread - ear_w / 2), -0.7), (side * (spread + ear_w / 2), -0.25)
        tip = (side * (spread + tilt + 0.1), -0.6 - ear_h)
        p.polygon([base_l, tip, base_r], main)
        p.polygon([(side * (spread - ear_w / 4), -0.62),
                   (side * (spread + tilt + 0.08), -0.55 - ear_h * 0.82),
                   (side * (spread + ear_w / 4), -0.42)], inner)
    head_rx = _u(rng, 0.95, 1.08)
    p.ellipse(0.0, 0.0, head_rx, _u(rng, 0.82, 0.92), main)
    for side in (-1, 1):  # cheek fur
        p.polygon([(side * head_rx * 0.9, 0.05), (side * (head_rx + 0.12), 0.3),
                   (side * head_rx * 0.75, 0.45)], main)
    _markings(p, coat, rng, 0.4)
    iris = _jitter(rng, _EYES[int(rng.integers(4))], 15)
    pupil_w = 0.035 if rng.random() < 0.75 else 0.09
    eye_y, eye_x = _u(rng, -0.15, -0.02), _u(rng, 0.34, 0.42)
    for side in (-1, 1):
        p.ellipse(side * eye_x, eye_y, 0.2, 0.14, (20, 20, 20), rotation=side * -12)
        p.ellipse(side * eye_x, eye_y, 0.17, 0.115, iris, rotation=side * -12)
        p.ellipse(side * eye_x, eye_y, pupil_w, 0.11, (10, 10, 10))
        p.ellipse(side * eye_x + 0.05, eye_y - 0.04, 0.025, 0.025, (250, 250, 250))
    pads = _jitter(rng, (235, 230, 220), 15) if rng.random() < 0.5 else coat["main"]
    for side in (-1, 1):
        p.ellipse(side * 0.11, 0.42, 0.14, 0.1, pads)
    nose = _jitter(rng, (220, 140, 150), 20) if rng.random() < 0.6 else (45, 35, 35)
    p.polygon([(-0.09, 0.26), (0.09, 0.26), (0.0, 0.36)], nose)
    p.line([(0.0, 0.36), (0.0, 0.44), (-0.1, 0.5)], 0.025, (40, 30, 30))
    p.line([(0.0, 0.44), (0.1, 0.5)], 0.025, (40, 30, 30))
    whisker = (240, 240, 240) if rng.random() < 0.7 else (50, 50, 50)
    for side in (-1, 1):
        for k in range(3):
            angle = (k - 1) * 0.12 + _u(rng, -0.04, 0.04)
            end = (side * _u(rng, 1.2, 1.45), 0.42 + angle * 3 + 0.05)
            p.line([(side * 0.2, 0.42 + k * 0.03), end], 0.012, whisker)


def _dog(p: _Painter, rng: np.random.Generator, coat: dict) -> None:
    main = coat["main"]
    ear_colour = coat["dark"] if rng.random() < 0.5 else main
    ears = rng.choice(["floppy", "rounded", "folded"], p=[0.55, 0.25, 0.2])
    head_rx, head_ry = _u(rng, 0.82, 0.95), _u(rng, 0.95, 1.05)
    if ears == "rounded":
        for side in (-1, 1):
            p.ellipse(side * 0.62, -0.72, _u(rng, 0.22, 0.3), _u(rng, 0.24, 0.34), ear_colour)
    p.ellipse(0.0, -0.05, head_rx, head_ry, main)
    if ears == "floppy":
        length = _u(rng, 0.6, 0.9)
        for side in (-1, 1):
            p.ellipse(side * (head_rx + 0.05), -0.15 + length * 0.5, _u(rng, 0.22, 0.3), length,
                      ear_colour, rotation=side * _u(rng, 5, 20))
    elif ears == "folded":
        for side in (-1, 1):
            p.polygon([(side * 0.35, -0.88), (side * 0.95, -0.7), (side * 0.75, -0.2)], ear_colour)
    _markings(p, coat, rng, 0.45)
    light = tuple(min(255, int(v * 0.5 + 125)) for v in main)  # a paler muzzle, as many dogs have
    muzzle = coat["second"] if coat["pattern"] == "bicolour" else (light if rng.random() < 0.5 else main)
    mx, my = _u(rng, 0.42, 0.55), _u(rng, 0.32, 0.42)
    p.ellipse(0.0, 0.45, mx, my, muzzle)
    for side in (-1, 1):
        eye_x, eye_y = side * _u(rng, 0.3, 0.38), -0.18
        p.ellipse(eye_x, eye_y, 0.12, 0.12, (25, 18, 12))
        p.ellipse(eye_x, eye_y, 0.09, 0.09, (70, 45, 25) if rng.random() < 0.8 else (25, 18, 12))
        p.ellipse(eye_x + 0.03, eye_y - 0.04, 0.03, 0.03, (245, 245, 245))
        p.line([(eye_x - side * 0.1, eye_y - 0.2), (eye_x + side * 0.1, eye_y - 0.17)], 0.04,
               coat["dark"])
    p.ellipse(0.0, 0.28, _u(rng, 0.17, 0.23), _u(rng, 0.11, 0.15), (25, 22, 22))
    p.ellipse(0.04, 0.24, 0.04, 0.025, (110, 110, 110))
    if rng.random() < 0.7:
        tongue = _jitter(rng, (225, 95, 110), 15)
        p.ellipse(0.0, 0.78, _u(rng, 0.14, 0.2), _u(rng, 0.18, 0.28), tongue)
        p.line([(0.0, 0.66), (0.0, 0.85)], 0.02, tuple(int(v * 0.75) for v in tongue))
    p.line([(0.0, 0.36), (0.0, 0.6)], 0.03, (40, 30, 30))
    p.line([(-0.3, 0.62), (0.0, 0.66), (0.3, 0.62)], 0.03, (40, 30, 30))


# --- the photo ----------------------------------------------------------------------

def _photo(kind: str, rng: np.random.Generator) -> np.ndarray:
    """One drawn pet photo (RGB uint8) of ``kind`` ('cats' or 'dogs'), 150-500 px, not square."""
    long_side = int(rng.integers(260, 501)) if rng.random() < 0.8 else int(rng.integers(160, 260))
    short_side = max(150, round(long_side * _u(rng, 0.62, 0.9)))
    width, height = (long_side, short_side) if rng.random() < 0.65 else (short_side, long_side)
    # smooth things are made at half size and enlarged: four times less work, same look
    half = (max(2, width // 2), max(2, height // 2))
    background = _background(rng, *half)
    photo = Image.fromarray(to_uint8(background)).resize((width, height), Image.BILINEAR)
    mask = Image.new("L", (width, height), 0)
    radius = min(width, height) * _u(rng, 0.22, 0.32)
    centre = (width * _u(rng, 0.3, 0.7), height * _u(rng, 0.35, 0.55) + radius * 0.2)
    rotation = float(np.clip(rng.normal(0.0, 8.0), -20, 20))
    painter = _Painter(photo, mask, centre, radius, rotation)
    coat = _coat(rng)
    # shoulders and chest below the head, running out of the picture
    body = _Painter(photo, mask, centre, radius, 0.0)
    lean, wide = _u(rng, -0.4, 0.4), _u(rng, 1.2, 1.8)
    body.polygon([(-0.55, 0.4), (0.55, 0.4), (0.9 + lean, 1.0), (wide + lean, 1.8),
                  (wide + lean * 2, 8.0), (-wide + lean * 2, 8.0), (-wide + lean, 1.8),
                  (-0.9 + lean, 1.0)], coat["main"])
    if coat["pattern"] == "bicolour":
        body.polygon([(-0.3, 0.7), (0.3, 0.7), (0.6 + lean, 1.6), (lean, 2.4), (-0.6 + lean, 1.6)],
                     coat["second"])
    (_cat if kind == "cats" else _dog)(painter, rng, coat)

    # fur texture and light on the animal, then light, focus and noise on the whole photo
    m = np.asarray(mask, np.float32) / 255.0
    grain = smooth_noise(rng, half[1], half[0], max(width, height) / 6.0)
    fur = 0.85 + 0.3 * np.asarray(Image.fromarray(grain, "F").resize((width, height), Image.BILINEAR))
    angle = _u(rng, 0, 2 * np.pi)
    xs = (np.arange(width, dtype=np.float32) - centre[0]) * np.float32(np.cos(angle))
    ys = (np.arange(height, dtype=np.float32) - centre[1]) * np.float32(np.sin(angle))
    shade = np.clip(1.0 + 0.25 * (xs[None, :] + ys[:, None]) / (2.5 * radius), 0.6, 1.3)
    gain = (1.0 + m * (fur * shade - 1.0)) * _u(rng, 0.7, 1.2)
    image = np.asarray(photo, np.float32) * gain[..., None] + rng.normal(0, 4.0, 3).astype(np.float32)
    out = Image.fromarray(to_uint8(image)).filter(ImageFilter.BoxBlur(_u(rng, 0.5, 1.2)))
    noise = rng.standard_normal((height, width, 3), dtype=np.float32) * np.float32(_u(rng, 1.5, 5.0))
    noisy = np.asarray(out, np.float32) + noise
    return to_uint8(noisy)


def write_cats_and_dogs(data_root: Path, *, n_train: int = 100, n_validation: int = 50,
                        seed: int = 0) -> Path:
    """Write a drawn cats-vs-dogs stand-in in ``cats_and_dogs_filtered``'s layout; returns that folder.

    ``n_train`` and ``n_validation`` images per class, as
    ``{train,validation}/{cats,dogs}/cat.N.jpg`` / ``dog.N.jpg``: training numbered from 0,
    validation from 2000 (as in the real set) or from ``n_train`` if that is larger.
    """
    if n_train < 1 or n_validation < 1:
        raise ValueError(f"write_cats_and_dogs: n_train and n_validation must each be at least 1, "
                         f"got n_train={n_train}, n_validation={n_validation}")
    root = claim_folder(Path(data_root) / "cats_and_dogs_filtered", "cats_and_dogs_filtered")
    first_validation = max(VALIDATION_FIRST, n_train)
    for split, first, count in (("train", 0, n_train),
                                ("validation", first_validation, n_validation)):
        for class_index, kind in enumerate(CLASSES):
            folder = fresh_subfolder(root, f"{split}/{kind}")
            for number in range(first, first + count):
                rng = generator(seed, class_index, number)
                quality = int(rng.integers(80, 95))
                write_jpeg(folder / f"{_PREFIX[kind]}.{number}.jpg", _photo(kind, rng),
                           quality=quality)
    return root

