"""The Korean edition stays the English code: drift of any kind fails with a message naming it."""

from __future__ import annotations

import nbformat
import pytest

from helpers import notebooks, translate

ENGLISH = notebooks.course_notebooks()


def test_comments_do_not_count_as_code():
    english = "x = 1  # one\n# a whole-line comment\nprint(x)  # show it\n"
    korean = "x = 1  # 하나\n# 한 줄 주석을\n# 두 줄로 나눔\nprint(x)  # 보여 줌\n"
    assert notebooks.code_without_comments(english) == notebooks.code_without_comments(korean)
    assert notebooks.code_without_comments("x = 2  # one") != notebooks.code_without_comments(english)
    assert notebooks.code_without_comments('s = "# not a comment"') == 's = "# not a comment"'
    assert notebooks.code_without_comments("!ls data  # list\n%env A=1") == "!ls data\n%env A=1"


@pytest.fixture
def tiny_course(tmp_path, monkeypatch):
    """A course folder with one small English notebook, and translate pointed at it."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    monkeypatch.setattr(notebooks, "notebooks_dir", lambda: folder)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"{notebooks.badge_markdown('09_tiny.ipynb')}\n\n# 09 · Tiny\n"),
        nbformat.v4.new_code_cell(notebooks.setup_cell_source("09_tiny")),
        nbformat.v4.new_markdown_cell("## Learning goals\n\nSee how a filter slides over an image."),
        nbformat.v4.new_code_cell("size = 7  # the filter's size\nprint(size)"),
        nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(size * size)"),
    ]
    nb.cells[4].outputs = [nbformat.v4.new_output("stream", name="stdout", text="49\n")]
    english = folder / "09_tiny.ipynb"
    nbformat.write(nb, english)
    return english


def _fill(english):
    translate.template(english)
    entries = translate.read_translation(english)
    korean = {0: "# 09 · 작은 예제\n", 1: "## 학습 목표\n\n필터가 이미지 위를 미끄러지는 모습을 봅니다.",
              2: "size = 7  # 필터 크기\nprint(size)"}
    for number, entry in enumerate(entries):
        entry.ko = korean.get(number, entry.ko)
    translate.write_translation(english, entries)


def test_a_filled_translation_builds_the_korean_twin_with_the_english_outputs(tiny_course):
    _fill(tiny_course)
    entries = translate.read_translation(tiny_course)
    assert len(entries) == 4, "one entry per cell but the generated set-up cell"
    assert entries[3].ko == entries[3].en, "a code cell without comments needs no translator"
    korean = translate.build(tiny_course)
    assert translate.problems(tiny_course) == []
    nb = nbformat.read(korean, as_version=4)
    assert 'lang="ko"' in nb.cells[1].source
    assert notebooks.badge_markdown("09_tiny.ipynb", lang="ko") in nb.cells[0].source
    assert "/notebooks/ko/09_tiny.ipynb" in nb.cells[0].source
    assert nb.cells[4].outputs[0]["text"] == "49\n"
    assert "필터 크기" in nb.cells[3].source


def test_a_changed_english_cell_is_named_with_the_command_that_shows_it(tiny_course):
    _fill(tiny_course)
    translate.build(tiny_course)
    nb = nbformat.read(tiny_course, as_version=4)
    nb.cells[3].source = "size = 5  # the filter's size\nprint(size)"
    nbformat.write(nb, tiny_course)
    found = translate.problems(tiny_course)
    assert any("cell 3" in p and "English changed" in p and "translate diff 09" in p for p in found)
    assert "-size = 7" in translate.diff(tiny_course) and "+size = 5" in translate.diff(tiny_course)
    with pytest.raises(ValueError, match="cannot build"):
        translate.build(tiny_course)


def test_added_and_removed_cells_are_named(tiny_course):
    _fill(tiny_course)
    nb = nbformat.read(tiny_course, as_version=4)
    removed = nb.cells.pop(2)
    nb.cells.append(nbformat.v4.new_markdown_cell("## Summary\n\nFilters slide."))
    nbformat.write(nb, tiny_course)
    found = translate.problems(tiny_course)
    assert any("was added" in p and nb.cells[-1].id in p for p in found)
    assert any("removed" in p and removed.id in p for p in found)


def test_code_that_differs_in_korean_is_refused(tiny_course):
    _fill(tiny_course)
    entries = translate.read_translation(tiny_course)
    entries[2].ko = "size = 9  # 필터 크기\nprint(size)"
    translate.write_translation(tiny_course, entries)
    assert any("code differs" in p for p in translate.problems(tiny_course))


def test_untranslated_text_and_hand_edits_of_the_korean_notebook_are_caught(tiny_course):
    translate.template(tiny_course)
    assert any("not translated yet" in p for p in translate.problems(tiny_course))
    _fill(tiny_course)
    entries = translate.read_translation(tiny_course)
    entries[1].ko = "## 학습 목표\n\nSee how a filter slides over an image."
    translate.write_translation(tiny_course, entries)
    assert any("reads as English" in p for p in translate.problems(tiny_course))
    _fill(tiny_course)
    korean = translate.build(tiny_course)
    korean.write_text(korean.read_text(encoding="utf-8").replace("필터 크기", "크기"), encoding="utf-8")
    assert any("edit the translation, not the Korean notebook" in p for p in translate.problems(tiny_course))


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_every_korean_notebook_is_in_step_with_its_english_one(english):
    assert translate.problems(english) == []


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_korean_notebooks_follow_the_conventions(english):
    assert notebooks.check_notebook(translate.korean_path(english)) == []
