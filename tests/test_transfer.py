"""Choosing an ImageNet base from the weights at hand: order, fallback, what it says and builds."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from helpers import transfer

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COURSE_DATA_DIR") or ROOT.parent / "shared" / "data")
SMALL_MOBILENET = SHARED / "weights" / "mobilenet_2_5_224_tf_no_top.h5"
MOBILENET_V2_224 = SHARED / "weights" / "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5"
needs_small_mobilenet = pytest.mark.skipif(
    not SMALL_MOBILENET.is_file(), reason=f"no staged {SMALL_MOBILENET.name} in {SHARED.parent}")


class Finder:
    """A stand-in for ``data.imagenet_weights``: knows some files, records what it was asked."""

    def __init__(self, folder: Path, present: tuple[str, ...] = ()):
        self.folder = folder
        self.present = present
        self.asked: list[str] = []

    def __call__(self, filename: str) -> Path | None:
        self.asked.append(filename)
        return self.folder / filename if filename in self.present else None


def test_weight_files_try_the_requested_size_then_224():
    v2 = transfer.BASES["mobilenet_v2"]
    assert v2.weight_files(160) == [
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5",
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5",
    ]
    assert v2.weight_files(224) == ["mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5"]
    assert transfer.BASES["mobilenet_025"].weight_files(150) == ["mobilenet_2_5_224_tf_no_top.h5"]
    assert transfer.BASES["vgg16"].weight_files(160) == ["vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"]


def test_the_weight_file_names_are_the_ones_the_data_layer_knows():
    from keras.src.applications import mobilenet, mobilenet_v2, vgg16

    from helpers.data.weights import WEIGHTS, weight_url

    keras_folder = {"mobilenet_v2": mobilenet_v2.BASE_WEIGHT_PATH,
                    "mobilenet_025": mobilenet.BASE_WEIGHT_PATH,
                    "vgg16": vgg16.WEIGHTS_PATH_NO_TOP.rpartition("/")[0] + "/"}
    for spec in transfer.BASES.values():
        for filename in spec.weight_files(spec.default_size) + spec.weight_files(224):
            assert filename in WEIGHTS, f"{filename} is not in the data layer's weights table"
            assert weight_url(filename) == keras_folder[spec.key] + filename  # where Keras downloads it


def test_preferred_base_with_weights_wins_and_later_files_are_not_asked(tmp_path):
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5"
    finder = Finder(tmp_path, (name, "mobilenet_2_5_224_tf_no_top.h5"))
    choice = transfer.choose_base(("mobilenet_v2", "mobilenet_025"), find=finder)
    assert choice.spec.key == "mobilenet_v2" and choice.pretrained
    assert choice.weights == tmp_path / name and choice.image_size == 160
    assert finder.asked == [name]  # no download is tried for a base that is not needed
    assert choice.fine_tune_from == "block_13_expand"
    assert "fallback" not in choice.describe() and "0.98" in choice.describe()


def test_falls_back_to_the_small_mobilenet_and_says_so(tmp_path):
    finder = Finder(tmp_path, ("mobilenet_2_5_224_tf_no_top.h5",))
    choice = transfer.choose_base(("mobilenet_v2", "mobilenet_025"), image_size=160, find=finder)
    assert choice.spec.key == "mobilenet_025" and choice.image_size == 160
    assert choice.weights == tmp_path / "mobilenet_2_5_224_tf_no_top.h5"
    assert finder.asked[:2] == transfer.BASES["mobilenet_v2"].weight_files(160)
    text = choice.describe()
    assert "MobileNet (alpha 0.25)" in text and "fallback" in text and "MobileNetV2" in text


def test_a_base_asked_for_alone_is_not_called_a_fallback(tmp_path):
    name = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    choice = transfer.choose_base(("vgg16",), image_size=128, find=Finder(tmp_path, (name,)))
    assert choice.spec.key == "vgg16" and choice.fine_tune_from == "block5_conv1"
    assert "fallback" not in choice.describe() and "VGG16" in choice.describe()


def test_without_any_weights_the_cheapest_base_is_built_random_and_it_says_so(tmp_path):
    finder = Finder(tmp_path)
    choice = transfer.choose_base(("mobilenet_v2", "mobilenet_025"), find=finder)
    assert choice.spec.key == "mobilenet_025" and not choice.pretrained and choice.weights is None
    assert choice.image_size == 160  # the size asked for (the first base's), not the fallback's
    text = choice.describe()
    assert "RANDOM weights" in text and "chance" in text
    assert "mobilenet_2_5_224_tf_no_top.h5" in text  # says what it looked for
    assert len(finder.asked) == 4


def test_unknown_or_empty_preferences_are_refused():
    with pytest.raises(ValueError, match=r"Unknown base 'resnet'.*mobilenet_v2"):
        transfer.choose_base(("resnet",), find=lambda name: None)
    with pytest.raises(ValueError, match="at least one"):
        transfer.choose_base((), find=lambda name: None)


def test_random_base_builds_headless_at_the_chosen_size():
    import keras

    choice = transfer.BaseChoice(transfer.BASES["mobilenet_025"], 96, None)
    application = getattr(keras.applications, choice.spec.application)
    base = application(include_top=False, weights=choice.weights_argument, input_shape=(96, 96, 3),
                       **choice.spec.kwargs)
    assert base.output_shape == (None, 3, 3, 256)
    names = [layer.name for layer in base.layers]
    assert len(names) // 2 < names.index(choice.fine_tune_from) < len(names) - 1  # a layer of the top blocks


def keras_base(choice, size):
    """Build a choice's base the way the notebook does: its keras.applications call, its weights file."""
    import keras

    application = getattr(keras.applications, choice.spec.application)
    return application(input_shape=(size, size, 3), include_top=False, weights=choice.weights_argument,
                       **choice.spec.kwargs)


@needs_small_mobilenet
def test_staged_small_mobilenet_is_found_and_its_weights_are_loaded(isolated_course, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(SHARED))
    choice = transfer.choose_base(("mobilenet_025",), image_size=128)
    assert choice.spec.key == "mobilenet_025" and choice.weights == SMALL_MOBILENET
    assert choice.weights_argument == str(SMALL_MOBILENET)
    first, second = keras_base(choice, 128), keras_base(choice, 128)
    random = keras_base(transfer.BaseChoice(choice.spec, 128, None), 128)
    kernel = "conv1"
    np.testing.assert_array_equal(first.get_layer(kernel).get_weights()[0],
                                  second.get_layer(kernel).get_weights()[0])
    assert not np.allclose(first.get_layer(kernel).get_weights()[0],
                           random.get_layer(kernel).get_weights()[0])


@pytest.mark.skipif(not MOBILENET_V2_224.is_file(), reason=f"no staged {MOBILENET_V2_224.name} in {SHARED}")
def test_staged_224_mobilenet_v2_file_serves_the_160_pixel_base(isolated_course, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(SHARED))
    choice = transfer.choose_base(("mobilenet_v2", "mobilenet_025"), image_size=160)
    assert choice.spec.key == "mobilenet_v2" and choice.image_size == 160
    assert Path(choice.weights).name == MOBILENET_V2_224.name  # no 160 file is staged: the 224 one fits
    assert MOBILENET_V2_224.name in capsys.readouterr().out  # the data layer says which file it used
    base = keras_base(choice, 160)
    assert base.output_shape == (None, 5, 5, 1280)
    random = keras_base(transfer.BaseChoice(choice.spec, 160, None), 160)
    kernel = "Conv1"
    assert not np.allclose(base.get_layer(kernel).get_weights()[0], random.get_layer(kernel).get_weights()[0])
