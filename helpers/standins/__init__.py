"""Offline stand-ins: deterministic drawn datasets written in the real datasets' on-disk formats.

Quick mode uses them when no real copy is found and nothing can be downloaded, so that the
real loading code runs on real file formats. They look like what they stand for and a small
CNN learns them, but they are not the real data: each stand-in folder holds a ``STANDIN.txt``
(``MARKER``) saying so, and the writers refuse to write into a folder that holds other files.
"""

from __future__ import annotations

from helpers.standins.fashion import write_fashion_mnist
from helpers.standins.gtsrb import write_gtsrb
from helpers.standins.guard import MARKER, is_standin
from helpers.standins.pets import write_cats_and_dogs

__all__ = ["MARKER", "is_standin", "write_cats_and_dogs", "write_fashion_mnist", "write_gtsrb"]
