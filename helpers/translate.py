"""The Korean edition: ``notebooks/ko/NN_topic.ipynb``, generated from the English notebook.

One code source: a Korean notebook is the English notebook (its code, its stored outputs, its
provenance stamp) with each markdown cell and each code comment replaced by the Korean text of
``notebooks/ko/translations/NN_topic.json``. That file holds, for each English cell (except
the set-up cell, which is generated), the English source it translates and the Korean text::

    {"notebook": "03_fashion_mnist.ipynb",
     "cells": [{"id": "<English cell id>", "en": "<English source>", "ko": "<Korean source>"}]}

    python -m helpers.translate template [NN ...]  # add entries for new English cells (ko empty;
                                                   # code cells without comments are copied)
    python -m helpers.translate diff [NN ...]      # what changed in English since translation
    python -m helpers.translate accept NN CELL_ID  # after updating ko: record the current English
    python -m helpers.translate build [NN ...]     # write notebooks/ko/*.ipynb
    python -m helpers.translate check              # list every drift (the tests run this)

``NN`` is a notebook number (``03``), stem or path. See CONTRIBUTING.md, "The Korean edition".
"""

from __future__ import annotations

import argparse
import copy
import difflib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import notebooks
from helpers.notebooks import code_without_comments

LANG = "ko"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CODE_SPAN = re.compile(r"`[^`]*`|```.*?```|<[^>]+>|\$[^$]*\$|\[!\[.*?\)\]\(.*?\)", re.DOTALL)
_WORDS = re.compile(r"[A-Za-z]+(?:[\s,'-]+[A-Za-z]+){4,}")


def ko_dir() -> Path:
    """Return ``notebooks/ko/``, where the Korean notebooks live."""
    return notebooks.notebooks_dir() / LANG


def translations_dir() -> Path:
    """Return ``notebooks/ko/translations/``, one JSON file per notebook."""
    return ko_dir() / "translations"


def translation_path(english: Path) -> Path:
    """Return the translation file of an English notebook."""
    return translations_dir() / f"{english.stem}.json"


def korean_path(english: Path) -> Path:
    """Return the Korean notebook generated from an English notebook."""
    return ko_dir() / english.name


def has_comments(code: str) -> bool:
    """Return True when a code cell has comments to translate (the nbval marker is not one)."""
    code = "\n".join(line.rstrip() for line in code.splitlines() if line.strip() != notebooks.CHECK_MARK)
    return code_without_comments(code) != code.strip("\n")


@dataclass
class Entry:
    """One translated cell: the English cell's id, the English it translates, the Korean."""

    id: str
    en: str
    ko: str


def read_translation(english: Path) -> list[Entry]:
    """Return the entries of an English notebook's translation file (empty when it has none)."""
    path = translation_path(english)
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("notebook") != english.name:
        raise ValueError(f"{path}: says it translates {data.get('notebook')!r}, not {english.name!r}.")
    return [Entry(str(c["id"]), c["en"], c["ko"]) for c in data["cells"]]


def write_translation(english: Path, entries: list[Entry]) -> None:
    """Write an English notebook's translation file (UTF-8, one entry per cell)."""
    path = translation_path(english)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"notebook": english.name,
            "cells": [{"id": e.id, "en": e.en, "ko": e.ko} for e in entries]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8", newline="\n")


def translatable_cells(notebook: Any) -> list[Any]:
    """Return the cells a translation covers: all but the set-up cell (which is generated)."""
    setup = notebooks.first_code_cell(notebook)
    return [cell for cell in notebook.cells if cell is not setup]


def _command(action: str, english: Path) -> str:
    return f"python -m helpers.translate {action} {english.stem[:2]}"


def english_lines(text: str) -> list[str]:
    """Return the lines of markdown that read as English prose (four English words, no Hangul).

    Code, links, HTML tags and English terms in parentheses are not prose.
    """
    prose = _CODE_SPAN.sub(" ", text)
    prose = re.sub(r"\([^)]*\)", " ", prose)  # English terms in parentheses are wanted
    return [line.strip() for line in prose.splitlines()
            if _WORDS.search(line) and not HANGUL.search(line)]


def problems(english: Path) -> list[str]:
    """Return every way the Korean twin of ``english`` has drifted (empty when it has not)."""
    name = f"ko/{english.name}"
    if not translation_path(english).is_file():
        return [f"{name}: no translation file {translation_path(english).name} "
                f"(start one: {_command('template', english)})"]
    notebook = notebooks.read_notebook(english)
    cells = {cell.get("id"): (number, cell) for number, cell in enumerate(notebook.cells)}
    entries = read_translation(english)
    found: list[str] = []
    ids = [e.id for e in entries]
    wanted = [cell.get("id") for cell in translatable_cells(notebook)]
    for cell_id in wanted:
        if cell_id not in ids:
            number = cells[cell_id][0]
            found.append(f"{name}: English cell {number} (id {cell_id}) was added and has no "
                         f"translation ({_command('template', english)})")
    for entry in entries:
        if entry.id not in cells or entry.id not in wanted:
            found.append(f"{name}: translation of cell id {entry.id} has no English cell any more "
                         f"(it was removed; {_command('template', english)} drops it)")
            continue
        number, cell = cells[entry.id]
        where = f"{name}: cell {number} (id {entry.id}, {cell.cell_type})"
        if entry.en != notebooks.cell_source(cell):
            found.append(f"{where}: the English changed since it was translated "
                         f"(see {_command('diff', english)}; then update ko and "
                         f"python -m helpers.translate accept {english.stem[:2]} {entry.id})")
        if not entry.ko.strip() and notebooks.cell_source(cell).strip():
            found.append(f"{where}: not translated yet")
            continue
        if cell.cell_type == "code":
            if code_without_comments(entry.ko) != code_without_comments(notebooks.cell_source(cell)):
                found.append(f"{where}: the Korean cell's code differs from the English "
                             "(only comments may be translated)")
            if notebooks.is_checked(cell) != (notebooks.CHECK_MARK in entry.ko):
                found.append(f"{where}: the {notebooks.CHECK_MARK} marker must stay as it is")
        elif lines := english_lines(entry.ko):
            found.append(f"{where}: the Korean text still reads as English prose: {lines[0][:60]!r}")
    if [i for i in ids if i in wanted] != [i for i in wanted if i in ids]:
        found.append(f"{name}: the translation's cells are not in the English order "
                     f"({_command('template', english)} reorders them)")
    if not found:
        target = korean_path(english)
        if not target.is_file():
            found.append(f"{name}: not built yet ({_command('build', english)})")
        elif notebooks.notebook_json(build_notebook(english, notebook)) != target.read_text(encoding="utf-8"):
            found.append(f"{name}: differs from what its English notebook and translation give "
                         f"(edit the translation, not the Korean notebook; {_command('build', english)})")
    return found


def build_notebook(english: Path, read: Any | None = None) -> Any:
    """Return the Korean notebook: the English one with Korean text, set-up cell and badge.

    ``read`` is the English notebook when the caller has it already (so it is read once).
    """
    notebook = copy.deepcopy(read if read is not None else notebooks.read_notebook(english))
    entries = {e.id: e for e in read_translation(english)}
    setup = notebooks.first_code_cell(notebook)
    for cell in notebook.cells:
        if cell is setup:
            cell.source = notebooks.setup_cell_source(english.stem, lang=LANG)
        elif cell.get("id") in entries:
            cell.source = entries[cell.get("id")].ko
    title = next(c for c in notebook.cells if c.cell_type == "markdown")
    badge = notebooks.badge_markdown(english.name, lang=LANG)
    title.source = notebooks.with_badge(notebooks.cell_source(title), badge)
    notebook.metadata["language"] = LANG
    notebook.metadata["translation_of"] = f"../{english.name}"
    return notebook


def build(english: Path) -> Path:
    """Write the Korean notebook of ``english``; refuse while its translation has drifted."""
    found = [p for p in problems(english) if "not built yet" not in p and "differs from what" not in p]
    if found:
        raise ValueError("cannot build " + f"ko/{english.name}:\n  " + "\n  ".join(found))
    target = korean_path(english)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notebooks.notebook_json(build_notebook(english)), encoding="utf-8", newline="\n")
    return target


def template(english: Path) -> list[str]:
    """Add entries for English cells without one, drop removed cells, keep the English order."""
    notebook = notebooks.read_notebook(english)
    old = {e.id: e for e in read_translation(english)}
    entries, added = [], []
    for cell in translatable_cells(notebook):
        source = notebooks.cell_source(cell)
        if cell.get("id") in old:
            entries.append(old.pop(cell.get("id")))
            continue
        ko = source if cell.cell_type == "code" and not has_comments(source) else ""
        entries.append(Entry(cell.get("id"), source, ko))
        added.append(cell.get("id"))
    write_translation(english, entries)
    return [f"added {i}" for i in added] + [f"dropped {i} (its English cell is gone)" for i in old]


def accept(english: Path, cell_id: str) -> None:
    """Record that the Korean of ``cell_id`` now translates the current English source."""
    notebook = notebooks.read_notebook(english)
    cell = next((c for c in notebook.cells if c.get("id") == cell_id), None)
    if cell is None:
        raise ValueError(f"{english.name} has no cell with id {cell_id}.")
    entries = read_translation(english)
    for entry in entries:
        if entry.id == cell_id:
            entry.en = notebooks.cell_source(cell)
    write_translation(english, entries)


def diff(english: Path) -> str:
    """Return a unified diff, per stale cell, of the English since it was translated."""
    notebook = notebooks.read_notebook(english)
    sources = {c.get("id"): notebooks.cell_source(c) for c in notebook.cells}
    parts = []
    for entry in read_translation(english):
        now = sources.get(entry.id)
        if now is not None and now != entry.en:
            parts.append("".join(difflib.unified_diff(
                entry.en.splitlines(keepends=True), now.splitlines(keepends=True),
                f"{english.name} cell {entry.id} (translated)", f"{english.name} cell {entry.id} (now)")))
    return "\n".join(parts)


def _english(target: str) -> Path:
    path = notebooks.course_notebook(target)
    if path is None:
        raise SystemExit(f"no course notebook matches {target!r} (use a number like 03, or a file name)")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``template``, ``diff``, ``accept``, ``build`` or ``check``."""
    parser = argparse.ArgumentParser(prog="python -m helpers.translate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["template", "diff", "accept", "build", "check"])
    parser.add_argument("targets", nargs="*", help="notebook numbers or files (default: all)")
    args = parser.parse_args(argv)
    if args.command == "accept":
        if len(args.targets) != 2:
            parser.error("accept takes a notebook and a cell id")
        accept(_english(args.targets[0]), args.targets[1])
        return 0
    targets = [_english(t) for t in args.targets] or notebooks.course_notebooks()
    status = 0
    for english in targets:
        if args.command == "template":
            for line in template(english) or ["up to date"]:
                print(f"{translation_path(english).name}: {line}")
        elif args.command == "diff":
            print(diff(english) or f"{english.name}: no English cell changed since translation")
        elif args.command == "build":
            try:
                print(f"built {build(english)}")
            except ValueError as error:
                print(error, file=sys.stderr)
                status = 1
        else:
            found = problems(english)
            print("\n".join(found) or f"ko/{english.name}: in step with {english.name}")
            status = status or (1 if found else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
