"""Benchmark: images per second of the course's three augmentation tools on the same JPEG folder.

(a) ``ImageDataGenerator.flow_from_directory`` with the lecture's augmentation (the baseline),
(b) Augmentor's ``keras_generator`` with the lecture's operations (rotation fixed to ±25°),
(c) ``image_dataset_from_directory`` + Keras preprocessing layers mapped in ``tf.data`` with
    ``AUTOTUNE``,
all reading the cats-and-dogs training JPEGs and producing batches of the same size, scaled to
0-1. The folder: ``--data DIR`` (a data folder or ``cats_and_dogs_filtered`` itself), else
``COURSE_DATA_DIR``, else an offline stand-in written to a temporary folder. Each tool gets a
warm-up, then several timed repeats; the table shows median images/s and the ratio to (a).

    python benchmarks/bench_augmentation.py [--data DIR] [--size 128] [--repeats 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

CLASSES = ["cats", "dogs"]


def pick_train_folder(given: str | None, scratch: Path) -> tuple[Path, str]:
    """Return the cats/dogs training folder to read and a note on where it came from."""
    from helpers import data

    for candidate, label in ((given, "--data"), (os.environ.get("COURSE_DATA_DIR"), "COURSE_DATA_DIR")):
        if candidate:
            with contextlib.redirect_stdout(io.StringIO()):
                dogs = data.cats_and_dogs(path=candidate)
            note = "OFFLINE STAND-IN" if dogs.info.standin else "real data"
            return dogs.train_dir, f"{label}, {note}"
    from helpers.standins import write_cats_and_dogs

    write_cats_and_dogs(scratch / "standin")
    with contextlib.redirect_stdout(io.StringIO()):
        dogs = data.cats_and_dogs(path=scratch / "standin")
    return dogs.train_dir, "OFFLINE STAND-IN (no --data, no COURSE_DATA_DIR)"


def image_data_generator(folder: Path, size: int, batch: int) -> Iterator[Any]:
    """(a) The lecture's ImageDataGenerator settings, reading the folder with flow_from_directory."""
    import tensorflow as tf

    datagen = tf.keras.preprocessing.image.ImageDataGenerator(
        rescale=1.0 / 255, rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,
        shear_range=0.2, zoom_range=0.2, horizontal_flip=True, fill_mode="nearest")
    return iter(datagen.flow_from_directory(folder, target_size=(size, size), batch_size=batch,
                                            classes=CLASSES, class_mode="binary", seed=0))


def augmentor_generator(folder: Path, size: int, batch: int, scratch: Path) -> Iterator[Any]:
    """(b) The lecture's Augmentor operations (resize first, to the output size) as a Keras generator."""
    import Augmentor

    with contextlib.redirect_stdout(io.StringIO()):
        pipeline = Augmentor.Pipeline(folder, output_directory=scratch / "augmentor_output")
    pipeline.resize(probability=1.0, width=size, height=size)
    pipeline.flip_left_right(probability=0.5)
    pipeline.flip_top_bottom(probability=0.5)
    pipeline.skew_corner(probability=0.5, magnitude=0.5)
    pipeline.rotate_without_crop(probability=0.5, max_left_rotation=25, max_right_rotation=25)
    pipeline.random_distortion(probability=0.5, grid_width=4, grid_height=4, magnitude=8)
    return pipeline.keras_generator(batch_size=batch, scaled=True)


def preprocessing_layers(folder: Path, size: int, batch: int) -> Iterator[Any]:
    """(c) image_dataset_from_directory + the lecture's settings as layers, mapped with AUTOTUNE."""
    import keras
    import tensorflow as tf
    from keras import layers

    augmentation = keras.Sequential([
        layers.RandomFlip("horizontal"),
        layers.RandomRotation(40 / 360, fill_mode="nearest"),
        layers.RandomTranslation(0.2, 0.2, fill_mode="nearest"),
        layers.RandomZoom(0.2, fill_mode="nearest"),
        layers.Rescaling(1 / 255),
    ])
    with contextlib.redirect_stdout(io.StringIO()):
        dataset = keras.utils.image_dataset_from_directory(
            folder, image_size=(size, size), batch_size=batch, label_mode="binary",
            class_names=CLASSES, seed=0)
    dataset = (dataset.repeat()
               .map(lambda x, y: (augmentation(x, training=True), y),
                    num_parallel_calls=tf.data.AUTOTUNE)
               .prefetch(tf.data.AUTOTUNE))
    return iter(dataset)


def measure(batches: Iterator[Any], *, batch: int, size: int, count: int, repeats: int,
            warmup: int) -> list[float]:
    """Return images/s of ``repeats`` timed runs of ``count`` batches, after ``warmup`` batches."""
    for _ in range(warmup):
        images, _ = next(batches)
    if tuple(images.shape) != (batch, size, size, 3):
        raise RuntimeError(f"expected batches of shape {(batch, size, size, 3)}, got {tuple(images.shape)}")
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(count):
            images, _ = next(batches)
        rates.append(count * batch / (time.perf_counter() - start))
    return rates


def main() -> None:
    """Time the three tools on the same folder and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="a data folder, or the cats_and_dogs_filtered folder itself")
    parser.add_argument("--size", type=int, default=128, help="output height and width (default 128)")
    parser.add_argument("--batch", type=int, default=32, help="images per batch (default 32)")
    parser.add_argument("--batches", type=int, default=10, help="batches per timed repeat (default 10)")
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per tool (default 5)")
    parser.add_argument("--warmup", type=int, default=10,
                        help="untimed batches first, enough to drain tf.data's prefetch buffers (default 10)")
    args = parser.parse_args()

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import Augmentor
    import keras
    import tensorflow as tf

    with tempfile.TemporaryDirectory(prefix="bench-augmentation-") as temporary:
        scratch = Path(temporary)
        folder, source = pick_train_folder(args.data, scratch)
        count = sum(1 for p in folder.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg"})
        tools: dict[str, Callable[[], Iterator[Any]]] = {
            "(a) ImageDataGenerator.flow_from_directory": lambda: image_data_generator(
                folder, args.size, args.batch),
            "(b) Augmentor keras_generator": lambda: augmentor_generator(
                folder, args.size, args.batch, scratch),
            "(c) image_dataset_from_directory + layers (tf.data)": lambda: preprocessing_layers(
                folder, args.size, args.batch),
        }
        results = {}
        for name, make in tools.items():
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
                warnings.simplefilter("ignore")
                rates = measure(make(), batch=args.batch, size=args.size, count=args.batches,
                                repeats=args.repeats, warmup=args.warmup)
            results[name] = rates
            print(f"  measured {name}: {statistics.median(rates):.0f} images/s", flush=True)

    baseline = statistics.median(results["(a) ImageDataGenerator.flow_from_directory"])
    print()
    print(f"Augmentation throughput, {count:,} JPEGs in {folder} ({source})")
    print(f"output {args.size}x{args.size}, batch {args.batch}; {args.warmup} warm-up batches, then "
          f"{args.repeats} repeats of {args.batches} batches ({args.batches * args.batch} images)")
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} CPU cores, "
          f"Python {platform.python_version()}, TensorFlow {tf.__version__}, Keras {keras.__version__}, "
          f"Augmentor {getattr(Augmentor, '__version__', '?')}")
    print()
    print(f"| {'tool':52s} | median images/s | min-max | vs (a) |")
    print(f"| {'-' * 52} | ---: | ---: | ---: |")
    for name, rates in results.items():
        median = statistics.median(rates)
        print(f"| {name:52s} | {median:,.0f} | {min(rates):,.0f}-{max(rates):,.0f} | "
              f"{median / baseline:.2f}x |")


if __name__ == "__main__":
    main()
