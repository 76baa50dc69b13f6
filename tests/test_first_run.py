"""What a newcomer sees in a real kernel: a quiet first cell, and data errors as one clear message."""

from __future__ import annotations

import nbclient
import nbformat
import pytest

from helpers import notebooks


@pytest.mark.slow
def test_first_cell_is_quiet_and_missing_data_shows_the_message_not_a_chain(isolated_course, monkeypatch):
    empty = isolated_course / "empty-data"
    empty.mkdir()
    (isolated_course / "home").mkdir()
    monkeypatch.setenv("COURSE_QUICK", "0")
    monkeypatch.setenv("COURSE_DATA_DIR", str(empty))
    monkeypatch.delenv("COURSE_TF_LOGS", raising=False)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(notebooks.setup_cell_source("09_probe")),
        nbformat.v4.new_code_cell("from helpers import data\ndata.load_gtsrb(split='train')"),
    ]
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(isolated_course)}})
    client.execute()
    setup_outputs = notebook.cells[0].outputs
    assert [o.get("name") for o in setup_outputs] == ["stdout"], "no red stderr under the set-up cell"
    assert setup_outputs[0]["text"].count("\n") == 1 and "full mode" in setup_outputs[0]["text"]

    error = next(o for o in notebook.cells[1].outputs if o.output_type == "error")
    assert error.ename == "DatasetNotFoundError"
    shown = "\n".join(error.traceback)
    assert "Two ways out" in shown and str(empty) in shown and "COURSE_DATA_DIR" in shown
    assert "Traceback" not in shown and "During handling" not in shown and "File " not in shown
