"""Benchmark: each notebook's full-mode wall time against its last stamped run.

Runs the chosen notebooks (default: all eight) in full mode on a copy, one after another, and
prints, for each, the wall time of this run, the wall time stamped in the committed notebook
(the baseline: the run whose outputs are stored), and their ratio; then the whole course's
total. A ratio above 1 is a slowdown. The committed notebooks are not changed: to store a new
run's outputs, use ``python -m helpers.notebooks execute``.

    COURSE_DATA_DIR=/path/to/data python benchmarks/bench_full_course.py [NN ...] [--budget-min 60]

Full mode needs the real datasets (see README, "Offline, in a lab"); the one-hour budget is
for two CPU cores.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from helpers import notebooks


def main(argv: list[str] | None = None) -> int:
    """Run the notebooks in full mode on copies and print the time table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebook numbers (default: all)")
    parser.add_argument("--budget-min", type=float, default=60.0, help="the whole course's time budget")
    parser.add_argument("--per-notebook-min", type=float, default=15.0, help="one notebook's budget")
    args = parser.parse_args(argv)
    targets = [p for p in notebooks.course_notebooks()
               if not args.notebooks or p.stem[:2] in args.notebooks]
    print(f"{'notebook':<28} {'this run':>9} {'stamped':>9} {'ratio':>6}")
    total = baseline_total = 0.0
    over = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in targets:
            stamp = notebooks.stamp_of(notebooks.read_notebook(path)) or {}
            # the copy sits beside the original, so relative paths in the notebook still work
            copy = path.with_name(f".bench-{path.name}")
            shutil.copy(path, copy)
            try:
                seconds = notebooks.execute_notebook(copy, allow_non_official=True)["wall_seconds"]
            finally:
                shutil.move(copy, Path(scratch) / path.name)
            before = stamp.get("wall_seconds")
            ratio = f"{seconds / before:.2f}" if before else "-"
            print(f"{path.stem:<28} {seconds / 60:>7.1f} m {before / 60 if before else 0:>7.1f} m {ratio:>6}",
                  flush=True)
            total += seconds
            baseline_total += before or 0
            if seconds > args.per_notebook_min * 60:
                over.append(path.stem)
    ratio = f"{total / baseline_total:.2f}" if baseline_total else "-"
    print(f"{'whole course':<28} {total / 60:>7.1f} m {baseline_total / 60:>7.1f} m {ratio:>6}")
    print(f"budget: {args.budget_min:.0f} min in all, {args.per_notebook_min:.0f} min a notebook: "
          f"{'met' if total <= args.budget_min * 60 and not over else 'MISSED'}"
          + (f" (over: {', '.join(over)})" if over else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
