"""What a notebook run used: the data each dataset came from, and the machine it ran on.

The data layer calls ``record_dataset`` when it hands a dataset to a notebook; ``setup`` calls
``record_setup``. ``python -m helpers.notebooks execute`` asks the kernel for ``report()`` at the
end of a run and stamps it into the notebook (CONTRIBUTING.md, "Committed outputs"). A leaf
module: it imports nothing from the course, so anything may record into it.
"""

from __future__ import annotations

import platform
import time
from typing import Any

# What a dataset's copy was: the complete official data, a partial copy, or an offline stand-in.
KINDS = ("official", "partial", "standin")
_datasets: dict[str, dict[str, str]] = {}
_setup: dict[str, Any] = {}


def record_dataset(name: str, kind: str, location: str) -> None:
    """Note that this session used dataset ``name`` from ``location``, of ``kind`` (see KINDS)."""
    if kind not in KINDS:
        raise ValueError(f"dataset kind must be one of {KINDS}, got {kind!r}")
    previous = _datasets.get(name)
    # a session that used a stand-in or a partial copy anywhere says so, whatever it loaded later
    if previous is None or KINDS.index(kind) > KINDS.index(previous["kind"]):
        _datasets[name] = {"kind": kind, "location": location}


def record_setup(*, notebook: str | None, quick: bool, device: str, replicas: int,
                 tensorflow_version: str, keras_version: str) -> None:
    """Note what ``setup`` found, and start the notebook's clock."""
    _setup.update(notebook=notebook, quick=quick, device=device, replicas=replicas,
                  tensorflow=tensorflow_version, keras=keras_version, started=time.time())


def elapsed_seconds() -> float:
    """Return the seconds since ``setup`` ran in this session (0 before it)."""
    started = _setup.get("started")
    return time.time() - started if started else 0.0


def report() -> dict[str, Any]:
    """Return what this session used: versions, device, mode and each dataset's kind."""
    return {
        "python": platform.python_version(),
        "tensorflow": _setup.get("tensorflow", ""),
        "keras": _setup.get("keras", ""),
        "device": _setup.get("device", ""),
        "replicas": _setup.get("replicas", 1),
        "machine": f"{platform.machine()}, {_cpu_count()} CPU cores",
        "mode": "quick" if _setup.get("quick") else "full",
        "data": {name: dict(entry) for name, entry in sorted(_datasets.items())},
    }


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def reset() -> None:
    """Forget everything recorded (tests use this)."""
    _datasets.clear()
    _setup.clear()
