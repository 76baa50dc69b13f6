"""Fashion-MNIST: the course's own idx parser, the loader, and the class names in two languages."""

from __future__ import annotations

import gzip

import numpy as np
import pytest
from test_data_builders import idx_bytes, make_fashion

from helpers import data
from helpers.data.checks import content_md5
from helpers.data.errors import IdxFormatError
from helpers.data.idx import read_idx


def test_read_idx_reads_gzipped_and_plain_files_like_keras(tmp_path):
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a.gz").write_bytes(gzip.compress(idx_bytes(array)))
    (tmp_path / "a").write_bytes(idx_bytes(array))
    for name in ("a.gz", "a"):
        got = read_idx(tmp_path / name)
        np.testing.assert_array_equal(got, array)
        assert got.dtype == np.uint8 and got.flags.writeable


def test_read_idx_handles_big_endian_wider_types(tmp_path):
    values = np.array([1, -2, 300000], dtype=">i4")
    raw = bytes([0, 0, 0x0C, 1]) + (3).to_bytes(4, "big") + values.tobytes()
    (tmp_path / "ints").write_bytes(raw)
    got = read_idx(tmp_path / "ints")
    assert got.tolist() == [1, -2, 300000] and got.dtype.isnative


def test_a_truncated_idx_file_is_an_error_saying_how_much_is_missing(tmp_path):
    raw = idx_bytes(np.zeros((10, 28, 28), np.uint8))
    (tmp_path / "cut.gz").write_bytes(gzip.compress(raw[:-100]))
    with pytest.raises(IdxFormatError, match=r"truncated: its header declares \(10, 28, 28\) \(7,840 bytes"):
        read_idx(tmp_path / "cut.gz")


def test_a_file_that_is_not_idx_is_named_in_the_error(tmp_path):
    (tmp_path / "page.html").write_bytes(b"<html>not found</html>")
    with pytest.raises(IdxFormatError, match=r"page.html is not an idx file"):
        read_idx(tmp_path / "page.html")


def test_content_md5_ignores_the_gzip_header(tmp_path):
    raw = idx_bytes(np.ones((3, 2), np.uint8))
    (tmp_path / "one.gz").write_bytes(gzip.compress(raw, mtime=0))
    (tmp_path / "two.gz").write_bytes(gzip.compress(raw, mtime=12345))
    assert (tmp_path / "one.gz").read_bytes() != (tmp_path / "two.gz").read_bytes()
    assert content_md5(tmp_path / "one.gz") == content_md5(tmp_path / "two.gz")


def test_loader_returns_keras_shaped_uint8_arrays_and_prints_where(isolated_course, capsys):
    folder = make_fashion(isolated_course / "data", n_train=30, n_test=20)
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist(folder)
    assert x_train.shape == (30, 28, 28) and x_test.shape == (20, 28, 28)
    assert x_train.dtype == y_train.dtype == np.uint8
    assert y_test.tolist() == [i % 10 for i in range(20)]
    assert capsys.readouterr().out.startswith(
        f"Fashion-MNIST: 30 train + 20 test images, 28x28 uint8 · from {folder} (the path you gave)")


def test_loader_rejects_labels_that_do_not_match_the_images(isolated_course):
    folder = make_fashion(isolated_course / "data", n_train=30)
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(np.zeros(29, np.uint8))))
    with pytest.raises(data.LayoutError, match=r"the train images \(30, 28, 28\) and labels \(29,\)"):
        data.load_fashion_mnist(folder)


def test_class_names_in_english_korean_or_both():
    assert data.class_names(data.FASHION_MNIST_CLASSES)[9] == "Ankle boot"
    assert data.class_names(data.FASHION_MNIST_CLASSES, "ko")[1] == "바지"
    assert data.class_names(data.FASHION_MNIST_CLASSES, "both")[0] == "T-shirt/top (티셔츠/탑)"
    with pytest.raises(ValueError, match="lang must be"):
        data.class_names(data.FASHION_MNIST_CLASSES, "fr")


def test_sign_names_cover_the_43_gtsrb_classes_in_both_languages():
    assert len(data.GTSRB_SIGN_NAMES) == 43
    english = data.class_names(data.GTSRB_SIGN_NAMES)
    assert english[14] == "Stop" and english[1] == "Speed limit (30km/h)" and english[13] == "Yield"
    assert all(ko and en != ko for en, ko in data.GTSRB_SIGN_NAMES)
    assert len(set(english)) == 43
