"""Shared code for the CNN course: set-up, data, plotting and layers.

Import what you need from the submodules (``from helpers.plotting import plot_image``);
``setup`` is re-exported here because every notebook calls it first. Importing this package
does not import TensorFlow and changes nothing: all work happens in explicit calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["setup"]

if TYPE_CHECKING:
    from helpers.environment import Course


def setup(*args: Any, **kwargs: Any) -> Course:
    """Seed, read the mode, find the data folder, print one summary line (``environment.setup``)."""
    from helpers.environment import setup as _setup

    return _setup(*args, **kwargs)
