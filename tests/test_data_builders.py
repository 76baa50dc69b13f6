"""Builders for the data-layer tests: tiny datasets in the real formats, archives, a local HTTP server.

Not a test module of its own (it defines no tests); the ``test_data_*`` modules import it.
"""

from __future__ import annotations

import gzip
import http.server
import io
import struct
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

# ---------------------------------------------------------------- image and idx writers


def ppm_bytes(rgb: np.ndarray) -> bytes:
    """Encode an (H, W, 3) uint8 array as binary PPM, as GTSRB stores its images."""
    height, width, _ = rgb.shape
    return f"P6\n{width} {height}\n255\n".encode() + rgb.astype(np.uint8).tobytes()


def sign(class_id: int, width: int, height: int, seed: int = 0) -> np.ndarray:
    """Return a small RGB picture whose content depends on the class (a coloured disc on noise)."""
    rng = np.random.default_rng(class_id * 1000 + seed)
    img = rng.integers(0, 80, (height, width, 3)).astype(np.uint8)
    yy, xx = np.mgrid[:height, :width]
    disc = (yy - height / 2) ** 2 + (xx - width / 2) ** 2 < (min(width, height) / 3) ** 2
    img[disc] = ((class_id * 70) % 256, (class_id * 35 + 90) % 256, 200 - class_id)
    return img


GT_HEADER = "Filename;Width;Height;Roi.X1;Roi.Y1;Roi.X2;Roi.Y2;ClassId"


def make_gtsrb_train(root: Path, classes=(0, 1, 2), tracks: int = 2, frames: int = 3) -> Path:
    """Write a GTSRB training folder (``000NN/TTTTT_FFFFF.ppm`` + ``GT-000NN.csv``); return Images/."""
    images = root / "GTSRB" / "Final_Training" / "Images"
    for class_id in classes:
        folder = images / f"{class_id:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        rows = [GT_HEADER]
        for track in range(tracks):
            for frame in range(frames):
                width, height = 30 + 3 * frame, 31 + 2 * track
                name = f"{track:05d}_{frame:05d}.ppm"
                (folder / name).write_bytes(ppm_bytes(sign(class_id, width, height, track * 10 + frame)))
                rows.append(f"{name};{width};{height};5;5;{width - 5};{height - 5};{class_id}")
        (folder / f"GT-{class_id:05d}.csv").write_text("\n".join(rows) + "\n", encoding="ascii")
    return images


def make_gtsrb_test(root: Path, labels=(0, 1, 2, 0, 1, 2)) -> Path:
    """Write a GTSRB test folder (``NNNNN.ppm`` + ``GT-final_test.csv``); return Images/."""
    images = root / "GTSRB" / "Final_Test" / "Images"
    images.mkdir(parents=True, exist_ok=True)
    rows = [GT_HEADER]
    for i, class_id in enumerate(labels):
        name = f"{i:05d}.ppm"
        (images / name).write_bytes(ppm_bytes(sign(class_id, 32, 34, 99 + i)))
        rows.append(f"{name};32;34;5;6;27;28;{class_id}")
    (images / "GT-final_test.csv").write_text("\n".join(rows) + "\n", encoding="ascii")
    return images


def idx_bytes(array: np.ndarray) -> bytes:
    """Encode a uint8 array in the idx format (magic 00 00 08 ndim, big-endian dimensions)."""
    return bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape) + array.tobytes()


def make_fashion(root: Path, n_train: int = 20, n_test: int = 10, seed: int = 0) -> Path:
    """Write the four Fashion-MNIST idx ``.gz`` files (random pixels) into root/fashion-mnist/."""
    rng = np.random.default_rng(seed)
    folder = root / "fashion-mnist"
    folder.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = (np.arange(n) % 10).astype(np.uint8)
        (folder / f"{prefix}-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images)))
        (folder / f"{prefix}-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(labels)))
    return folder


def make_cats_and_dogs(root: Path, n_train: int = 3, n_validation: int = 2) -> Path:
    """Write a cats_and_dogs_filtered folder of tiny real JPEGs; return it."""
    top = root / "cats_and_dogs_filtered"
    for split, n in (("train", n_train), ("validation", n_validation)):
        for animal, colour in (("cats", (200, 120, 40)), ("dogs", (60, 60, 160))):
            folder = top / split / animal
            folder.mkdir(parents=True, exist_ok=True)
            for i in range(n):
                image = Image.new("RGB", (24 + i, 20), colour)
                image.save(folder / f"{animal[:-1]}.{i}.jpg", format="JPEG")
    return top


def zip_tree(source: Path, *, base: Path) -> bytes:
    """Return a zip (bytes) of every file under ``source``, named relative to ``base``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(base).as_posix())
    return buffer.getvalue()


def zip_entries(entries: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    """Return a zip (bytes) of named entries, plus symlink entries ``name -> target``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)  # S_IFLNK | 0777
            archive.writestr(info, target)
    return buffer.getvalue()


# ---------------------------------------------------------------- a local HTTP server


class Server:
    """Serve bytes on 127.0.0.1 from a thread. Routes: path -> bytes, or (bytes, behaviour).

    Behaviours: "cut" sends half the body and closes the connection; "cut-once" does that on
    the first request only; "no-length" sends no Content-Length (a server that cannot say how
    long the file is); "slow" waits half a second before answering. ``hits`` counts requests per path.
    """

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] += 1
                if self.path not in server.routes:
                    self.send_error(404, "Not Found")
                    return
                body, behaviour = server.routes[self.path]
                cut = behaviour == "cut" or (behaviour == "cut-once" and server.hits[self.path] == 1)
                if behaviour == "slow":
                    time.sleep(0.5)
                self.send_response(200)
                if behaviour != "no-length":
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2] if cut else body)
                self.wfile.flush()
                if cut:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def serve(self, path: str, body: bytes, behaviour: str = "") -> None:
        """Serve ``body`` at ``path`` with an optional fault."""
        self.routes[path] = (body, behaviour)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
