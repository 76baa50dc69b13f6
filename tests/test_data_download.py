"""Downloads and archives, offline: a local HTTP server serves archives the tests build."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from test_data_builders import make_gtsrb_test, make_gtsrb_train, zip_entries, zip_tree

from helpers import config, data
from helpers.data import registry
from helpers.data.archive import safe_extract
from helpers.data.download import download_file
from helpers.data.errors import ChecksumError, DownloadError, UnsafeArchiveError
from helpers.data.handlers import HANDLERS
from helpers.data.stage import fetch

ZIP = "GTSRB_Final_Training_Images.zip"


@pytest.fixture
def online(isolated_course, monkeypatch, server):
    """Full mode, downloads on, the lab mirror pointing at the local server, nothing staged."""
    monkeypatch.setenv("COURSE_QUICK", "0")
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    monkeypatch.setenv("COURSE_MIRROR", server.url + "/lab/mirror")
    for name in ("no_proxy", "NO_PROXY"):  # a CI proxy must not intercept the local server
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    (isolated_course / "data dir").mkdir()
    monkeypatch.setenv("COURSE_DATA_DIR", str(isolated_course / "data dir"))
    monkeypatch.setattr(config, "local_data_dir", lambda: isolated_course / "local-data")
    return isolated_course


@pytest.fixture
def gtsrb_zip(isolated_course, monkeypatch):
    """A small GTSRB training zip laid out like the official one; the registry knows its md5."""
    source = isolated_course / "build"
    make_gtsrb_train(source, classes=(0, 1), tracks=1, frames=2)
    body = zip_tree(source / "GTSRB", base=source)
    original = registry.DATASETS["gtsrb"]
    remote = dataclasses.replace(original.remotes[0], md5=hashlib.md5(body).hexdigest())
    replaced = dataclasses.replace(original, remotes=(remote,), expected=4)
    monkeypatch.setitem(registry.DATASETS, "gtsrb", replaced)
    return body


def test_good_archive_is_downloaded_verified_extracted_and_loaded(online, server, gtsrb_zip, capsys):
    server.serve(f"/lab/mirror/{ZIP}", gtsrb_zip)
    signs = data.load_gtsrb()
    assert signs.y.tolist() == [0, 0, 1, 1]
    assert server.hits[f"/lab/mirror/{ZIP}"] == 1, "the mirror must be asked for the official file name"
    data_dir = online / "data dir"
    assert (data_dir / "GTSRB" / "Final_Training" / "Images" / "00001" / "GT-00001.csv").is_file()
    assert not list(data_dir.rglob("*.part")) and not (data_dir / ".downloads").exists()
    out = capsys.readouterr().out
    assert f"downloading 1 file(s) from {server.url}/lab/mirror/" in out
    assert "4 files verified" in out and "(downloaded)" in out
    assert data.locate("gtsrb").source == "COURSE_DATA_DIR"  # next time: found, not downloaded


def test_wrong_hash_is_retried_once_then_fails_and_keeps_nothing(online, server, gtsrb_zip):
    server.serve(f"/lab/mirror/{ZIP}", gtsrb_zip[:-10] + b"0123456789")
    with pytest.raises(data.DatasetNotFoundError) as error:
        data.load_gtsrb()
    assert "does not match the known md5" in str(error.value)
    assert "Two ways out" in str(error.value)
    assert server.hits[f"/lab/mirror/{ZIP}"] == 2
    data_dir = online / "data dir"
    assert not (data_dir / "GTSRB").exists()
    assert not [p for p in data_dir.rglob("*") if p.is_file()], "a bad download left a file behind"
    assert not (data_dir / ".downloads").exists()


def test_connection_cut_mid_file_is_retried_then_fails_cleanly(online, server):
    target = online / "out" / "file.bin"
    server.serve("/file.bin", b"x" * 100_000, "cut")
    cut = r"the connection was cut: received 50,000 of 100,000 bytes"
    with pytest.raises(DownloadError, match=rf"attempt 1: .*{cut}; attempt 2: .*{cut}\). Nothing was kept"):
        download_file(server.url + "/file.bin", target, progress=False)
    assert server.hits["/file.bin"] == 2
    assert not target.exists() and not target.parent.exists(), "a failed download left a folder behind"


def test_a_cut_on_the_first_try_succeeds_on_the_retry(online, server):
    body = bytes(range(256)) * 400
    server.serve("/file.bin", body, "cut-once")
    target = download_file(server.url + "/file.bin", online / "file.bin", md5=hashlib.md5(body).hexdigest(),
                           progress=False)
    assert target.read_bytes() == body and server.hits["/file.bin"] == 2


def test_missing_file_on_the_mirror_is_not_retried_and_named(online, server):
    with pytest.raises(DownloadError, match=r"HTTP 404 .*check that the mirror serves nothing.zip"):
        download_file(server.url + "/nothing.zip", online / "nothing.zip", progress=False)
    assert server.hits["/nothing.zip"] == 1


def test_offline_mode_never_downloads(online, server, gtsrb_zip, monkeypatch):
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    server.serve(f"/lab/mirror/{ZIP}", gtsrb_zip)
    with pytest.raises(data.DatasetNotFoundError, match=r"download: skipped \(COURSE_OFFLINE=1\)"):
        data.load_gtsrb()
    assert sum(server.hits.values()) == 0


def test_quick_mode_falls_back_to_the_stand_in_when_the_download_fails(online, server, monkeypatch):
    monkeypatch.setenv("COURSE_QUICK", "1")
    monkeypatch.setattr(HANDLERS["gtsrb"], "draw_standin",
                        lambda root: make_gtsrb_train(root, classes=(4,), tracks=1, frames=1))
    with pytest.warns(data.DataWarning, match="the download failed"):
        signs = data.load_gtsrb()
    assert signs.info.standin and signs.y.tolist() == [4]


def test_zip_entries_with_dotdot_are_rejected_and_nothing_is_written(tmp_path):
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_entries({"ok/file.txt": b"fine", "ok/../../escaped.txt": b"evil"}))
    target = tmp_path / "target"
    with pytest.raises(UnsafeArchiveError, match=r"'ok/../../escaped.txt' has a '..' component"):
        safe_extract(archive, target)
    assert not (tmp_path / "escaped.txt").exists()
    assert not [p for p in target.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", ["/etc/evil.txt", "C:/evil.txt", "C:\\Windows\\evil.txt", "C:evil.txt",
                                  "\\\\server\\share\\evil.txt", "\\evil.txt"])
def test_zip_entries_with_absolute_paths_are_rejected(tmp_path, name):
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_entries({"ok.txt": b"fine", name: b"evil"}))
    with pytest.raises(UnsafeArchiveError, match="an absolute path"):
        safe_extract(archive, tmp_path / "target")
    assert not (tmp_path / "target" / "ok.txt").exists()


def test_zip_entries_with_windows_dotdot_are_rejected(tmp_path):
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_entries({"ok\\..\\..\\escaped.txt": b"evil"}))
    with pytest.raises(UnsafeArchiveError, match=r"has a '..' component"):
        safe_extract(archive, tmp_path / "target")
    assert not list(tmp_path.rglob("escaped.txt"))


def test_zip_made_on_windows_with_backslashes_extracts_into_folders(tmp_path):
    archive = tmp_path / "windows.zip"
    archive.write_bytes(zip_entries({"GTSRB\\Final_Training\\Images\\00000\\GT-00000.csv": b"csv"}))
    assert safe_extract(archive, tmp_path / "target") == ["GTSRB"]
    csv = tmp_path / "target" / "GTSRB" / "Final_Training" / "Images" / "00000" / "GT-00000.csv"
    assert csv.read_bytes() == b"csv"


def test_symlink_leaving_the_target_is_rejected(tmp_path):
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_entries({"a/file.txt": b"fine"}, links={"a/link": "../../outside"}))
    expected = r"'a/link' has a link to '../../outside', outside the target"
    with pytest.raises(UnsafeArchiveError, match=expected):
        safe_extract(archive, tmp_path / "target")
    assert not (tmp_path / "target" / "a").exists()


def test_a_chain_of_links_leaving_the_target_is_rejected(tmp_path):
    # Each link alone stays inside; together sub/b resolves above the target.
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_entries({"ok.txt": b"fine"}, links={"sub/a": "..", "sub/b": "a/../.."}))
    target = tmp_path / "deep" / "target"
    expected = r"'sub/b' has a link that resolves to .*, outside the target"
    with pytest.raises(UnsafeArchiveError, match=expected):
        safe_extract(archive, target)
    assert not list(target.iterdir()), "a rejected archive left files behind"


def test_an_entry_written_through_a_link_is_rejected(tmp_path):
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_entries({"sub/b/evil.txt": b"evil"}, links={"sub/a": "..", "sub/b": "a/../.."}))
    with pytest.raises(UnsafeArchiveError, match=r"'sub/b/evil.txt' has a path through the link 'sub/b'"):
        safe_extract(archive, tmp_path / "deep" / "target")
    assert not list(tmp_path.rglob("evil.txt"))


def test_symlink_inside_the_target_is_kept(tmp_path):
    archive = tmp_path / "ok.zip"
    archive.write_bytes(zip_entries({"a/file.txt": b"fine"}, links={"a/link": "file.txt"}))
    safe_extract(archive, tmp_path / "target")
    assert (tmp_path / "target" / "a" / "link").read_bytes() == b"fine"


def test_extraction_merges_into_an_existing_dataset_folder(tmp_path):
    (tmp_path / "target" / "GTSRB" / "Final_Training").mkdir(parents=True)
    (tmp_path / "target" / "GTSRB" / "Final_Training" / "keep.txt").write_text("mine")
    archive = tmp_path / "test.zip"
    archive.write_bytes(zip_entries({"GTSRB/Final_Test/Images/00000.ppm": b"P6"}))
    assert safe_extract(archive, tmp_path / "target") == ["GTSRB"]
    assert (tmp_path / "target" / "GTSRB" / "Final_Training" / "keep.txt").read_text() == "mine"
    assert (tmp_path / "target" / "GTSRB" / "Final_Test" / "Images" / "00000.ppm").is_file()


def test_a_hostile_download_is_refused_and_deleted(online, server, monkeypatch):
    body = zip_entries({"../escaped.txt": b"evil"})
    original = registry.DATASETS["gtsrb"]
    remote = dataclasses.replace(original.remotes[0], md5=hashlib.md5(body).hexdigest())
    monkeypatch.setitem(registry.DATASETS, "gtsrb", dataclasses.replace(original, remotes=(remote,)))
    server.serve(f"/lab/mirror/{ZIP}", body)
    with pytest.raises(UnsafeArchiveError):
        data.load_gtsrb()
    assert not (online / "escaped.txt").exists()
    assert not [p for p in (online / "data dir").rglob("*") if p.is_file()]


def test_counts_check_a_download_without_an_official_hash(online, server, monkeypatch):
    original = registry.DATASETS["gtsrb"]
    remote = dataclasses.replace(original.remotes[0], md5=None)
    monkeypatch.setitem(registry.DATASETS, "gtsrb", dataclasses.replace(original, remotes=(remote,)))
    source = online / "build"
    make_gtsrb_train(source, classes=(0,), tracks=1, frames=2)
    server.serve(f"/lab/mirror/{ZIP}", zip_tree(source / "GTSRB", base=source))
    with pytest.raises(ChecksumError, match=r"holds 2 of the 39,209 expected files"):
        fetch("gtsrb", progress=False)


def test_a_truncated_zip_without_a_hash_never_reaches_its_final_name(online, server, monkeypatch):
    original = registry.DATASETS["cats_and_dogs_filtered"]
    body = zip_entries({"cats_and_dogs_filtered/train/cats/cat.0.jpg": b"\xff\xd8" + b"x" * 5000})
    server.serve("/lab/mirror/cats_and_dogs_filtered.zip", body[: len(body) - 40])
    assert original.remotes[0].md5 is None
    with pytest.raises(ChecksumError, match="not a valid zip file"):
        fetch("cats_and_dogs_filtered", progress=False)
    assert not list((online / "data dir").rglob("*.zip"))


def test_test_set_labels_from_the_gt_zip_land_beside_the_test_images(online, server, monkeypatch):
    # The official test images zip holds only the unlabelled GT-final_test.test.csv; the labels
    # come in GTSRB_Final_Test_GT.zip, whose GT-final_test.csv has no folder of its own.
    source = online / "build"
    images = make_gtsrb_test(source, labels=(4, 2, 4))
    (images / "GT-final_test.csv").rename(source / "GT-final_test.csv")
    (images / "GT-final_test.test.csv").write_text("Filename;Width;Height;Roi.X1;Roi.Y1;Roi.X2;Roi.Y2\n")
    labels = (source / "GT-final_test.csv").read_bytes()
    bodies = {"GTSRB_Final_Test_Images.zip": zip_tree(source / "GTSRB", base=source),
              "GTSRB_Final_Test_GT.zip": zip_entries({"GT-final_test.csv": labels})}
    original = registry.DATASETS["gtsrb_test"]
    remotes = tuple(dataclasses.replace(remote, md5=hashlib.md5(bodies[remote.filename]).hexdigest())
                    for remote in original.remotes)
    replaced = dataclasses.replace(original, remotes=remotes, expected=3)
    monkeypatch.setitem(registry.DATASETS, "gtsrb_test", replaced)
    for name, body in bodies.items():
        server.serve(f"/lab/mirror/{name}", body)
    signs = data.load_gtsrb("test")
    assert signs.y.tolist() == [4, 2, 4] and signs.filename == ["00000.ppm", "00001.ppm", "00002.ppm"]
    placed = online / "data dir" / "GTSRB" / "Final_Test" / "Images"
    assert (placed / "GT-final_test.csv").is_file() and (placed / "GT-final_test.test.csv").is_file()
    assert not (online / "data dir" / "GT-final_test.csv").exists()


def test_fetch_to_a_folder_then_it_is_found_there(online, server, gtsrb_zip):
    server.serve(f"/lab/mirror/{ZIP}", gtsrb_zip)
    root = fetch("gtsrb", online / "lab share", progress=False)
    assert root == online / "lab share"
    located = data.locate("gtsrb", root)
    assert located.complete and located.count == 4
