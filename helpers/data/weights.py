"""ImageNet weight files for ``keras.applications``: their own table and resolver (not datasets).

``imagenet_weights(filename)`` returns a staged or cached copy (data folders, then Keras'
``~/.keras/models``), else a file that fits the same model (a no-top file fits any input
size, so the 224-pixel file serves a 160-pixel model), else a verified download, else None
offline. Each file is checked: an md5 where one is known, else that it is a whole HDF5 file.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from helpers import config, messages, provenance
from helpers.data.checks import hdf5_problem, md5_file
from helpers.data.download import download_file
from helpers.data.errors import DataWarning, DownloadError
from helpers.data.places import Place, download_root, keras_home

KERAS_WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/"
FOLDER = "weights"  # in a data folder: weights/<Keras' file name>
V2 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_{size}_no_top.h5"


@dataclass(frozen=True)
class WeightFile:
    """A Keras weight file: its subfolder on Keras' host, md5s of known good copies, what it stands in for.

    ``official``: one of ``md5s`` is the hash Keras itself checks, so no other file is accepted.
    Otherwise (Keras publishes no hash) a file with another md5 passes when it is a whole HDF5 file.
    ``fits``: other files holding weights that fit the same model (tried when this one is absent).
    """

    filename: str
    subfolder: str
    md5s: tuple[str, ...] = ()
    official: bool = False
    fits: tuple[str, ...] = ()


WEIGHTS: dict[str, WeightFile] = {
    w.filename: w
    for w in (
        # measured on Keras' own download (Keras ships no hash for MobileNet)
        WeightFile("mobilenet_2_5_224_tf_no_top.h5", "mobilenet", ("f313cee49f5d33dfb06f2b255c4adb64",)),
        WeightFile("mobilenet_2_5_160_tf_no_top.h5", "mobilenet", fits=("mobilenet_2_5_224_tf_no_top.h5",)),
        # Keras' 160 file is another checkpoint; without a top the 224 file fits a 160-pixel model too
        WeightFile(V2.format(size=160), "mobilenet_v2", fits=(V2.format(size=224),)),
        # a rebuild of the same 1.0/224 checkpoint, not byte-identical to Keras' download
        WeightFile(V2.format(size=224), "mobilenet_v2", ("b8e8c37d083e9a98f6256b2d447369df",)),
        WeightFile("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "vgg16",
                   ("6d6bbae143d832006294945121d1f1fc",), official=True),  # keras vgg16.py's file_hash
    )
}

# Prefix of a Keras weight file name -> its subfolder on the Keras host (for files not listed above).
WEIGHT_FAMILIES: tuple[tuple[str, str], ...] = (
    ("mobilenet_v2_", "mobilenet_v2"),
    ("mobilenet_", "mobilenet"),
    ("vgg16_", "vgg16"),
    ("vgg19_", "vgg19"),
    ("resnet50_", "resnet"),
    ("inception_v3_", "inception_v3"),
    ("xception_", "xception"),
)


def weight_file(filename: str) -> WeightFile:
    """Return the table's entry for a Keras weight file name (a bare entry for files of a known family)."""
    if Path(filename).name != filename:
        example = next(iter(WEIGHTS))
        raise ValueError(f"give the Keras file name only (like {example}), not a path: {filename!r}")
    if filename in WEIGHTS:
        return WEIGHTS[filename]
    for prefix, subfolder in WEIGHT_FAMILIES:
        if filename.startswith(prefix):
            return WeightFile(filename, subfolder)
    raise KeyError(f"{filename!r} is not a Keras application weight file the course knows; known: "
                   + ", ".join(sorted(WEIGHTS)))


def weight_url(filename: str) -> str:
    """Return the official Keras URL of an application weight file, from its Keras name."""
    return f"{KERAS_WEIGHTS_URL}{weight_file(filename).subfolder}/{filename}"


def problem(path: Path, entry: WeightFile) -> str | None:
    """Return why a weight file cannot be used (not HDF5, cut short, a wrong md5), or None."""
    if (found := hdf5_problem(path)) is not None:
        return found
    if entry.official and (got := md5_file(path)) not in entry.md5s:
        return f"md5 {got} is not the known {' or '.join(entry.md5s)}"
    return None


def places() -> list[Place]:
    """Return the folders searched for weight files: each data folder's ``weights/``, then Keras' cache."""
    return [Place(f.path / FOLDER, f.source) for f in config.data_folders()] + [
        Place(keras_home() / "models", "Keras cache")]


def _find(entry: WeightFile, looked: list[str]) -> tuple[Path, str] | None:
    for place in places():
        candidate = place.path / entry.filename
        if not candidate.is_file():
            looked.append(str(candidate))
            continue
        if (found := problem(candidate, entry)) is not None:
            warnings.warn(messages.text("weights.ignored", path=candidate, problem=found), DataWarning,
                          stacklevel=3)
            continue
        return candidate, place.source
    return None


def download(filename: str, root: Path | None = None, *, progress: bool = True) -> Path:
    """Download one weight file (from ``COURSE_MIRROR`` if set) into ``root/weights``; raise DownloadError."""
    entry = weight_file(filename)
    base = config.mirror()
    url = base + filename if base else weight_url(filename)
    target = (root if root is not None else download_root()) / FOLDER / filename
    md5 = entry.md5s[0] if entry.official else None
    path = download_file(url, target, md5=md5, check=lambda p: problem(p, entry), progress=progress)
    print(messages.text("weights.downloaded", filename=filename, url=url, path=path))
    return path


def imagenet_weights(filename: str) -> Path | None:
    """Return a local copy of a Keras weight file (staged, cached, a fitting one, downloaded), or None.

    Pass the result as ``weights=`` to ``keras.applications``; None means no copy is available
    (offline and not staged): build the model with ``weights=None`` or skip the pretrained part.
    """
    entry = weight_file(filename)
    looked: list[str] = []
    if (found := _find(entry, looked)) is not None:
        print(messages.text("weights.found", filename=filename, path=found[0], source=found[1]))
        provenance.record_dataset(f"weights/{filename}", "official", str(found[0]))
        return found[0]
    for other in entry.fits:
        if (found := _find(weight_file(other), [])) is not None:
            print(messages.text("weights.fits", wanted=filename, filename=other, path=found[0],
                                source=found[1]))
            provenance.record_dataset(f"weights/{filename}", "official", str(found[0]))
            return found[0]
    if config.offline():
        print(messages.text("weights.offline", filename=filename, looked=", ".join(looked)))
        return None
    try:
        path = download(filename)
        provenance.record_dataset(f"weights/{filename}", "official", str(path))
        return path
    except DownloadError as error:
        warnings.warn(messages.text("weights.failed", filename=filename, error=error), DataWarning,
                      stacklevel=2)
        return None
