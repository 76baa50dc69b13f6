"""The 43 GTSRB sign classes, drawn flat and face-on, in the official class order.

``draw_sign(class_id, width, palette)`` returns the sign as an RGBA image (transparent around
its outline) plus its outline in pixels, which the camera model in ``gtsrb.py`` then places,
tilts, lights and blurs. The designs follow the German signs of the GTSRB classes: red
rings, warning triangles, blue mandatory discs, stop, yield, priority road and the
end-of-restriction signs with their thin diagonal lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from helpers.standins import pictograms as pic
from helpers.standins.draw import Pen, Point, ellipse, regular_polygon, rounded_polygon
from helpers.standins.glyphs import draw_text

NUM_CLASSES = 43

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """The paint of one physical sign (faded, dirty or fresh), chosen per sign by the caller."""

    red: RGB = (200, 30, 40)
    blue: RGB = (25, 80, 170)
    white: RGB = (238, 238, 232)
    black: RGB = (28, 28, 30)
    yellow: RGB = (245, 185, 25)
    grey: RGB = (120, 120, 125)
    rim: RGB = (150, 150, 155)
    lamps: tuple[RGB, RGB, RGB] = ((215, 40, 40), (240, 180, 30), (40, 170, 90))


# Outlines in model units; the model box is x in [-1, 1] and y in [-H, H] for each shape.
_TRI_H = 3**0.5 / 2
_OUTLINE_HALF_HEIGHT = {"circle": 1.0, "triangle": _TRI_H, "yield": _TRI_H,
                        "octagon": 1.0, "diamond": 1.0}


def _triangle(k: float = 1.0, *, inverted: bool = False) -> list[Point]:
    """An equilateral triangle of width 2k, scaled about its centroid (k = 1: the outline)."""
    cy = _TRI_H - 2 * _TRI_H / 3  # centroid height for the upright triangle
    pts = [(0.0, -_TRI_H), (1.0, _TRI_H), (-1.0, _TRI_H)]
    pts = [(x * k, cy + (y - cy) * k) for x, y in pts]
    return [(x, -y) for x, y in pts] if inverted else pts


def outline(kind: str) -> list[Point]:
    """The sign's outer edge in model units (for its bounding box after the camera's tilt)."""
    if kind == "circle":
        return ellipse(0.0, 0.0, 1.0, 1.0, 48)
    if kind in ("triangle", "yield"):
        return _triangle(inverted=kind == "yield")
    if kind == "octagon":
        return regular_polygon(0.0, 0.0, 1.0 / 0.9239, 8, 22.5)
    if kind == "diamond":
        return [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)]
    raise ValueError(f"unknown sign outline {kind!r}")


# --- sign families ---------------------------------------------------------------------

def _prohibitory(pen: Pen, p: Palette) -> None:
    pen.ellipse(0, 0, 1.0, 1.0, p.rim)
    pen.ellipse(0, 0, 0.975, 0.975, p.white)
    pen.ellipse(0, 0, 0.93, 0.93, p.red)
    pen.ellipse(0, 0, 0.72, 0.72, p.white)


def _end_of(pen: Pen, p: Palette) -> None:
    pen.ellipse(0, 0, 1.0, 1.0, p.rim)
    pen.ellipse(0, 0, 0.975, 0.975, p.black)
    pen.ellipse(0, 0, 0.95, 0.95, p.white)


def _mandatory(pen: Pen, p: Palette) -> None:
    pen.ellipse(0, 0, 1.0, 1.0, p.rim)
    pen.ellipse(0, 0, 0.975, 0.975, p.white)
    pen.ellipse(0, 0, 0.94, 0.94, p.blue)


def _warning(pen: Pen, p: Palette) -> Pen:
    """The red-bordered triangle; returns a pen for the symbol in its white field."""
    pen.polygon(rounded_polygon(_triangle(1.0), 0.1), p.rim)
    pen.polygon(rounded_polygon(_triangle(0.975), 0.09), p.white)
    pen.polygon(rounded_polygon(_triangle(0.94), 0.08), p.red)
    pen.polygon(rounded_polygon(_triangle(0.64), 0.03), p.white)
    return pen.child((0.0, 0.25), 0.38)


def _speed(limit: str) -> Callable[[Pen, Palette], None]:
    def draw(pen: Pen, p: Palette) -> None:
        _prohibitory(pen, p)
        if len(limit) == 2:
            draw_text(pen, limit, (0.0, 0.0), 0.66, p.black, stroke=0.15)
        else:
            draw_text(pen, limit, (0.0, 0.0), 0.56, p.black, stroke=0.15, squeeze=0.82)
    return draw


def _end_80(pen: Pen, p: Palette) -> None:
    _end_of(pen, p)
    draw_text(pen, "80", (0.0, 0.0), 0.66, p.grey, stroke=0.15)
    pic.end_stripes(pen, p.black, lines=5, band=0.42, width=0.035, radius=0.95)


def _no_passing(pen: Pen, p: Palette) -> None:
    _prohibitory(pen, p)
    pic.car_rear(pen.child((-0.33, 0.05), 0.26), p.red, p.white)
    pic.car_rear(pen.child((0.33, 0.05), 0.26), p.black, p.white)


def _no_passing_trucks(pen: Pen, p: Palette) -> None:
    _prohibitory(pen, p)
    pic.truck_rear(pen.child((-0.3, 0.02), 0.28), p.red, p.white)
    pic.car_rear(pen.child((0.35, 0.08), 0.24), p.black, p.white)


def _right_of_way(pen: Pen, p: Palette) -> None:
    pic.intersection(_warning(pen, p), p.black)


def _priority(pen: Pen, p: Palette) -> None:
    diamond = outline("diamond")
    pen.polygon(diamond, p.rim)
    pen.polygon([(x * 0.96, y * 0.96) for x, y in diamond], p.white)
    pen.polygon([(x * 0.88, y * 0.88) for x, y in diamond], p.black)
    pen.polygon([(x * 0.86, y * 0.86) for x, y in diamond], p.white)
    pen.polygon([(x * 0.6, y * 0.6) for x, y in diamond], p.yellow)


def _yield(pen: Pen, p: Palette) -> None:
    pen.polygon(rounded_polygon(_triangle(1.0, inverted=True), 0.1), p.rim)
    pen.polygon(rounded_polygon(_triangle(0.975, inverted=True), 0.09), p.white)
    pen.polygon(rounded_polygon(_triangle(0.94, inverted=True), 0.08), p.red)
    pen.polygon(rounded_polygon(_triangle(0.6, inverted=True), 0.03), p.white)


def _stop(pen: Pen, p: Palette) -> None:
    radius = 1.0 / 0.9239
    pen.polygon(regular_polygon(0, 0, radius, 8, 22.5), p.rim)
    pen.polygon(regular_polygon(0, 0, radius * 0.975, 8, 22.5), p.white)
    pen.polygon(regular_polygon(0, 0, radius * 0.93, 8, 22.5), p.red)
    draw_text(pen, "STOP", (0.0, 0.0), 0.5, p.white, stroke=0.17, spacing=0.14)


def _no_vehicles(pen: Pen, p: Palette) -> None:
    _prohibitory(pen, p)


def _no_trucks(pen: Pen, p: Palette) -> None:
    _prohibitory(pen, p)
    pic.truck_side(pen.child((0.0, 0.02), 0.52), p.black, p.white)


def _no_entry(pen: Pen, p: Palette) -> None:
    pen.ellipse(0, 0, 1.0, 1.0, p.rim)
    pen.ellipse(0, 0, 0.975, 0.975, p.white)
    pen.ellipse(0, 0, 0.94, 0.94, p.red)
    pen.polygon([(-0.68, -0.17), (0.68, -0.17), (0.68, 0.17), (-0.68, 0.17)], p.white)


def _warn(symbol: Callable[..., None], *, mirror: bool = False,
          extra: str | None = None) -> Callable[[Pen, Palette], None]:
    """A warning triangle with ``symbol`` in black (``extra`` passes the white or lamp colours)."""
    def draw(pen: Pen, p: Palette) -> None:
        field = _warning(pen, p)
        if mirror:
            field = field.child((0.0, 0.0), 1.0, mirror=True)
        if extra == "white":
            symbol(field, p.black, p.white)
        elif extra == "lamps":
            symbol(field, p.black, p.lamps)
        else:
            symbol(field, p.black)
    return draw


def _end_all(pen: Pen, p: Palette) -> None:
    _end_of(pen, p)
    pic.end_stripes(pen, p.black, lines=5, band=0.5, width=0.05, radius=0.95)


def _blue_arrow(path: list[Point], *, mirror: bool = False,
                branch: list[Point] | None = None) -> Callable[[Pen, Palette], None]:
    def draw(pen: Pen, p: Palette) -> None:
        _mandatory(pen, p)
        field = pen.child((0.0, 0.0), 1.0, mirror=mirror)
        pic.arrow(field, path, 0.24, p.white, head=0.34)
        if branch is not None:
            pic.arrow(field, branch, 0.24, p.white, head=0.34)
    return draw


def _roundabout(pen: Pen, p: Palette) -> None:
    _mandatory(pen, p)
    pic.roundabout(pen, p.white)


def _end_no_passing(pen: Pen, p: Palette) -> None:
    _end_of(pen, p)
    pic.car_rear(pen.child((-0.33, 0.05), 0.26), p.grey, p.white)
    pic.car_rear(pen.child((0.33, 0.05), 0.26), p.grey, p.white)
    pic.end_stripes(pen, p.black, lines=5, band=0.42, width=0.035, radius=0.95)


def _end_no_passing_trucks(pen: Pen, p: Palette) -> None:
    _end_of(pen, p)
    pic.truck_rear(pen.child((-0.3, 0.02), 0.28), p.grey, p.white)
    pic.car_rear(pen.child((0.35, 0.08), 0.24), p.grey, p.white)
    pic.end_stripes(pen, p.black, lines=5, band=0.42, width=0.035, radius=0.95)


_TURN = [(-0.25, 0.72), (-0.25, 0.1), (-0.25, -0.12), (-0.12, -0.25), (0.05, -0.25),
         (0.62, -0.25)]
_STRAIGHT = [(0.0, 0.75), (0.0, -0.72)]
_STRAIGHT_OFF = [(-0.18, 0.75), (-0.18, -0.72)]
_BRANCH = [(-0.18, 0.35), (-0.18, 0.05), (0.0, -0.08), (0.2, -0.08), (0.66, -0.08)]
_DIAGONAL = [(-0.45, -0.45), (0.5, 0.5)]

# class id -> (outline, drawer), in GTSRB's official order
SIGNS: tuple[tuple[str, Callable[[Pen, Palette], None]], ...] = (
    ("circle", _speed("20")),            # 0 speed limit 20
    ("circle", _speed("30")),            # 1 speed limit 30
    ("circle", _speed("50")),            # 2 speed limit 50
    ("circle", _speed("60")),            # 3 speed limit 60
    ("circle", _speed("70")),            # 4 speed limit 70
    ("circle", _speed("80")),            # 5 speed limit 80
    ("circle", _end_80),                 # 6 end of speed limit 80
    ("circle", _speed("100")),           # 7 speed limit 100
    ("circle", _speed("120")),           # 8 speed limit 120
    ("circle", _no_passing),             # 9 no passing
    ("circle", _no_passing_trucks),      # 10 no passing for vehicles over 3.5 t
    ("triangle", _right_of_way),         # 11 right-of-way at the next intersection
    ("diamond", _priority),              # 12 priority road
    ("yield", _yield),                   # 13 yield
    ("octagon", _stop),                  # 14 stop
    ("circle", _no_vehicles),            # 15 no vehicles
    ("circle", _no_trucks),              # 16 vehicles over 3.5 t prohibited
    ("circle", _no_entry),               # 17 no entry
    ("triangle", _warn(pic.exclamation)),                 # 18 general caution
    ("triangle", _warn(pic.curve)),                       # 19 dangerous curve to the left
    ("triangle", _warn(pic.curve, mirror=True)),          # 20 dangerous curve to the right
    ("triangle", _warn(pic.double_curve)),                # 21 double curve
    ("triangle", _warn(pic.bumps)),                       # 22 bumpy road
    ("triangle", _warn(pic.slippery, extra="white")),     # 23 slippery road
    ("triangle", _warn(pic.narrows_right)),               # 24 road narrows on the right
    ("triangle", _warn(pic.road_work)),                   # 25 road work
    ("triangle", _warn(pic.traffic_lights, extra="lamps")),  # 26 traffic signals
    ("triangle", _warn(pic.walker)),                      # 27 pedestrians
    ("triangle", _warn(pic.children)),                    # 28 children crossing
    ("triangle", _warn(pic.bicycle)),                     # 29 bicycles crossing
    ("triangle", _warn(pic.snowflake)),                   # 30 beware of ice/snow
    ("triangle", _warn(pic.deer)),                        # 31 wild animals crossing
    ("circle", _end_all),                # 32 end of all speed and passing limits
    ("circle", _blue_arrow(_TURN)),      # 33 turn right ahead
    ("circle", _blue_arrow(_TURN, mirror=True)),  # 34 turn left ahead
    ("circle", _blue_arrow(_STRAIGHT)),  # 35 ahead only
    ("circle", _blue_arrow(_STRAIGHT_OFF, branch=_BRANCH)),  # 36 go straight or right
    ("circle", _blue_arrow(_STRAIGHT_OFF, branch=_BRANCH, mirror=True)),  # 37 straight or left
    ("circle", _blue_arrow(_DIAGONAL)),  # 38 keep right
    ("circle", _blue_arrow(_DIAGONAL, mirror=True)),  # 39 keep left
    ("circle", _roundabout),             # 40 roundabout mandatory
    ("circle", _end_no_passing),         # 41 end of no passing
    ("circle", _end_no_passing_trucks),  # 42 end of no passing by vehicles over 3.5 t
)

assert len(SIGNS) == NUM_CLASSES


def sign_outline(class_id: int) -> list[Point]:
    """The outline of class ``class_id``'s sign in model units (box [-1, 1] wide)."""
    return outline(SIGNS[class_id][0])


def draw_sign(class_id: int, width: int, palette: Palette | None = None) -> tuple[Image.Image, float]:
    """Draw sign ``class_id`` face-on as RGBA, ``width`` pixels across its outline.

    Returns the image and its pixels per model unit; model point (0, 0) is the image centre.
    """
    if not 0 <= class_id < NUM_CLASSES:
        raise ValueError(f"GTSRB class ids run from 0 to {NUM_CLASSES - 1}, got {class_id}")
    kind, drawer = SIGNS[class_id]
    pad = 2
    scale = (width - 2 * pad) / 2.0
    height = round(2 * _OUTLINE_HALF_HEIGHT[kind] * scale) + 2 * pad
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = Pen(image, scale=scale, offset=(width / 2, height / 2))
    drawer(pen, palette or Palette())
    return image, scale
