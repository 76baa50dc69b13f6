"""The command line an instructor stages a lab with: list, fetch, verify, path, and their exit codes."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys

import pytest
from test_data_builders import Server, make_cats_and_dogs, make_gtsrb_train, zip_tree

from helpers import config
from helpers.data import places, registry
from helpers.data.__main__ import main


@pytest.fixture
def bare(isolated_course, monkeypatch):
    monkeypatch.setattr(config, "local_data_dir", lambda: isolated_course / "local-data")
    monkeypatch.setattr(places, "DEBIAN_FASHION_MNIST", isolated_course / "no-debian")
    return isolated_course


def test_list_shows_each_dataset_where_it_is_and_how_complete(bare, monkeypatch, capsys):
    make_gtsrb_train(bare / "staged", classes=(0, 1), tracks=1, frames=2)
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line.split()[:1]}
    assert "4 of 39,209" in rows["gtsrb"] and "partial" in rows["gtsrb"]
    images = bare / "staged" / "GTSRB" / "Final_Training" / "Images"
    assert f"{images} (COURSE_DATA_DIR)" in rows["gtsrb"]
    assert "missing" in rows["gtsrb_test"] and "offline stand-in" in rows["gtsrb_test"]
    for name in ("fashion_mnist", "cats_and_dogs_filtered", "weights"):
        assert rows[name].split()[1:3] == ["-", "missing"], rows[name]
    assert "downloads off (COURSE_OFFLINE=1)" in out
    assert f"1. {bare / 'staged'} (COURSE_DATA_DIR)" in out


def test_path_prints_only_the_folder(bare, monkeypatch, capsys):
    make_cats_and_dogs(bare / "staged")
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    assert main(["path", "cats_and_dogs_filtered"]) == 0
    assert capsys.readouterr().out == f"{bare / 'staged' / 'cats_and_dogs_filtered'}\n"


def test_path_in_full_mode_with_nothing_found_exits_1_with_the_clear_message(bare, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_QUICK", "0")
    assert main(["path", "gtsrb_test"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "GTSRB test set (gtsrb_test) was not found" in captured.err and "Two ways out" in captured.err


def test_path_downloads_nothing_even_when_online(bare, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_QUICK", "0")
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with Server() as server:
        monkeypatch.setenv("COURSE_MIRROR", server.url)
        assert main(["path", "gtsrb"]) == 1
    assert sum(server.hits.values()) == 0
    err = capsys.readouterr().err
    assert "download: not tried (`python -m helpers.data fetch gtsrb` downloads it)" in err


def test_verify_a_good_partial_copy_says_partial_and_exits_1(bare, monkeypatch, capsys):
    make_gtsrb_train(bare / "staged", classes=(0,), tracks=1, frames=3)
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    assert main(["verify", "gtsrb"]) == 1
    captured = capsys.readouterr()
    assert "3 files checked, 3 of 39,209 present" in captured.out
    assert "intact, but the copy is partial (3 of 39,209)" in captured.err


def test_verify_names_a_damaged_file(bare, monkeypatch, capsys):
    images = make_gtsrb_train(bare / "staged", classes=(0,), tracks=1, frames=3)
    damaged = images / "00000" / "00000_00001.ppm"
    damaged.write_bytes(damaged.read_bytes()[:200])
    monkeypatch.setenv("COURSE_DATA_DIR", str(bare / "staged"))
    assert main(["verify", "gtsrb"]) == 1
    assert "problem: 00000/00000_00001.ppm: unreadable (truncated: " in capsys.readouterr().out


def test_verify_when_nothing_is_staged_says_where_it_looked(bare, capsys):
    assert main(["verify", "gtsrb_test"]) == 1
    err = capsys.readouterr().err
    images = bare / "local-data" / "GTSRB" / "Final_Test" / "Images"
    assert err.startswith("GTSRB test set: not found; looked in:\n")
    assert f"local data/ folder: {images} (not there)" in err


def test_verify_a_complete_copy_exits_0(bare, monkeypatch, capsys):
    make_cats_and_dogs(bare / "staged", n_train=2, n_validation=1)
    original = registry.DATASETS["cats_and_dogs_filtered"]
    counts = {"train": {"cats": 2, "dogs": 2}, "validation": {"cats": 1, "dogs": 1}}
    monkeypatch.setitem(registry.DATASETS, "cats_and_dogs_filtered",
                        dataclasses.replace(original, expected=6, counts=counts))
    assert main(["verify", "cats_and_dogs_filtered", "--path", str(bare / "staged")]) == 0
    assert "OK, complete and intact" in capsys.readouterr().out


def test_fetch_downloads_into_the_folder_given(bare, monkeypatch, capsys):
    source = bare / "build"
    make_gtsrb_train(source, classes=(2,), tracks=1, frames=2)
    body = zip_tree(source / "GTSRB", base=source)
    original = registry.DATASETS["gtsrb"]
    remote = dataclasses.replace(original.remotes[0], md5=hashlib.md5(body).hexdigest())
    replaced = dataclasses.replace(original, remotes=(remote,), expected=2)
    monkeypatch.setitem(registry.DATASETS, "gtsrb", replaced)
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with Server() as server:
        server.serve("/GTSRB_Final_Training_Images.zip", body)
        monkeypatch.setenv("COURSE_MIRROR", server.url)
        assert main(["fetch", "gtsrb", "--to", str(bare / "lab")]) == 0
        assert "2 files verified" in capsys.readouterr().out
        assert main(["fetch", "gtsrb", "--to", str(bare / "lab")]) == 0
        assert "already complete" in capsys.readouterr().out
        assert server.hits["/GTSRB_Final_Training_Images.zip"] == 1


def test_fetch_offline_exits_1_and_says_why(bare, capsys):
    assert main(["fetch", "gtsrb", "--to", str(bare / "lab")]) == 1
    assert capsys.readouterr().err == (
        "error: GTSRB training set: COURSE_OFFLINE=1 switches downloads off; unset it to fetch.\n"
        "Not fetched: gtsrb.\n")


def test_usage_errors_exit_2(bare, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["fetch", "imagenet"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'imagenet'" in capsys.readouterr().err


def test_python_dash_m_runs_the_command_line(bare):
    # verify --path looks only where it is told (the checkout's own data/ may hold real data)
    command = [sys.executable, "-m", "helpers.data", "verify", "gtsrb", "--path", str(bare / "empty")]
    done = subprocess.run(command, env=os.environ, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and done.stdout == ""
    assert f"GTSRB training set: the path you gave, {bare / 'empty'}, does not exist" in done.stderr
