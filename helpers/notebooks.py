"""Maintainer tool for the notebooks: Colab badges, the set-up cell, and committed outputs.

    python -m helpers.notebooks sync      # rewrite badges + set-up cells from helpers/course.py,
                                          # strip unstamped outputs except `# NBVAL_CHECK_OUTPUT` cells
    python -m helpers.notebooks refresh   # run in quick mode and store the checked cells' outputs
    python -m helpers.notebooks execute   # run in full mode, store all outputs, stamp their provenance
    python -m helpers.notebooks results   # the README's results table from the stamps (--write)
    python -m helpers.notebooks check     # list what breaks the conventions (the tests do this too)

Each command takes notebook numbers (``03``) or paths; without them it works on every
``notebooks/NN_*.ipynb``. CONTRIBUTING.md, "Committed outputs", says when to run which.
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


def badge_markdown(notebook_file: str, lang: str = "en") -> str:
    """Return the Colab badge for a notebook file name (``lang="ko"``: its Korean twin)."""
    path = notebook_file if lang == "en" else f"{lang}/{notebook_file}"
    return f"[![Open In Colab]({BADGE_IMAGE})]({course.colab_url(path)})"


def with_badge(text: str, badge: str) -> str:
    """Return markdown ``text`` with its Colab badge replaced by ``badge`` (or put first)."""
    if BADGE_PATTERN.search(text):
        return BADGE_PATTERN.sub(lambda _: badge, text, count=1)
    return f"{badge}\n\n{text}"


_SETUP_TEXT = {
    "en": {
        "title": "# Set-up (셋업). Written by `python -m helpers.notebooks sync` from helpers/course.py.",
        "drive": "# on Colab, True keeps datasets on Google Drive so they survive a runtime reset",
        "fetch": "# fetch the course code once; Colab's own TensorFlow stays",
        "failed": ("Could not clone the course from {url} (branch {branch}): {error}. "
                   "If this notebook comes from a fork, its owner sets REPOSITORY in helpers/course.py "
                   "and runs `python -m helpers.notebooks sync`; or correct the address in this cell."),
    },
    "ko": {
        "title": "# 셋업(set-up). `python -m helpers.notebooks sync`가 helpers/course.py로부터 작성합니다.",
        "drive": "# Colab에서 True로 두면 데이터셋을 구글 드라이브에 보관해 런타임을 초기화해도 남습니다",
        "fetch": "# 강좌 코드를 한 번만 받아 옵니다. Colab에 깔린 TensorFlow는 그대로 둡니다",
        "failed": ("강좌 저장소 {url} (브랜치 {branch})를 복제하지 못했습니다: {error}. "
                   "포크한 저장소라면 그 주인이 helpers/course.py의 REPOSITORY를 고치고 "
                   "`python -m helpers.notebooks sync`를 실행해야 합니다. 아니면 이 셀의 주소를 고치세요."),
    },
}


def setup_cell_source(notebook_stem: str, lang: str = "en") -> str:
    """Return the first code cell of a notebook: the Colab bootstrap and the set-up call."""
    folder = f"/content/{course.repository_name()}"
    text = _SETUP_TEXT[lang]
    failed = text["failed"].format(url="{url}", branch=course.BRANCH, error="{error}")
    call_lang = "" if lang == "en" else f', lang="{lang}"'
    return f'''\
{text["title"]}
import sys
from pathlib import Path

DRIVE = False  {text["drive"]}

if "google.colab" in sys.modules:  {text["fetch"]}
    import subprocess

    COURSE_URL = "{course.REPOSITORY}"
    COURSE_DIR = Path("{folder}")
    if not COURSE_DIR.exists():
        clone = subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "{course.BRANCH}",
                                COURSE_URL, str(COURSE_DIR)], capture_output=True, text=True)
        if clone.returncode != 0:
            error = clone.stderr.strip() or f"git exited with {{clone.returncode}}"
            raise SystemExit(f"{failed.replace("{url}", "{COURSE_URL}")}")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", str(COURSE_DIR)],
                       check=True)
    sys.path.insert(0, str(COURSE_DIR))

from helpers import setup

course = setup("{notebook_stem}", drive=DRIVE{call_lang})
QUICK = course.quick'''


def cell_source(cell: Any) -> str:
    """Return a cell's source as one string (nbformat allows a list of lines too)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def is_checked(cell: Any) -> bool:
    """Return True for a code cell whose output nbval compares (``# NBVAL_CHECK_OUTPUT``)."""
    return cell.get("cell_type") == "code" and CHECK_MARK in cell_source(cell)


def read_notebook(path: Path) -> Any:
    """Return a notebook file as an ``nbformat`` v4 node."""
    import nbformat

    return nbformat.read(path, as_version=4)


def notebook_json(notebook: Any) -> str:
    """Return a notebook's file text exactly as ``nbformat.write`` would store it."""
    import nbformat

    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def _write(notebook: Any, path: Path) -> None:
    Path(path).write_text(notebook_json(notebook), encoding="utf-8", newline="\n")


def first_code_cell(notebook: Any) -> Any | None:
    """Return the first code cell, or None."""
    return next((c for c in notebook.cells if c.cell_type == "code"), None)


def sync_notebook(path: Path) -> bool:
    """Rewrite badge and set-up cell, strip unstamped outputs; return True if the file changed.

    Outputs of a stamped full-mode run (``execute``) are kept; anything else but the checked
    cells' outputs is stripped.
    """
    notebook = read_notebook(path)
    before = _source_snapshot(notebook)
    title = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    if title is None:
        raise ValueError(f"{path.name}: has no markdown cell for the title and badge.")
    title.source = with_badge(cell_source(title), badge_markdown(path.name))
    setup = first_code_cell(notebook)
    if setup is None:
        raise ValueError(f"{path.name}: has no code cell; the first code cell must be the set-up.")
    setup.source = setup_cell_source(path.stem)
    stamped = stamp_of(notebook) is not None
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if not stamped and not is_checked(cell):
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


def language_of(path: Path) -> str:
    """Return ``ko`` for a notebook of the Korean edition (``notebooks/ko/``), else ``en``."""
    return "ko" if path.parent.name == "ko" else "en"


# The anatomy's headings, as each edition writes them.
HEADINGS = {
    "en": {"Learning goals": ["Learning goals"], "Summary": ["Summary"], "Exercises": ["Exercises"]},
    "ko": {"Learning goals": ["학습 목표"], "Summary": ["요약", "정리"],
           "Exercises": ["연습 문제", "연습문제"]},
}


def check_notebook(path: Path) -> list[str]:
    """Return the convention problems of one notebook (empty when it is fine)."""
    problems: list[str] = []
    lang = language_of(path)
    name = path.name if lang == "en" else f"{lang}/{path.name}"
    if not NOTEBOOK_NAME.match(path.name):
        problems.append(f"{name}: name must look like NN_topic.ipynb (lower case, underscores)")
    notebook = read_notebook(path)
    markdown = "\n".join(cell_source(c) for c in notebook.cells if c.cell_type == "markdown")
    first_md = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    if first_md is None or not cell_source(first_md).lstrip().startswith(("# ", "[![")):
        problems.append(f"{name}: the first cell must be markdown with the badge and '# NN · Title'")
    elif not re.search(rf"^# {path.name[:2]} · .+", cell_source(first_md), re.MULTILINE):
        problems.append(f"{name}: the first markdown cell needs the title '# {path.name[:2]} · ...'")
    if first_md is not None and badge_markdown(path.name, lang) not in cell_source(first_md):
        problems.append(f"{name}: Colab badge disagrees with helpers/course.py (run sync)")
    setup = first_code_cell(notebook)
    if setup is None or cell_source(setup) != setup_cell_source(path.stem, lang):
        problems.append(f"{name}: first code cell is not the set-up cell from helpers/course.py "
                        "(run python -m helpers.notebooks sync)")
    for spellings in HEADINGS[lang].values():
        if not any(re.search(rf"^#+ .*{s}", markdown, re.MULTILINE) for s in spellings):
            problems.append(f"{name}: missing a '{spellings[0]}' heading")
    if "<details>" not in markdown:
        problems.append(f"{name}: exercises need collapsed worked solutions (<details>)")
    for number, cell in enumerate(notebook.cells):
        if is_checked(cell) and not cell.get("outputs"):
            problems.append(f"{name}: checked cell {number} has no stored output (run refresh)")
    problems.extend(output_problems(path, notebook))
    return problems


# ---------------------------------------------------------------- committed outputs and their stamp
STAMP_KEY = "course"
TF_LOG_LINE = re.compile(r"^(?:[IWEF]\d{4} [\d:. ]+\d+ \S+:\d+\]|WARNING: All log messages before absl)")
SIZE_LIMIT_BYTES = 4 * 1024 * 1024


def code_without_comments(code: str) -> str:
    """Return ``code`` without comments, comment-only lines and trailing spaces.

    Two cells hold the same code when this gives the same text for both: comments may be
    translated or re-worded without changing what the cell does. IPython magics stay code.
    """
    import io
    import tokenize

    lines = code.splitlines()
    comment_at: dict[int, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                comment_at[token.start[0]] = token.start[1]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        for number, line in enumerate(lines, start=1):  # not plain Python: a `#` outside quotes
            match = re.match(r"""^((?:[^#'"]|'[^']*'|"[^"]*")*)#""", line)
            if match:
                comment_at[number] = len(match.group(1))
    kept = []
    for number, line in enumerate(lines, start=1):
        if number in comment_at:
            line = line[: comment_at[number]]
            if not line.strip():
                continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip("\n")


def code_hash(notebook: Any) -> str:
    """Return a hash of what a notebook's code cells do: their code without comments.

    The set-up cell is left out (a fork rewrites it), and so are comments (the Korean edition
    translates them), so both editions of a notebook share one hash.
    """
    import hashlib

    setup = first_code_cell(notebook)
    digest = hashlib.sha256()
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell is not setup:
            digest.update(code_without_comments(cell_source(cell)).encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def stamp_of(notebook: Any) -> dict[str, Any] | None:
    """Return the provenance stamp of a notebook's stored outputs, or None."""
    return notebook.metadata.get(STAMP_KEY, {}).get("provenance")


def _refresh_command(path: Path) -> str:
    return f"python -m helpers.notebooks execute {path.stem[:2]}"


def output_problems(path: Path, notebook: Any | None = None) -> list[str]:
    """Return why a notebook's stored outputs cannot be trusted (empty when they can)."""
    notebook = notebook if notebook is not None else read_notebook(path)
    lang = language_of(path)
    name = path.name if lang == "en" else f"{lang}/{path.name}"
    stamp = stamp_of(notebook)
    has_outputs = any(cell.cell_type == "code" and cell.get("outputs") and not is_checked(cell)
                      for cell in notebook.cells)
    problems = []
    if has_outputs and stamp is None:
        problems.append(f"{name}: has stored outputs but no provenance stamp; store outputs only "
                        f"with `{_refresh_command(path)}`")
    if stamp is not None:
        if stamp.get("code_hash") != code_hash(notebook):
            problems.append(f"{name}: its outputs are stale: the code changed since they were stored "
                            f"on {stamp.get('date', '?')}; refresh them with `{_refresh_command(path)}`")
        odd = {k: v["kind"] for k, v in stamp.get("data", {}).items() if v.get("kind") != "official"}
        if odd and not stamp.get("non_official_data_allowed"):
            problems.append(f"{name}: its outputs come from {odd} without saying so; "
                            f"re-run `{_refresh_command(path)}` on the official data")
        if stamp.get("mode") != "full":
            problems.append(f"{name}: its stored outputs are not from a full-mode run")
    if path.is_file() and path.stat().st_size > SIZE_LIMIT_BYTES:
        problems.append(f"{name}: {path.stat().st_size / 2**20:.1f} MB, over the 4 MB a notebook may take")
    noisy = [cell.get("id", "?") for cell in notebook.cells if cell.cell_type == "code"
             and any(_holds_progress_redraws(output) for output in cell.get("outputs", []))]
    if noisy:
        problems.append(f"{name}: cells {', '.join(noisy)} store a progress bar's redraws, not its last "
                        f"state; re-clean them with `{_refresh_command(path)}`")
    return problems


PROGRESS_STATE = re.compile(r"\|\s*\d+/\d+ \[")  # tqdm's "| 123/456 [" in each redraw


def _holds_progress_redraws(output: Any) -> bool:
    """True when one stored line holds several states of a progress bar (noise on GitHub)."""
    if output.get("output_type") != "stream":
        return False
    return any(len(PROGRESS_STATE.findall(line)) > 1 for line in output.get("text", "").splitlines())


def settled_text(text: str) -> str:
    """Return stream text as a terminal ends up showing it: each line after its last ``\\r``.

    A progress bar redraws itself with carriage returns; stored raw, it is hundreds of states.
    """
    lines = text.split("\n")  # not splitlines(): it splits at every \\r too
    return "\n".join(line.rstrip("\r").rsplit("\r", 1)[-1] for line in lines)


PNG_QUANTIZE_ABOVE_BYTES = 48 * 1024


def smaller_png(encoded: str) -> str:
    """Return a base64 PNG re-encoded with a 256-colour palette when that makes it smaller.

    Photo grids stored as true-colour PNG are what make a notebook heavy; a palette with
    dithering looks the same at the figures' size and takes about a third of the bytes.
    Small figures (plots, text) are kept as they are.
    """
    import base64
    import io

    from PIL import Image

    raw = base64.b64decode(encoded)
    if len(raw) <= PNG_QUANTIZE_ABOVE_BYTES:
        return encoded
    with Image.open(io.BytesIO(raw)) as image:
        if image.mode == "P":
            return encoded
        palette = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT,
                                                dither=Image.Dither.FLOYDSTEINBERG)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", optimize=True)
    smaller = buffer.getvalue()
    return base64.b64encode(smaller).decode("ascii") + "\n" if len(smaller) < len(raw) else encoded


def _clean_outputs(cell: Any) -> None:
    """Store outputs as a reader should see them: streams settled, no TF logs, lighter figures.

    Heavy figures are re-encoded smaller (``smaller_png``). A progress bar arrives as hundreds
    of stream messages; consecutive messages of one stream are joined first, so that each bar
    keeps only its last state. Empty streams are dropped.
    """
    joined: list[Any] = []
    for output in cell.get("outputs", []):
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] = previous.get("text", "") + output.get("text", "")
            continue
        joined.append(output)
    kept = []
    for output in joined:
        if "image/png" in output.get("data", {}):
            output["data"]["image/png"] = smaller_png(output["data"]["image/png"])
        if output.get("output_type") == "stream":
            text = settled_text(output.get("text", ""))
            if output.get("name") == "stderr":
                text = "".join(line for line in text.splitlines(keepends=True) if not TF_LOG_LINE.match(line))
            output["text"] = text
            if not text.strip():
                continue
        kept.append(output)
    cell.outputs = kept
    cell.metadata.pop("execution", None)


def clean_stored_outputs(path: Path) -> None:
    """Re-clean a notebook's stored outputs in place (what ``execute`` does after a run)."""
    notebook = read_notebook(path)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            _clean_outputs(cell)
    _write(notebook, path)


PROVENANCE_CELL = ("import json as _json\nfrom helpers import provenance as _provenance\n"
                   "print('COURSE-PROVENANCE ' + _json.dumps(_provenance.report()))")


def execute_notebook(path: Path, *, allow_non_official: bool = False, cell_timeout: int = 3600) -> dict:
    """Run a notebook in full mode, stamp its provenance and store its outputs in the file.

    Refuses (and leaves the file as it was) when a dataset came from a stand-in or a partial
    copy, unless ``allow_non_official``; the stamp then says so. Returns the stamp.
    """
    import datetime
    import json
    import time

    import nbclient
    import nbformat

    notebook = read_notebook(path)
    quick_outputs = {c.get("id"): c.outputs for c in notebook.cells if is_checked(c)}
    notebook.cells.append(nbformat.v4.new_code_cell(PROVENANCE_CELL))
    previous = os.environ.get("COURSE_QUICK")
    os.environ["COURSE_QUICK"] = "0"
    started = time.time()
    try:
        client = nbclient.NotebookClient(notebook, timeout=cell_timeout, kernel_name="python3",
                                         resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        if previous is None:
            os.environ.pop("COURSE_QUICK", None)
        else:
            os.environ["COURSE_QUICK"] = previous
    wall = time.time() - started
    last = notebook.cells.pop()
    report = json.loads(_plain(last.outputs).split("COURSE-PROVENANCE ", 1)[1])
    odd = {k: v["kind"] for k, v in report["data"].items() if v["kind"] != "official"}
    if odd and not allow_non_official:
        raise RuntimeError(f"{path.name}: ran on {odd}, not the official data; outputs not stored. "
                           "Point COURSE_DATA_DIR at the complete datasets, or pass "
                           "--allow-non-official to store them with a stamp that says so.")
    for cell in notebook.cells:
        if cell.cell_type == "code":
            _clean_outputs(cell)
    changed = [c.get("id") for c in notebook.cells
               if is_checked(c) and _plain(c.outputs) != _plain(quick_outputs.get(c.get("id"), []))]
    if changed:
        print(f"warning: {path.name}: checked cells {changed} print other output in full mode than "
              "in quick mode; nbval compares them in quick mode: make them mode-independent.",
              file=sys.stderr)
    stamp = {
        "code_hash": code_hash(notebook),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "wall_seconds": round(wall, 1),
        **report,
    }
    if odd:
        stamp["non_official_data_allowed"] = True
    notebook.metadata.setdefault(STAMP_KEY, {})["provenance"] = stamp
    _write(notebook, path)
    return stamp


def output_text(output: Any) -> str:
    """Return the text an output shows: a stream's text, or a result's ``text/plain``."""
    return str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))


def _plain(outputs: list[Any]) -> str:
    """Return the text of outputs as nbval compares it (streams joined, however they were chunked)."""
    return "".join(output_text(o) for o in outputs)


RESULT_LINE = re.compile(
    r"^(?P<before>[^\n]*?)(?P<kind>(?:Test|Validation) accuracy): (?P<value>0\.\d{4})(?P<after>[^\n]*)",
    re.MULTILINE)


def stored_results(notebook: Any) -> list[tuple[str, str]]:
    """Return the ``... accuracy: 0.xxxx`` lines a notebook's stored outputs print, in order.

    Each comes as (what, value): the words before the figure, plus the start of a parenthesis
    after it (``Test accuracy: 0.9336  (lecture, track split; ...)`` -> ``Test accuracy (lecture,
    track split)``).
    """
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for match in RESULT_LINE.finditer(output_text(output)):
                what = f"{match.group('before')}{match.group('kind')}".strip()
                context = re.match(r"\s*\(([^;)]*)", match.group("after"))
                if context:
                    what += f" ({context.group(1).strip()})"
                found.append((what, match.group("value")))
    return found


RESULTS_START = "<!-- results:start (python -m helpers.notebooks results --write) -->"
RESULTS_END = "<!-- results:end -->"


# What a Colab GPU runtime (a T4, two vCPUs) is expected to take, in minutes. An estimate, not a
# measurement (no GPU run has been stamped): the training steps of these small networks run many
# times faster on the GPU, while decoding pictures, CLAHE (04), Augmentor (05) and the first
# download of each dataset stay on Colab's two CPU cores. Update it from a stamped GPU run.
COLAB_GPU_EXPECTED_MINUTES = {
    "00_colab_and_data": "1", "01_convolution": "1", "02_pooling": "1", "03_fashion_mnist": "2",
    "04_gtsrb_traffic_signs": "5", "05_augmentation": "3", "06_cats_vs_dogs": "3",
    "07_transfer_learning": "3", "total": "about 20",
}


def results_markdown(paths: list[Path] | None = None) -> str:
    """Return the README's table of stamped full-mode runs: time, machine and printed results."""
    rows = ["| notebook | wall time (min) | Colab GPU, expected (min) | machine | data | results printed |",
            "| --- | ---: | ---: | --- | --- | --- |"]
    total, missing = 0.0, 0
    for path in paths or course_notebooks():
        notebook = read_notebook(path)
        stamp = stamp_of(notebook)
        if stamp is None:
            rows.append(f"| {path.stem} | not executed yet | {COLAB_GPU_EXPECTED_MINUTES.get(path.stem, '?')} | | | |")
            missing += 1
            continue
        total += stamp["wall_seconds"]
        data = ", ".join(f"{Path(v['location']).name if k.startswith('weights/') else k}: {v['kind']}"
                         for k, v in stamp.get("data", {}).items()) or "none"
        results = "<br>".join(f"{what}: {value}" for what, value in stored_results(notebook)) or "-"
        device = stamp.get("device", "")
        machine = stamp.get("machine", "")
        machine = machine if device.startswith("CPU") else f"{device}, {machine}"
        rows.append(f"| {path.stem} | {stamp['wall_seconds'] / 60:.1f} | "
                    f"{COLAB_GPU_EXPECTED_MINUTES.get(path.stem, '?')} | {machine}, Python "
                    f"{stamp.get('python', '')}, TF {stamp.get('tensorflow', '')}, {stamp['date']} | "
                    f"{data} | {results} |")
    rows.append(f"| **all notebooks, one after another** | {total / 60:.1f} | "
                f"{COLAB_GPU_EXPECTED_MINUTES['total']} | "
                f"{'' if not missing else f'{missing} not executed yet'} | | |")
    return "\n".join(rows)


def readme_results_block(readme: Path) -> str | None:
    """Return the results table between the README's markers, or None without markers."""
    text = readme.read_text(encoding="utf-8")
    if RESULTS_START not in text or RESULTS_END not in text:
        return None
    return text.split(RESULTS_START, 1)[1].split(RESULTS_END, 1)[0].strip()


def write_readme_results(readme: Path) -> None:
    """Replace the README's results table with the one the stamps give."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(RESULTS_START, 1)
    _, tail = rest.split(RESULTS_END, 1)
    readme.write_text(f"{head}{RESULTS_START}\n{results_markdown()}\n{RESULTS_END}{tail}", encoding="utf-8")


def refresh_outputs(path: Path, timeout: int = 900) -> None:
    """Execute a notebook in quick mode and store the outputs of its checked cells only.

    Every other cell keeps what the file holds (the stamped full-mode outputs, or nothing).
    """
    import copy

    import nbclient

    stored = read_notebook(path)
    notebook = copy.deepcopy(stored)
    os.environ["COURSE_QUICK"] = "1"
    client = nbclient.NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for kept, ran in zip(stored.cells, notebook.cells, strict=True):
        if is_checked(kept):
            kept.outputs = ran.outputs
            _clean_outputs(kept)
    _write(stored, path)
    sync_notebook(path)


def course_notebook(target: str) -> Path | None:
    """Return the English course notebook that ``target`` names (``03``, a stem, a file name), or None."""
    for path in course_notebooks():
        if target in (path.name, path.stem, path.stem[:2]) or Path(target).name == path.name:
            return path
    return None


def _targets(paths: Iterable[str]) -> list[Path]:
    chosen = [course_notebook(target) or Path(target) for target in paths]
    return chosen or course_notebooks()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``sync``, ``refresh``, ``check``, ``execute`` or ``results``."""
    parser = argparse.ArgumentParser(prog="python -m helpers.notebooks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["sync", "refresh", "check", "execute", "results"])
    parser.add_argument("notebooks", nargs="*", help="notebook numbers or files (default: all)")
    parser.add_argument("--allow-non-official", action="store_true",
                        help="execute: store outputs from a stand-in or partial copy (the stamp says so)")
    parser.add_argument("--write", action="store_true", help="results: rewrite README.md's table")
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
    if args.command == "execute":
        for path in targets:
            stamp = execute_notebook(path, allow_non_official=args.allow_non_official)
            print(f"executed: {path} in {stamp['wall_seconds'] / 60:.1f} min, data {stamp['data']}")
        return 0
    if args.command == "results":
        readme = notebooks_dir().parent / "README.md"
        if args.write:
            write_readme_results(readme)
            print(f"rewrote the results table in {readme}")
        else:
            print(results_markdown())
        return 0
    problems = [p for path in targets for p in check_notebook(path)]
    print("\n".join(problems) or f"{len(targets)} notebooks follow the conventions.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
