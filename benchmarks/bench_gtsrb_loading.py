"""Benchmark: the lecture's ``read_dataset_ppm`` against the course's GTSRB loader, cold and cached.

Runs on the same folder: ``--data DIR`` (a data folder or the Images folder), else
``COURSE_DATA_DIR``, else the checkout's ``data/`` folder, else the offline stand-in.
Prints images/s for each reader and the ratios against the lecture's reader.

    python benchmarks/bench_gtsrb_loading.py [--data DIR] [--repeats 3]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import platform
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def pick_folder(given: str | None) -> tuple[Path, str]:
    """Return the GTSRB training Images folder to read, and where it came from."""
    from helpers.data.errors import DatasetNotFoundError, LayoutError
    from helpers.data.resolve import at_path

    if given is not None:  # asked for: a wrong folder is an error, not a silent fallback
        return at_path("gtsrb", given).path, "--data"
    for candidate, label in ((os.environ.get("COURSE_DATA_DIR"), "COURSE_DATA_DIR"),
                             (str(ROOT / "data"), "local data/ folder")):
        if candidate and Path(candidate).exists():
            with contextlib.suppress(DatasetNotFoundError, LayoutError):  # no GTSRB there: try the next
                return at_path("gtsrb", candidate).path, label
    from helpers.data.standin_store import ensure_standin

    return ensure_standin("gtsrb") / "GTSRB" / "Final_Training" / "Images", "offline stand-in"


def timed(function: Callable[[], object]) -> tuple[float, Any]:
    """Return (seconds, result) of one call, its printed line swallowed."""
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        result = function()
        return time.perf_counter() - start, result


def main() -> None:
    """Time the three readers and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="a data folder or a GTSRB Final_Training/Images folder")
    parser.add_argument("--repeats", type=int, default=3, help="best of N runs for each reader")
    args = parser.parse_args()

    for module in ("matplotlib.pyplot", "skimage.color", "skimage.transform"):
        importlib.import_module(module)  # import costs are not the readers' speed

    from helpers import data

    images, label = pick_folder(args.data)
    for path in images.rglob("*"):  # the same warm disk cache for every reader, whichever runs first
        if path.is_file():
            path.read_bytes()
    n_labels = 43
    rows = []
    lecture_s, lecture = min((timed(lambda: data.read_dataset_ppm(images, n_labels, (32, 32)))
                              for _ in range(args.repeats)), key=lambda r: r[0])
    count = len(lecture.X)
    rows.append(("lecture read_dataset_ppm (plt.imread + rgb2lab + resize)", lecture_s))
    cold, cached = [], []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="bench-gtsrb-") as cache:
            os.environ["COURSE_CACHE_DIR"] = cache
            seconds, loaded = timed(lambda: data.load_gtsrb(path=images))
            assert len(loaded) == count, f"the loaders disagree: {len(loaded)} vs {count} images"
            cold.append(seconds)
            cached.append(timed(lambda: data.load_gtsrb(path=images))[0])
    rows.append(("course load_gtsrb, cold (strict PPM reader, same preprocessing)", min(cold)))
    rows.append(("course load_gtsrb, cached (second load: .npz)", min(cached)))

    print(f"GTSRB loading benchmark · {count:,} images from {images} ({label}) · 32x32 L channel")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"{platform.system()} {platform.release()}, Python {platform.python_version()} · best of "
          f"{args.repeats}")
    width = max(len(name) for name, _ in rows)
    print(f"{'reader'.ljust(width)}  {'seconds':>8}  {'images/s':>10}  {'vs lecture':>10}")
    for name, seconds in rows:
        print(f"{name.ljust(width)}  {seconds:8.3f}  {count / seconds:10,.0f}  {lecture_s / seconds:9.1f}x")


if __name__ == "__main__":
    main()
