"""Folder and mode resolution: environment variables, defaults, and the order of data folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import config


def test_defaults_live_in_the_checkout(monkeypatch):
    for name in ("COURSE_DATA_DIR", "COURSE_CACHE_DIR", "COURSE_WORK_DIR"):
        monkeypatch.delenv(name, raising=False)
    root = config.course_root()
    assert root is not None and (root / "pyproject.toml").is_file()
    assert config.data_dir().path == root / "data"
    assert config.cache_dir() == root / "data" / ".cache"
    assert config.work_root() == root / "work"


def test_environment_variables_override_the_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "lab share"))
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path / "work"))
    folders = config.data_folders()
    assert folders[0] == config.DataFolder(tmp_path / "lab share", "COURSE_DATA_DIR")
    assert folders[-1].source == "local data/ folder"
    assert config.cache_dir() == tmp_path / "cache"
    assert config.work_root() == tmp_path / "work"


def test_configure_puts_the_setup_folder_first(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "env"))
    config.configure(data_dir=tmp_path / "explicit")
    assert [f.source for f in config.data_folders()][:2] == ["setup(data_dir=...)", "COURSE_DATA_DIR"]
    config.reset()
    assert config.data_dir().path == Path(tmp_path / "env")


@pytest.mark.parametrize(("value", "expected"), [("", None), ("http://lab.local/mirror", "http://lab.local/mirror/")])
def test_mirror_is_a_base_url(monkeypatch, value, expected):
    monkeypatch.setenv("COURSE_MIRROR", value)
    assert config.mirror() == expected


def test_offline_flag(monkeypatch):
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    assert config.offline() is True
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    assert config.offline() is False


def test_a_rerun_of_setup_without_quick_or_data_dir_goes_back_to_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_QUICK", "0")
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    config.configure(quick=True, data_dir=tmp_path / "chosen", lang="ko")
    assert config.quick_mode() and config.data_dir().source == "setup(data_dir=...)"
    config.configure()  # the set-up cell, re-run with the arguments deleted
    assert config.quick_mode() is False and config.data_dir().source != "setup(data_dir=...)"
    assert config.language() == "en"


def test_language_from_setup_then_course_lang_then_english(monkeypatch):
    monkeypatch.delenv("COURSE_LANG", raising=False)
    assert config.language() == "en"
    monkeypatch.setenv("COURSE_LANG", "ko")
    assert config.language() == "ko"
    config.configure(lang="en")
    assert config.language() == "en"
    with pytest.raises(ValueError, match="'en' \\(English\\) or 'ko'"):
        config.configure(lang="fr")
    monkeypatch.setenv("COURSE_LANG", "jp")
    config.reset()
    with pytest.raises(ValueError, match="COURSE_LANG='jp'"):
        config.language()


@pytest.mark.parametrize("value", ['"{}"', "'{}'", ' "{}" '])
def test_quotes_around_a_folder_are_stripped(monkeypatch, tmp_path, value):
    monkeypatch.setenv("COURSE_DATA_DIR", value.format(tmp_path / "lab share"))
    assert config.data_folders()[0].path == tmp_path / "lab share"
