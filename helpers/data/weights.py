"""ImageNet weight files for ``keras.applications``: a staged or cached copy, else a verified download."""

from __future__ import annotations

import warnings
from pathlib import Path

from helpers import config
from helpers.data.download import download_file, hdf5_check, md5_file, source_url
from helpers.data.errors import DownloadError
from helpers.data.registry import WEIGHTS, Remote, weight_url
from helpers.data.resolve import DataWarning, download_root, places


def _problem(path: Path, md5: str | None) -> str | None:
    if (problem := hdf5_check(path)) is not None:
        return problem
    if md5 is not None and (got := md5_file(path)) != md5:
        return f"md5 {got} is not the known {md5}"
    return None


def imagenet_weights(filename: str) -> Path | None:
    """Return a local copy of a Keras weight file (staged, Keras cache, or downloaded), or None offline.

    Pass the result as ``weights=`` to ``keras.applications``; None means no copy is available
    (offline and not staged): build the model with ``weights=None`` or skip the pretrained part.
    """
    if Path(filename).name != filename:
        example = next(iter(WEIGHTS))
        raise ValueError(f"give the Keras file name only (like {example}), not a path: {filename!r}")
    md5 = WEIGHTS.get(filename, (None, None))[1]
    looked = []
    for place in places("weights"):
        candidate = place.path / filename
        if not candidate.is_file():
            looked.append(str(candidate))
            continue
        if (problem := _problem(candidate, md5)) is not None:
            warnings.warn(f"Ignored {candidate}: {problem}.", DataWarning, stacklevel=2)
            continue
        print(f"ImageNet weights {filename} · from {candidate} ({place.source})")
        return candidate
    if config.offline():
        print(f"ImageNet weights {filename}: not staged (looked in {', '.join(looked)}) and "
              "COURSE_OFFLINE=1; no pretrained weights.")
        return None
    remote = Remote(filename, weight_url(filename), md5, keep_in="weights")
    url = source_url(remote)
    try:
        target = download_file(url, download_root() / "weights" / filename, md5=md5, check=hdf5_check)
    except DownloadError as error:
        warnings.warn(f"ImageNet weights {filename}: the download failed ({error}); no pretrained weights.",
                      DataWarning, stacklevel=2)
        return None
    print(f"ImageNet weights {filename} · downloaded from {url} to {target}")
    return target
