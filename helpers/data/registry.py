"""What the course knows about each dataset: official URLs, file names, md5s, folders, counts.

A data folder holds each dataset as its official archive extracts into it (CONTRIBUTING.md,
"Where data comes from"); ``folder`` below is that place, relative to the data folder.
Hashes are those of the official downloads. The ImageNet weight files are not datasets:
``helpers.data.weights`` has their table. This module is a leaf: it imports nothing of the course.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FASHION_MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
GTSRB_URL = "https://sid.erda.dk/public/archives/daaeac0d7ce1152aea9b61d9f1e19370/"
CATS_AND_DOGS_URL = "https://storage.googleapis.com/mledu-datasets/"
STANDIN_MARKER = "STANDIN.txt"  # helpers.standins writes it into every stand-in folder it draws


@dataclass(frozen=True)
class Remote:
    """One official file: where it comes from, its md5 (None when no official hash exists), where it goes."""

    filename: str
    url: str
    md5: str | None
    extract_to: str | None = None  # a zip: extract into this folder (relative to the data folder)
    keep_in: str = ""  # not an archive: store the file itself in this folder


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset the course uses: its folder in a data folder, its layout and its full size."""

    name: str
    title: str
    folder: str
    layout: str
    expected: int
    remotes: tuple[Remote, ...]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


# Content md5s of the uncompressed idx data (Debian re-gzips the files, so the .gz md5 differs).
FASHION_MNIST_FILES: dict[str, tuple[str, str]] = {
    # file name: (md5 of the official .gz, md5 of the uncompressed idx content)
    "train-labels-idx1-ubyte.gz": ("25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
    "train-images-idx3-ubyte.gz": ("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
    "t10k-labels-idx1-ubyte.gz": ("bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"),
    "t10k-images-idx3-ubyte.gz": ("bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
}

DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            name="fashion_mnist",
            title="Fashion-MNIST",
            folder="fashion-mnist",
            layout=(
                "fashion-mnist/\n"
                "  train-images-idx3-ubyte.gz   train-labels-idx1-ubyte.gz\n"
                "  t10k-images-idx3-ubyte.gz    t10k-labels-idx1-ubyte.gz"
            ),
            expected=70_000,
            remotes=tuple(
                Remote(name, FASHION_MNIST_URL + name, md5s[0], keep_in="fashion-mnist")
                for name, md5s in FASHION_MNIST_FILES.items()
            ),
            counts={"train": {"images": 60_000}, "test": {"images": 10_000}},
        ),
        DatasetSpec(
            name="gtsrb",
            title="GTSRB training set",
            folder="GTSRB/Final_Training/Images",
            layout=(
                "GTSRB/Final_Training/Images/\n"
                "  00000/  00000_00000.ppm ... GT-00000.csv\n"
                "  00001/  ... GT-00001.csv\n"
                "  ...\n"
                "  00042/  ... GT-00042.csv"
            ),
            expected=39_209,
            remotes=(
                Remote("GTSRB_Final_Training_Images.zip", GTSRB_URL + "GTSRB_Final_Training_Images.zip",
                       "f33fd80ac59bff73c82d25ab499e03a3", extract_to="."),
            ),
        ),
        DatasetSpec(
            name="gtsrb_test",
            title="GTSRB test set",
            folder="GTSRB/Final_Test/Images",
            layout=(
                "GTSRB/Final_Test/Images/\n"
                "  00000.ppm ... 12629.ppm\n"
                "  GT-final_test.csv   (from GTSRB_Final_Test_GT.zip: the labels)"
            ),
            expected=12_630,
            remotes=(
                Remote("GTSRB_Final_Test_Images.zip", GTSRB_URL + "GTSRB_Final_Test_Images.zip",
                       "c7e4e6327067d32654124b0fe9e82185", extract_to="."),
                Remote("GTSRB_Final_Test_GT.zip", GTSRB_URL + "GTSRB_Final_Test_GT.zip",
                       "fe31e9c9270bbcd7b84b7f21a9d9d9e5", extract_to="GTSRB/Final_Test/Images"),
            ),
        ),
        DatasetSpec(
            name="cats_and_dogs_filtered",
            title="cats_and_dogs_filtered",
            folder="cats_and_dogs_filtered",
            layout=(
                "cats_and_dogs_filtered/\n"
                "  train/cats/*.jpg  train/dogs/*.jpg\n"
                "  validation/cats/*.jpg  validation/dogs/*.jpg"
            ),
            expected=3_000,
            remotes=(
                # No official hash: the download is checked by its counts after extraction.
                Remote("cats_and_dogs_filtered.zip", CATS_AND_DOGS_URL + "cats_and_dogs_filtered.zip",
                       None, extract_to="."),
            ),
            counts={"train": {"cats": 1000, "dogs": 1000}, "validation": {"cats": 500, "dogs": 500}},
        ),
    )
}


def spec(name: str) -> DatasetSpec:
    """Return a dataset's spec, or raise a KeyError listing the names the course knows."""
    try:
        return DATASETS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; the course knows: {', '.join(DATASETS)}") from None
