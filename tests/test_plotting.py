"""Plotting helpers: the figures they return, the values they draw, the errors they raise."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest

from helpers import plotting

CONVOLUTION_NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_convolution.ipynb"


def _visible_axes(fig) -> list:
    return [ax for ax in fig.axes if ax.get_visible()]


def test_lecture_plot_image_draws_grey_without_axes():
    ax = plotting.plot_image(np.zeros((5, 6, 1)))
    assert ax.images[0].get_cmap().name == "gray"
    assert ax.images[0].get_array().shape == (5, 6)
    assert not ax.axison


def test_lecture_plot_color_image_converts_to_uint8():
    ax = plotting.plot_color_image(np.full((4, 4, 3), 300.0))
    assert ax.images[0].get_array().dtype == np.uint8
    assert ax.images[0].get_array().max() == 255


def test_image_grid_has_one_axis_per_image_and_titles():
    images = [np.full((8, 8), i, dtype=np.uint8) for i in range(10)]
    fig = plotting.image_grid(images, titles=[f"t{i}" for i in range(10)], ncols=4)
    axes = _visible_axes(fig)
    assert len(axes) == 10
    assert [ax.get_title() for ax in axes] == [f"t{i}" for i in range(10)]


def test_image_grid_rejects_mismatched_titles():
    with pytest.raises(ValueError, match="3 images but 2 titles"):
        plotting.image_grid([np.zeros((2, 2))] * 3, titles=["a", "b"])


def test_compare_images_side_by_side():
    fig = plotting.compare_images([np.zeros((4, 4, 3)), np.ones((2, 2))], ["before", "after"])
    assert [ax.get_title() for ax in fig.axes] == ["before", "after"]


def test_plot_history_one_axis_per_metric_with_validation():
    history = {"loss": [1.0, 0.5, 0.3], "accuracy": [0.5, 0.7, 0.8],
               "val_loss": [1.1, 0.7, 0.6], "val_accuracy": [0.4, 0.6, 0.7]}
    fig = plotting.plot_history(history)
    assert [ax.get_ylabel() for ax in fig.axes] == ["loss", "accuracy"]
    lines = fig.axes[0].get_lines()
    assert [list(line.get_ydata()) for line in lines] == [[1.0, 0.5, 0.3], [1.1, 0.7, 0.6]]


def test_plot_history_compares_runs_on_the_same_axes():
    run = {"loss": [1.0, 0.5], "val_loss": [1.2, 0.9]}
    fig = plotting.plot_history({"plain": run, "augmented": run}, metrics=["loss"])
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert labels == ["plain train", "plain validation", "augmented train", "augmented validation"]


def test_concat_histories_continues_epochs():
    joined = plotting.concat_histories({"loss": [3, 2]}, {"loss": [1]})
    assert joined == {"loss": [3.0, 2.0, 1.0]}


def test_confusion_matrix_counts():
    fig = plotting.plot_confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], ["a", "b", "c"])
    drawn = fig.axes[0].images[0].get_array()
    np.testing.assert_array_equal(drawn, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["a", "b", "c"]


def test_confusion_matrix_rejects_labels_beyond_the_names():
    with pytest.raises(ValueError, match="number of class names"):
        plotting.plot_confusion_matrix([0, 3], [0, 1], ["a", "b"])


def test_filters_one_panel_per_filter():
    fig = plotting.plot_filters(np.zeros((3, 3, 1, 12)))
    assert len(_visible_axes(fig)) == 12


def test_feature_maps_accept_a_batch_of_one_and_cap_the_count():
    fig = plotting.plot_feature_maps(np.zeros((1, 6, 6, 40)), max_maps=16)
    assert len(_visible_axes(fig)) == 16
    with pytest.raises(ValueError, match="one image"):
        plotting.plot_feature_maps(np.zeros((2, 6, 6, 4)))


def test_korean_labels_render_without_missing_glyphs(tmp_path):
    name = plotting.use_course_style()
    assert name is not None and "Nanum" in name
    fig, ax = plt.subplots()
    ax.set_title("티셔츠/탑 T-shirt/top")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        fig.savefig(tmp_path / "korean.png")


def test_lecture_plot_color_image_keeps_0_to_1_floats():
    ax = plotting.plot_color_image(np.full((4, 4, 3), 0.5))
    assert ax.images[0].get_array().max() == 0.5


def test_plot_history_counts_epochs_in_whole_numbers():
    fig = plotting.plot_history({"loss": [1.0, 0.5], "val_loss": [1.2, 0.9]})
    fig.canvas.draw()
    ticks = [t for t in fig.axes[0].get_xticks() if 1 <= t <= 2]
    assert ticks and all(float(t).is_integer() for t in ticks)


def test_notebook_01_writes_out_the_lectures_drawing_functions():
    """The lesson shows plot_image/plot_color_image as code, and they draw what helpers' copies draw."""
    notebook = nbformat.read(CONVOLUTION_NOTEBOOK, as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    cell = next((s for s in code if "def plot_image(" in s and "def plot_color_image(" in s), None)
    assert cell is not None, "notebook 01 must define plot_image and plot_color_image in one cell"
    assert not any("import" in s and "plot_image" in s for s in code), "01 must not import them"
    namespace = {"plt": plt}
    exec(cell, namespace)  # the notebook's own cell, as a student runs it
    grey, colour = np.arange(12.0).reshape(3, 4), np.full((3, 4, 3), 0.5)
    for lesson, tested, image in ((namespace["plot_image"], plotting.plot_image, grey),
                                  (namespace["plot_color_image"], plotting.plot_color_image, colour)):
        plt.figure()
        lesson(image)
        lesson_ax = plt.gca()
        tested_ax = tested(image, ax=plt.figure().gca())
        np.testing.assert_array_equal(lesson_ax.images[0].get_array(), tested_ax.images[0].get_array())
        assert lesson_ax.images[0].get_cmap().name == tested_ax.images[0].get_cmap().name
        assert not lesson_ax.axison and not tested_ax.axison
        plt.close("all")
