"""The faults a lab meets, each reproduced: the clear message, and nothing real changed or lost.

Numbers refer to issue 11's list. Local files, a local HTTP server on 127.0.0.1, a small tmpfs or
a read-only mount where this machine allows one (else chmod), and two processes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from test_data_builders import (
    make_cats_and_dogs,
    make_gtsrb_test,
    make_gtsrb_train,
    ppm_bytes,
    sign,
    zip_entries,
    zip_tree,
)

from helpers import config, data
from helpers.data import archive, cache, places, registry, weights
from helpers.data.__main__ import main
from helpers.data.download import download_file, fetch_into
from helpers.data.errors import ChecksumError, DiskError, UnsafeArchiveError
from helpers.data.handlers import HANDLERS
from helpers.data.images import read_ppm

ZIP = "cats_and_dogs_filtered.zip"


@pytest.fixture
def bare(isolated_course, monkeypatch):
    """A machine with nothing staged: no data folders, no Keras cache, no Debian package."""
    monkeypatch.setattr(config, "local_data_dir", lambda: isolated_course / "local-data")
    monkeypatch.setattr(places, "DEBIAN_FASHION_MNIST", isolated_course / "no-debian")
    return isolated_course


@pytest.fixture
def online(bare, monkeypatch, server):
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    monkeypatch.setenv("COURSE_MIRROR", server.url)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    return bare


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (to prove nothing changed)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def read_only(folder: Path):
    """Yield a read-only view of ``folder``: a read-only bind mount as root, chmod otherwise."""
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield folder
        finally:
            for path in [folder, *folder.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
        return
    view = folder.with_name(folder.name + "-ro")
    view.mkdir()
    if not (_mount("--bind", str(folder), str(view)) and _mount("-o", "remount,bind,ro", str(view))):
        subprocess.run(["umount", str(view)], capture_output=True, check=False)
        pytest.skip("cannot make a read-only folder here (root without mount)")
    try:
        yield view
    finally:
        subprocess.run(["umount", str(view)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB tmpfs (a full disk is one write away)."""
    disk = tmp_path / "small disk"
    disk.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)):
        pytest.skip("cannot mount a small tmpfs here")
    yield disk
    subprocess.run(["umount", str(disk)], capture_output=True, check=False)


# ---------------------------------------------------------------- 1. a data folder one level off


def test_fault1_a_doubled_gtsrb_folder_is_used_with_the_fix_named_not_a_stand_in(bare, monkeypatch):
    make_gtsrb_train(bare / "staged" / "GTSRB", classes=(3,), tracks=1, frames=2)  # GTSRB/GTSRB/...
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    with pytest.warns(data.DataWarning) as caught:
        signs = data.load_gtsrb()
    found = bare / "staged" / "GTSRB" / "GTSRB" / "Final_Training" / "Images"
    message = next(str(w.message) for w in caught if "found at" in str(w.message))
    assert f"found at {found}" in message
    assert f"Set COURSE_DATA_DIR to {bare / 'staged' / 'GTSRB'}." in message
    assert not signs.info.standin and signs.y.tolist() == [3, 3]


def test_fault1_a_missing_gtsrb_folder_is_used_and_the_move_named(bare, monkeypatch):
    images = make_gtsrb_train(bare / "tmp", classes=(1,), tracks=1, frames=1)
    shutil.move(images.parent, bare / "staged" / "Final_Training")  # the GTSRB/ level is missing
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    monkeypatch.setenv("COURSE_QUICK", "0")
    expected = bare / "staged" / "GTSRB" / "Final_Training" / "Images"
    with pytest.warns(data.DataWarning, match=rf"Move it to {expected}\."):
        assert data.locate("gtsrb").path == bare / "staged" / "Final_Training" / "Images"


def test_fault1_a_doubled_cats_folder_is_found_in_full_mode(bare, monkeypatch):
    make_cats_and_dogs(bare / "staged" / "cats_and_dogs_filtered")
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    monkeypatch.setenv("COURSE_QUICK", "0")
    right = bare / "staged" / "cats_and_dogs_filtered"
    with pytest.warns(data.DataWarning, match=rf"Set COURSE_DATA_DIR to {right}\."):
        dogs = data.cats_and_dogs()
    assert dogs.root == right / "cats_and_dogs_filtered"


def test_fault1_quotes_kept_by_percent_env_are_stripped(bare, monkeypatch):
    make_cats_and_dogs(bare / "staged")
    monkeypatch.setenv("COURSE_DATA_DIR", f'"{bare / "staged"}"')  # what %env COURSE_DATA_DIR="/path" sets
    assert data.locate("cats_and_dogs_filtered").source == "COURSE_DATA_DIR"


def test_fault1_a_course_data_dir_that_does_not_exist_is_warned_about(bare, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "typo"))
    monkeypatch.setenv("COURSE_QUICK", "0")
    with pytest.warns(data.DataWarning, match=r"COURSE_DATA_DIR=.*typo does not exist"), \
            pytest.raises(data.DatasetNotFoundError, match=r"typo \(this folder does not exist\)"):
        data.locate("gtsrb")


# ---------------------------------------------------------------- 2. damaged JPEGs


@pytest.fixture
def damaged_cats(bare, monkeypatch):
    root = make_cats_and_dogs(bare / "staged", n_train=3, n_validation=2)
    whole = (root / "train" / "cats" / "cat.1.jpg").read_bytes()
    (root / "train" / "cats" / "cat.1.jpg").write_bytes(whole[: len(whole) // 2])  # truncated
    (root / "train" / "dogs" / "dog.2.jpg").write_bytes(b"")  # zero bytes
    (root / "validation" / "dogs" / "dog.0.jpg").write_text("not a photo\n")  # text renamed .jpg
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    return root


def test_fault2_damaged_jpegs_are_named_and_left_out_so_keras_loads_the_rest(damaged_cats):
    before = tree(damaged_cats)
    with pytest.warns(data.DataWarning, match=r"3 damaged image file\(s\)") as caught:
        dogs = data.cats_and_dogs()
    message = str(caught[0].message)
    for name in ("train/cats/cat.1.jpg", "train/dogs/dog.2.jpg (an empty file)", "validation/dogs/dog.0.jpg"):
        assert name in message
    assert "fetch cats_and_dogs_filtered --force" in message
    assert dogs.counts == {"train": {"cats": 2, "dogs": 2}, "validation": {"cats": 2, "dogs": 1}}
    import tensorflow as tf

    images = tf.keras.utils.image_dataset_from_directory(dogs.train_dir, image_size=(16, 16), batch_size=8,
                                                         verbose=False)
    assert sum(int(batch[0].shape[0]) for batch in images) == 4  # no jpeg::Uncompress failure
    assert tree(damaged_cats) == before, "the real folder was changed"


def test_fault2_damaged_jpegs_can_be_refused_and_verify_names_them(damaged_cats, capsys):
    with pytest.raises(data.DamagedImagesError, match=r"train/cats/cat\.1\.jpg.*skip_damaged=True"):
        data.cats_and_dogs(skip_damaged=False)
    assert main(["verify", "cats_and_dogs_filtered"]) == 1
    captured = capsys.readouterr()
    assert "problem: train/dogs/dog.2.jpg: an empty file" in captured.out
    assert "fetch cats_and_dogs_filtered --force" in captured.err


# ---------------------------------------------------------------- 3. a truncated Fashion-MNIST .gz


def _idx(shape: tuple[int, ...], data_bytes: int | None = None) -> bytes:
    size = int(np.prod(shape)) if data_bytes is None else data_bytes
    return bytes([0, 0, 8, len(shape)]) + struct.pack(f">{len(shape)}I", *shape) + bytes(size)


def test_fault3_a_truncated_staged_gz_is_damaged_for_the_loader_list_fetch_and_verify(online, server,
                                                                                      monkeypatch, capsys):
    folder = online / "staged" / "fashion-mnist"
    folder.mkdir(parents=True)
    for name, raw in (("train-images-idx3-ubyte.gz", _idx((60000, 28, 28), 1000)),  # cut short
                      ("train-labels-idx1-ubyte.gz", _idx((60000,))),
                      ("t10k-images-idx3-ubyte.gz", _idx((10000, 28, 28))),
                      ("t10k-labels-idx1-ubyte.gz", _idx((10000,)))):
        (folder / name).write_bytes(gzip.compress(raw, mtime=0))
    monkeypatch.setenv("COURSE_DATA_DIR", str(online / "staged"))
    monkeypatch.setenv("COURSE_QUICK", "0")
    before = tree(folder)
    with pytest.raises(data.LayoutError, match=r"is damaged: .*fetch fashion_mnist --force"):
        data.load_fashion_mnist()
    assert main(["list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("fashion_mnist"))
    assert "BROKEN" in row and "complete" not in row
    assert main(["fetch", "fashion_mnist"]) == 1  # the mirror has nothing: but it tried, not "complete"
    captured = capsys.readouterr()
    assert "already complete" not in captured.out and "downloading 4 file(s)" in captured.out
    assert main(["verify", "fashion_mnist"]) == 1
    out = capsys.readouterr().out
    assert "train-images-idx3-ubyte.gz: truncated or padded: its header declares (60000, 28, 28)" in out
    assert tree(folder) == before


# ---------------------------------------------------------------- 4. read-only checkout or share


def test_fault4_a_read_only_cache_and_work_folder_fall_back_to_per_user_folders(bare, monkeypatch):
    (bare / "share" / "cache").mkdir(parents=True)
    (bare / "share" / "work").mkdir()
    with read_only(bare / "share") as share:
        monkeypatch.setenv("COURSE_CACHE_DIR", str(share / "cache"))
        monkeypatch.setenv("COURSE_WORK_DIR", str(share / "work"))
        with pytest.warns(UserWarning, match=r"cannot be written to .* writes to .*cnn-course.cache"):
            assert config.cache_dir() == bare / "home" / ".cache" / "cnn-course" / "cache"
        with pytest.warns(UserWarning, match="Set COURSE_WORK_DIR"):
            assert config.work_root() == bare / "home" / ".cache" / "cnn-course" / "work"
        monkeypatch.setattr(HANDLERS["gtsrb"], "draw_standin",
                            lambda root: make_gtsrb_train(root, classes=(2,), tracks=1, frames=1))
        make_cats_and_dogs(bare / "staged")
        monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
        assert data.load_gtsrb().info.standin  # the stand-in is drawn into the per-user cache
        assert data.cats_and_dogs(max_per_class=1).root.is_relative_to(bare / "home")


def test_fault4_a_corrupt_file_in_a_read_only_cache_is_ignored(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "entry.npz").write_bytes(b"garbage")
    with read_only(tmp_path / "cache") as folder:
        assert cache.load_arrays(folder / "entry.npz") is None
        assert (folder / "entry.npz").read_bytes() == b"garbage"


# ---------------------------------------------------------------- 5. a full disk


def test_fault5_a_file_larger_than_the_free_space_is_not_retried_and_names_the_disk(online, server,
                                                                                    monkeypatch):
    server.serve("/big.bin", b"x" * 5000)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**6, 10**6 - 100, 100))
    with pytest.raises(DiskError, match=r"it needs 5,000 bytes, the disk holding .*out has 100 bytes free"):
        download_file(server.url + "/big.bin", online / "out" / "big.bin", progress=False)
    assert server.hits["/big.bin"] == 1, "a full disk was retried"


def test_fault5_enospc_while_writing_is_not_retried(online, server, small_disk):
    server.serve("/big.bin", os.urandom(400_000), "no-length")  # no length: the write itself fails
    with pytest.raises(DiskError, match=r"No space left on device .*the disk holding"):
        download_file(server.url + "/big.bin", small_disk / "big.bin", progress=False)
    assert server.hits["/big.bin"] == 1 and not list(small_disk.iterdir())


def test_fault5_an_archive_too_big_for_the_disk_is_refused_before_extracting(small_disk, tmp_path):
    import zipfile

    with zipfile.ZipFile(small_disk / "a.zip", "w", zipfile.ZIP_DEFLATED) as made:
        made.writestr("cats_and_dogs_filtered/big.bin", bytes(600_000))  # a few KB compressed
    with pytest.raises(DiskError, match=r"needs 600,000 bytes, the disk holding .* free"):
        archive.safe_extract(small_disk / "a.zip", small_disk / "data")
    assert not (small_disk / "data" / "cats_and_dogs_filtered").exists()


# ---------------------------------------------------------------- 6. two processes fetching at once

CHILD = textwrap.dedent("""
    import dataclasses, sys
    from helpers.data import registry
    from helpers.data.download import fetch_into
    spec = registry.DATASETS["gtsrb"]
    remote = dataclasses.replace(spec.remotes[0], md5=sys.argv[1])
    registry.DATASETS["gtsrb"] = dataclasses.replace(spec, remotes=(remote,), expected=4)
    fetch_into("gtsrb", sys.argv[2], progress=False)
""")


def test_fault6_two_processes_fetching_into_one_folder_both_succeed_with_one_download(online, server):
    source = online / "build"
    make_gtsrb_train(source, classes=(0, 1), tracks=1, frames=2)
    body = zip_tree(source / "GTSRB", base=source)
    server.serve("/GTSRB_Final_Training_Images.zip", body, "slow")
    root = online / "lab share"
    env = {**os.environ, "COURSE_QUICK": "0"}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, hashlib.md5(body).hexdigest(), str(root)],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    results = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], results
    outs = "".join(out for out, _ in results)
    assert "4 files verified" in outs and "already complete" in outs
    assert server.hits["/GTSRB_Final_Training_Images.zip"] == 1
    assert len(list((root / "GTSRB" / "Final_Training" / "Images").rglob("*.ppm"))) == 4
    assert not [p.name for p in root.iterdir() if p.name.startswith(".")], "a lock or scratch folder was left"


# ---------------------------------------------------------------- 7. a weight file cut short


def _h5(path: Path) -> bytes:
    import h5py

    with h5py.File(path, "w") as h5:
        h5["kernel"] = np.arange(50_000, dtype=np.float32)
    return path.read_bytes()


def test_fault7_a_weight_file_cut_short_without_a_length_is_not_kept(online, server, tmp_path):
    name = "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"  # a Keras file with no hash in the table
    whole = _h5(tmp_path / "w.h5")
    server.serve(f"/{name}", whole[: len(whole) // 2], "no-length")
    with pytest.warns(data.DataWarning, match=r"cut short: its HDF5 superblock says"):
        assert data.imagenet_weights(name) is None
    assert not list((online / "local-data").rglob("*.h5"))


def test_fault7_verify_finds_a_staged_weight_file_cut_short(bare, monkeypatch, tmp_path, capsys):
    staged = bare / "staged" / "weights"
    staged.mkdir(parents=True)
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5"
    whole = _h5(tmp_path / "w.h5")
    (staged / name).write_bytes(whole[:-1000])
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    assert main(["verify", "weights"]) == 1
    assert f"problem: {name}: cut short" in capsys.readouterr().out
    (staged / name).write_bytes(whole)
    assert weights.problem(staged / name, weights.WEIGHTS[name]) is None


# ---------------------------------------------------------------- 8. an unofficial archive is not merged


@pytest.fixture
def cats_remote(monkeypatch):
    """The registry expects a 10-image cats_and_dogs_filtered (3 + 3 train, 2 + 2 validation)."""
    original = registry.DATASETS["cats_and_dogs_filtered"]
    counts = {"train": {"cats": 3, "dogs": 3}, "validation": {"cats": 2, "dogs": 2}}
    monkeypatch.setitem(registry.DATASETS, "cats_and_dogs_filtered",
                        dataclasses.replace(original, expected=10, counts=counts))


def test_fault8_a_mirror_zip_with_a_garbage_image_changes_nothing(online, server, cats_remote):
    real = make_cats_and_dogs(online / "data", n_train=3, n_validation=2)
    before = tree(online / "data")
    fake = make_cats_and_dogs(online / "build", n_train=3, n_validation=2)
    (fake / "train" / "cats" / "cat.0.jpg").write_bytes(b"<html>garbage</html>")
    server.serve(f"/{ZIP}", zip_tree(fake, base=online / "build"))
    with pytest.raises(ChecksumError, match=r"train/cats/cat\.0\.jpg.*Nothing was changed"):
        fetch_into("cats_and_dogs_filtered", online / "data", progress=False, force=True)
    assert tree(online / "data") == before, "the real copy was changed"
    assert (real / "train" / "cats" / "cat.0.jpg").read_bytes()[:2] == b"\xff\xd8"


def test_fault8_a_failed_fetch_leaves_nothing_to_be_used_as_a_partial_copy(online, server, cats_remote,
                                                                            monkeypatch):
    short = make_cats_and_dogs(online / "build", n_train=2, n_validation=2)  # 8 of 10
    server.serve(f"/{ZIP}", zip_tree(short, base=online / "build"))
    with pytest.raises(ChecksumError, match=r"holds 8 of the 10 expected files.*Nothing was changed"):
        fetch_into("cats_and_dogs_filtered", online / "data", progress=False)
    assert not (online / "data").exists() or not list((online / "data").iterdir())
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    monkeypatch.setenv("COURSE_DATA_DIR", str(online / "data"))
    with pytest.warns(data.DataWarning, match="does not exist"):
        assert data.locate("cats_and_dogs_filtered", download=False).standin  # quick mode: the stand-in


# ---------------------------------------------------------------- 9. a file/folder clash loses no data


def test_fault9_an_archive_file_where_the_data_folder_has_a_folder_is_refused(tmp_path):
    real = make_cats_and_dogs(tmp_path / "data", n_train=3, n_validation=2)
    before = tree(tmp_path / "data")
    (tmp_path / "a.zip").write_bytes(zip_entries({"cats_and_dogs_filtered/train/cats": b"a file",
                                                  "cats_and_dogs_filtered/new.txt": b"new"}))
    with pytest.raises(UnsafeArchiveError, match=r"would delete real data: .*train/cats is a folder"):
        archive.safe_extract(tmp_path / "a.zip", tmp_path / "data")
    assert tree(tmp_path / "data") == before and len(list((real / "train" / "cats").iterdir())) == 3
    assert not [p for p in (tmp_path / "data").iterdir() if p.name.startswith(".")]


def test_fault9_an_archive_folder_where_the_data_folder_has_a_file_is_refused(tmp_path):
    (tmp_path / "data" / "cats_and_dogs_filtered").mkdir(parents=True)
    (tmp_path / "data" / "cats_and_dogs_filtered" / "vectorize.py").write_text("mine")
    (tmp_path / "a.zip").write_bytes(zip_entries({"cats_and_dogs_filtered/vectorize.py/x": b"x"}))
    with pytest.raises(UnsafeArchiveError, match=r"vectorize.py is a file in the data folder"):
        archive.safe_extract(tmp_path / "a.zip", tmp_path / "data")
    assert (tmp_path / "data" / "cats_and_dogs_filtered" / "vectorize.py").read_text() == "mine"


# ---------------------------------------------------------------- 10. images the GT csv does not list


def test_fault10_images_missing_from_their_csv_are_warned_about_and_verified(bare, monkeypatch, capsys):
    images = make_gtsrb_train(bare / "staged", classes=(0,), tracks=1, frames=2)
    (images / "00000" / "00009_00000.ppm").write_bytes(ppm_bytes(sign(0, 30, 30)))
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    with pytest.warns(data.DataWarning, match=r"1 image file\(s\) .* not listed in their GT csv .*"
                                             r"00000/00009_00000\.ppm"):
        assert len(data.load_gtsrb()) == 2
    assert main(["verify", "gtsrb"]) == 1
    assert "problem: 00000/00009_00000.ppm: on disk but not listed in the GT csv" in capsys.readouterr().out


# ---------------------------------------------------------------- 11. the smaller ones


def test_fault11_cache_files_with_other_members_or_a_npy_are_rebuilt_not_a_crash(tmp_path):
    np.savez(tmp_path / "other.npz", something=np.zeros(3))
    np.save(tmp_path / "array.npy", np.zeros(3))
    (tmp_path / "array.npy").rename(tmp_path / "array.npz")
    assert cache.load_arrays(tmp_path / "other.npz", ("X", "y")) is None
    assert cache.load_arrays(tmp_path / "array.npz", ("X",)) is None


def test_fault11_a_copied_stand_in_training_folder_is_still_a_stand_in(bare, monkeypatch):
    from helpers.standins import write_gtsrb

    drawn = write_gtsrb(bare / "drawn", split="train", tracks_per_class=1, frames_per_track=1)
    (bare / "staged" / "GTSRB").mkdir(parents=True)
    # Final_Training/ copied alone: GTSRB/STANDIN.txt stays behind
    shutil.copytree(drawn / "Final_Training", bare / "staged" / "GTSRB" / "Final_Training")
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    monkeypatch.setenv("COURSE_QUICK", "0")
    with pytest.raises(data.DatasetNotFoundError, match=r"an offline stand-in, not the real data"):
        data.locate("gtsrb")


def test_fault11_a_16_bit_ppm_is_read(tmp_path):
    pixels = np.array([[[0, 32768, 65535]]], ">u2")
    (tmp_path / "wide.ppm").write_bytes(b"P6\n1 1\n65535\n" + pixels.tobytes())
    assert read_ppm(tmp_path / "wide.ppm").tolist() == [[[0, 128, 255]]]


def test_fault11_part_files_left_by_a_killed_download_are_removed(online, server):
    folder = online / "out"
    folder.mkdir()
    (folder / ".file.bin.999999999-deadbeef.part").write_bytes(b"left by a killed process")
    server.serve("/file.bin", b"body")
    download_file(server.url + "/file.bin", folder / "file.bin", progress=False)
    assert sorted(p.name for p in folder.iterdir()) == ["file.bin"]


def test_fault11_list_and_fetch_agree_on_a_complete_copy(online, server, monkeypatch, capsys):
    make_gtsrb_train(online / "staged", classes=(0,), tracks=1, frames=2)
    complete = dataclasses.replace(registry.DATASETS["gtsrb"], expected=2)
    monkeypatch.setitem(registry.DATASETS, "gtsrb", complete)
    monkeypatch.setenv("COURSE_DATA_DIR", str(online / "staged"))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "complete" in next(line for line in out.splitlines() if line.startswith("gtsrb "))
    assert f"{online / 'home' / '.keras' / 'datasets' / 'fashion-mnist'} (Keras cache)" in out
    assert "(Debian package dataset-fashion-mnist)" in out
    assert main(["fetch", "gtsrb"]) == 0
    assert "already complete" in capsys.readouterr().out and sum(server.hits.values()) == 0


@pytest.mark.parametrize("where", ["data folder", "Final_Test"])
def test_fault11_the_test_labels_are_found_where_unzipping_the_gt_zip_puts_them(bare, where):
    images = make_gtsrb_test(bare / "data", labels=(4, 2))
    target = bare / "data" if where == "data folder" else images.parent
    (images / "GT-final_test.csv").rename(target / "GT-final_test.csv")
    assert data.load_gtsrb("test", path=bare / "data").y.tolist() == [4, 2]
