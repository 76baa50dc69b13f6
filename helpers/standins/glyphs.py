"""A small stroke font for road-sign text: the digits and the letters of STOP.

Each glyph is a list of strokes in a box one unit high (y down) and ``advance`` wide, drawn
with round joints; narrow, even-width strokes like the DIN 1451 lettering of German signs.
Drawing our own glyphs keeps the stand-ins free of fonts, so they are the same everywhere.
"""

from __future__ import annotations

from helpers.standins.draw import Colour, Pen, Point, arc, bezier


def _six() -> list[list[Point]]:
    return [arc(0.28, 0.7, 0.28, 0.3, 0, 360, 30), bezier((0.0, 0.7), (0.0, 0.2), (0.44, 0.0))]


def _rotated(strokes: list[list[Point]], width: float) -> list[list[Point]]:
    return [[(width - x, 1.0 - y) for x, y in stroke] for stroke in strokes]


_ZERO = arc(0.28, 0.3, 0.28, 0.3, 180, 360, 14) + arc(0.28, 0.7, 0.28, 0.3, 0, 180, 14)

# char -> (advance width, strokes)
GLYPHS: dict[str, tuple[float, list[list[Point]]]] = {
    "0": (0.56, [[*_ZERO, _ZERO[0]]]),
    "1": (0.42, [[(0.04, 0.24), (0.36, 0.0), (0.36, 1.0)]]),
    "2": (0.56, [[*arc(0.28, 0.28, 0.27, 0.27, 190, 375, 16), (0.02, 1.0), (0.58, 1.0)]]),
    "3": (0.56, [arc(0.28, 0.26, 0.25, 0.25, 200, 450, 16),
                 arc(0.28, 0.73, 0.28, 0.27, 270, 520, 18)]),
    "4": (0.6, [[(0.44, 1.0), (0.44, 0.0), (0.0, 0.68), (0.6, 0.68)]]),
    "5": (0.56, [[(0.52, 0.0), (0.09, 0.0), (0.05, 0.46), *arc(0.28, 0.68, 0.28, 0.31, 215, 500, 20)]]),
    "6": (0.56, _six()),
    "7": (0.56, [[(0.0, 0.0), (0.56, 0.0), (0.16, 1.0)]]),
    "8": (0.56, [arc(0.28, 0.25, 0.24, 0.25, 0, 360, 24), arc(0.28, 0.73, 0.28, 0.27, 0, 360, 24)]),
    "9": (0.56, _rotated(_six(), 0.56)),
    "S": (0.58, [arc(0.29, 0.26, 0.27, 0.26, 330, 90, 16), arc(0.29, 0.74, 0.29, 0.26, 270, 510, 18)]),
    "T": (0.6, [[(0.0, 0.0), (0.6, 0.0)], [(0.3, 0.0), (0.3, 1.0)]]),
    "O": (0.62, [arc(0.31, 0.5, 0.31, 0.5, 0, 360, 30)]),
    "P": (0.56, [[(0.02, 1.0), (0.02, 0.0), (0.3, 0.0), *arc(0.3, 0.27, 0.26, 0.27, 270, 450, 12),
                  (0.02, 0.54)]]),
}


def text_width(text: str, spacing: float = 0.16) -> float:
    """Width of ``text`` in glyph units (one unit = the glyph height)."""
    return sum(GLYPHS[ch][0] for ch in text) + spacing * (len(text) - 1)


def draw_text(pen: Pen, text: str, centre: Point, height: float, colour: Colour, *,
              stroke: float = 0.14, spacing: float = 0.16, squeeze: float = 1.0) -> None:
    """Draw ``text`` centred on ``centre``, ``height`` model units tall, ``squeeze`` narrows it."""
    unknown = [ch for ch in text if ch not in GLYPHS]
    if unknown:
        raise ValueError(f"sign font: no glyph for {unknown!r}; it has {''.join(sorted(GLYPHS))}")
    width = text_width(text, spacing) * height * squeeze
    x = centre[0] - width / 2
    top = centre[1] - height / 2
    for ch in text:
        advance, strokes = GLYPHS[ch]
        for stroke_points in strokes:
            pen.line([(x + px * height * squeeze, top + py * height) for px, py in stroke_points],
                     stroke * height, colour)
        x += (advance + spacing) * height * squeeze
