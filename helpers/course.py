"""The course's public home: the one line a teacher who forks the course changes.

After changing ``REPOSITORY`` (or ``BRANCH``), run ``python -m helpers.notebooks sync`` to
rewrite every notebook's Colab badge and set-up cell; ``tests/test_notebooks.py`` fails while a
notebook disagrees with these values.
"""

from __future__ import annotations

REPOSITORY = "https://github.com/cnn-keras-course/cnn-keras-course"
BRANCH = "main"


def repository_slug() -> str:
    """Return ``owner/name`` of the repository, as Colab's GitHub URLs need it."""
    prefix = "https://github.com/"
    if not REPOSITORY.startswith(prefix):
        raise ValueError(f"helpers.course.REPOSITORY must start with {prefix!r}, got {REPOSITORY!r}")
    return REPOSITORY.removeprefix(prefix).removesuffix(".git").strip("/")


def repository_name() -> str:
    """Return the repository's folder name (what ``git clone`` creates)."""
    return repository_slug().split("/")[-1]


def colab_url(notebook_file: str) -> str:
    """Return the URL that opens ``notebooks/<notebook_file>`` of the course in Colab."""
    return (
        f"https://colab.research.google.com/github/{repository_slug()}/blob/{BRANCH}"
        f"/notebooks/{notebook_file}"
    )
