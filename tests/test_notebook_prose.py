"""No measured number in prose: results are printed by the code that measures them.

A figure that looks like an accuracy or a time (``0.93``, ``93%``, ``12 s``, ``4 minutes``,
``3분``) may stand in markdown only inside backticks (code, parameters), inside quoted
lecture text, or inside an exercise's collapsed solution. Everything else a notebook says
about its results must stay true whatever its run prints.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import notebooks

ALL_NOTEBOOKS = notebooks.course_notebooks() + notebooks.course_notebooks(notebooks.notebooks_dir() / "ko")

MEASURED = re.compile(
    r"(?<![\w.])(?:0\.\d{2,}|\d{1,3}(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?(?:s|sec|seconds?|ms|min|minutes?|h|hours?)\b"
    r"|\d+(?:\.\d+)?\s?(?:초|분(?!의)|시간))",
)
ALLOWED_SPANS = re.compile(
    r"```.*?```|`[^`\n]*`|<details>.*?</details>|\"[^\"\n]*\"|“[^”]*”|「[^」]*」|\$[^$\n]*\$|\([^()\n]*\d{4}\)",
    re.DOTALL,
)


def measured_figures(markdown: str) -> list[str]:
    """Return the accuracy- or time-like figures of ``markdown`` outside the allowed spans."""
    prose = ALLOWED_SPANS.sub(" ", markdown)
    prose = re.sub(r"\]\([^)]*\)", "]", prose)  # link targets
    return [m.group(0) for m in MEASURED.finditer(prose)]


def test_the_scan_finds_what_it_must_and_spares_parameters():
    assert measured_figures("The improved model reaches 0.93 on the test set.") == ["0.93"]
    assert measured_figures("CLAHE costs about 4 minutes; training 12 s per epoch.") == ["4 minutes", "12 s"]
    assert measured_figures("정확도는 93%이고 3분 걸립니다.") == ["93%", "3분"]
    assert measured_figures("10분의 1만 남습니다.") == [], "a fraction is not a time"
    assert measured_figures("`Dropout(0.4)` and `learning_rate=0.001` are parameters.") == []
    assert measured_figures('The lecture writes "0.8 degrees".') == []
    assert measured_figures("<details>\n\nIt reached 0.95 in 3 min.\n</details>") == []
    assert measured_figures("a 7x7 filter, 43 classes, 20 epochs, 150x100 pixels") == []


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_measured_number_in_prose(path):
    notebook = nbformat.read(path, as_version=4)
    found = [(number, figure) for number, cell in enumerate(notebook.cells) if cell.cell_type == "markdown"
             for figure in measured_figures(cell.source)]
    assert found == [], (
        f"{path.name}: markdown states measured-looking figures {found} (cell, figure); print them from "
        "the code that measures them, or word the text so it stays true whatever the run prints")
