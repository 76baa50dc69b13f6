"""Maintainer tool for the notebooks: Colab badges, the set-up cell, and committed outputs.

    python -m helpers.notebooks sync      # rewrite badges + set-up cells from helpers/course.py,
                                          # strip outputs except `# NBVAL_CHECK_OUTPUT` cells
    python -m helpers.notebooks refresh   # run in quick mode and store the checked cells' outputs
    python -m helpers.notebooks check     # list what breaks the conventions (the tests do this too)

Each command takes notebook paths; without them it works on every ``notebooks/NN_*.ipynb``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpers import course

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
NOTEBOOK_NAME = re.compile(r"^(\d\d)_[a-z0-9]+(_[a-z0-9]+)*\.ipynb$")
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_PATTERN = re.compile(r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)")


def notebooks_dir() -> Path:
    """Return the checkout's ``notebooks/`` folder."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def course_notebooks(folder: Path | None = None) -> list[Path]:
    """Return the course notebooks (``NN_topic.ipynb``) in lecture order."""
    folder = folder or notebooks_dir()
    return sorted(p for p in folder.glob("*.ipynb") if p.name[:2].isdigit())


def badge_markdown(notebook_file: str) -> str:
    """Return the Colab badge for a notebook file name."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({course.colab_url(notebook_file)})"


def setup_cell_source(notebook_stem: str) -> str:
    """Return the first code cell of a notebook: the Colab bootstrap and the set-up call."""
    folder = f"/content/{course.repository_name()}"
    return f'''\
# Set-up (셋업). Written by `python -m helpers.notebooks sync` from helpers/course.py.
import sys
from pathlib import Path

DRIVE = False  # on Colab, True keeps datasets on Google Drive so they survive a runtime reset

if "google.colab" in sys.modules:  # fetch the course code once; Colab's own TensorFlow stays
    import subprocess

    COURSE_DIR = Path("{folder}")
    if not COURSE_DIR.exists():
        subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "{course.BRANCH}",
                        "{course.REPOSITORY}", str(COURSE_DIR)], check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", str(COURSE_DIR)],
                       check=True)
    sys.path.insert(0, str(COURSE_DIR))

from helpers import setup

course = setup("{notebook_stem}", drive=DRIVE)
QUICK = course.quick'''


def _source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def is_checked(cell: Any) -> bool:
    """Return True for a code cell whose output nbval compares (``# NBVAL_CHECK_OUTPUT``)."""
    return cell.get("cell_type") == "code" and CHECK_MARK in _source(cell)


def _read(path: Path) -> Any:
    import nbformat

    return nbformat.read(path, as_version=4)


def _write(notebook: Any, path: Path) -> None:
    import nbformat

    nbformat.validate(notebook)
    nbformat.write(notebook, path)


def first_code_cell(notebook: Any) -> Any | None:
    """Return the first code cell, or None."""
    return next((c for c in notebook.cells if c.cell_type == "code"), None)


def sync_notebook(path: Path) -> bool:
    """Rewrite badge and set-up cell, strip unchecked outputs; return True if the file changed."""
    notebook = _read(path)
    before = _source_snapshot(notebook)
    title = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    if title is None:
        raise ValueError(f"{path.name}: has no markdown cell for the title and badge.")
    badge = badge_markdown(path.name)
    text = _source(title)
    if BADGE_PATTERN.search(text):
        text = BADGE_PATTERN.sub(lambda _: badge, text, count=1)
    else:
        text = f"{badge}\n\n{text}"
    title.source = text
    setup = first_code_cell(notebook)
    if setup is None:
        raise ValueError(f"{path.name}: has no code cell; the first code cell must be the set-up.")
    setup.source = setup_cell_source(path.stem)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if not is_checked(cell):
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3",
    }
    notebook.metadata.pop("widgets", None)
    changed = _source_snapshot(notebook) != before
    _write(notebook, path)
    return changed


def _source_snapshot(notebook: Any) -> str:
    import json

    return json.dumps(notebook, sort_keys=True, default=str)


def check_notebook(path: Path) -> list[str]:
    """Return the convention problems of one notebook (empty when it is fine)."""
    problems: list[str] = []
    name = path.name
    if not NOTEBOOK_NAME.match(name):
        problems.append(f"{name}: name must look like NN_topic.ipynb (lower case, underscores)")
    notebook = _read(path)
    markdown = "\n".join(_source(c) for c in notebook.cells if c.cell_type == "markdown")
    first_md = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    if first_md is None or not _source(first_md).lstrip().startswith(("# ", "[![")):
        problems.append(f"{name}: the first cell must be markdown with the badge and '# NN · Title'")
    elif not re.search(rf"^# {name[:2]} · .+", _source(first_md), re.MULTILINE):
        problems.append(f"{name}: the first markdown cell needs the title '# {name[:2]} · ...'")
    if first_md is not None and badge_markdown(name) not in _source(first_md):
        problems.append(f"{name}: Colab badge disagrees with helpers/course.py (run sync)")
    setup = first_code_cell(notebook)
    if setup is None or _source(setup) != setup_cell_source(path.stem):
        problems.append(f"{name}: first code cell is not the set-up cell from helpers/course.py "
                        "(run python -m helpers.notebooks sync)")
    for heading in ("Learning goals", "Summary", "Exercises"):
        if not re.search(rf"^#+ .*{heading}", markdown, re.MULTILINE):
            problems.append(f"{name}: missing a '{heading}' heading")
    if "<details>" not in markdown:
        problems.append(f"{name}: exercises need collapsed worked solutions (<details>)")
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or is_checked(cell):
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            problems.append(f"{name}: cell {number} has committed output but no {CHECK_MARK}")
    for number, cell in enumerate(notebook.cells):
        if is_checked(cell) and not cell.get("outputs"):
            problems.append(f"{name}: checked cell {number} has no stored output (run refresh)")
    return problems


def refresh_outputs(path: Path, timeout: int = 900) -> None:
    """Execute a notebook in quick mode and store the outputs of its checked cells only."""
    import nbclient

    notebook = _read(path)
    os.environ["COURSE_QUICK"] = "1"
    client = nbclient.NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    _write(notebook, path)
    sync_notebook(path)


def _targets(paths: Iterable[str]) -> list[Path]:
    chosen = [Path(p) for p in paths]
    return chosen or course_notebooks()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``sync``, ``refresh`` or ``check``."""
    parser = argparse.ArgumentParser(prog="python -m helpers.notebooks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["sync", "refresh", "check"])
    parser.add_argument("notebooks", nargs="*", help="notebook files (default: all)")
    args = parser.parse_args(argv)
    targets = _targets(args.notebooks)
    if args.command == "sync":
        for path in targets:
            print(f"{'updated' if sync_notebook(path) else 'unchanged'}: {path}")
        return 0
    if args.command == "refresh":
        for path in targets:
            refresh_outputs(path)
            print(f"refreshed: {path}")
        return 0
    problems = [p for path in targets for p in check_notebook(path)]
    print("\n".join(problems) or f"{len(targets)} notebooks follow the conventions.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
