"""GTSRB loader: the official layout, labels from the CSVs, bad input, the cache, the lecture's reader."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from test_data_builders import make_gtsrb_test, make_gtsrb_train, ppm_bytes, sign

from helpers import data
from helpers.data import gtsrb


@pytest.fixture
def staged(isolated_course, monkeypatch):
    """A data folder with a small GTSRB train and test set, set as COURSE_DATA_DIR."""
    root = isolated_course / "staged"
    make_gtsrb_train(root)
    make_gtsrb_test(root)
    monkeypatch.setenv("COURSE_DATA_DIR", str(root))
    return root


@pytest.fixture
def reads(monkeypatch):
    """Count the image files the loader opens."""
    opened: list[str] = []
    original = gtsrb.read_image

    def counting(path):
        opened.append(str(path))
        return original(path)

    monkeypatch.setattr(gtsrb, "read_image", counting)
    return opened


def test_train_labels_tracks_and_annotations_come_from_the_csvs(staged, capsys):
    signs = data.load_gtsrb()
    assert signs.X.shape == (18, 32, 32, 1) and signs.X.dtype == np.uint8
    assert signs.y.tolist() == [0] * 6 + [1] * 6 + [2] * 6
    assert signs.track.tolist()[:6] == [0, 0, 0, 1, 1, 1]
    assert signs.filename[4] == "00000/00001_00001.ppm"
    assert signs.image_size[4].tolist() == [33, 33]  # (width, height) from the CSV
    assert signs.roi[4].tolist() == [5, 5, 28, 28]
    line = capsys.readouterr().out
    assert "GTSRB train: 18 images, 3 classes, 32x32 lab_l uint8" in line
    assert f"from {staged / 'GTSRB' / 'Final_Training' / 'Images'} (COURSE_DATA_DIR)" in line
    assert "partial copy (18 of 39,209)" in line


def test_test_split_reads_gt_final_test_csv_and_has_no_tracks(staged):
    signs = data.load_gtsrb("test", size=(24, 20), color="rgb")
    assert signs.X.shape == (6, 24, 20, 3)
    assert signs.y.tolist() == [0, 1, 2, 0, 1, 2]
    assert signs.track.tolist() == [-1] * 6
    assert signs.filename[0] == "00000.ppm"


def test_lab_l_values_are_the_lectures_l_channel_scaled_to_uint8(staged):
    from skimage.color import rgb2lab
    from skimage.transform import resize

    signs = data.load_gtsrb(max_per_class=1)
    rgb = sign(0, 30, 31, 0).astype(np.float32)
    lecture = resize(rgb2lab(rgb / 255.0)[:, :, 0], (32, 32), mode="reflect")
    assert np.abs(signs.X[0, :, :, 0] * (100 / 255) - lecture).max() <= 100 / 255 / 2 + 1e-4


def test_junk_files_in_real_folders_are_tolerated(staged):
    images = staged / "GTSRB" / "Final_Training" / "Images"
    for junk in (images / ".DS_Store", images / "Thumbs.db", images / "README.txt",
                 images / "00001" / ".DS_Store", images / "00001" / "Thumbs.db"):
        junk.write_bytes(b"\0junk")
    (images / "__MACOSX").mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("error", data.DataWarning)  # junk is not worth a warning
        assert len(data.load_gtsrb()) == 18


def test_truncated_and_unreadable_images_are_skipped_with_one_warning_naming_them(staged):
    folder = staged / "GTSRB" / "Final_Training" / "Images" / "00001"
    whole = (folder / "00000_00001.ppm").read_bytes()
    (folder / "00000_00001.ppm").write_bytes(whole[: len(whole) // 2])
    (folder / "00001_00002.ppm").write_bytes(b"this is not an image")
    with pytest.warns(data.DataWarning) as caught:
        signs = data.load_gtsrb()
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "skipped 2 of 18 images" in message
    assert "00001/00000_00001.ppm (truncated" in message and "00001/00001_00002.ppm" in message
    assert len(signs) == 16 and "00001/00000_00001.ppm" not in signs.filename
    assert "2 skipped" in signs.info.line


def test_a_listed_file_missing_from_disk_is_reported_not_silently_dropped(staged):
    (staged / "GTSRB" / "Final_Training" / "Images" / "00002" / "00001_00000.ppm").unlink()
    expected = r"skipped 1 of 18 .*00002/00001_00000.ppm \(listed in the GT csv"
    with pytest.warns(data.DataWarning, match=expected):
        assert len(data.load_gtsrb()) == 17


def test_wrong_layout_is_rejected_with_the_expected_layout(isolated_course):
    wrong = isolated_course / "flat"
    wrong.mkdir()
    (wrong / "00000_00000.ppm").write_bytes(ppm_bytes(sign(0, 30, 30)))
    with pytest.raises(data.LayoutError) as error:
        data.load_gtsrb(path=wrong)
    message = str(error.value)
    assert "holds no class folders 00000 ... 00042" in message
    assert "GTSRB/Final_Training/Images/\n  00000/  00000_00000.ppm ... GT-00000.csv" in message


def test_a_path_whose_csvs_list_no_image_present_is_an_error_not_an_empty_dataset(staged):
    images = staged / "GTSRB" / "Final_Training" / "Images"
    for ppm in images.rglob("*.ppm"):
        ppm.unlink()
    expected = r"the path you gave, .*, holds no GTSRB training set files"
    with pytest.raises(data.DatasetNotFoundError, match=expected):
        data.load_gtsrb(path=images)


def test_class_folder_without_its_csv_is_a_layout_error_naming_it(staged):
    (staged / "GTSRB" / "Final_Training" / "Images" / "00001" / "GT-00001.csv").unlink()
    with pytest.raises(data.LayoutError, match=r"00001 holds 6 .ppm files but no GT-00001.csv"):
        data.load_gtsrb()


def test_test_folder_with_only_the_unlabelled_csv_points_to_the_gt_zip(staged):
    images = staged / "GTSRB" / "Final_Test" / "Images"
    (images / "GT-final_test.csv").rename(images / "GT-final_test.test.csv")
    with pytest.raises(data.LayoutError, match=r"labels come in GTSRB_Final_Test_GT.zip"):
        data.load_gtsrb("test")


def test_path_may_be_the_data_or_images_folder_with_spaces_and_korean(isolated_course, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(isolated_course / "내 캐시 [cache]"))
    root = isolated_course / "강의 자료 (data)"
    images = make_gtsrb_train(root, classes=(3, 7), tracks=1, frames=2)
    by_root = data.load_gtsrb(path=root)
    by_images = data.load_gtsrb(path=images)
    assert by_root.y.tolist() == by_images.y.tolist() == [3, 3, 7, 7]
    assert by_images.info.source == "the path you gave" and by_images.info.path == images
    assert by_images.info.cached, "the second load did not come from the cache in a Korean folder"


def test_max_per_class_reads_only_the_first_images_of_each_class(staged, reads):
    signs = data.load_gtsrb(max_per_class=2)
    assert signs.filename == ["00000/00000_00000.ppm", "00000/00000_00001.ppm",
                              "00001/00000_00000.ppm", "00001/00000_00001.ppm",
                              "00002/00000_00000.ppm", "00002/00000_00001.ppm"]
    assert len(reads) == 6
    assert "(first 2 per class)" in signs.info.line


def test_second_load_comes_from_the_cache_without_reading_images(staged, reads, capsys):
    first = data.load_gtsrb()
    assert len(reads) == 18 and not first.info.cached
    second = data.load_gtsrb()
    assert len(reads) == 18, "the cached load opened image files"
    assert second.info.cached and "from the cache" in capsys.readouterr().out
    np.testing.assert_array_equal(first.X, second.X)
    assert first.filename == second.filename
    np.testing.assert_array_equal(first.roi, second.roi)


def test_cache_is_keyed_by_every_parameter_and_the_source_files(staged, reads):
    data.load_gtsrb()
    data.load_gtsrb(size=(16, 16))
    data.load_gtsrb(color="gray")
    data.load_gtsrb(roi_crop=True)
    assert len(reads) == 4 * 18
    data.load_gtsrb(max_per_class=2)
    assert len(reads) == 4 * 18 + 6
    changed = staged / "GTSRB" / "Final_Training" / "Images" / "00000" / "00000_00000.ppm"
    changed.write_bytes(ppm_bytes(np.zeros((30, 30, 3), np.uint8) + 255))
    signs = data.load_gtsrb()
    assert len(reads) == 5 * 18 + 6 and not signs.info.cached
    assert signs.X[0].min() == 255  # the new, all-white image


def test_an_image_added_to_a_class_invalidates_the_cache(staged):
    assert len(data.load_gtsrb()) == 18
    folder = staged / "GTSRB" / "Final_Training" / "Images" / "00002"
    (folder / "00002_00000.ppm").write_bytes(ppm_bytes(sign(2, 30, 30)))
    with (folder / "GT-00002.csv").open("a", encoding="ascii") as csv:
        csv.write("00002_00000.ppm;30;30;5;5;25;25;2\n")
    signs = data.load_gtsrb()
    assert len(signs) == 19 and not signs.info.cached and signs.filename[-1] == "00002/00002_00000.ppm"


def test_roi_crop_changes_what_the_model_sees(staged):
    whole = data.load_gtsrb(max_per_class=1)
    cropped = data.load_gtsrb(max_per_class=1, roi_crop=True)
    assert whole.X.shape == cropped.X.shape and not np.array_equal(whole.X, cropped.X)


def test_as_float_scales_to_unit_range_and_keeps_x_uint8(staged):
    signs = data.load_gtsrb(max_per_class=1)
    floats = signs.as_float()
    assert floats.dtype == np.float32 and floats.min() >= 0 and floats.max() <= 1
    assert signs.X.dtype == np.uint8


@pytest.mark.parametrize("kwargs, message", [
    ({"split": "validation"}, "split must be"),
    ({"color": "hsv"}, "color must be"),
    ({"size": (32,)}, "size must be"),
    ({"max_per_class": 0}, "max_per_class must be"),
])
def test_bad_arguments_are_rejected_before_any_work(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.load_gtsrb(**kwargs)


def test_lecture_reader_is_faithful_and_matches_the_loader(staged):
    images = staged / "GTSRB" / "Final_Training" / "Images"
    with pytest.warns(PendingDeprecationWarning):  # the lecture's np.matrix, kept on purpose
        lecture = data.read_dataset_ppm(images, 3, (32, 32))
    assert lecture.X.shape == (18, 32, 32, 1) and lecture.X.dtype == np.float32
    assert isinstance(lecture.y, np.matrix) and lecture.y.shape == (18, 3)
    assert np.asarray(lecture.y.argmax(axis=1)).ravel().tolist() == [0] * 6 + [1] * 6 + [2] * 6
    course = data.load_gtsrb()
    assert np.abs(course.X * (100 / 255) - lecture.X).max() <= 100 / 255 / 2 + 1e-4
