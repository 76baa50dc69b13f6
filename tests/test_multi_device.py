"""A training notebook runs under MirroredStrategy on two logical CPU devices, every submission.

A TPU or several GPUs train through the same path (variables mirrored, batches split between
replicas); this proves the notebooks build their models under ``course.strategy.scope()``.
"""

from __future__ import annotations

import os

import nbclient
import nbformat
import pytest

from helpers import notebooks

NOTEBOOK = notebooks.notebooks_dir() / "03_fashion_mnist.ipynb"


@pytest.mark.slow
def test_fashion_mnist_trains_on_two_replicas(monkeypatch):
    monkeypatch.setenv("COURSE_STRATEGY", "mirrored-cpu")
    monkeypatch.setenv("COURSE_QUICK", "1")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    setup_output = "".join(o.get("text", "") for o in notebooks.first_code_cell(notebook).outputs)
    assert "2 logical CPU devices (MirroredStrategy), 2 replicas train" in setup_output
    assert os.environ["COURSE_STRATEGY"] == "mirrored-cpu"
