"""The lecture's GTSRB reader, kept as the lecture wrote it (slow, float32, one-hot ``np.matrix``)."""

from __future__ import annotations

import glob
import os
from collections import namedtuple

import numpy as np

Dataset = namedtuple("Dataset", ["X", "y"])


def to_tf_format(imgs: list[np.ndarray]) -> np.ndarray:
    """Stack 2-D images into the (N, H, W, 1) float32 array TensorFlow expects (the lecture's helper)."""
    return np.stack([img[:, :, np.newaxis] for img in imgs], axis=0).astype(np.float32)


def read_dataset_ppm(rootpath: str | os.PathLike[str], n_labels: int,
                     resize_to: tuple[int, int] | None) -> Dataset:
    """Read GTSRB class folders the lecture's way: per-image plt.imread + rgb2lab + resize, one-hot labels.

    Kept faithful to the lecture (float32 L channel in 0..100, ``np.matrix`` one-hot ``y``).
    Fixed, because they were broken: ``rootpath`` may be a ``pathlib.Path`` (the lecture
    concatenated strings, which fails on a Path and needed a Windows path with backslashes);
    the folder name is escaped for ``glob`` (a ``[`` in a path matched nothing); and the files
    are sorted (``glob`` order differs between machines, so the lecture's random split did too).
    """
    import matplotlib.pyplot as plt
    from skimage.color import rgb2lab
    from skimage.transform import resize

    images = []
    labels = []
    for c in range(n_labels):
        full_path = os.path.join(glob.escape(os.fspath(rootpath)), format(c, "05d"), "")  # noqa: PTH118
        for img_name in sorted(glob.glob(full_path + "*.ppm")):  # noqa: PTH207 (the lecture's glob)
            img = plt.imread(img_name).astype(np.float32)
            img = rgb2lab(img / 255.0)[:, :, 0]
            if resize_to:
                img = resize(img, resize_to, mode="reflect")
            label = np.zeros((n_labels,), dtype=np.float32)
            label[c] = 1.0
            images.append(img.astype(np.float32))
            labels.append(label)

    return Dataset(X=to_tf_format(images).astype(np.float32),
                   y=np.matrix(labels).astype(np.float32))
