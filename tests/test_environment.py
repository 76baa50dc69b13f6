"""setup(): seeds, mode, folders, device, version warnings and the one summary line."""

from __future__ import annotations

import os
import subprocess
import sys

import keras
import numpy as np
import pytest
import tensorflow as tf

from helpers import config, setup
from helpers.environment import check_versions, pick_strategy, requested_strategy


def _draws() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    layer = keras.layers.Dense(4)
    layer.build((None, 3))
    return np.random.rand(3), tf.random.uniform((3,)).numpy(), layer.get_weights()[0]


def test_prints_one_summary_line(isolated_course, capsys):
    course = setup("99_example")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    assert f"TensorFlow {tf.__version__}" in lines[0]
    assert f"Keras {keras.__version__}" in lines[0]
    assert "quick mode" in lines[0]
    assert str(course.data_dir) in lines[0]
    assert course.quick is True


def test_work_folder_is_per_notebook_and_created(isolated_course):
    course = setup("99_example", verbose=False)
    assert course.work_dir == isolated_course / "work" / "99_example"
    assert course.work_dir.is_dir()


def test_same_seed_gives_identical_numbers_twice(isolated_course):
    setup(seed=7, verbose=False)
    first = _draws()
    setup(seed=7, verbose=False)
    second = _draws()
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    setup(seed=8, verbose=False)
    other = _draws()
    assert not np.array_equal(first[0], other[0])
    assert not np.array_equal(first[2], other[2])


def test_same_seed_gives_identical_training_twice(isolated_course):
    x = np.random.default_rng(0).normal(size=(64, 6, 6, 1)).astype("float32")
    y = (x.mean(axis=(1, 2, 3)) > 0).astype("int64")

    def train() -> list[np.ndarray]:
        setup(seed=3, verbose=False)
        model = keras.Sequential([keras.Input((6, 6, 1)), keras.layers.Conv2D(2, 3),
                                  keras.layers.Flatten(), keras.layers.Dropout(0.3),
                                  keras.layers.Dense(2, activation="softmax")])
        model.compile("adam", "sparse_categorical_crossentropy")
        model.fit(x, y, epochs=2, batch_size=16, verbose=0)
        return model.get_weights()

    for a, b in zip(train(), train(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_full_mode_and_explicit_overrides(isolated_course, monkeypatch):
    monkeypatch.setenv("COURSE_QUICK", "0")
    staged = isolated_course / "staged data 데이터"
    course = setup(data_dir=staged, verbose=False)
    assert course.quick is False
    assert course.data_dir == staged
    assert course.data_source == "setup(data_dir=...)"
    assert config.data_dir().path == staged
    assert "full mode" in course.summary()
    assert setup(quick=True, verbose=False).quick is True


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_reads_course_quick(monkeypatch, value, expected):
    monkeypatch.setenv("COURSE_QUICK", value)
    assert config.quick_mode() is expected


def test_rejects_an_unclear_course_quick(monkeypatch):
    monkeypatch.setenv("COURSE_QUICK", "maybe")
    with pytest.raises(ValueError, match=r"COURSE_QUICK='maybe' is not understood"):
        config.quick_mode()


def test_version_check_flags_what_is_outside_the_tested_range():
    assert check_versions({"tensorflow": "2.21.0", "keras": "3.15.1"}) == []
    problems = check_versions({"tensorflow": "2.15.1", "keras": "2.15.0"})
    assert len(problems) == 2
    assert "tensorflow 2.15.1 is outside" in problems[0]
    assert check_versions({"tensorflow": "2.22.0rc1", "keras": "3.15.0"})


def test_setup_warns_about_an_untested_version(isolated_course, monkeypatch):
    monkeypatch.setattr(keras, "__version__", "2.15.0")
    with pytest.warns(UserWarning, match="keras 2.15.0 is outside"):
        setup(verbose=False)


def test_cpu_gets_the_default_strategy():
    if tf.config.list_physical_devices("GPU"):
        pytest.skip("this machine has a GPU")
    strategy, device = pick_strategy()
    assert strategy.num_replicas_in_sync == 1
    assert device.startswith("CPU")


def _run_setup(extra_env: dict[str, str], code: str = "") -> subprocess.CompletedProcess:
    """Run the set-up in a fresh interpreter (TensorFlow starts only once per process)."""
    env = {**os.environ, "COURSE_QUICK": "1", "COURSE_OFFLINE": "1", **extra_env}
    if "COURSE_TF_LOGS" not in extra_env:
        env.pop("COURSE_TF_LOGS", None)
    script = f"from helpers import setup\ncourse = setup('probe')\n{code}"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          timeout=240, check=True)


TF_NATIVE_LINE = ("oneDNN", "cuda", "cuInit", "absl::InitializeLog")


@pytest.mark.slow
def test_the_set_up_shows_one_line_and_no_native_start_up_noise():
    quiet = _run_setup({})
    assert quiet.stdout.count("\n") == 1 and "TensorFlow" in quiet.stdout
    assert not any(word in quiet.stderr for word in TF_NATIVE_LINE), quiet.stderr
    loud = _run_setup({"COURSE_TF_LOGS": "1"})
    if any(word in loud.stderr for word in TF_NATIVE_LINE):  # machines differ in what TF says
        assert len(loud.stderr) > len(quiet.stderr), "COURSE_TF_LOGS=1 lets TensorFlow's lines through"


@pytest.mark.slow
def test_mirrored_cpu_strategy_trains_a_model_on_two_replicas():
    code = (
        "import numpy as np, keras\n"
        "with course.strategy.scope():\n"
        "    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation='softmax')])\n"
        "    model.compile('adam', 'sparse_categorical_crossentropy', metrics=['accuracy'])\n"
        "x = np.random.rand(64, 4).astype('float32'); y = (x[:, 0] > 0.5).astype('int32')\n"
        "model.fit(x, y, batch_size=16, epochs=1, verbose=0)\n"
        "print('replicas', course.replicas, type(course.strategy).__name__)\n"
    )
    run = _run_setup({"COURSE_STRATEGY": "mirrored-cpu"}, code)
    assert "2 replicas train" in run.stdout.splitlines()[0]
    assert "replicas 2 MirroredStrategy" in run.stdout


def test_an_unknown_strategy_is_refused(monkeypatch):
    monkeypatch.setenv("COURSE_STRATEGY", "tpu-please")
    with pytest.raises(ValueError, match="COURSE_STRATEGY='tpu-please' is not understood"):
        requested_strategy()
