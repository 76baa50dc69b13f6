"""The table ``python -m helpers.data list`` prints: each dataset, where it is, how complete."""

from __future__ import annotations

from helpers import config
from helpers.data.stage import TARGETS


def report() -> str:
    """Return a table of every dataset: where it was found or that it is missing, count, completeness."""
    mode = "quick mode (COURSE_QUICK=1)" if config.quick_mode() else "full mode"
    if config.offline():
        downloads = "downloads off (COURSE_OFFLINE=1)"
    else:
        downloads = f"downloads from {config.mirror() or 'the official sources'}"
    lines = [f"Course data · {mode} · {downloads}", "Data folders searched, in order:"]
    lines += [f"  {i}. {f.path} ({f.source})" for i, f in enumerate(config.data_folders(), start=1)]
    machine = list(dict.fromkeys(place for t in TARGETS.values() for place in t.searched()))
    lines.append("Then, on this machine: " + "; ".join(machine))
    lines.append(f"Cache (preprocessed arrays, offline stand-ins): {config.cache_dir()}")
    lines.append("")
    rows = [("dataset", "images", "copy", "where")]
    for name, item in TARGETS.items():
        count, copy, where = item.status()
        rows.append((name, count + (item.unit if count != "-" else ""), copy, where))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
                     + "  " + row[3])
    return "\n".join(lines)
