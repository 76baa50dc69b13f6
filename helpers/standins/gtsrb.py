"""GTSRB stand-in: drawn signs photographed by a simple camera model, in GTSRB's real layout.

Each *track* is one physical sign (its own paint, place, background and light) seen in
``frames_per_track`` frames that grow as the car approaches, as in GTSRB. A frame is the sign
with a margin around it (the annotated ROI about 10% inside the border, at least 5 px),
tilted a little in perspective, over a background (sky, foliage, walls; a pole, sometimes
a plate below), then lit, blurred and noised, and written as a binary PPM with its row in
the class's ``GT-000NN.csv``. The test split is single frames with shuffled classes, in
``Final_Test/Images`` with ``GT-final_test.csv``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from helpers.standins.draw import blur, generator, perspective_coefficients, smooth_noise, to_uint8
from helpers.standins.formats import write_gtsrb_csv, write_ppm
from helpers.standins.guard import claim_folder, fresh_subfolder, mark
from helpers.standins.signs import NUM_CLASSES, Palette, draw_sign, sign_outline

_TRAIN, _TEST = 1, 2  # stream keys: the test split never repeats a training sign
_SCENE = 160  # scene image side, pixels
_SCENE_SIGN = 56  # sign width in the scene, pixels
_MAX_SIGN = 185  # largest sign (ROI width) drawn, pixels


@dataclass(frozen=True)
class _Look:
    """Everything that stays the same for one physical sign across its track."""

    class_id: int
    palette: Palette
    scene: Image.Image
    yaw: float  # horizontal foreshortening, 1 = face-on
    keystone: float
    rotation: float
    yaw_change: float
    drift: tuple[float, float]
    pole: tuple[int, int, int]
    pole_width: float  # relative to the sign's width
    plate: tuple[int, int, int] | None  # a supplementary plate below the sign
    sign_above: bool  # part of another sign above this one
    exposure: float
    flicker: tuple[float, float]  # amplitude and phase of the light changing along the track
    cast: tuple[float, float, float]
    haze: float
    haze_colour: tuple[float, float, float]
    sign_light: float
    sharpness: float
    motion: int
    noise: float


# --- appearance ---------------------------------------------------------------------

def _clip_rgb(values: np.ndarray) -> tuple[int, int, int]:
    r, g, b = (int(v) for v in np.clip(np.rint(values), 0, 255))
    return r, g, b


def _palette(rng: np.random.Generator) -> Palette:
    """Paint of one sign: fresh or faded, warm or cold whites, darker or lighter reds and blues."""
    fade = float(rng.uniform(0.0, 0.3)) if rng.random() < 0.25 else 0.0
    grey = np.array([200.0, 200.0, 200.0])

    def paint(base: tuple[float, float, float], spread: float) -> tuple[int, int, int]:
        colour = np.asarray(base) * rng.uniform(1 - spread, 1 + spread) + rng.normal(0, 8, 3)
        return _clip_rgb(colour * (1 - fade) + grey * fade)

    white = paint((236, 236, 230), 0.06) if rng.random() < 0.8 else paint((232, 228, 205), 0.05)
    return Palette(
        red=paint((200, 28, 40), 0.15),
        blue=paint((25, 80, 170), 0.18),
        white=white,
        black=paint((30, 30, 32), 0.3),
        yellow=paint((245, 185, 25), 0.08),
        grey=paint((125, 125, 130), 0.15),
        rim=paint((150, 150, 155), 0.25),
        lamps=(paint((215, 40, 40), 0.1), paint((240, 180, 30), 0.1), paint((40, 170, 90), 0.1)),
    )


def _scene(rng: np.random.Generator) -> Image.Image:
    """A background behind the sign (sky, foliage, a wall, a mix, or a dark scene), as RGB."""
    n = _SCENE
    y = np.linspace(0.0, 1.0, n, dtype=np.float32)[:, None, None]
    kind = rng.choice(["sky", "foliage", "wall", "mixed", "dark"], p=[0.2, 0.3, 0.2, 0.2, 0.1])
    sky_top = rng.choice([(110, 150, 210), (185, 195, 210), (225, 228, 232), (150, 170, 200)])
    sky_top = np.asarray(sky_top, np.float32) * rng.uniform(0.85, 1.1)
    sky = sky_top + (y * rng.uniform(10, 50)) + 25 * smooth_noise(rng, n, n, 3)[..., None]

    def leaves() -> np.ndarray:
        base = rng.choice([(50, 80, 35), (70, 95, 40), (95, 85, 45), (130, 100, 40),
                           (45, 55, 40), (110, 120, 70)])
        base = np.asarray(base, np.float32) * rng.uniform(0.6, 1.3)
        detail = smooth_noise(rng, n, n, float(rng.uniform(12, 30)), octaves=3)
        tint = smooth_noise(rng, n, n, 3)[..., None] * rng.uniform(0.0, 0.5)
        out = base * (0.3 + 1.2 * detail[..., None]) * (1.0 - tint) + base[::-1] * tint
        holes = smooth_noise(rng, n, n, 30, octaves=2) > rng.uniform(0.72, 0.95)
        return np.where(holes[..., None], sky, out)

    def wall() -> np.ndarray:
        base = rng.choice([(190, 175, 150), (150, 70, 55), (210, 210, 205), (120, 120, 125),
                           (200, 180, 120), (90, 70, 60)])
        base = np.asarray(base, np.float32) * rng.uniform(0.7, 1.15)
        out = np.broadcast_to(base, (n, n, 3)) * (
            0.85 + 0.3 * smooth_noise(rng, n, n, 20)[..., None])
        image = Image.fromarray(to_uint8(out))
        draw = ImageDraw.Draw(image)
        if rng.random() < 0.7:  # windows
            step = int(rng.integers(30, 60))
            shade = _clip_rgb(np.asarray(rng.choice([(40, 45, 55), (90, 110, 130), (200, 210, 220)]))
                              * rng.uniform(0.7, 1.1))
            ox, oy = int(rng.integers(0, step)), int(rng.integers(0, step))
            for wx in range(ox - step, n, step):
                for wy in range(oy - step, n, step):
                    draw.rectangle((wx, wy, wx + step * 0.5, wy + step * 0.6), fill=shade)
        return np.asarray(image, np.float32)

    if kind == "sky":
        field = sky
    elif kind == "foliage":
        field = leaves()
    elif kind == "wall":
        field = wall()
    elif kind == "mixed":
        horizon = rng.uniform(0.2, 0.8)
        lower = leaves() if rng.random() < 0.6 else wall()
        field = np.where(y < horizon, sky, lower)
    else:
        field = leaves() * rng.uniform(0.15, 0.4)
    return Image.fromarray(to_uint8(field))


def _triple(values: np.ndarray) -> tuple[float, float, float]:
    a, b, c = (float(v) for v in values)
    return a, b, c


def _look(class_id: int, rng: np.random.Generator) -> _Look:
    """Draw one physical sign's paint, place, viewing angle and light."""
    light = rng.random()
    if light < 0.25:
        exposure = rng.uniform(0.35, 0.6)  # GTSRB has many dark, shadowed signs
    elif light < 0.85:
        exposure = rng.uniform(0.6, 1.05)
    else:
        exposure = rng.uniform(1.05, 1.35)
    return _Look(
        class_id=class_id,
        palette=_palette(rng),
        scene=_scene(rng),
        yaw=float(rng.uniform(0.85, 1.0)),
        keystone=float(rng.uniform(-0.07, 0.07)),
        rotation=float(np.clip(rng.normal(0.0, 3.0), -8, 8)),
        yaw_change=float(rng.uniform(-0.08, 0.02)),
        drift=(float(rng.uniform(-35, 35)), float(rng.uniform(-20, 20))),
        pole=_clip_rgb(np.asarray((120, 120, 120)) * rng.uniform(0.4, 1.2)),
        pole_width=float(rng.uniform(0.05, 0.09)),
        plate=_clip_rgb(np.asarray((225, 225, 220)) * rng.uniform(0.7, 1.05)) if rng.random() < 0.3 else None,
        sign_above=bool(rng.random() < 0.15),
        exposure=float(exposure),
        flicker=(float(rng.uniform(0.0, 0.2)), float(rng.uniform(0.0, 2 * math.pi))),
        cast=_triple(rng.uniform(0.92, 1.08, 3)),
        haze=float(rng.uniform(0.0, 0.25)) if rng.random() < 0.25 else 0.0,
        haze_colour=_triple(rng.uniform(150, 220, 3)),
        sign_light=float(rng.uniform(0.85, 1.15)),
        sharpness=float(rng.uniform(0.2, 0.7)),
        motion=int(rng.integers(2, 5)) if rng.random() < 0.1 else 0,
        noise=float(rng.uniform(1.5, 5.0)),
    )


def _track_sizes(rng: np.random.Generator, frames: int) -> list[float]:
    """ROI widths of one track: small and far first, growing like 1/distance as the car nears."""
    first = rng.uniform(15, 26)
    ratio = math.exp(rng.uniform(math.log(1.8), math.log(5.0)))
    if rng.random() < 0.1:
        ratio = rng.uniform(5.0, 9.0)
    last = min(first * ratio, _MAX_SIGN)
    if frames == 1:
        return [float(first)]
    t = np.linspace(0.0, 1.0, frames)
    return [float(s) for s in 1.0 / (1.0 / first + (1.0 / last - 1.0 / first) * t)]


# --- the camera ---------------------------------------------------------------------

def _homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """3x3 matrix mapping four ``src`` points onto four ``dst`` points."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    h = np.linalg.solve(np.asarray(rows, float), np.asarray(rhs, float))
    return np.append(h, 1.0).reshape(3, 3)


def _apply(h: np.ndarray, points: np.ndarray) -> np.ndarray:
    p = np.c_[points, np.ones(len(points))] @ h.T
    return p[:, :2] / p[:, 2:3]


def _frame(look: _Look, sign: Image.Image, sign_scale: float, roi_width: float, progress: float,
           rng: np.random.Generator) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Photograph the sign at ``roi_width`` pixels; returns the RGB frame and its ROI (x1, y1, x2, y2)."""
    # The sign's tilt: foreshortening (yaw), a little keystone and rotation, in model units.
    yaw = float(np.clip(look.yaw + look.yaw_change * progress, 0.7, 1.0))
    rot = math.radians(look.rotation + rng.normal(0.0, 0.8))
    square = np.array([(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)])
    tilted = square * [yaw, 1.0]
    tilted[:, 1] *= 1.0 + look.keystone * square[:, 0]
    tilted = tilted @ np.array([[math.cos(rot), math.sin(rot)], [-math.sin(rot), math.cos(rot)]])
    tilt = _homography(square, tilted)
    outline = _apply(tilt, np.asarray(sign_outline(look.class_id)))
    (bx0, by0), (bx1, by1) = outline.min(axis=0), outline.max(axis=0)

    # The frame: ROI = the sign's box, with GTSRB's margin of about 10% (at least 5 px).
    roi_w = max(10, round(roi_width))
    roi_h = max(10, round(roi_width * (by1 - by0) / (bx1 - bx0)))
    frame_w = roi_w / 0.8

    def margin() -> int:
        return max(5, round(0.1 * frame_w + rng.normal(0.0, 0.8)))

    x1, y1, right, bottom = margin(), margin(), margin(), margin()
    width, height = x1 + roi_w + right, y1 + roi_h + bottom

    # Model -> frame pixels (at 2x, for anti-aliasing), then the inverse map Pillow needs.
    k = 2
    jitter = rng.uniform(-0.4, 0.4, 2)
    fit = np.array([[k * roi_w / (bx1 - bx0), 0.0, k * (x1 + jitter[0]) - k * roi_w * bx0 / (bx1 - bx0)],
                    [0.0, k * roi_h / (by1 - by0), k * (y1 + jitter[1]) - k * roi_h * by0 / (by1 - by0)],
                    [0.0, 0.0, 1.0]])
    target_w = max(8, round(k * roi_w * 1.15))
    small = sign.resize((target_w, round(target_w * sign.height / sign.width)), Image.LANCZOS)
    s = sign_scale * small.width / sign.width
    corners = np.array([(0.0, 0.0), (small.width, 0.0), (small.width, small.height),
                        (0.0, small.height)])
    model = (corners - [small.width / 2, small.height / 2]) / s
    placed = _apply(fit @ tilt, model)
    coeffs = perspective_coefficients([tuple(p) for p in placed], [tuple(c) for c in corners])
    size2 = (k * width, k * height)
    layer = small.transform(size2, Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    rgba = np.asarray(layer, np.float32) / 255.0
    sign_rgb, alpha = rgba[..., :3] * 255.0, rgba[..., 3:4]

    # Background: the scene, zoomed so the sign keeps its size in it, drifting with parallax.
    centre_frame = _apply(fit, np.zeros((1, 2)))[0]
    zoom = _SCENE_SIGN / (k * roi_w / (bx1 - bx0) * 2.0)
    cx = _SCENE / 2 + look.drift[0] * (progress - 0.5)
    cy = _SCENE / 2 + look.drift[1] * (progress - 0.5)
    affine = (zoom, 0.0, cx - zoom * centre_frame[0], 0.0, zoom, cy - zoom * centre_frame[1])
    scene = look.scene.transform(size2, Image.AFFINE, affine, Image.BILINEAR)
    _mount(scene, look, centre_frame, k * roi_w / (bx1 - bx0))
    background = np.asarray(scene, np.float32)

    lit_sign = sign_rgb * look.sign_light
    image = lit_sign * alpha + background * (1.0 - alpha)
    image = np.asarray(Image.fromarray(to_uint8(image)).reduce(k), np.float32)

    # Light, haze, blur and sensor noise.
    amplitude, phase = look.flicker
    exposure = look.exposure * (1 + amplitude * math.sin(phase + 2 * math.pi * progress))
    exposure *= rng.uniform(0.95, 1.05)
    image = image * exposure * np.asarray(look.cast, np.float32)
    if look.haze:
        image = image * (1 - look.haze) + np.asarray(look.haze_colour, np.float32) * look.haze
    out = to_uint8(image)
    out = blur(out, look.sharpness * rng.uniform(0.8, 1.2) * (0.7 + roi_w / 120))
    if look.motion:
        shifted = [np.roll(out, d, axis=1).astype(np.float32) for d in range(look.motion)]
        out = to_uint8(np.mean(shifted, axis=0))
    noisy = out.astype(np.float32) + rng.normal(0.0, look.noise, out.shape).astype(np.float32)
    return to_uint8(noisy), (x1, y1, x1 + roi_w, y1 + roi_h)


def _mount(scene: Image.Image, look: _Look, centre: np.ndarray, unit: float) -> None:
    """Draw the sign's pole, and its plate or the sign above, behind where the sign will be.

    ``centre`` is the sign's centre in the frame and ``unit`` the pixels per model unit.
    """
    draw = ImageDraw.Draw(scene)
    x, y = float(centre[0]), float(centre[1])
    half_pole = unit * 2 * look.pole_width / 2
    draw.rectangle((x - half_pole, y, x + half_pole, scene.height), fill=look.pole)
    if look.plate is not None:
        top = y + unit * 1.08
        draw.rectangle((x - unit * 0.9, top, x + unit * 0.9, top + unit * 0.6), fill=look.plate)
    if look.sign_above:
        cy, r = y - unit * 2.15, unit
        draw.ellipse((x - r, cy - r, x + r, cy + r), fill=(200, 30, 40))
        draw.ellipse((x - r * 0.75, cy - r * 0.75, x + r * 0.75, cy + r * 0.75), fill=(230, 230, 230))


def _sign_for(look: _Look, largest: float) -> tuple[Image.Image, float]:
    width = int(np.clip(round(2.4 * largest), 64, 2 * _MAX_SIGN + 40))
    return draw_sign(look.class_id, width, look.palette)


# --- writers ------------------------------------------------------------------------

def _write_train(root: Path, tracks_per_class: int, frames_per_track: int, seed: int) -> None:
    images = fresh_subfolder(root, "Final_Training/Images")
    for class_id in range(NUM_CLASSES):
        folder = images / f"{class_id:05d}"
        folder.mkdir()
        rows = []
        for track in range(tracks_per_class):
            rng = generator(seed, _TRAIN, class_id, track)
            look = _look(class_id, rng)
            sizes = _track_sizes(rng, frames_per_track)
            sign, scale = _sign_for(look, max(sizes))
            for frame, size in enumerate(sizes):
                progress = frame / max(1, frames_per_track - 1)
                pixels, roi = _frame(look, sign, scale, size, progress, rng)
                name = f"{track:05d}_{frame:05d}.ppm"
                write_ppm(folder / name, pixels)
                rows.append((name, pixels.shape[1], pixels.shape[0], *roi, class_id))
        write_gtsrb_csv(folder / f"GT-{class_id:05d}.csv", rows)


def _write_test(root: Path, test_per_class: int, seed: int) -> None:
    folder = fresh_subfolder(root, "Final_Test/Images")
    classes = generator(seed, _TEST).permutation(np.repeat(np.arange(NUM_CLASSES), test_per_class))
    rows = []
    for index, class_id in enumerate(classes):
        rng = generator(seed, _TEST, index + 1)
        look = _look(int(class_id), rng)
        sizes = _track_sizes(rng, 30)
        size = sizes[int(rng.integers(0, 30))]
        sign, scale = _sign_for(look, size)
        pixels, roi = _frame(look, sign, scale, size, float(rng.uniform()), rng)
        name = f"{index:05d}.ppm"
        write_ppm(folder / name, pixels)
        rows.append((name, pixels.shape[1], pixels.shape[0], *roi, int(class_id)))
    write_gtsrb_csv(folder / "GT-final_test.csv", rows)


def write_gtsrb(data_root: Path, *, split: str = "train", tracks_per_class: int = 2,
                frames_per_track: int = 10, test_per_class: int = 10, seed: int = 0) -> Path:
    """Write one split of a drawn GTSRB stand-in in GTSRB's layout; returns ``data_root/GTSRB``.

    ``split="train"``: ``Final_Training/Images/000NN/000TT_000FF.ppm`` plus ``GT-000NN.csv``,
    43 classes x ``tracks_per_class`` tracks x ``frames_per_track`` frames.
    ``split="test"``: ``Final_Test/Images/NNNNN.ppm`` plus ``GT-final_test.csv``,
    ``test_per_class`` images per class in shuffled order.
    """
    if split not in ("train", "test"):
        raise ValueError(f"write_gtsrb: split must be 'train' or 'test', got {split!r}")
    for name, value in (("tracks_per_class", tracks_per_class),
                        ("frames_per_track", frames_per_track), ("test_per_class", test_per_class)):
        if value < 1:
            raise ValueError(f"write_gtsrb: {name} must be at least 1, got {value}")
    root = claim_folder(Path(data_root) / "GTSRB", "GTSRB")
    if split == "train":
        _write_train(root, tracks_per_class, frames_per_track, seed)
        mark(root / "Final_Training" / "Images", "GTSRB")  # a copied Final_Training/ stays a stand-in
    else:
        _write_test(root, test_per_class, seed)
        mark(root / "Final_Test" / "Images", "GTSRB")
    return root
