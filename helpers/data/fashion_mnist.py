"""The Fashion-MNIST loader: the four idx files, read by the course's own parser, like Keras returns them."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from helpers.data.errors import IdxFormatError, LayoutError
from helpers.data.handlers import fashion_mnist_file, handler
from helpers.data.idx import read_idx
from helpers.data.info import load_info
from helpers.data.resolve import locate

Split = tuple[np.ndarray, np.ndarray]


def _read_pair(folder: Path, prefix: str) -> Split:
    images_path = fashion_mnist_file(folder, f"{prefix}-images-idx3-ubyte.gz")
    labels_path = fashion_mnist_file(folder, f"{prefix}-labels-idx1-ubyte.gz")
    if images_path is None or labels_path is None:  # the handler checked this; a file vanished since
        raise LayoutError(f"{folder} lost its {prefix} idx files while loading.")
    try:
        images, labels = read_idx(images_path), read_idx(labels_path)
    except IdxFormatError as error:  # changed since it was checked
        raise handler("fashion_mnist").damaged(folder, str(error)) from None
    if images.dtype != np.uint8 or images.ndim != 3 or labels.dtype != np.uint8 or labels.ndim != 1:
        raise LayoutError(f"{images_path} / {labels_path} are idx files but not Fashion-MNIST "
                          f"(got {images.dtype} {images.shape} and {labels.dtype} {labels.shape}).")
    if len(images) != len(labels):
        raise LayoutError(
            f"{images_path} holds {len(images):,} images but {labels_path} {len(labels):,} labels."
        )
    if labels.size and labels.max() > 9:
        raise LayoutError(f"{labels_path} has label {labels.max()}, outside Fashion-MNIST's 0..9.")
    return images, labels


def load_fashion_mnist(path: str | os.PathLike[str] | None = None) -> tuple[Split, Split]:
    """Return ``(x_train, y_train), (x_test, y_test)`` as uint8, like ``keras.datasets.fashion_mnist``.

    Searches the data folders, the Keras cache and Debian's ``dataset-fashion-mnist`` (or reads
    ``path``), and prints one line saying what was loaded from where.
    """
    located = locate("fashion_mnist", path)
    train = _read_pair(located.path, "train")
    test = _read_pair(located.path, "t10k")
    height, width = train[0].shape[1:]
    what = (f"Fashion-MNIST: {len(train[0]):,} train + {len(test[0]):,} test images, "
            f"{height}x{width} uint8")
    print(load_info(located, what=what, loaded=len(train[0]) + len(test[0])).line)
    return train, test
