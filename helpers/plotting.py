"""Plotting for the course: tested versions of the lecture's ``plot_image``/``plot_color_image``
(notebook 01 writes the lecture's own out) and the figures the notebooks share (image grids,
comparisons, training curves, confusion matrices, filters and feature maps). Every function
returns the matplotlib object it drew on.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

KOREAN_FONT_FILE = "NanumGothic.ttf"


@functools.cache
def _korean_font_path() -> Path | None:
    """Find a font with Hangul glyphs: the one koreanize-matplotlib ships, else a system font."""
    spec = importlib.util.find_spec("koreanize_matplotlib")  # locate only: its import has side effects
    if spec and spec.submodule_search_locations:
        candidate = Path(next(iter(spec.submodule_search_locations))) / "fonts" / KOREAN_FONT_FILE
        if candidate.is_file():
            return candidate
    for path in font_manager.findSystemFonts():
        if any(key in Path(path).name for key in ("NanumGothic", "NotoSansCJK", "NotoSansKR")):
            return Path(path)
    return None


@functools.cache
def _registered_font_name(font: Path) -> str:
    """Register a font file with matplotlib once per session and return its family name."""
    font_manager.fontManager.addfont(str(font))
    return font_manager.FontProperties(fname=str(font)).get_name()


def use_course_style() -> str | None:
    """Make Korean labels render (Hangul font as a fallback after DejaVu Sans); return its name."""
    font = _korean_font_path()
    plt.rcParams["figure.dpi"] = 80
    plt.rcParams["axes.unicode_minus"] = False
    if font is None:
        warnings.warn(
            "No font with Korean glyphs was found: Korean labels will show as boxes. "
            "Install it with: pip install koreanize-matplotlib",
            stacklevel=2,
        )
        return None
    name = _registered_font_name(font)
    plt.rcParams["font.family"] = ["DejaVu Sans", name]
    return name


def plot_image(image: np.ndarray, ax: Axes | None = None) -> Axes:
    """Show a single-channel image in grey, without axes: notebook 01's ``plot_image``, for later notebooks.

    Unlike the lesson's two-line version it also takes ``(height, width, 1)`` arrays and an axis.
    """
    ax = ax or plt.gca()
    ax.imshow(np.squeeze(image), cmap="gray", interpolation="nearest")
    ax.axis("off")
    return ax


def plot_color_image(image: np.ndarray, ax: Axes | None = None) -> Axes:
    """Show an RGB image without axes: notebook 01's ``plot_color_image``, for later notebooks.

    Unlike the lesson's two-line version it also shows 0-255 floats (``imshow`` would clip them
    to white) and takes an axis.
    """
    ax = ax or plt.gca()
    image = np.asarray(image)
    if image.dtype == np.uint8 or image.max() > 1.0:
        image = np.clip(image, 0, 255).astype(np.uint8)
    else:  # the lecture's images scaled to 0-1 (a uint8 cast would turn them black)
        image = np.clip(image, 0.0, 1.0)
    ax.imshow(image, interpolation="nearest")
    ax.axis("off")
    return ax


def _show(ax: Axes, image: np.ndarray, cmap: str | None) -> None:
    image = np.asarray(image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.ndim == 2:
        ax.imshow(image, cmap=cmap or "gray", interpolation="nearest")
    else:
        if image.dtype != np.uint8 and image.max() > 1.0:
            image = np.clip(image, 0, 255).astype(np.uint8)
        ax.imshow(image, interpolation="nearest")
    ax.axis("off")


def image_grid(
    images: Sequence[np.ndarray] | np.ndarray,
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    cmap: str | None = None,
    size: float = 1.6,
    suptitle: str | None = None,
) -> Figure:
    """Show images in a grid with an optional title under each; returns the figure."""
    count = len(images)
    if count == 0:
        raise ValueError("image_grid() got no images to show.")
    if titles is not None and len(titles) != count:
        raise ValueError(f"image_grid() got {count} images but {len(titles)} titles.")
    ncols = min(ncols, count)
    nrows = math.ceil(count / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * size, nrows * (size + 0.35)),
                             squeeze=False)
    for index, ax in enumerate(axes.flat):
        if index >= count:
            ax.remove()
            continue
        _show(ax, images[index], cmap)
        if titles is not None:
            ax.set_title(titles[index], fontsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def compare_images(
    images: Sequence[np.ndarray], titles: Sequence[str], cmap: str | None = None, size: float = 4.0
) -> Figure:
    """Show images side by side in one row, each with its title (before/after comparisons)."""
    if len(images) != len(titles):
        raise ValueError(f"compare_images() got {len(images)} images but {len(titles)} titles.")
    fig, axes = plt.subplots(1, len(images), figsize=(size * len(images), size), squeeze=False)
    for ax, image, title in zip(axes.flat, images, titles, strict=True):
        _show(ax, image, cmap)
        ax.set_title(title)
    fig.tight_layout()
    return fig


def _history_dict(history: Any) -> dict[str, list[float]]:
    values = getattr(history, "history", history)
    if not isinstance(values, Mapping):
        raise TypeError(f"Expected a keras History or a dict of lists, got {type(history).__name__}.")
    return {key: list(map(float, value)) for key, value in values.items()}


def concat_histories(*histories: Any) -> dict[str, list[float]]:
    """Join the histories of successive ``fit`` calls into one, epoch after epoch."""
    joined: dict[str, list[float]] = {}
    for history in histories:
        for key, values in _history_dict(history).items():
            joined.setdefault(key, []).extend(values)
    return joined


def plot_history(
    history: Any,
    metrics: Sequence[str] | None = None,
    title: str | None = None,
    marks: Mapping[str, int] | None = None,
) -> Figure:
    """Plot training and validation curves, one axis per metric; returns the figure.

    ``history`` is a ``History``, a dict of lists, or a mapping ``{label: history}`` to compare
    several runs on the same axes. ``marks`` draws vertical lines at epochs (``{"fine-tune": 5}``).
    """
    if isinstance(history, Mapping) and history and all(
        not isinstance(v, list | tuple | np.ndarray) for v in history.values()
    ):
        runs = {label: _history_dict(h) for label, h in history.items()}
    else:
        runs = {"": _history_dict(history)}
    if metrics is None:
        first = next(iter(runs.values()))
        metrics = [key for key in first if not key.startswith("val_") and key != "learning_rate"]
    fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.6), squeeze=False)
    for ax, metric in zip(axes.flat, metrics, strict=True):
        for number, (label, values) in enumerate(runs.items()):
            color = f"C{number}"
            prefix = f"{label} " if label else ""
            if metric in values:
                epochs = range(1, len(values[metric]) + 1)
                ax.plot(epochs, values[metric], "-", color=color, label=f"{prefix}train")
            if f"val_{metric}" in values:
                epochs = range(1, len(values[f"val_{metric}"]) + 1)
                ax.plot(epochs, values[f"val_{metric}"], "--", color=color,
                        label=f"{prefix}validation")
        for name, epoch in (marks or {}).items():
            ax.axvline(epoch + 0.5, color="grey", linestyle=":")
            ax.annotate(name, (epoch + 0.5, 0.98), xycoords=("data", "axes fraction"),
                        fontsize=8, ha="left", va="top")
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(metric)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_confusion_matrix(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    class_names: Sequence[str],
    normalize: bool = False,
    size: float | None = None,
) -> Figure:
    """Draw the confusion matrix (rows: true class, columns: predicted); returns the figure."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true has shape {y_true.shape} but y_pred has {y_pred.shape}.")
    n = len(class_names)
    if y_true.size and max(y_true.max(), y_pred.max()) >= n:
        raise ValueError(f"A label is >= the number of class names ({n}).")
    matrix = np.zeros((n, n), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    shown = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1) if normalize else matrix
    size = size or max(5.0, 0.45 * n + 2)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(shown, cmap="Blues")
    ax.set_xticks(range(n), class_names, rotation=90, fontsize=8)
    ax.set_yticks(range(n), class_names, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    if n <= 15:
        threshold = shown.max() / 2 if shown.size else 0
        for i in range(n):
            for j in range(n):
                text = f"{shown[i, j]:.2f}" if normalize else str(matrix[i, j])
                ax.text(j, i, text, ha="center", va="center", fontsize=7,
                        color="white" if shown[i, j] > threshold else "black")
    fig.tight_layout()
    return fig


def plot_filters(kernels: np.ndarray, channel: int = 0, ncols: int = 8, size: float = 1.0) -> Figure:
    """Show a conv layer's kernels ``(height, width, in_channels, filters)`` for one input channel."""
    kernels = np.asarray(kernels)
    if kernels.ndim != 4:
        raise ValueError(f"Expected kernels shaped (h, w, in, out), got {kernels.shape}.")
    maps = kernels[:, :, channel, :]
    images = [maps[:, :, k] for k in range(maps.shape[-1])]
    return image_grid(images, titles=[str(k) for k in range(len(images))], ncols=ncols,
                      cmap="gray", size=size)


def plot_feature_maps(
    maps: np.ndarray, ncols: int = 8, max_maps: int = 32, size: float = 1.2, title: str | None = None
) -> Figure:
    """Show the channels of one image's activations ``(height, width, channels)`` as a grid."""
    maps = np.asarray(maps)
    if maps.ndim == 4:
        if maps.shape[0] != 1:
            raise ValueError(f"Expected one image's feature maps, got a batch of {maps.shape[0]}.")
        maps = maps[0]
    if maps.ndim != 3:
        raise ValueError(f"Expected feature maps shaped (h, w, channels), got {maps.shape}.")
    count = min(max_maps, maps.shape[-1])
    images = [maps[:, :, k] for k in range(count)]
    return image_grid(images, titles=[str(k) for k in range(count)], ncols=ncols,
                      cmap="viridis", size=size, suptitle=title)
