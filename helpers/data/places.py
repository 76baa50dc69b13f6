"""Where datasets may be on a machine besides the data folders, and where downloads go."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from helpers import config
from helpers.data.errors import DataWarning, DownloadError

# Files other programs put on the machine. Tests point this elsewhere.
DEBIAN_FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")


@dataclass(frozen=True)
class Place:
    """A folder where a dataset may be, and why the resolver looks there."""

    path: Path
    source: str


def keras_home() -> Path:
    """Return Keras' own cache folder (``KERAS_HOME`` or ``~/.keras``)."""
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras").expanduser()


def download_root() -> Path:
    """Return the first data folder that can be written to (else the per-user one): where downloads go."""
    tried = []
    for folder in config.data_folders():
        if config.is_writable(folder.path):
            return folder.path
        tried.append(f"{folder.path} ({folder.source}, not writable)")
    fallback = config.user_folder("data")
    if config.is_writable(fallback):
        warnings.warn(f"No data folder can be written to ({'; '.join(tried)}); downloads go to {fallback}, "
                      "which the course searches too.", DataWarning, stacklevel=3)
        return fallback
    raise DownloadError("No data folder can be written to: " + "; ".join(tried)
                        + ". Set COURSE_DATA_DIR to a writable folder.")
