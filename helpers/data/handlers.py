"""One small handler per dataset: where it lives, how to count and verify it, how to fetch it, its stand-in.

Generic code (the resolver, ``verify``, ``fetch``, the command line) asks ``handler(name)`` and
never branches on a dataset's name; adding a dataset means adding a ``DatasetSpec`` to the
registry and a handler here (CONTRIBUTING.md, "Adding a dataset").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from helpers import messages
from helpers.data import checks, gtsrb_files, places
from helpers.data.errors import IdxFormatError, LayoutError, wrong_layout
from helpers.data.idx import read_idx_header
from helpers.data.images import UnreadableImageError, read_rgb
from helpers.data.places import Place
from helpers.data.registry import FASHION_MNIST_FILES, STANDIN_MARKER, DatasetSpec, Remote, spec

JUNK_FILES = frozenset({"Thumbs.db", "desktop.ini", "__MACOSX"})  # and any name starting with "."
Check = Callable[[Path], str | None]  # returns why a file is bad, or None when it is good


@dataclass(frozen=True)
class Located:
    """Where a dataset was found: its folder, why it was searched, and how complete it is."""

    name: str
    path: Path
    source: str
    complete: bool
    standin: bool
    count: int
    expected: int

    def describe(self) -> str:
        """Return 'from <folder> (<source>)' plus 'partial copy (N of M)' or the stand-in notice."""
        line = messages.text("located.from", path=self.path, source=self.source)
        if self.standin:
            return f"{line} · {messages.text('located.standin')}"
        if not self.complete:
            return f"{line} · {messages.text('located.partial', count=self.count, expected=self.expected)}"
        return line


class Handler:
    """What the course knows how to do with one dataset; subclasses fill in the dataset's own rules."""

    name: ClassVar[str]
    standin_options: dict[str, Any]  # keyword arguments of the stand-in writer (tests make it small)

    def __init__(self) -> None:
        self.standin_options = {}

    @property
    def spec(self) -> DatasetSpec:
        """Return the dataset's registry entry (read each time, so a changed registry is seen)."""
        return spec(self.name)

    @property
    def title(self) -> str:
        """Return the dataset's title."""
        return self.spec.title

    def machine_places(self) -> list[Place]:
        """Return the folders other programs fill on a machine (the Keras cache, Debian's package)."""
        return []

    def looks_present(self, folder: Path) -> bool:
        """Return True when ``folder`` is there and is not an empty shell (nothing but junk)."""
        try:
            return folder.is_dir() and any(not c.name.startswith(".") and c.name not in JUNK_FILES
                                           and c.name != STANDIN_MARKER for c in folder.iterdir())
        except OSError:
            return False

    def count(self, folder: Path) -> int:
        """Return how many of the dataset's images ``folder`` holds; raise LayoutError when it is wrong."""
        raise NotImplementedError

    def problems(self, folder: Path) -> tuple[int, list[str]]:
        """Check every file of a copy: return (files checked, problems found)."""
        raise NotImplementedError

    def download_check(self, remote: Remote) -> tuple[str | None, Check | None]:
        """Return (md5, extra check) for one of the dataset's downloads: a hash, else its structure."""
        if remote.md5 is None and remote.filename.endswith(".zip"):
            return None, checks.zip_problem
        return remote.md5, None

    def fetched_problems(self, folder: Path) -> list[str]:
        """Return what is wrong with a fresh download beyond its count (checked before merging it)."""
        return []

    def draw_standin(self, root: Path) -> None:
        """Write the dataset's offline stand-in into data folder ``root``."""
        raise NotImplementedError

    def is_marked_standin(self, folder: Path) -> bool:
        """Return True when the dataset folder, or a folder above it inside the dataset, is a stand-in."""
        depth = len(Path(self.spec.folder).parts)
        return any((above / STANDIN_MARKER).is_file() for above in [folder, *folder.parents][:depth])

    def inspect(self, folder: Path, source: str, *, standin: bool = False) -> Located:
        """Count what ``folder`` holds; raise LayoutError when it is laid out wrong or damaged."""
        count = self.count(folder)
        standin = standin or self.is_marked_standin(folder)
        expected = self.spec.expected
        return Located(self.name, folder, source, complete=count >= expected and not standin,
                       standin=standin, count=count, expected=expected)

    def damaged(self, path: Path, problem: str) -> LayoutError:
        """Return the error for a damaged file of this dataset, naming the file and the way out."""
        return LayoutError(messages.text("file.damaged", path=path, problem=problem, name=self.name))


# ---------------------------------------------------------------- Fashion-MNIST


def fashion_mnist_file(folder: Path, filename: str) -> Path | None:
    """Return the Fashion-MNIST file in a folder, gzipped (Keras' name) or plain, or None."""
    for candidate in (folder / filename, folder / filename.removesuffix(".gz")):
        if candidate.is_file():
            return candidate
    return None


class FashionMNIST(Handler):
    """Fashion-MNIST: four idx files, official ``.gz`` or any gzip of the official content (Debian's)."""

    name = "fashion_mnist"

    def machine_places(self) -> list[Place]:
        """Return the Keras cache and Debian's ``dataset-fashion-mnist``."""
        return [Place(places.keras_home() / "datasets" / "fashion-mnist", "Keras cache"),
                Place(places.DEBIAN_FASHION_MNIST, "Debian package dataset-fashion-mnist")]

    def looks_present(self, folder: Path) -> bool:
        """Return True when any of the four idx files is in ``folder``."""
        return folder.is_dir() and any(fashion_mnist_file(folder, f) for f in FASHION_MNIST_FILES)

    def official_length(self, filename: str) -> int:
        """Return how many images or labels the official file holds (60,000 train, 10,000 test)."""
        part = "train" if filename.startswith("train") else "test"
        return self.spec.counts[part]["images"]

    def file_problem(self, path: Path, filename: str) -> str | None:
        """Return why one staged idx file is bad (cut short, not the official content), or None."""
        gz_md5, idx_md5 = FASHION_MNIST_FILES[filename]
        return checks.idx_problem(path, gz_md5=gz_md5, idx_md5=idx_md5,
                                  official_length=self.official_length(filename))

    def files(self, folder: Path) -> dict[str, Path]:
        """Return the four files by their Keras names, or raise LayoutError naming the missing ones."""
        files = {name: fashion_mnist_file(folder, name) for name in FASHION_MNIST_FILES}
        if missing := [name for name, path in files.items() if path is None]:
            raise wrong_layout(self.name, folder, f"{folder} lacks {', '.join(missing)}.")
        return files  # type: ignore[return-value]

    def count(self, folder: Path) -> int:
        """Return train + test images from the headers, once every file's content has been checked."""
        files = self.files(folder)
        total = 0
        for part, prefix in (("train", "train"), ("test", "t10k")):
            images, labels = files[f"{prefix}-images-idx3-ubyte.gz"], files[f"{prefix}-labels-idx1-ubyte.gz"]
            try:
                _, image_shape = read_idx_header(images)
                _, label_shape = read_idx_header(labels)
            except IdxFormatError as error:
                raise wrong_layout(self.name, folder, str(error)) from error
            if len(image_shape) != 3 or len(label_shape) != 1 or image_shape[0] != label_shape[0]:
                raise wrong_layout(
                    self.name, folder,
                    f"the {part} images {image_shape} and labels {label_shape} in {folder} do not match.")
            total += image_shape[0]
        for filename, path in files.items():
            if problem := self.file_problem(path, filename):
                raise self.damaged(path, problem)
        return total

    def problems(self, folder: Path) -> tuple[int, list[str]]:
        """Check the four files' content (md5 of the ``.gz`` or of the idx data)."""
        found, checked = [], 0
        for filename in FASHION_MNIST_FILES:
            path = fashion_mnist_file(folder, filename)
            if path is None:
                found.append(f"{filename}: missing")
                continue
            checked += 1
            if problem := self.file_problem(path, filename):
                found.append(f"{path.name}: {problem}")
        return checked, found

    def download_check(self, remote: Remote) -> tuple[str | None, Check | None]:
        """Accept the official ``.gz``, or any gzip of the official idx content."""
        return None, lambda path: self.file_problem(path, remote.filename)

    def draw_standin(self, root: Path) -> None:
        """Draw the Fashion-MNIST stand-in (clothes drawn in 28x28 grey, idx ``.gz`` files)."""
        from helpers import standins

        standins.write_fashion_mnist(root, **self.standin_options)


# ---------------------------------------------------------------- GTSRB


class GTSRB(Handler):
    """GTSRB's training or test Images folder, read through its ``GT-*.csv`` files."""

    split: ClassVar[str]

    def listing(self, folder: Path) -> gtsrb_files.Listing:
        """Return the images the CSVs list (present, missing) and the ``.ppm`` files they do not list."""
        return gtsrb_files.listing(self.split, folder)

    def count(self, folder: Path) -> int:
        """Return how many listed images exist."""
        return len(self.listing(folder).entries)

    def problems(self, folder: Path) -> tuple[int, list[str]]:
        """Read every listed image and compare its size with its CSV row; name missing and unlisted files."""
        listing = self.listing(folder)
        found = [f"{name}: listed in the GT csv but missing" for name in listing.missing]
        found += [f"{name}: on disk but not listed in the GT csv (left out when loading)"
                  for name in listing.unlisted]
        for entry in listing.entries:
            try:
                height, width, _ = read_rgb(entry.path).shape  # the loaders' own reader: same verdict
            except (UnreadableImageError, OSError) as error:
                found.append(f"{entry.rel}: unreadable ({error})")
                continue
            if (width, height) != (entry.width, entry.height):
                found.append(f"{entry.rel}: {width}x{height}, the GT csv says {entry.width}x{entry.height}")
        return len(listing.entries), found

    def draw_standin(self, root: Path) -> None:
        """Draw the GTSRB stand-in (43 kinds of drawn signs, ``.ppm`` files and GT csvs)."""
        from helpers import standins

        standins.write_gtsrb(root, split=self.split, **self.standin_options)


class GTSRBTrain(GTSRB):
    """GTSRB's training set: ``Final_Training/Images/000NN/`` with ``GT-000NN.csv``."""

    name = "gtsrb"
    split = "train"


class GTSRBTest(GTSRB):
    """GTSRB's official test set: ``Final_Test/Images/`` with the labelled ``GT-final_test.csv``."""

    name = "gtsrb_test"
    split = "test"


# ---------------------------------------------------------------- cats and dogs

SPLITS = ("train", "validation")
CLASSES = ("cats", "dogs")


def image_files(folder: Path) -> list[Path]:
    """Return the image files directly in a folder, sorted (junk like ``._cat.1.jpg`` is left out)."""
    return sorted(p for p in folder.iterdir() if checks.is_image_name(p.name) and p.is_file())


class CatsAndDogs(Handler):
    """cats_and_dogs_filtered: ``train|validation/cats|dogs/*.jpg``."""

    name = "cats_and_dogs_filtered"

    def machine_places(self) -> list[Place]:
        """Return the folders ``keras.utils.get_file(..., extract=True)`` extracts into (Keras 2 and 3)."""
        datasets = places.keras_home() / "datasets"
        found = [Place(datasets / "cats_and_dogs_filtered", "Keras cache")]
        for extracted in ("cats_and_dogs_filtered_extracted", "cats_and_dogs_extracted"):  # Keras 3
            found.append(Place(datasets / extracted / "cats_and_dogs_filtered", "Keras cache"))
        return found

    def counts(self, folder: Path) -> dict[str, dict[str, int]]:
        """Return {split: {class: n}}, or raise LayoutError naming the missing class folders."""
        counts: dict[str, dict[str, int]] = {}
        missing = []
        for split in SPLITS:
            counts[split] = {}
            for animal in CLASSES:
                sub = folder / split / animal
                if sub.is_dir():
                    counts[split][animal] = len(image_files(sub))
                else:
                    missing.append(f"{split}/{animal}")
        if missing:
            raise wrong_layout(self.name, folder, f"{folder} lacks {', '.join(missing)}.")
        return counts

    def count(self, folder: Path) -> int:
        """Return the number of images in the four class folders."""
        return sum(sum(c.values()) for c in self.counts(folder).values())

    def images(self, folder: Path) -> list[Path]:
        """Return every image file of the four class folders."""
        return [p for split in SPLITS for animal in CLASSES for p in image_files(folder / split / animal)]

    def problems(self, folder: Path) -> tuple[int, list[str]]:
        """Compare the counts with the official ones and decode every image."""
        counts = self.counts(folder)
        found = []
        for split, classes in self.spec.counts.items():
            for animal, expected in classes.items():
                if counts[split][animal] != expected:
                    found.append(f"{split}/{animal}: {counts[split][animal]:,} images, expected {expected:,}")
        paths = self.images(folder)
        cheap = checks.image_problems(paths)
        for path in paths:
            rel = path.relative_to(folder).as_posix()
            if str(path) in cheap:
                found.append(f"{rel}: {cheap[str(path)]}")
                continue
            try:
                read_rgb(path)  # decodes the whole image: a damaged JPEG fails here
            except (UnreadableImageError, OSError) as error:
                found.append(f"{rel}: unreadable ({error})")
        return len(paths), found

    def fetched_problems(self, folder: Path) -> list[str]:
        """Return the damaged images of a download without an official hash (it has none)."""
        return [f"{Path(p).relative_to(folder).as_posix()}: {why}"
                for p, why in checks.image_problems(self.images(folder)).items()]

    def draw_standin(self, root: Path) -> None:
        """Draw the cats-vs-dogs stand-in (drawn cat and dog photos as JPEGs)."""
        from helpers import standins

        standins.write_cats_and_dogs(root, **self.standin_options)


HANDLERS: dict[str, Handler] = {h.name: h for h in (FashionMNIST(), GTSRBTrain(), GTSRBTest(), CatsAndDogs())}


def handler(name: str) -> Handler:
    """Return the handler of dataset ``name``, or raise a KeyError listing the datasets the course knows."""
    spec(name)  # an unknown name raises here, listing the names
    return HANDLERS[name]
