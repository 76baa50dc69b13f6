"""The set-up every notebook calls first: seeds, mode, folders, device, one summary line."""

from __future__ import annotations

import contextlib
import os
import random
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from helpers import config, messages, provenance
from helpers.colab import in_colab, mount_drive

# The range the course is tested on: (oldest, newest) as (major, minor).
TESTED_VERSIONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "tensorflow": ((2, 16), (2, 21)),
    "keras": ((3, 3), (3, 15)),
}


@dataclass(frozen=True)
class Course:
    """What ``setup`` found: the mode, the folders, the device and the distribution strategy."""

    notebook: str | None
    quick: bool
    seed: int
    data_dir: Path
    data_source: str
    work_dir: Path
    cache_dir: Path
    colab: bool
    device: str
    strategy: Any = field(repr=False)
    tensorflow_version: str = ""
    keras_version: str = ""
    lang: str = "en"

    @property
    def replicas(self) -> int:
        """Return how many replicas train in step under ``strategy`` (1 on one CPU or GPU)."""
        return int(getattr(self.strategy, "num_replicas_in_sync", 1))

    def print_wall_time(self) -> float:
        """Print how long the notebook took since its set-up cell, and return the seconds."""
        seconds = provenance.elapsed_seconds()
        print(messages.text("setup.wall_time", minutes=seconds / 60, seconds=seconds,
                            mode=messages.text("setup.quick" if self.quick else "setup.full"),
                            device=self.device))
        return seconds

    def summary(self) -> str:
        """Return the one-line summary that ``setup`` prints (in the course's language)."""
        replicas = messages.text("setup.replicas_many" if self.replicas > 1 else "setup.replicas",
                                 n=self.replicas)
        return messages.text(
            "setup.summary", tf=self.tensorflow_version, keras=self.keras_version, device=self.device,
            replicas=replicas, where=messages.text("setup.colab" if self.colab else "setup.local"),
            mode=messages.text("setup.quick" if self.quick else "setup.full"), seed=self.seed,
            data=self.data_dir, source=self.data_source, work=self.work_dir)


def _major_minor(version: str) -> tuple[int, int]:
    parts = [int("".join(ch for ch in p if ch.isdigit()) or 0) for p in version.split(".")[:2]]
    major, minor = [*parts, 0, 0][:2]
    return major, minor


def check_versions(versions: dict[str, str]) -> list[str]:
    """Return a warning text for each package whose version is outside the tested range."""
    problems = []
    for name, version in versions.items():
        oldest, newest = TESTED_VERSIONS[name]
        got = _major_minor(version)
        if not oldest <= got <= newest:
            problems.append(
                f"{name} {version} is outside the course's tested range "
                f"{'.'.join(map(str, oldest))} to {'.'.join(map(str, newest))}; "
                "cells may behave differently (see README, Troubleshooting)."
            )
    return problems


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy, TensorFlow and Keras so that a re-run gives the same numbers."""
    import keras

    # PYTHONHASHSEED is read only when Python starts, so setting it here would change nothing;
    # the course's results do not depend on the order of set iteration.
    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)


STRATEGY_VARIABLE = "COURSE_STRATEGY"
STRATEGY_CHOICES = ("auto", "mirrored-cpu")


def requested_strategy() -> str:
    """Return ``COURSE_STRATEGY``: ``auto`` (the default) or ``mirrored-cpu``."""
    value = os.environ.get(STRATEGY_VARIABLE, "").strip().lower() or "auto"
    if value not in STRATEGY_CHOICES:
        raise ValueError(f"{STRATEGY_VARIABLE}={value!r} is not understood: use one of "
                         f"{', '.join(STRATEGY_CHOICES)}.")
    return value


def _mirrored_cpu_strategy() -> tuple[Any, str]:
    """Split the CPU into two logical devices and mirror training over them.

    This exercises the multi-device path (variables mirrored, batches split between replicas)
    on any machine, as a TPU or several GPUs would; it does not make training faster.
    """
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    # RuntimeError: an earlier set-up in this kernel started the runtime; keep its devices
    with contextlib.suppress(RuntimeError):
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()])
    devices = [device.name for device in tf.config.list_logical_devices("CPU")]
    if len(devices) < 2:
        raise RuntimeError(
            f"{STRATEGY_VARIABLE}=mirrored-cpu needs two logical CPU devices, but TensorFlow was "
            "already started with one. Restart the kernel and run the set-up cell first.")
    tf.get_logger().setLevel("WARNING")  # its INFO lines ("Using MirroredStrategy ...") say what we print
    strategy = tf.distribute.MirroredStrategy(devices[:2])
    return strategy, "2 logical CPU devices (MirroredStrategy)"


def pick_strategy() -> tuple[Any, str]:
    """Return a ``tf.distribute`` strategy for the hardware and a short device description.

    A TPU gives ``TPUStrategy``, several GPUs ``MirroredStrategy``, otherwise the default
    strategy (one GPU or the CPU); ``COURSE_STRATEGY=mirrored-cpu`` mirrors over two logical
    CPU devices instead. Build models under ``with course.strategy.scope():``.
    """
    import tensorflow as tf

    if requested_strategy() == "mirrored-cpu":
        return _mirrored_cpu_strategy()
    if os.environ.get("COLAB_TPU_ADDR") or os.environ.get("TPU_NAME") or Path("/dev/accel0").exists():
        try:
            resolver = tf.distribute.cluster_resolver.TPUClusterResolver()
            tf.config.experimental_connect_to_cluster(resolver)
            tf.tpu.experimental.initialize_tpu_system(resolver)
            strategy = tf.distribute.TPUStrategy(resolver)
            return strategy, f"TPU ({strategy.num_replicas_in_sync} cores)"
        except (ValueError, RuntimeError, tf.errors.OpError) as error:
            warnings.warn(f"A TPU seems present but could not be used ({error}); using CPU/GPU.",
                          stacklevel=2)
    gpus = tf.config.list_physical_devices("GPU")
    for gpu in gpus:
        # share the card politely with other notebooks in a lab; an initialised GPU keeps its setting
        with contextlib.suppress(RuntimeError):
            tf.config.experimental.set_memory_growth(gpu, True)
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy(), f"{len(gpus)} GPUs (MirroredStrategy)"
    if gpus:
        details = tf.config.experimental.get_device_details(gpus[0])
        return tf.distribute.get_strategy(), f"GPU ({details.get('device_name', 'unknown')})"
    return tf.distribute.get_strategy(), f"CPU ({os.cpu_count()} cores)"


TF_LOGS_VARIABLE = "COURSE_TF_LOGS"


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Hold back what TensorFlow's C++ start-up writes to stderr (oneDNN, CUDA probing).

    Those lines are written before TensorFlow's logging is set up, so ``TF_CPP_MIN_LOG_LEVEL``
    does not silence them, and students read them as failures. They are kept in a temporary
    file and shown only if the block fails; ``COURSE_TF_LOGS=1`` lets them through.
    """
    if os.environ.get(TF_LOGS_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}:
        yield
        return
    try:
        stderr_fd = sys.__stderr__.fileno() if sys.__stderr__ else 2
        saved = os.dup(stderr_fd)
    except (OSError, ValueError):  # no real stderr (some embedded interpreters)
        yield
        return
    with tempfile.TemporaryFile() as held:
        sys.stderr.flush()
        os.dup2(held.fileno(), stderr_fd)
        try:
            yield
        except BaseException:
            os.dup2(saved, stderr_fd)
            held.seek(0)
            sys.stderr.write(held.read().decode(errors="replace"))
            raise
        finally:
            os.dup2(saved, stderr_fd)
            os.close(saved)


def setup(
    notebook: str | None = None,
    *,
    seed: int = 42,
    quick: bool | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    drive: bool = False,
    lang: str | None = None,
    verbose: bool = True,
) -> Course:
    """Prepare a notebook: seed everything, read the mode, find the folders, pick the device.

    ``notebook`` names the notebook's work folder (``work/<notebook>``). ``quick`` and
    ``data_dir`` override ``COURSE_QUICK`` and ``COURSE_DATA_DIR``; ``drive=True`` mounts
    Google Drive on Colab so that datasets are kept there. ``lang="ko"`` gives the course's own
    messages in Korean (the Korean edition passes it). Prints one summary line.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with quiet_native_stderr():
        import keras
        import tensorflow as tf

        strategy, device = pick_strategy()

    from helpers.plotting import use_course_style

    colab = in_colab()
    if drive:
        mount_drive()
    config.configure(quick=quick, data_dir=data_dir, lang=lang)
    folder = config.data_dir()
    work_dir = config.work_root() / notebook if notebook else config.work_root()
    work_dir.mkdir(parents=True, exist_ok=True)

    for problem in check_versions({"tensorflow": tf.__version__, "keras": keras.__version__}):
        warnings.warn(problem, stacklevel=2)
    seed_everything(seed)
    use_course_style()

    course = Course(
        notebook=notebook,
        quick=config.quick_mode(),
        seed=seed,
        data_dir=folder.path,
        data_source=folder.source,
        work_dir=work_dir,
        cache_dir=config.cache_dir(),
        colab=colab,
        device=device,
        strategy=strategy,
        tensorflow_version=tf.__version__,
        keras_version=keras.__version__,
        lang=config.language(),
    )
    provenance.record_setup(notebook=notebook, quick=course.quick, device=device,
                            replicas=course.replicas, tensorflow_version=tf.__version__,
                            keras_version=keras.__version__)
    if verbose:
        print(course.summary())
    return course
