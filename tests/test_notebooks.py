"""Hygiene of the committed notebooks: names, order, anatomy, outputs, badges and set-up cells."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from helpers import course, notebooks

LECTURE_ORDER = [
    "00_colab_and_data.ipynb",
    "01_convolution.ipynb",
    "02_pooling.ipynb",
    "03_fashion_mnist.ipynb",
    "04_gtsrb_traffic_signs.ipynb",
    "05_augmentation.ipynb",
    "06_cats_vs_dogs.ipynb",
    "07_transfer_learning.ipynb",
]
NOTEBOOKS = notebooks.course_notebooks()


def test_every_lecture_section_has_its_notebook_in_order():
    names = [path.name for path in NOTEBOOKS]
    assert names == LECTURE_ORDER
    assert [int(name[:2]) for name in names] == list(range(len(names)))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_conventions(path):
    assert notebooks.check_notebook(path) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_sync_changes_nothing_in_a_committed_notebook(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    assert notebooks.sync_notebook(copy) is False, "run: python -m helpers.notebooks sync"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_checked_cells_hold_nothing_that_changes_between_runs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if not notebooks.is_checked(cell):
            continue
        for output in cell.outputs:
            assert output.output_type != "stream" or output.name != "stderr", cell.source[:80]
            text = str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
            assert " at 0x" not in text, "memory addresses change between runs"
            assert "image/png" not in output.get("data", {}), "figures are not compared"


def test_a_fork_changes_one_line_and_the_check_notices(monkeypatch, tmp_path):
    source = NOTEBOOKS[0]
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    monkeypatch.setattr(course, "REPOSITORY", "https://github.com/a-teacher/her-fork")
    problems = notebooks.check_notebook(copy)
    assert any("Colab badge disagrees" in p for p in problems)
    assert any("set-up cell" in p for p in problems)
    assert notebooks.sync_notebook(copy) is True
    assert notebooks.check_notebook(copy) == []
    text = copy.read_text(encoding="utf-8")
    assert "github/a-teacher/her-fork/blob/main/notebooks/" + source.name in text
    assert "https://github.com/a-teacher/her-fork" in text
    assert "cnn-keras-course/cnn-keras-course" not in text


def test_check_reports_stray_outputs(tmp_path):
    notebook = nbformat.read(NOTEBOOKS[0], as_version=4)
    notebook.metadata.pop(notebooks.STAMP_KEY, None)  # outputs that no stamped run stored
    cell = next(c for c in notebook.cells[1:] if c.cell_type == "code"
                and not notebooks.is_checked(c) and c is not notebooks.first_code_cell(notebook))
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="left over\n")]
    path = tmp_path / NOTEBOOKS[0].name
    nbformat.write(notebook, path)
    assert any("stored outputs but no provenance stamp" in p for p in notebooks.check_notebook(path))


def test_setup_cell_defines_course_and_mode():
    source = notebooks.setup_cell_source("03_fashion_mnist")
    compile(source, "setup-cell", "exec")
    assert 'course = setup("03_fashion_mnist", drive=DRIVE)' in source
    assert "QUICK = course.quick" in source
    assert course.REPOSITORY in source


def test_korean_setup_cell_asks_for_korean_messages_and_opens_the_korean_twin():
    source = notebooks.setup_cell_source("03_fashion_mnist", lang="ko")
    compile(source, "setup-cell", "exec")
    assert 'course = setup("03_fashion_mnist", drive=DRIVE, lang="ko")' in source
    assert "/blob/main/notebooks/ko/03_fashion_mnist.ipynb" in notebooks.badge_markdown(
        "03_fashion_mnist.ipynb", lang="ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_failed_clone_on_colab_names_the_address_and_the_fix(lang, monkeypatch):
    """Run the set-up cell as Colab would, with a clone that fails: one clear message, no traceback chain."""
    import subprocess
    import sys
    import types

    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    failed = subprocess.CompletedProcess([], 128, "", "fatal: repository 'x' not found")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: failed)
    monkeypatch.setattr(notebooks.course, "REPOSITORY", "https://github.com/nobody/missing-course")
    source = notebooks.setup_cell_source("03_fashion_mnist", lang=lang)
    cell = source.replace('Path("/content/missing-course")', 'Path("/nonexistent/missing-course")')
    with pytest.raises(SystemExit) as stop:
        exec(compile(cell, "setup-cell", "exec"), {})
    message = str(stop.value)
    assert "https://github.com/nobody/missing-course" in message
    assert "helpers/course.py" in message and "REPOSITORY" in message
    assert "repository 'x' not found" in message
