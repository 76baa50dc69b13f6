"""The course's data layer: one resolver, verified downloads, cached loaders, offline stand-ins.

Every loader prints one line saying what it loaded and from where. CONTRIBUTING.md, "Where
data comes from", gives the search order; ``python -m helpers.data list`` shows what is where.
Import order, leaves first: registry, errors (and ``helpers.config``, ``helpers.messages``);
the format readers (idx, images, gtsrb_files) and checks; the handlers; stand-ins;
download and archive; resolve; the loaders and weights; stage, report and the command line.
"""

from __future__ import annotations

from helpers.data.cats_and_dogs import CatsAndDogs, cats_and_dogs
from helpers.data.errors import (
    DamagedImagesError,
    DatasetNotFoundError,
    DataWarning,
    DownloadError,
    LayoutError,
)
from helpers.data.fashion_mnist import load_fashion_mnist
from helpers.data.gtsrb import GTSRBData, load_gtsrb
from helpers.data.handlers import Located
from helpers.data.info import LoadInfo
from helpers.data.lecture import Dataset, read_dataset_ppm
from helpers.data.names import (
    CATS_AND_DOGS_CLASSES,
    FASHION_MNIST_CLASSES,
    GTSRB_SIGN_NAMES,
    class_names,
)
from helpers.data.report import report
from helpers.data.resolve import locate
from helpers.data.weights import imagenet_weights

__all__ = [
    "CATS_AND_DOGS_CLASSES",
    "FASHION_MNIST_CLASSES",
    "GTSRB_SIGN_NAMES",
    "CatsAndDogs",
    "DamagedImagesError",
    "DataWarning",
    "Dataset",
    "DatasetNotFoundError",
    "DownloadError",
    "GTSRBData",
    "LayoutError",
    "LoadInfo",
    "Located",
    "cats_and_dogs",
    "class_names",
    "imagenet_weights",
    "load_fashion_mnist",
    "load_gtsrb",
    "locate",
    "read_dataset_ppm",
    "report",
]
