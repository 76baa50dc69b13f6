"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from helpers import config

COURSE_VARIABLES = ("COURSE_QUICK", "COURSE_DATA_DIR", "COURSE_OFFLINE", "COURSE_MIRROR",
                    "COURSE_CACHE_DIR", "COURSE_WORK_DIR")


@pytest.fixture(autouse=True)
def _clean_course_state() -> Iterator[None]:
    """Forget setup() overrides and close figures after each test."""
    config.reset()
    yield
    config.reset()
    plt.close("all")


@pytest.fixture
def isolated_course(tmp_path, monkeypatch):
    """Point every course folder at a fresh temporary folder; quick mode, offline."""
    for name in COURSE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COURSE_QUICK", "1")
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path / "work"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture
def server():
    """A local HTTP server on 127.0.0.1 serving a folder of files (tests/test_data_builders.Server)."""
    from test_data_builders import Server

    with Server() as running:
        yield running
