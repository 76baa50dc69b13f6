"""The loaders on real files: a staged real data folder and Debian's Fashion-MNIST (skipped when absent).

Set ``COURSE_DATA_DIR`` to a staged real data folder (a GTSRB sample of two tracks per class,
the complete cats_and_dogs_filtered, the ImageNet weights) to run them.
"""

from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from helpers import config, data
from helpers.data import places
from helpers.data.__main__ import main
from helpers.data.registry import FASHION_MNIST_FILES

SHARED = Path(os.environ.get("COURSE_DATA_DIR") or "/no-staged-data-folder")
HAS_SHARED = (SHARED / "GTSRB" / "Final_Training" / "Images").is_dir()
HAS_DEBIAN = places.DEBIAN_FASHION_MNIST.is_dir()

pytestmark = pytest.mark.real_data
needs_shared = pytest.mark.skipif(
    not HAS_SHARED, reason="set COURSE_DATA_DIR to a staged real data folder")
needs_debian = pytest.mark.skipif(
    not HAS_DEBIAN, reason="Debian's dataset-fashion-mnist is not installed (apt-get install it)")


@pytest.fixture
def shared(isolated_course, monkeypatch):
    """Full mode on the shared staged folder, offline, with a fresh cache."""
    monkeypatch.setenv("COURSE_DATA_DIR", str(SHARED))
    monkeypatch.setenv("COURSE_QUICK", "0")
    return SHARED


@needs_shared
def test_gtsrb_sample_loads_every_image_with_the_right_labels(shared, capsys):
    signs = data.load_gtsrb()
    assert signs.X.shape == (2580, 32, 32, 1) and signs.X.dtype == np.uint8
    folders = np.array([int(name.split("/")[0]) for name in signs.filename])
    np.testing.assert_array_equal(signs.y, folders)
    assert np.bincount(signs.y).tolist() == [60] * 43
    for class_id in (0, 21, 42):  # the first and the last track of each class, 30 frames each
        tracks, frames = np.unique(signs.track[signs.y == class_id], return_counts=True)
        assert len(tracks) == 2 and frames.tolist() == [30, 30]
    line = capsys.readouterr().out
    assert f"from {shared / 'GTSRB' / 'Final_Training' / 'Images'} (COURSE_DATA_DIR)" in line
    assert "partial copy (2,580 of 39,209)" in line
    assert (signs.image_size >= 15).all() and (signs.roi[:, 2] <= signs.image_size[:, 0]).all()


@needs_shared
def test_gtsrb_sample_matches_the_lectures_reader(shared):
    images = shared / "GTSRB" / "Final_Training" / "Images"
    with pytest.warns(PendingDeprecationWarning):
        lecture = data.read_dataset_ppm(images, 3, (32, 32))
    course = data.load_gtsrb()
    first = course.y < 3
    assert lecture.X.shape == (180, 32, 32, 1)
    np.testing.assert_array_equal(np.asarray(lecture.y.argmax(axis=1)).ravel(), course.y[first])
    assert np.abs(course.X[first] * (100 / 255) - lecture.X).max() <= 100 / 255 / 2 + 1e-3


@needs_shared
def test_gtsrb_sample_verifies_without_problems(shared, capsys):
    assert main(["verify", "gtsrb"]) == 1  # partial, so not "complete and intact"
    captured = capsys.readouterr()
    assert "2,580 files checked" in captured.out and "problem:" not in captured.out
    assert "intact, but the copy is partial (2,580 of 39,209)" in captured.err


@needs_shared
def test_cats_and_dogs_is_complete(shared):
    dogs = data.cats_and_dogs()
    assert dogs.counts == {"train": {"cats": 1000, "dogs": 1000}, "validation": {"cats": 500, "dogs": 500}}
    assert dogs.info.complete and "partial" not in dogs.info.line


@needs_shared
def test_staged_mobilenet_weights_are_found_and_match_their_md5(shared):
    path = data.imagenet_weights("mobilenet_2_5_224_tf_no_top.h5")
    assert path == shared / "weights" / "mobilenet_2_5_224_tf_no_top.h5"
    assert hashlib.md5(path.read_bytes()).hexdigest() == "f313cee49f5d33dfb06f2b255c4adb64"


def _idx_md5(array: np.ndarray) -> str:
    header = bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return hashlib.md5(header + array.tobytes()).hexdigest()


@needs_debian
def test_debian_fashion_mnist_loads_the_official_content(isolated_course, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_QUICK", "0")
    monkeypatch.setattr(config, "local_data_dir", lambda: isolated_course / "local-data")
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert "(Debian package dataset-fashion-mnist)" in capsys.readouterr().out
    official = {name: content for name, (_, content) in FASHION_MNIST_FILES.items()}
    assert _idx_md5(x_train) == official["train-images-idx3-ubyte.gz"]
    assert _idx_md5(y_train) == official["train-labels-idx1-ubyte.gz"]
    assert _idx_md5(x_test) == official["t10k-images-idx3-ubyte.gz"]
    assert _idx_md5(y_test) == official["t10k-labels-idx1-ubyte.gz"]
