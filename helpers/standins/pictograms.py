"""The symbols on German road signs, each drawn in its own unit box (x, y in [-1, 1], y down).

A sign places a symbol with ``Pen.child(centre, size, mirror=...)``, so one drawing serves
both the left and the right variant of a sign.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.standins.draw import Colour, Pen, Point, arc, bezier, ellipse


def arrow(pen: Pen, path: list[Point], width: float, colour: Colour, *,
          head: float | None = None) -> None:
    """A thick arrow along ``path`` with a triangular head at its last point."""
    head = head if head is not None else width * 2.2
    (x0, y0), (x1, y1) = path[-2], path[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    base = (x1 - ux * head * 0.9, y1 - uy * head * 0.9)
    pen.line([*path[:-1], base], width, colour, round_caps=False)
    half = head * 0.95
    pen.polygon([(x1 + ux * 0.05 * head, y1 + uy * 0.05 * head),
                 (base[0] - uy * half, base[1] + ux * half),
                 (base[0] + uy * half, base[1] - ux * half)], colour)


def car_rear(pen: Pen, body: Colour, window: Colour) -> None:
    """A car seen from behind: cabin, rear window, body, wheels (the no-passing signs)."""
    pen.polygon([(-0.6, -0.7), (0.6, -0.7), (0.82, -0.1), (-0.82, -0.1)], body)
    pen.polygon([(-0.44, -0.56), (0.44, -0.56), (0.6, -0.18), (-0.6, -0.18)], window)
    pen.polygon([(-1.0, -0.14), (1.0, -0.14), (1.0, 0.5), (-1.0, 0.5)], body)
    for side in (-1, 1):
        pen.polygon([(side * 0.92, 0.45), (side * 0.55, 0.45), (side * 0.55, 0.9), (side * 0.92, 0.9)],
                    body)
        pen.ellipse(side * 0.66, 0.12, 0.14, 0.1, window)


def truck_rear(pen: Pen, body: Colour, window: Colour) -> None:
    """A lorry seen from behind: a tall box on wheels (no passing for lorries)."""
    pen.polygon([(-1.0, -1.0), (1.0, -1.0), (1.0, 0.55), (-1.0, 0.55)], body)
    pen.line([(-0.8, 0.2), (0.8, 0.2)], 0.08, window)
    for side in (-1, 1):
        pen.polygon([(side * 0.95, 0.5), (side * 0.5, 0.5), (side * 0.5, 0.95), (side * 0.95, 0.95)],
                    body)


def truck_side(pen: Pen, colour: Colour, background: Colour) -> None:
    """A lorry in side view facing left: cab, cargo box and wheels (lorries prohibited)."""
    pen.polygon([(-0.45, -0.55), (1.0, -0.55), (1.0, 0.35), (-0.45, 0.35)], colour)  # box
    pen.polygon([(-1.0, -0.2), (-0.78, -0.45), (-0.52, -0.45), (-0.52, 0.35), (-1.0, 0.35)], colour)
    pen.polygon([(-0.92, -0.18), (-0.76, -0.36), (-0.6, -0.36), (-0.6, -0.12)], background)
    pen.polygon([(-1.0, 0.3), (1.0, 0.3), (1.0, 0.45), (-1.0, 0.45)], colour)
    for x in (-0.7, 0.45, 0.78):
        pen.ellipse(x, 0.5, 0.17, 0.17, colour)
        pen.ellipse(x, 0.5, 0.06, 0.06, background)


def car_side(pen: Pen, colour: Colour, background: Colour) -> None:
    """A car in side view facing left (slippery road)."""
    pen.polygon([(-1.0, 0.05), (-0.9, -0.2), (-0.45, -0.28), (-0.25, -0.6), (0.45, -0.6),
                 (0.7, -0.25), (1.0, -0.2), (1.0, 0.25), (-1.0, 0.25)], colour)
    pen.polygon([(-0.2, -0.5), (0.1, -0.5), (0.1, -0.27), (-0.38, -0.27)], background)
    pen.polygon([(0.18, -0.5), (0.42, -0.5), (0.58, -0.27), (0.18, -0.27)], background)
    for x in (-0.55, 0.6):
        pen.ellipse(x, 0.27, 0.2, 0.2, colour)
        pen.ellipse(x, 0.27, 0.08, 0.08, background)


def intersection(pen: Pen, colour: Colour) -> None:
    """Right of way at the next crossing: a thick upward bar with a point, crossed by a thin one."""
    pen.polygon([(-0.16, 1.0), (0.16, 1.0), (0.16, -0.55), (0.34, -0.55), (0.0, -1.0),
                 (-0.34, -0.55), (-0.16, -0.55)], colour)
    pen.polygon([(-0.75, -0.06), (0.75, -0.06), (0.75, 0.08), (-0.75, 0.08)], colour)


def exclamation(pen: Pen, colour: Colour) -> None:
    """General caution: a tapering bar and a dot."""
    pen.polygon([(-0.17, -1.0), (0.17, -1.0), (0.09, 0.4), (-0.09, 0.4)], colour)
    pen.ellipse(0.0, 0.78, 0.16, 0.16, colour)


def curve(pen: Pen, colour: Colour) -> None:
    """Dangerous curve to the left: a road line rising and bending left (mirror for right)."""
    path = [(0.35, 1.0), (0.35, 0.1), *bezier((0.35, 0.1), (0.35, -0.55), (-0.35, -0.55), 10)[1:],
            (-0.55, -0.55)]
    arrow(pen, path, 0.32, colour, head=0.42)


def double_curve(pen: Pen, colour: Colour) -> None:
    """Double curve, first to the left."""
    path = [(0.0, 1.0), *bezier((0.0, 1.0), (-0.9, 0.4), (0.0, 0.0), 10)[1:],
            *bezier((0.0, 0.0), (0.9, -0.4), (0.1, -1.0), 10)[1:]]
    pen.line(path, 0.3, colour, round_caps=False)


def bumps(pen: Pen, colour: Colour) -> None:
    """Uneven road: two humps on the road surface."""
    pts = [(-1.0, 0.45), (-1.0, 0.2)]
    for cx in (-0.45, 0.45):
        pts += arc(cx, 0.25, 0.42, 0.45, 180, 360, 12)
    pts += [(1.0, 0.2), (1.0, 0.45)]
    pen.polygon(pts, colour)


def slippery(pen: Pen, colour: Colour, background: Colour) -> None:
    """Slippery road: a skidding car with two wavy tracks behind it."""
    car_side(pen.child((0.0, -0.35), 0.62, rotation=-12), colour, background)
    for x0 in (-0.45, 0.25):
        pts = [(x0 + 0.22 * math.sin(t * 2.2), 0.15 + 0.8 * t / 3.0) for t in np.linspace(0, 3, 14)]
        pen.line(pts, 0.1, colour)


def narrows_right(pen: Pen, colour: Colour) -> None:
    """Road narrows on the right: the left edge straight, the right one stepping inwards."""
    pen.line([(-0.45, 1.0), (-0.45, -1.0)], 0.2, colour, round_caps=False)
    pen.line([(0.55, 1.0), (0.55, 0.2), (0.15, -0.25), (0.15, -1.0)], 0.2, colour,
             round_caps=False)


def road_work(pen: Pen, colour: Colour) -> None:
    """Road work: a man digging, his shovel in a heap."""
    pen.ellipse(-0.28, -0.78, 0.16, 0.16, colour)
    pen.line([(-0.35, -0.55), (-0.1, 0.05)], 0.26, colour)  # body leaning forward
    pen.line([(-0.1, 0.05), (-0.45, 0.5), (-0.55, 0.95)], 0.18, colour)  # back leg
    pen.line([(-0.1, 0.05), (0.15, 0.5), (0.2, 0.95)], 0.18, colour)  # front leg
    pen.line([(-0.3, -0.4), (0.05, -0.1), (0.3, 0.25)], 0.13, colour)  # arms to the shovel
    pen.line([(-0.15, -0.5), (0.55, 0.55)], 0.07, colour)  # shovel handle
    pen.polygon([(0.25, 0.95), (0.6, 0.35), (1.0, 0.95)], colour)  # heap


def traffic_lights(pen: Pen, outline: Colour, colours: tuple[Colour, Colour, Colour]) -> None:
    """Traffic signals ahead: red, amber and green lamps in a column."""
    for k, colour in enumerate(colours):
        y = -0.68 + 0.68 * k
        pen.ellipse(0.0, y, 0.3, 0.3, outline)
        pen.ellipse(0.0, y, 0.24, 0.24, colour)


def walker(pen: Pen, colour: Colour, *, stride: float = 1.0) -> None:
    """A person walking to the left (pedestrians; children)."""
    pen.ellipse(0.0, -0.8, 0.18, 0.18, colour)
    pen.line([(0.0, -0.55), (0.04, 0.1)], 0.3, colour)
    pen.line([(0.04, 0.1), (-0.35 * stride, 0.95)], 0.2, colour)
    pen.line([(0.04, 0.1), (0.2, 0.5), (0.35 * stride, 0.95)], 0.2, colour)
    pen.line([(0.0, -0.45), (-0.3, -0.05), (-0.38, 0.25)], 0.14, colour)
    pen.line([(0.0, -0.45), (0.28, -0.08), (0.35, 0.2)], 0.14, colour)


def children(pen: Pen, colour: Colour) -> None:
    """Children: a larger and a smaller child running to the left, hand in hand."""
    walker(pen.child((0.38, 0.0), 0.95), colour, stride=1.3)
    walker(pen.child((-0.48, 0.2), 0.75), colour, stride=1.3)
    pen.line([(0.05, -0.05), (-0.22, 0.05)], 0.1, colour)


def bicycle(pen: Pen, colour: Colour) -> None:
    """Bicycles: two wheels, frame, saddle and handlebar."""
    for cx in (-0.55, 0.55):
        pen.line(arc(cx, 0.35, 0.42, 0.42, 0, 360, 28), 0.1, colour)
    pen.line([(-0.55, 0.35), (-0.15, -0.25), (0.4, -0.25), (0.55, 0.35)], 0.1, colour)
    pen.line([(-0.55, 0.35), (0.05, 0.35), (-0.15, -0.25)], 0.1, colour)
    pen.line([(0.05, 0.35), (0.4, -0.25), (0.35, -0.5), (0.2, -0.55)], 0.1, colour)
    pen.line([(-0.22, -0.42), (0.0, -0.42)], 0.12, colour)
    pen.line([(-0.12, -0.42), (-0.15, -0.25)], 0.08, colour)


def snowflake(pen: Pen, colour: Colour) -> None:
    """Ice or snow: a six-armed snowflake."""
    for k in range(6):
        a = math.radians(60 * k + 90)
        tip = (0.95 * math.cos(a), 0.95 * math.sin(a))
        pen.line([(0.0, 0.0), tip], 0.14, colour)
        for r in (0.45, 0.7):
            base = (r * math.cos(a), r * math.sin(a))
            for da in (-40, 40):
                b = a + math.radians(da)
                pen.line([base, (base[0] + 0.28 * math.cos(b), base[1] + 0.28 * math.sin(b))], 0.1,
                         colour)


def deer(pen: Pen, colour: Colour) -> None:
    """Wild animals: a deer leaping up to the left."""
    pen.child((0.05, 0.05), 1.0, rotation=22).polygon(ellipse(0.0, 0.0, 0.52, 0.2, 24), colour)
    pen.line([(-0.3, -0.12), (-0.55, -0.5)], 0.2, colour)  # neck
    pen.child((-0.68, -0.56), 1.0, rotation=20).polygon(ellipse(0.0, 0.0, 0.19, 0.1, 16), colour)
    pen.line([(-0.58, -0.66), (-0.5, -0.95)], 0.05, colour)  # antlers
    pen.line([(-0.52, -0.85), (-0.38, -0.92)], 0.05, colour)
    pen.line([(-0.62, -0.68), (-0.7, -0.92)], 0.05, colour)
    pen.line([(-0.3, 0.02), (-0.62, 0.2), (-0.9, 0.08)], 0.08, colour)  # front legs, tucked
    pen.line([(-0.22, 0.08), (-0.5, 0.35), (-0.78, 0.3)], 0.08, colour)
    pen.line([(0.42, 0.25), (0.7, 0.55), (0.98, 0.9)], 0.09, colour)  # hind legs, stretched
    pen.line([(0.38, 0.3), (0.55, 0.7), (0.72, 1.0)], 0.09, colour)
    pen.line([(0.52, 0.12), (0.66, 0.02)], 0.07, colour)  # tail


def roundabout(pen: Pen, colour: Colour) -> None:
    """Roundabout: three arrows chasing each other anticlockwise."""
    for k in range(3):
        start = 90 + 120 * k
        pts = arc(0.0, 0.0, 0.62, 0.62, start, start - 85, 10)
        arrow(pen, pts, 0.2, colour, head=0.3)


def end_stripes(pen: Pen, colour: Colour, *, lines: int = 5, band: float = 0.5,
                width: float = 0.04, radius: float = 1.0) -> None:
    """The thin diagonal lines of an end-of-restriction sign, clipped to its disc."""
    direction = (math.cos(math.radians(135)), math.sin(math.radians(135)))  # top right to bottom left
    normal = (-direction[1], direction[0])
    for offset in np.linspace(-band / 2, band / 2, lines):
        half = math.sqrt(max(radius**2 - offset**2, 0.0))
        cx, cy = normal[0] * offset, normal[1] * offset
        pen.line([(cx - direction[0] * half, cy - direction[1] * half),
                  (cx + direction[0] * half, cy + direction[1] * half)], width, colour,
                 round_caps=False)
