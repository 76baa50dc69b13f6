"""DepthwiseMaxPool2D: the numbers, the errors a student would hit, and saving with a model."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import keras
import nbformat
import numpy as np
import pytest
import tensorflow as tf

from helpers import layers
from helpers.layers import DepthwiseMaxPool2D

POOLING_NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_pooling.ipynb"


def _class_without_docstrings(source: str, name: str) -> str:
    """The AST of class ``name`` in ``source``, docstrings removed, as comparable text."""
    node = next((n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef)
                 and n.name == name), None)
    assert node is not None, f"no class {name} in the source"
    for part in [node, *ast.walk(node)]:
        body = getattr(part, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            part.body = body[1:]
    return ast.dump(node)


def test_the_lessons_layer_is_the_tested_copy():
    notebook = nbformat.read(POOLING_NOTEBOOK, as_version=4)
    cells = [c.source for c in notebook.cells
             if c.cell_type == "code" and "class DepthwiseMaxPool2D" in c.source]
    assert len(cells) == 1, "notebook 02 must write the layer out in exactly one cell"
    lesson = _class_without_docstrings(cells[0], "DepthwiseMaxPool2D")
    tested = _class_without_docstrings(inspect.getsource(layers), "DepthwiseMaxPool2D")
    assert lesson == tested, ("notebook 02's DepthwiseMaxPool2D and helpers/layers.py's copy differ: "
                              "make them the same code, so the tests below test the lesson")


def test_pools_each_group_of_channels_like_numpy():
    images = np.random.default_rng(0).normal(size=(2, 5, 7, 6)).astype("float32")
    pooled = np.asarray(DepthwiseMaxPool2D(pool_size=3)(images))
    expected = images.reshape(2, 5, 7, 2, 3).max(axis=-1)
    assert pooled.shape == (2, 5, 7, 2)
    np.testing.assert_allclose(pooled, expected)


def test_matches_the_lectures_tf_nn_max_pool_over_depth():
    images = np.random.default_rng(1).uniform(size=(1, 4, 4, 9)).astype("float32")
    lecture = tf.nn.max_pool(images, ksize=(1, 1, 1, 3), strides=(1, 1, 1, 3), padding="VALID")
    np.testing.assert_allclose(DepthwiseMaxPool2D(3)(images), lecture)


def test_works_with_unknown_height_and_width():
    model = keras.Sequential([keras.Input(shape=(None, None, 4)), DepthwiseMaxPool2D(2)])
    assert model.output_shape == (None, None, None, 2)
    assert model(np.ones((3, 8, 5, 4), "float32")).shape == (3, 8, 5, 2)


def test_rejects_a_channel_count_that_is_not_a_multiple():
    with pytest.raises(ValueError, match=r"multiple of 3; the input has 4 channels"):
        DepthwiseMaxPool2D(3)(np.ones((1, 2, 2, 4), "float32"))


def test_rejects_a_bad_pool_size():
    with pytest.raises(ValueError, match="positive integer"):
        DepthwiseMaxPool2D(0)


def test_saves_and_loads_inside_a_model(tmp_path):
    model = keras.Sequential([
        keras.Input(shape=(6, 6, 3)),
        keras.layers.Conv2D(6, 3, padding="same"),
        DepthwiseMaxPool2D(pool_size=3, name="depth_pool"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(2),
    ])
    images = np.random.default_rng(2).normal(size=(4, 6, 6, 3)).astype("float32")
    path = tmp_path / "with depth pool 모델.keras"
    model.save(path)
    restored = keras.models.load_model(path)
    assert isinstance(restored.get_layer("depth_pool"), DepthwiseMaxPool2D)
    assert restored.get_layer("depth_pool").pool_size == 3
    np.testing.assert_allclose(restored.predict(images, verbose=0), model.predict(images, verbose=0),
                               rtol=1e-6)


def test_conv_bn_relu_is_a_fresh_three_layer_block_without_bias():
    from helpers.layers import conv_bn_relu

    first, second = conv_bn_relu(8), conv_bn_relu(8)
    assert [type(layer).__name__ for layer in first] == ["Conv2D", "BatchNormalization", "Activation"]
    assert first[0] is not second[0], "each call must build new layers, or two blocks would share weights"
    model = keras.Sequential([keras.Input(shape=(6, 6, 3)), *first])
    assert model.output_shape == (None, 6, 6, 8)
    assert model.count_params() == 3 * 3 * 3 * 8 + 4 * 8   # no conv bias; BN: gamma, beta, mean, variance
    assert float(np.min(model(np.random.default_rng(0).normal(size=(2, 6, 6, 3)).astype("float32")))) >= 0.0
