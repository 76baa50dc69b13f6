"""The course's data layer: one resolver, verified downloads, cached loaders, offline stand-ins.

Every loader prints one line saying what it loaded and from where. See DESIGN.md, "Where
data comes from", for the search order; ``python -m helpers.data list`` shows what is where.
"""

from __future__ import annotations

from helpers.data.cats_and_dogs import CatsAndDogs, cats_and_dogs
from helpers.data.errors import DatasetNotFoundError, DownloadError, LayoutError
from helpers.data.fashion_mnist import load_fashion_mnist
from helpers.data.gtsrb import GTSRBData, load_gtsrb
from helpers.data.info import LoadInfo
from helpers.data.lecture import Dataset, read_dataset_ppm
from helpers.data.names import (
    CATS_AND_DOGS_CLASSES,
    FASHION_MNIST_CLASSES,
    GTSRB_SIGN_NAMES,
    class_names,
)
from helpers.data.report import report
from helpers.data.resolve import DataWarning, Located, locate
from helpers.data.weights import imagenet_weights

__all__ = [
    "CATS_AND_DOGS_CLASSES",
    "FASHION_MNIST_CLASSES",
    "GTSRB_SIGN_NAMES",
    "CatsAndDogs",
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
