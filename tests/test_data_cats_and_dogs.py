"""cats_and_dogs_filtered folders and subsets, and the ImageNet weight files."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from test_data_builders import Server, make_cats_and_dogs

from helpers import data
from helpers.data import weights


@pytest.fixture
def staged(isolated_course, monkeypatch):
    root = isolated_course / "staged"
    make_cats_and_dogs(root, n_train=4, n_validation=2)
    monkeypatch.setenv("COURSE_DATA_DIR", str(root))
    return root


def test_finds_the_folders_and_counts_each_split_and_class(staged, capsys):
    dogs = data.cats_and_dogs()
    assert dogs.train_dir == staged / "cats_and_dogs_filtered" / "train"
    assert dogs.validation_dir == staged / "cats_and_dogs_filtered" / "validation"
    assert dogs.counts == {"train": {"cats": 4, "dogs": 4}, "validation": {"cats": 2, "dogs": 2}}
    assert "8 train + 4 validation images" in capsys.readouterr().out
    assert "partial copy (12 of 3,000)" in dogs.info.line


def test_max_per_class_makes_a_subset_of_copies_in_the_cache_once(staged):
    subset = data.cats_and_dogs(max_per_class=3)
    assert subset.counts == {"train": {"cats": 3, "dogs": 3}, "validation": {"cats": 2, "dogs": 2}}
    files = sorted(p for p in subset.root.rglob("*.jpg"))
    assert len(files) == 10 and not any(p.is_symlink() for p in files)
    names = [p.name for p in sorted((subset.train_dir / "cats").iterdir())]
    assert names == ["cat.0.jpg", "cat.1.jpg", "cat.2.jpg"]
    stamp = (subset.train_dir / "cats" / "cat.0.jpg").stat().st_mtime_ns
    again = data.cats_and_dogs(max_per_class=3)
    assert again.root == subset.root
    assert (again.train_dir / "cats" / "cat.0.jpg").stat().st_mtime_ns == stamp, "the subset was copied again"


def test_junk_files_are_not_counted_and_extra_folders_are_warned_about(staged):
    train = staged / "cats_and_dogs_filtered" / "train"
    (train / "cats" / ".DS_Store").write_bytes(b"junk")
    (train / "cats" / "Thumbs.db").write_bytes(b"junk")
    (train / ".ipynb_checkpoints").mkdir()
    with pytest.warns(data.DataWarning, match=r"\.ipynb_checkpoints.*treat each as another class"):
        dogs = data.cats_and_dogs()
    assert dogs.counts["train"]["cats"] == 4


def test_macos_dot_underscore_files_are_not_counted_or_copied_and_are_warned_about(staged):
    (staged / "cats_and_dogs_filtered" / "train" / "dogs" / "._dog.0.jpg").write_bytes(b"\0\5\26\7 Mac OS X")
    expected = r"holds 1 hidden file\(s\) named like images \(train/dogs/\._dog\.0\.jpg\)"
    with pytest.warns(data.DataWarning, match=expected):
        subset = data.cats_and_dogs(max_per_class=10)
    assert subset.counts["train"]["dogs"] == 4
    assert not list(subset.root.rglob("._*")), "the subset copied a macOS resource file"


def test_missing_validation_folder_is_a_layout_error_with_the_expected_layout(staged):
    for path in sorted((staged / "cats_and_dogs_filtered" / "validation" / "dogs").iterdir()):
        path.unlink()
    (staged / "cats_and_dogs_filtered" / "validation" / "dogs").rmdir()
    expected = r"lacks validation/dogs(?s:.*)train/cats/\*.jpg  train/dogs/\*.jpg"
    with pytest.raises(data.LayoutError, match=expected):
        data.cats_and_dogs()


# ---------------------------------------------------------------- weights

NAME = "mobilenet_2_5_224_tf_no_top.h5"
V2_160 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5"
V2_224 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5"


def h5_bytes(tmp_path, content: bytes) -> bytes:
    """Return the bytes of a real (small) HDF5 file holding ``content``."""
    import h5py

    path = tmp_path / f"w-{hashlib.md5(content).hexdigest()[:8]}.h5"
    with h5py.File(path, "w") as h5:
        h5["kernel"] = np.frombuffer(content.ljust(64, b"\0"), np.uint8)
    return path.read_bytes()


def _official(monkeypatch, body: bytes) -> None:
    """Make the table require ``body``'s md5 for NAME, as it does for files Keras ships a hash for."""
    entry = weights.WeightFile(NAME, "mobilenet", (hashlib.md5(body).hexdigest(),), official=True)
    monkeypatch.setitem(weights.WEIGHTS, NAME, entry)


def test_staged_weights_are_found_by_their_keras_name(staged, capsys, tmp_path):
    body = h5_bytes(tmp_path, b"weights")
    (staged / "weights").mkdir()
    (staged / "weights" / NAME).write_bytes(body)
    assert data.imagenet_weights(NAME) == staged / "weights" / NAME
    assert f"from {staged / 'weights' / NAME} (COURSE_DATA_DIR)" in capsys.readouterr().out


def test_a_staged_file_with_the_wrong_official_hash_is_ignored_with_a_warning(staged, monkeypatch, tmp_path):
    _official(monkeypatch, h5_bytes(tmp_path, b"weights"))
    (staged / "weights").mkdir()
    (staged / "weights" / NAME).write_bytes(h5_bytes(tmp_path, b"tampered"))
    with pytest.warns(data.DataWarning, match="is not the known"):
        assert data.imagenet_weights(NAME) is None  # offline in tests: nothing else to try


def test_keras_cache_is_searched_after_the_data_folders(staged, isolated_course, tmp_path):
    cache = isolated_course / "home" / ".keras" / "models"
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(h5_bytes(tmp_path, b"cached"))
    assert data.imagenet_weights(NAME) == cache / NAME


def test_the_224_mobilenet_v2_file_serves_a_160_pixel_model_and_says_so(staged, capsys, tmp_path):
    (staged / "weights").mkdir()
    (staged / "weights" / V2_224).write_bytes(h5_bytes(tmp_path, b"v2 224"))
    assert data.imagenet_weights(V2_160) == staged / "weights" / V2_224
    out = capsys.readouterr().out
    assert f"{V2_160} is not here; using {V2_224} from {staged / 'weights' / V2_224}" in out


def test_the_course_accepts_the_rebuilt_mobilenet_v2_224_file_by_its_md5():
    assert "b8e8c37d083e9a98f6256b2d447369df" in weights.WEIGHTS[V2_224].md5s
    assert not weights.WEIGHTS[V2_224].official  # Keras ships no hash: its own download passes too


def test_weights_download_from_the_mirror_when_online(staged, monkeypatch, tmp_path):
    body = h5_bytes(tmp_path, b"downloaded")
    _official(monkeypatch, body)
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with Server() as server:
        server.serve(f"/{NAME}", body)
        monkeypatch.setenv("COURSE_MIRROR", server.url)
        path = data.imagenet_weights(NAME)
    assert path == staged / "weights" / NAME and path.read_bytes() == body


def test_weights_a_mirror_serving_a_web_page_is_refused(staged, monkeypatch):
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with Server() as server:
        server.serve(f"/{NAME}", b"<html>login</html>")
        monkeypatch.setenv("COURSE_MIRROR", server.url)
        with pytest.warns(data.DataWarning, match="not an HDF5"):
            assert data.imagenet_weights(NAME) is None
    assert not (staged / "weights" / NAME).exists()


def test_weight_file_names_map_to_the_urls_keras_itself_uses():
    from keras.src.applications import mobilenet, mobilenet_v2, vgg16

    vgg = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    assert weights.weight_url(vgg) == vgg16.WEIGHTS_PATH_NO_TOP
    assert weights.weight_url(V2_160) == mobilenet_v2.BASE_WEIGHT_PATH + V2_160
    assert weights.weight_url(NAME) == mobilenet.BASE_WEIGHT_PATH + NAME
    with pytest.raises(KeyError, match="not a Keras application weight file"):
        weights.weight_url("resnet_not_keras.h5")
