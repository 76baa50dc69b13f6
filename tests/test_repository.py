"""The repository's own promises: one source of truth for packages, README commands that CI runs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt "
    "&& .venv/bin/python -m pytest"
)


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_requirements_pin_every_package_and_install_the_course_last():
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1] == "-e ."
    unpinned = [line for line in lines[:-1] if "==" not in line]
    assert unpinned == [], "requirements.txt is the exact tested set: pin with =="


def test_pinned_set_satisfies_the_packages_loose_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins()
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        assert name in pins, f"{spec.name} is a dependency but not pinned in requirements.txt"
        assert spec.specifier.contains(pins[name]), f"{name}=={pins[name]} violates {spec}"


def test_conda_environment_reuses_requirements():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "-r requirements.txt" in text
    assert not re.search(r"^\s+- (tensorflow|keras|numpy)", text, re.MULTILINE), "one source of truth"


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in readme
    assert TEST_COMMAND in ci


def test_readme_has_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```(?:bash|sh)\n(.*?)```", section, re.DOTALL)
    assert len(commands) == 2
    assert "jupyter lab" in commands[0]
    assert commands[1].strip() == TEST_COMMAND


def test_nothing_a_notebook_writes_is_tracked():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "work/" in ignored
    assert "data/*" in ignored
