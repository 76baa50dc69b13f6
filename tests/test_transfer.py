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
    from helpers.data.registry import WEIGHTS, weight_url

    for spec in transfer.BASES.values():
        for filename in spec.weight_files(spec.default_size) + spec.weight_files(224):
            assert weight_url(filename).endswith(filename)
    assert "mobilenet_2_5_224_tf_no_top.h5" in WEIGHTS


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


def test_preprocessing_matches_each_base():
    pixels = np.array([[[[0.0, 127.5, 255.0]]]], dtype="float32")
    mobilenet = transfer.BaseChoice(transfer.BASES["mobilenet_v2"], 160, None)
    np.testing.assert_allclose(np.asarray(mobilenet.preprocess(pixels.copy())), [[[[-1, 0, 1]]]], atol=1e-6)
    vgg = transfer.BaseChoice(transfer.BASES["vgg16"], 160, None)
    mean_rgb = np.array([[[[123.68, 116.779, 103.939]]]], dtype="float32")
    np.testing.assert_allclose(np.asarray(vgg.preprocess(mean_rgb)), 0.0, atol=1e-3)


def test_random_base_builds_headless_at_the_chosen_size():
    choice = transfer.BaseChoice(transfer.BASES["mobilenet_025"], 96, None)
    base = choice.build()
    assert base.output_shape == (None, 3, 3, 256)
    assert base.get_layer(choice.fine_tune_from) is not None


@needs_small_mobilenet
def test_staged_small_mobilenet_is_found_and_its_weights_are_loaded(isolated_course, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(SHARED))
    choice = transfer.choose_base(("mobilenet_v2", "mobilenet_025"), image_size=128)
    assert choice.spec.key == "mobilenet_025" and choice.weights == SMALL_MOBILENET
    assert "not staged" in capsys.readouterr().out  # the data layer said MobileNetV2 is missing
    first, second = choice.build(), choice.build()
    random = transfer.BaseChoice(choice.spec, 128, None).build()
    kernel = "conv1"
    np.testing.assert_array_equal(first.get_layer(kernel).get_weights()[0],
                                  second.get_layer(kernel).get_weights()[0])
    assert not np.allclose(first.get_layer(kernel).get_weights()[0],
                           random.get_layer(kernel).get_weights()[0])
