"""The resolver: the course's search order, the one clear full-mode error, and quick mode's stand-ins."""

from __future__ import annotations

import pytest
from test_data_builders import make_fashion, make_gtsrb_train

from helpers import config, data
from helpers.data import places, standin_store
from helpers.data.handlers import HANDLERS


@pytest.fixture
def bare(isolated_course, monkeypatch):
    """A machine with nothing staged: no data folders, no Keras cache, no Debian package."""
    monkeypatch.setattr(config, "local_data_dir", lambda: isolated_course / "local-data")
    monkeypatch.setattr(places, "DEBIAN_FASHION_MNIST", isolated_course / "no-debian")
    return isolated_course


def test_full_mode_with_nothing_staged_fails_with_one_clear_message(bare, monkeypatch):
    monkeypatch.setenv("COURSE_QUICK", "0")
    (bare / "staged").mkdir()
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    with pytest.raises(data.DatasetNotFoundError) as error:
        data.load_gtsrb()
    assert error.value.__cause__ is None and error.value.__suppress_context__ is False
    message = str(error.value)
    assert message.startswith("GTSRB training set (gtsrb) was not found, and full mode needs the real data.")
    images = "GTSRB/Final_Training/Images"
    assert f"COURSE_DATA_DIR: {bare / 'staged' / images} (not there)" in message
    assert f"local data/ folder: {bare / 'local-data' / images} (not there)" in message
    assert "download: skipped (COURSE_OFFLINE=1)" in message
    assert "1. unset COURSE_OFFLINE, connect to the internet" in message
    assert "python -m helpers.data fetch gtsrb" in message
    assert "2. copy a staged data folder" in message and "COURSE_DATA_DIR=" in message


def test_full_mode_fashion_mnist_lists_the_keras_cache_and_debian_places(bare, monkeypatch):
    monkeypatch.setenv("COURSE_QUICK", "0")
    with pytest.raises(data.DatasetNotFoundError) as error:
        data.load_fashion_mnist()
    message = str(error.value)
    assert "Keras cache: " + str(bare / "home" / ".keras" / "datasets" / "fashion-mnist") in message
    assert "Debian package dataset-fashion-mnist: " + str(bare / "no-debian") in message


def test_quick_mode_falls_back_to_a_stand_in_and_says_so(bare, monkeypatch, capsys):
    # The real generator, at a size that keeps this test fast (the default size takes seconds).
    monkeypatch.setattr(HANDLERS["fashion_mnist"], "standin_options", {"n_train": 40, "n_test": 20})
    (x_train, y_train), _ = data.load_fashion_mnist()
    line = capsys.readouterr().out
    assert "Generating the offline stand-in for Fashion-MNIST (once)" in line
    assert "Fashion-MNIST: 40 train + 20 test images, 28x28 uint8" in line
    assert "(offline stand-in) · OFFLINE STAND-IN, not the real data" in line
    assert x_train.dtype.name == "uint8" and x_train.shape == (40, 28, 28) and len(y_train) == 40
    located = data.locate("fashion_mnist")
    assert located.standin and not located.complete and located.source == "offline stand-in"
    assert located.path.parent.parent == config.cache_dir() / "standins"
    assert located.path == standin_store.standin_data_root("fashion_mnist") / "fashion-mnist"


def test_stand_in_is_generated_once_then_reused(bare, monkeypatch):
    calls = []

    def write(root):
        calls.append("gtsrb")
        make_gtsrb_train(root, classes=(0, 5), tracks=1, frames=2)

    monkeypatch.setattr(HANDLERS["gtsrb"], "draw_standin", write)
    first = data.load_gtsrb()
    second = data.load_gtsrb()
    assert calls == ["gtsrb"]
    assert first.y.tolist() == second.y.tolist() == [0, 0, 5, 5]
    assert first.info.standin and "OFFLINE STAND-IN" in first.info.line
    assert not list((config.cache_dir() / "standins").glob(".tmp-*")), "scratch folder left behind"


def test_two_notebooks_generating_the_same_stand_in_at_once_both_get_a_whole_one(bare, monkeypatch):
    written, in_use = [], []

    def write(root):
        written.append(root)
        if len(written) == 1:  # another notebook finishes the same stand-in while this one writes
            other = standin_store.ensure_standin("gtsrb") / "GTSRB" / "Final_Training" / "Images" / "00005"
            in_use.append((other / "GT-00005.csv", (other / "GT-00005.csv").stat().st_ino))
        make_gtsrb_train(root, classes=(0, 5), tracks=1, frames=2)

    monkeypatch.setattr(HANDLERS["gtsrb"], "draw_standin", write)
    root = standin_store.ensure_standin("gtsrb")
    assert len(written) == 2 and root == standin_store.standin_data_root("gtsrb")
    (csv, inode), = in_use
    assert csv.stat().st_ino == inode, "the stand-in the other notebook reads was replaced under it"
    classes = sorted(p.name for p in (root / "GTSRB" / "Final_Training" / "Images").iterdir())
    assert classes == ["00000", "00005"]
    left = [p.name for p in standin_store.standin_root().iterdir()]
    assert left == [root.name], "scratch folder left behind"
    assert data.load_gtsrb().y.tolist() == [0, 0, 5, 5]


def test_a_changed_generator_writes_a_new_stand_in_and_drops_the_old_one(bare, monkeypatch):
    monkeypatch.setattr(HANDLERS["gtsrb"], "draw_standin",
                        lambda root: make_gtsrb_train(root, classes=(1,), tracks=1, frames=1))
    monkeypatch.setattr(standin_store, "generator_stamp", lambda: "0ld")
    old = standin_store.ensure_standin("gtsrb")
    monkeypatch.setattr(standin_store, "generator_stamp", lambda: "n3w")
    new = standin_store.ensure_standin("gtsrb")
    assert new != old and (new / "GTSRB" / "Final_Training" / "Images" / "00001").is_dir()
    assert not old.exists()


def test_order_explicit_path_then_setup_then_course_data_dir_then_local(bare, monkeypatch):
    for name in ("given", "from-setup", "from-env", "local-data"):
        make_fashion(bare / name, n_train=10 + len(name), n_test=10)
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "from-env"))
    assert data.locate("fashion_mnist").source == "COURSE_DATA_DIR"
    config.configure(data_dir=bare / "from-setup")
    assert data.locate("fashion_mnist").source == "setup(data_dir=...)"
    located = data.locate("fashion_mnist", bare / "given")
    assert located.source == "the path you gave" and located.path == bare / "given" / "fashion-mnist"
    config.reset()
    monkeypatch.delenv("COURSE_DATA_DIR")
    assert data.locate("fashion_mnist").source == "local data/ folder"


def test_keras_cache_and_debian_are_searched_after_the_data_folders(bare, monkeypatch):
    debian = make_fashion(bare / "debian-root")
    monkeypatch.setattr(places, "DEBIAN_FASHION_MNIST", debian)
    assert data.locate("fashion_mnist").source == "Debian package dataset-fashion-mnist"
    make_fashion(bare / "home" / ".keras" / "datasets")
    assert data.locate("fashion_mnist").source == "Keras cache"


def test_keras_3_cats_and_dogs_download_is_found_in_the_keras_cache(bare):
    from test_data_builders import make_cats_and_dogs

    # keras.utils.get_file("cats_and_dogs_filtered.zip", url, extract=True) extracts here in Keras 3
    extracted = bare / "home" / ".keras" / "datasets" / "cats_and_dogs_filtered_extracted"
    folder = make_cats_and_dogs(extracted)
    located = data.locate("cats_and_dogs_filtered")
    assert (located.path, located.source) == (folder, "Keras cache")


def test_an_empty_dataset_folder_left_in_data_counts_as_not_there(bare, monkeypatch):
    empty = bare / "local-data" / "GTSRB" / "Final_Training" / "Images"
    empty.mkdir(parents=True)
    (empty / ".DS_Store").write_bytes(b"junk")
    monkeypatch.setenv("COURSE_QUICK", "0")
    with pytest.raises(data.DatasetNotFoundError, match=rf"local data/ folder: {empty} \(not there\)"):
        data.locate("gtsrb")


def test_a_broken_copy_is_skipped_with_a_warning_when_a_good_one_follows(bare, monkeypatch):
    broken = bare / "staged" / "fashion-mnist"
    broken.mkdir(parents=True)
    (broken / "train-images-idx3-ubyte.gz").write_bytes(b"not gzip")
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    make_fashion(bare / "local-data")
    expected = r"(?s)Ignored a broken copy .*lacks train-labels-idx1-ubyte.gz"
    with pytest.warns(data.DataWarning, match=expected):
        assert data.locate("fashion_mnist").source == "local data/ folder"


def test_a_broken_copy_alone_is_an_error_showing_the_expected_layout_not_a_stand_in(bare, monkeypatch):
    broken = bare / "staged" / "fashion-mnist"
    broken.mkdir(parents=True)
    (broken / "train-images-idx3-ubyte.gz").write_bytes(b"junk")
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    with pytest.raises(data.LayoutError, match=r"Expected:\nfashion-mnist/\n  train-images-idx3-ubyte.gz"):
        data.load_fashion_mnist()


def test_an_explicit_path_that_does_not_exist_says_so(bare):
    with pytest.raises(data.DatasetNotFoundError, match=r"the path you gave, .*nowhere, does not exist"):
        data.load_gtsrb(path=bare / "nowhere")


def test_a_data_folder_with_spaces_and_korean_characters_works(bare, monkeypatch, capsys):
    root = bare / "내 드라이브" / "CNN course data"
    make_fashion(root, n_train=30)
    monkeypatch.setenv("COURSE_DATA_DIR", str(root))
    (x_train, _), _ = data.load_fashion_mnist()
    assert len(x_train) == 30
    assert f"from {root / 'fashion-mnist'} (COURSE_DATA_DIR)" in capsys.readouterr().out


def test_a_stand_in_copied_into_a_data_folder_is_labelled_and_refused_in_full_mode(bare, monkeypatch, capsys):
    from helpers import standins

    # A stand-in drawn by helpers.standins, then copied by hand into a data folder.
    standins.write_fashion_mnist(bare / "staged", n_train=10, n_test=10)
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    data.load_fashion_mnist()
    assert "(COURSE_DATA_DIR) · OFFLINE STAND-IN, not the real data" in capsys.readouterr().out
    monkeypatch.setenv("COURSE_QUICK", "0")
    refused = r"fashion-mnist \(an offline stand-in, not the real data\)"
    with pytest.raises(data.DatasetNotFoundError, match=refused):
        data.load_fashion_mnist()
