"""Augmentation helpers: regenerated folders, sample folders, moved images, robustness, batches."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from helpers import augment


@pytest.fixture
def work(isolated_course):
    folder = isolated_course / "work" / "05 증강 notebook"  # spaces and Korean in the path
    folder.mkdir(parents=True)
    return folder


def test_fresh_folder_empties_what_a_previous_run_wrote(work):
    target = work / "output"
    (target / "old").mkdir(parents=True)
    (target / "old" / "a.jpg").write_bytes(b"x")
    (target / "b.jpg").write_bytes(b"x")
    assert augment.fresh_folder(target) == target.resolve()
    assert target.is_dir() and list(target.iterdir()) == []
    assert augment.fresh_folder(target) == target.resolve()  # again: still there, still empty


def test_fresh_folder_refuses_folders_outside_the_work_folder(work, tmp_path):
    precious = tmp_path / "my photos"
    precious.mkdir()
    (precious / "keep.jpg").write_bytes(b"x")
    with pytest.raises(ValueError, match="only empties folders inside the work folder"):
        augment.fresh_folder(precious)
    with pytest.raises(ValueError, match="only empties folders inside"):
        augment.fresh_folder(tmp_path / "work")  # the work root itself
    with pytest.raises(ValueError, match="only empties folders inside"):
        augment.fresh_folder(work / ".." / ".." / "my photos")  # no escaping with ..
    assert (precious / "keep.jpg").exists()


def test_prepare_sample_folder_writes_jpegs_from_arrays_and_files(work):
    source = work / "source.png"
    Image.fromarray(np.full((600, 300, 3), 200, dtype=np.uint8)).save(source)
    grey = np.tile(np.arange(64, dtype=np.uint8), (32, 1))
    old = work / "sample" / "stale.jpg"
    old.parent.mkdir()
    old.write_bytes(b"x")
    written = augment.prepare_sample_folder(
        work / "sample", {"big.png": source, "grey": grey, "cats/cat.1.jpg": source}, max_side=128)
    names = [p.relative_to(work / "sample").as_posix() for p in written]
    assert names == ["big.jpg", "grey.jpg", "cats/cat.1.jpg"]
    assert not old.exists()
    with Image.open(written[0]) as big:
        assert big.format == "JPEG" and big.mode == "RGB"
        assert big.size == (64, 128)  # longest side shrunk to max_side, aspect kept
    with Image.open(written[1]) as small:
        assert small.size == (64, 32)  # small images are not enlarged
    assert augment.image_files(work / "sample") == [written[0], written[1]]  # not sub-folders


def test_prepare_sample_folder_names_a_missing_source(work):
    with pytest.raises(FileNotFoundError, match=r"nothing\.jpg"):
        augment.prepare_sample_folder(work / "sample", {"a.jpg": work / "nothing.jpg"})


def test_load_images_gives_rgb_arrays_of_the_asked_size(work):
    path = work / "g.png"
    Image.fromarray(np.zeros((20, 10), dtype=np.uint8)).save(path)
    (image,) = augment.load_images([path], size=(8, 6))
    assert image.shape == (6, 8, 3) and image.dtype == np.uint8


def test_transform_images_rotation_is_counter_clockwise_and_keeps_shape():
    images = np.zeros((2, 9, 9), dtype=np.uint8)
    images[:, 0, 4] = 255  # top middle
    assert np.array_equal(augment.transform_images(images, "rotation", 0), images)
    turned = augment.transform_images(images, "rotation", 90)
    assert turned.shape == images.shape and turned.dtype == np.uint8
    assert np.array_equal(turned[0], np.rot90(images[0]))  # top middle -> middle left


def test_transform_images_shift_moves_right_and_down_and_fills_black():
    images = np.zeros((1, 6, 6, 1), dtype=np.float32)
    images[0, 1, 1, 0] = 1.0
    images[0, 5, 5, 0] = 1.0  # falls off the edge
    moved = augment.transform_images(images, "shift", 2)
    assert moved.shape == images.shape
    assert np.argwhere(moved[0, :, :, 0]).tolist() == [[3, 3]]


def test_transform_images_rejects_unknown_kinds_and_shapes():
    with pytest.raises(ValueError, match="'rotation' or 'shift'"):
        augment.transform_images(np.zeros((1, 4, 4)), "zoom", 1)
    with pytest.raises(ValueError, match=r"\(N, H, W\)"):
        augment.transform_images(np.zeros((4, 4)), "shift", 1)


class _BrightSpotModel:
    """Predicts class 0 when the centre pixel is bright, else class 1 (a 'fragile' model)."""

    def predict(self, x, batch_size=None, verbose=0):
        centre = x[:, 4, 4] > 0.5
        return np.stack([centre, ~centre], axis=1).astype(np.float32)


def test_accuracy_under_transform_falls_when_the_object_moves():
    x = np.zeros((10, 9, 9), dtype=np.float32)
    x[:, 3:6, 3:6] = 1.0  # a 3x3 square in the centre: class 0
    curve = augment.accuracy_under_transform(_BrightSpotModel(), x, np.zeros(10), "shift",
                                             [0, 1, 3])
    assert curve == {0.0: 1.0, 1.0: 1.0, 3.0: 0.0}


def test_accuracy_under_transform_checks_lengths():
    with pytest.raises(ValueError, match="3 images but y has 2 labels"):
        augment.accuracy_under_transform(_BrightSpotModel(), np.zeros((3, 9, 9)), [0, 1],
                                         "shift", [0])


def test_plot_robustness_draws_one_line_per_model():
    fig = augment.plot_robustness({"plain": {0.0: 0.9, 10.0: 0.5}, "augmented": {0.0: 0.9}},
                                  xlabel="degrees")
    lines = fig.axes[0].get_lines()
    assert [list(line.get_ydata()) for line in lines] == [[0.9, 0.5], [0.9]]
    assert fig.axes[0].get_xlabel() == "degrees"


def _endless_batches(batch=4):
    number = 0
    while True:
        yield np.full((batch, 2, 2, 1), number), np.full(batch, number)
        number += 1


def test_take_images_reads_only_as_far_as_needed_from_an_endless_generator():
    x, y = augment.take_images(_endless_batches(), 10)
    assert x.shape == (10, 2, 2, 1)
    assert y.tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]


def test_take_images_without_labels_and_from_a_short_source():
    batches = [np.ones((3, 2, 2)), np.zeros((2, 2, 2))]
    x, y = augment.take_images(batches, 32)
    assert x.shape == (5, 2, 2) and y is None
    with pytest.raises(ValueError, match="empty"):
        augment.take_images([], 4)


def test_take_images_from_a_tf_data_dataset():
    tf = pytest.importorskip("tensorflow")
    dataset = tf.data.Dataset.from_tensor_slices((np.arange(10.0).reshape(10, 1), np.arange(10)))
    x, y = augment.take_images(dataset.batch(4), 6)
    assert x[:, 0].tolist() == [0, 1, 2, 3, 4, 5] and y.tolist() == [0, 1, 2, 3, 4, 5]


# ---- Augmentor's behaviour that notebook 05 states and relies on


def _write_images(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    gradient = np.tile(np.arange(0, 256, 8, dtype=np.uint8), (32, 1))
    for name in names:
        Image.fromarray(np.stack([gradient] * 3, axis=-1)).save(folder / name)


def test_augmentor_rounds_rotation_arguments_up_to_whole_degrees():
    Augmentor = pytest.importorskip("Augmentor")
    lecture = Augmentor.Pipeline()
    lecture.rotate_without_crop(probability=1.0, max_left_rotation=0.8, max_right_rotation=0.8)
    operation = lecture.operations[0]
    assert (operation.max_left_rotation, operation.max_right_rotation) == (-1, 1)  # ±1 degree


def test_augmentor_sample_writes_into_the_source_folders_output_and_nowhere_else(tmp_path, monkeypatch):
    Augmentor = pytest.importorskip("Augmentor")
    source, elsewhere = tmp_path / "sample", tmp_path / "notebook folder"
    _write_images(source, ["a.png", "b.png"])
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    pipeline = Augmentor.Pipeline(str(source))
    pipeline.flip_left_right(probability=1.0)
    pipeline.sample(3, multi_threaded=False)
    assert len(augment.image_files(source / "output")) == 3
    assert sorted(p.name for p in source.iterdir()) == ["a.png", "b.png", "output"]
    assert list(elsewhere.iterdir()) == []  # nothing next to the notebook
    Augmentor.Pipeline()  # a pipeline without a folder (notebook 05, sections 2 and 5) writes nothing
    assert list(elsewhere.iterdir()) == []


def test_augmentor_class_folder_pipeline_makes_its_output_folders_at_once(tmp_path):
    Augmentor = pytest.importorskip("Augmentor")
    data_folder, work = tmp_path / "train", tmp_path / "work" / "generator"
    for label in ("cats", "dogs"):
        _write_images(data_folder / label, [f"{label}.1.png"])
    Augmentor.Pipeline(str(data_folder), output_directory=str(work))  # what notebook 05 does
    assert sorted(p.name for p in work.iterdir()) == ["cats", "dogs"]
    assert sorted(p.name for p in data_folder.iterdir()) == ["cats", "dogs"]  # the data stays clean
    Augmentor.Pipeline(str(data_folder))  # the default: output/ inside the data folder
    assert sorted(p.name for p in (data_folder / "output").iterdir()) == ["cats", "dogs"]
