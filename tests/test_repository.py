"""The repository's own promises: one source of truth for packages, README commands that CI runs."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from helpers import course, notebooks

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
README_KO = ROOT / "README.ko.md"
WORKFLOW = ROOT / ".github" / "workflows" / "tests.yml"
TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt "
    "&& .venv/bin/python -m pytest"
)
FIRST_NOTEBOOK = "notebooks/00_colab_and_data.ipynb"
# Written in two pieces so that this file does not name what it looks for.
OUTSIDE_REFERENCES = ("../" + "shared", "DESIGN" + ".md")
# CI's own script may name where the CI machine stages real data beside the checkout (optional:
# without it the real-data pass is skipped, and says so); nothing else may point outside.
MAY_NAME_CI_STAGING = {".ci/run"}


def windows(command: str) -> str:
    """Return a macOS/Linux set-up command as the README writes it for Windows."""
    return (command.replace("python3 -m venv", "py -m venv")
            .replace(".venv/bin/", ".venv\\Scripts\\").replace("notebooks/", "notebooks\\"))


WINDOWS_TEST_COMMAND = windows(TEST_COMMAND)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _fences(text: str, languages: str) -> list[str]:
    """Return the contents of the fenced code blocks in ``languages`` (a regex alternation)."""
    return [block.strip() for block in re.findall(rf"```(?:{languages})\n(.*?)```", text, re.DOTALL)]


def _setup_commands(text: str) -> list[str]:
    """Return every fenced command that creates the environment, in the order they appear."""
    return [block for block in _fences(text, r"[a-z]*") if "-m venv .venv" in block]


def _pins() -> dict[str, str]:
    pins = {}
    for line in _text(ROOT / "requirements.txt").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_requirements_pin_every_package_and_install_the_course_last():
    lines = [line.strip() for line in _text(ROOT / "requirements.txt").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1] == "-e ."
    unpinned = [line for line in lines[:-1] if "==" not in line]
    assert unpinned == [], "requirements.txt is the exact tested set: pin with =="


def test_pinned_set_satisfies_the_packages_loose_bounds():
    project = tomllib.loads(_text(ROOT / "pyproject.toml"))["project"]
    pins = _pins()
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        assert name in pins, f"{spec.name} is a dependency but not pinned in requirements.txt"
        assert spec.specifier.contains(pins[name]), f"{name}=={pins[name]} violates {spec}"


def test_conda_environment_reuses_requirements():
    text = _text(ROOT / "environment.yml")
    assert "-r requirements.txt" in text
    assert not re.search(r"^\s+- (tensorflow|keras|numpy)", text, re.MULTILINE), "one source of truth"


def test_readme_test_command_is_what_ci_runs():
    assert TEST_COMMAND in _text(README)
    assert TEST_COMMAND in _text(ROOT / ".ci" / "run")


def test_readme_has_two_setup_commands_for_each_system():
    section = _text(README).split("## Set up", 1)[1].split("\n## ", 1)[0]
    unix = _fences(section, "bash|sh")
    assert len(unix) == 2, "Set up: one command to learn, one to check"
    learn, check = unix
    assert check == TEST_COMMAND
    assert learn.startswith(TEST_COMMAND.rsplit(" && ", 1)[0] + " && ")
    # JupyterLab's root is the repository (README and data/ visible), and it opens the first notebook
    assert learn.endswith(f" && .venv/bin/jupyter lab --notebook-dir=. {FIRST_NOTEBOOK}")
    assert (ROOT / FIRST_NOTEBOOK).is_file()
    assert _fences(section, "bat") == [windows(learn), WINDOWS_TEST_COMMAND]


def test_korean_readme_has_the_same_setup_commands():
    english = _setup_commands(_text(README))
    assert len(english) == 4
    assert _setup_commands(_text(README_KO)) == english


def test_the_two_readmes_link_each_other_in_their_first_lines():
    assert "(README.ko.md)" in "\n".join(_text(README).splitlines()[:5])
    assert "(README.md)" in "\n".join(_text(README_KO).splitlines()[:5])


def test_readme_badges_point_at_the_course_repository():
    """After a fork changes helpers/course.py, the READMEs' badges must follow."""
    slug = course.repository_slug()
    actions = (f"[![tests](https://github.com/{slug}/actions/workflows/{WORKFLOW.name}/badge.svg)]"
               f"(https://github.com/{slug}/actions/workflows/{WORKFLOW.name})")
    for readme, lang in ((README, "en"), (README_KO, "ko")):
        text = _text(readme)
        wanted = [notebooks.badge_markdown(path.name, lang) for path in notebooks.course_notebooks()]
        missing = [badge for badge in [actions, *wanted] if badge not in text]
        assert missing == [], f"{readme.name}: write these badges (REPOSITORY is {course.REPOSITORY}):\n" + \
            "\n".join(missing)
        stray = [url for url in re.findall(r"https://(?:colab\.research\.google\.com/)?github(?:\.com)?/"
                                           r"([\w.-]+/[\w.-]+)/", text) if url != slug]
        assert stray == [], f"{readme.name} links another repository than {slug}: {stray}"


def test_documents_run_commands_with_the_environments_python():
    """A bare ``python`` is another interpreter, without the course's packages (or none at all)."""
    bare = re.compile(r"(?<![\w/\\.-])(?:python3?|py)(?:\s+-\d\.\d+)?\s+"  # python, python3, py -3.13
                      r"(?!-m venv\b)(?:-m\s|[\w./\\-]+\.py\b)")  # running a module or a script
    found = []
    for doc in (README, README_KO, ROOT / "CONTRIBUTING.md", ROOT / "data" / "README.md"):
        text = _text(doc)
        spans = _fences(text, r"[a-z]*") + re.findall(r"`([^`\n]+)`", text)
        found += [f"{doc.relative_to(ROOT).as_posix()}: {span}" for span in spans if bare.search(span)]
    assert found == [], "write .venv/bin/python (Windows: .venv\\Scripts\\python):\n" + "\n".join(found)


def _workflow() -> dict:
    workflow = yaml.safe_load(_text(WORKFLOW))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads a bare `on` as True
    return workflow


def _supported_pythons() -> tuple[str, str]:
    """Return the oldest and newest Python minor version the pinned set installs on."""
    requires = SpecifierSet(tomllib.loads(_text(ROOT / "pyproject.toml"))["project"]["requires-python"])
    if importlib.metadata.version("tensorflow") != _pins()["tensorflow"]:
        pytest.skip("the installed TensorFlow is not the pinned one")
    classifiers = importlib.metadata.metadata("tensorflow").get_all("Classifier") or []
    tensorflow = [c.rsplit(" :: ", 1)[1] for c in classifiers
                  if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    versions = sorted((v for v in tensorflow if requires.contains(f"{v}.99")),
                      key=lambda v: int(v.split(".")[1]))
    return versions[0], versions[-1]


def test_workflow_runs_the_readme_test_command_on_three_systems_and_two_pythons():
    workflow = _workflow()
    assert {"push", "pull_request"} <= set(workflow["on"])
    (job,) = workflow["jobs"].values()
    matrix = job["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    assert matrix["python"] == list(_supported_pythons()), "the oldest and newest Python the pins support"
    assert job["strategy"]["fail-fast"] is False, "one failing system must not hide the others"
    assert job["env"]["PY_PYTHON"] == "${{ matrix.python }}", "Windows' `py` must pick the matrix Python"
    steps = job["steps"]
    setup_python = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
    assert [s["with"]["python-version"] for s in setup_python] == ["${{ matrix.python }}"]
    runs = {(step.get("if"), step.get("shell")): step["run"].strip() for step in steps if "run" in step}
    assert runs.get(("runner.os != 'Windows'", "bash")) == TEST_COMMAND, \
        "macOS and Linux: a bash step runs the README's test command word for word"
    assert runs.get(("runner.os == 'Windows'", "pwsh")) == WINDOWS_TEST_COMMAND, \
        "Windows: a pwsh step runs the README's Windows test command word for word"
    assert "apt-get install -y -qq dataset-fashion-mnist" in runs.get(("runner.os == 'Linux'", None), ""), \
        "Linux: Debian's Fashion-MNIST package first, as .ci/run does"
    assert WINDOWS_TEST_COMMAND in _text(README)


def _repository_files() -> list[Path]:
    """Return the files git tracks or would track (untracked but not ignored) that exist."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                                cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: nothing tells which files belong to the repository")
    return [ROOT / name for name in listed.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


def test_nothing_refers_to_a_file_outside_the_repository():
    found = []
    for path in _repository_files():
        if path.relative_to(ROOT).as_posix() in MAY_NAME_CI_STAGING:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            found += [f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()[:120]}"
                      for reference in OUTSIDE_REFERENCES if reference in line]
    assert found == [], "the repository must stand alone (point to CONTRIBUTING.md instead):\n" + \
        "\n".join(found)


def test_nothing_a_notebook_writes_is_tracked():
    ignored = _text(ROOT / ".gitignore").splitlines()
    assert "work/" in ignored
    assert "data/*" in ignored
