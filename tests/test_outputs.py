"""Committed outputs are honest: stamped by a full-mode run, fresh, from the official data, small."""

from __future__ import annotations

import nbformat
import pytest

from helpers import notebooks, translate

ENGLISH = notebooks.course_notebooks()
TOTAL_LIMIT_BYTES = 20 * 1024 * 1024


def _notebook(tmp_path, stamp=None, outputs=True):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 09 · Tiny"),
                nbformat.v4.new_code_cell(notebooks.setup_cell_source("09_tiny")),
                nbformat.v4.new_code_cell("print(6 * 7)  # the answer")]
    if outputs:
        nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    if stamp is not None:
        nb.metadata["course"] = {"provenance": stamp}
    path = tmp_path / "09_tiny.ipynb"
    nbformat.write(nb, path)
    return path, nb


def _stamp(nb, **changes):
    stamp = {"code_hash": notebooks.code_hash(nb), "date": "2026-12-02 18:00 UTC", "mode": "full",
             "wall_seconds": 3.0, "data": {"fashion_mnist": {"kind": "official", "location": "x"}}}
    return {**stamp, **changes}


def test_outputs_without_a_stamp_are_refused_with_the_command(tmp_path):
    path, _ = _notebook(tmp_path)
    assert any("no provenance stamp" in p and "notebooks execute 09" in p
               for p in notebooks.output_problems(path))


def test_a_code_change_makes_stamped_outputs_stale_and_a_comment_does_not(tmp_path):
    path, nb = _notebook(tmp_path, outputs=False)
    path, nb = _notebook(tmp_path, stamp=_stamp(nb))
    assert notebooks.output_problems(path) == []
    nb.cells[2].source = "print(6 * 7)  # 답"
    nbformat.write(nb, path)
    assert notebooks.output_problems(path) == [], "comments (and their translation) change no output"
    nb.cells[2].source = "print(6 * 8)"
    nbformat.write(nb, path)
    assert any("stale" in p and "09_tiny.ipynb" in p and "notebooks execute 09" in p
               for p in notebooks.output_problems(path))


def test_outputs_from_a_stand_in_must_say_so(tmp_path):
    path, nb = _notebook(tmp_path, outputs=False)
    standin = {"gtsrb": {"kind": "standin", "location": "cache"}}
    path, _ = _notebook(tmp_path, stamp=_stamp(nb, data=standin))
    assert any("without saying so" in p for p in notebooks.output_problems(path))
    path, _ = _notebook(tmp_path, stamp=_stamp(nb, data=standin, non_official_data_allowed=True))
    assert notebooks.output_problems(path) == []
    path, _ = _notebook(tmp_path, stamp=_stamp(nb, mode="quick"))
    assert any("not from a full-mode run" in p for p in notebooks.output_problems(path))


def test_sync_keeps_stamped_outputs_and_strips_unstamped_ones(tmp_path):
    path, nb = _notebook(tmp_path, outputs=False)
    path, _ = _notebook(tmp_path, stamp=_stamp(nb))
    notebooks.sync_notebook(path)
    assert nbformat.read(path, as_version=4).cells[2].outputs
    path, _ = _notebook(tmp_path)
    notebooks.sync_notebook(path)
    assert not nbformat.read(path, as_version=4).cells[2].outputs


@pytest.mark.slow
def test_execute_runs_in_full_mode_stamps_and_cleans(tmp_path, isolated_course):
    (tmp_path / "home").mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 09 · Tiny"),
        nbformat.v4.new_code_cell("from helpers import setup\ncourse = setup('tiny')\nQUICK = course.quick"),
        nbformat.v4.new_code_cell(
            "import sys\nprint('quick' if QUICK else 'full')\n"
            "print('I0000 00:00:1796235312.673407    6734 port.cc:153] oneDNN custom operations',\n"
            "      file=sys.stderr)\n"
            "from helpers import provenance\nprovenance.record_dataset('fashion_mnist', 'official', '/x')"),
    ]
    path = tmp_path / "09_tiny.ipynb"
    nbformat.write(nb, path)
    stamp = notebooks.execute_notebook(path)
    stored = nbformat.read(path, as_version=4)
    assert stored.metadata["course"]["provenance"] == stamp
    assert stamp["mode"] == "full" and stamp["code_hash"] == notebooks.code_hash(stored)
    assert stamp["data"] == {"fashion_mnist": {"kind": "official", "location": "/x"}}
    assert stamp["tensorflow"] and stamp["python"] and stamp["wall_seconds"] > 0
    outputs = stored.cells[2].outputs
    assert [o["text"] for o in outputs] == ["full\n"], "TensorFlow's native log lines are not stored"
    assert len(stored.cells) == 3, "the provenance probe is not stored"
    assert notebooks.output_problems(path) == []

    stored.cells[2].source += "\nprovenance.record_dataset('gtsrb', 'standin', '/cache')"
    nbformat.write(stored, path)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(RuntimeError, match="not the official data; outputs not stored"):
        notebooks.execute_notebook(path)
    assert path.read_text(encoding="utf-8") == before, "a refused run leaves the file as it was"
    assert notebooks.execute_notebook(path, allow_non_official=True)["non_official_data_allowed"] is True


def test_the_notebooks_fit_what_github_and_a_clone_carry():
    paths = ENGLISH + [translate.korean_path(p) for p in ENGLISH if translate.korean_path(p).is_file()]
    assert sum(p.stat().st_size for p in paths) < TOTAL_LIMIT_BYTES
    assert all(p.stat().st_size < notebooks.SIZE_LIMIT_BYTES for p in paths)


def test_readme_results_table_comes_from_the_stamps():
    readme = notebooks.notebooks_dir().parent / "README.md"
    assert notebooks.readme_results_block(readme) == notebooks.results_markdown(), (
        "README's results table disagrees with the stamped runs: python -m helpers.notebooks results --write")


def test_result_lines_are_read_from_stored_outputs():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("")]
    nb.cells[0].outputs = [nbformat.v4.new_output(
        "stream", name="stdout",
        text="Epoch 1/2\nLecture model · Test accuracy: 0.9088\nValidation accuracy: 0.8000\n")]
    assert notebooks.stored_results(nb) == [("Lecture model · Test accuracy", "0.9088"),
                                            ("Validation accuracy", "0.8000")]


def test_progress_bars_are_stored_as_their_last_state():
    bar = "GTSRB train:   0%|  | 0/39209\rGTSRB train:  50%|# | 19604/39209\rGTSRB train: 39,209 images\n"
    assert notebooks.settled_text(bar + "done\n") == "GTSRB train: 39,209 images\ndone\n"
    assert notebooks.settled_text("plain\nlines\n") == "plain\nlines\n"


def test_a_progress_bar_sent_in_many_messages_is_stored_once():
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text=f"load: {i}%\r") for i in range(100)]
    cell.outputs += [nbformat.v4.new_output("stream", name="stderr", text="load: 39,209 images\n"),
                     nbformat.v4.new_output("stream", name="stdout", text="done\n")]
    notebooks._clean_outputs(cell)
    assert [(o["name"], o["text"]) for o in cell.outputs] == [("stderr", "load: 39,209 images\n"),
                                                              ("stdout", "done\n")]


def test_a_heavy_photo_grid_is_stored_lighter_and_the_same_size():
    import base64
    import io

    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(0).integers(0, 256, size=(200, 300, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, "PNG")
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    lighter = notebooks.smaller_png(encoded)
    assert len(lighter) < len(encoded)
    with Image.open(io.BytesIO(base64.b64decode(lighter))) as image:
        assert image.size == (300, 200)
    small = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 100).decode("ascii")
    assert notebooks.smaller_png(small) == small, "small figures are kept as they are"


def test_a_result_line_keeps_the_start_of_its_parenthesis():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("")]
    nb.cells[0].outputs = [nbformat.v4.new_output(
        "stream", name="stdout", text="Test accuracy: 0.9336  (lecture, track split; 12,630 images)\n")]
    assert notebooks.stored_results(nb) == [("Test accuracy (lecture, track split)", "0.9336")]


def test_a_stored_progress_bar_with_its_redraws_is_refused(tmp_path):
    path, nb = _notebook(tmp_path)
    states = "".join(f"GTSRB train: {p:3d}%|#  | {p * 392}/39209 [00:0{p // 20}<00:10]" for p in range(0, 100, 10))
    nb.cells[2].outputs.append(nbformat.v4.new_output("stream", name="stderr", text=states + "\n"))
    nb.metadata["course"] = {"provenance": _stamp(nb)}
    nbformat.write(nb, path)
    assert any("progress bar's redraws" in p and nb.cells[2].id in p for p in notebooks.output_problems(path))
    nb.cells[2].outputs[-1]["text"] = "GTSRB train: 100%|###| 39209/39209 [00:15<00:00]\n"
    nbformat.write(nb, path)
    assert notebooks.output_problems(path) == []
