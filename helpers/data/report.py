"""The table ``python -m helpers.data list`` prints: each dataset, where it is, how complete."""

from __future__ import annotations

from helpers import config
from helpers.data.registry import DATASETS
from helpers.data.resolve import find
from helpers.data.standin import generated


def _status(name: str) -> tuple[str, str, str]:
    search = find(name)
    unit = " files" if name == "weights" else ""
    if search.found is not None:
        located = search.found
        copy = "complete" if located.complete else "partial"
        return f"{located.count:,} of {located.expected:,}{unit}", copy, f"{located.path} ({located.source})"
    if search.broken:
        return "-", "BROKEN", search.broken[0].splitlines()[0]
    if name == "weights":
        hint = "Keras downloads them when online; stage with `python -m helpers.data fetch weights`"
    elif config.quick_mode():
        ready = generated(name)
        where = f"the offline stand-in in {ready}" if ready else "an offline stand-in (made on first use)"
        hint = f"quick mode uses {where}; `python -m helpers.data fetch {name}` stages the real data"
    else:
        hint = f"`python -m helpers.data fetch {name}`, or set COURSE_DATA_DIR to a staged folder"
    return "-", "missing", hint


def report() -> str:
    """Return a table of every dataset: where it was found or that it is missing, count, completeness."""
    mode = "quick mode (COURSE_QUICK=1)" if config.quick_mode() else "full mode"
    if config.offline():
        downloads = "downloads off (COURSE_OFFLINE=1)"
    else:
        downloads = f"downloads from {config.mirror() or 'the official sources'}"
    lines = [f"Course data · {mode} · {downloads}", "Data folders searched, in order:"]
    lines += [f"  {i}. {f.path} ({f.source})" for i, f in enumerate(config.data_folders(), start=1)]
    lines.append(f"Cache (preprocessed arrays, offline stand-ins): {config.cache_dir()}")
    lines.append("")
    rows = [("dataset", "images", "copy", "where")]
    rows += [(name, *_status(name)) for name in DATASETS]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
                     + "  " + row[3])
    return "\n".join(lines)
