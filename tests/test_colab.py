"""Colab detection and Drive mounting, with and without a fake google.colab module."""

from __future__ import annotations

import sys
import types

import pytest

from helpers import colab, config


@pytest.fixture
def fake_colab(monkeypatch, tmp_path):
    """Install a fake google.colab whose drive.mount creates MyDrive under the mountpoint."""
    package = types.ModuleType("google.colab")
    drive = types.ModuleType("google.colab.drive")
    calls: list[str] = []

    def mount(mountpoint: str) -> None:
        calls.append(mountpoint)
        (tmp_path / "drive" / "MyDrive").mkdir(parents=True, exist_ok=True)

    drive.mount = mount
    package.drive = drive
    monkeypatch.setitem(sys.modules, "google.colab", package)
    monkeypatch.setitem(sys.modules, "google.colab.drive", drive)
    return calls


def test_not_colab_without_the_module():
    assert "google.colab" not in sys.modules
    assert colab.in_colab() is False


def test_colab_with_the_module(fake_colab):
    assert colab.in_colab() is True


def test_mount_drive_outside_colab_explains_the_alternative():
    with pytest.raises(RuntimeError, match="COURSE_DATA_DIR"):
        colab.mount_drive()


def test_mount_drive_on_colab_returns_the_course_folder(fake_colab, tmp_path):
    folder = colab.mount_drive(tmp_path / "drive")
    assert fake_colab == [str(tmp_path / "drive")]
    assert folder == tmp_path / "drive" / "MyDrive" / "cnn-course-data"
    assert folder.is_dir()
    colab.mount_drive(tmp_path / "drive")
    assert len(fake_colab) == 1, "an already mounted Drive must not be mounted again"


def test_mounted_drive_becomes_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    drive_folder = tmp_path / "drive" / "MyDrive" / "cnn-course-data"
    monkeypatch.setattr(config, "drive_course_dir", lambda: drive_folder)
    assert all(f.source != "Google Drive" for f in config.data_folders())
    (tmp_path / "drive" / "MyDrive").mkdir(parents=True)
    assert config.data_dir().path == drive_folder
    assert config.data_dir().source == "Google Drive"
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "staged"))
    assert config.data_dir().source == "COURSE_DATA_DIR", "an explicit folder wins over Drive"
