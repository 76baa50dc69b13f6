"""The set-up every notebook calls first: seeds, mode, folders, device, one summary line."""

from __future__ import annotations

import contextlib
import os
import random
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from helpers import config
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

    def summary(self) -> str:
        """Return the one-line summary that ``setup`` prints."""
        mode = "quick mode (COURSE_QUICK=1)" if self.quick else "full mode"
        where = "Colab" if self.colab else "local"
        return (
            f"TensorFlow {self.tensorflow_version} · Keras {self.keras_version} · {self.device} · "
            f"{where} · {mode} · seed {self.seed} · data: {self.data_dir} ({self.data_source}) · "
            f"work: {self.work_dir}"
        )


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

    os.environ["PYTHONHASHSEED"] = str(seed)
    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)


def pick_strategy() -> tuple[Any, str]:
    """Return a ``tf.distribute`` strategy for the hardware and a short device description.

    A TPU gives ``TPUStrategy``, several GPUs ``MirroredStrategy``, otherwise the default
    strategy (one GPU or the CPU). Build models under ``with course.strategy.scope():``.
    """
    import tensorflow as tf

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


def setup(
    notebook: str | None = None,
    *,
    seed: int = 42,
    quick: bool | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    drive: bool = False,
    verbose: bool = True,
) -> Course:
    """Prepare a notebook: seed everything, read the mode, find the folders, pick the device.

    ``notebook`` names the notebook's work folder (``work/<notebook>``). ``quick`` and
    ``data_dir`` override ``COURSE_QUICK`` and ``COURSE_DATA_DIR``; ``drive=True`` mounts
    Google Drive on Colab so that datasets are kept there. Prints one summary line.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    from helpers.plotting import use_course_style

    colab = in_colab()
    if drive:
        mount_drive()
    config.configure(quick=quick, data_dir=data_dir)
    folder = config.data_dir()
    work_dir = config.work_root() / notebook if notebook else config.work_root()
    work_dir.mkdir(parents=True, exist_ok=True)

    for problem in check_versions({"tensorflow": tf.__version__, "keras": keras.__version__}):
        warnings.warn(problem, stacklevel=2)
    seed_everything(seed)
    strategy, device = pick_strategy()
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
    )
    if verbose:
        print(course.summary())
    return course
