"""The locks: requirements.lock installs production only, and both locks pin with hashes.

A production install (`pip install --require-hashes -r requirements.lock`) must hold no test
tools; pip checks every file against its hash; and the locks agree with pyproject.toml, so that a
pin changed there and not relocked (`make locks`) fails here.
"""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"
TEST_TOOLS = {"pytest", "playwright", "ruff", "hypothesis", "pikepdf"}

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;]+)")


def normalize(name: str) -> str:
    """PEP 503: `Django`, `factory_boy` and `typing.extensions` as pip compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines(path: Path) -> list[str]:
    """The requirements of a lock, each with its `\\`-continued hash lines joined on."""
    entries, current = [], ""
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):  # pip-compile's and uv's `# via` annotations
            continue
        current = (current + " " + line.removesuffix("\\")).strip()
        if not line.endswith("\\"):
            entries.append(current)
            current = ""
    if current:
        entries.append(current)
    return entries


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line)
        assert match, f"not an exact pin: {line[:80]}"
        found[normalize(match["name"])] = match["version"]
    return found


def project_pins(group: str | None = None) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    specs = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return pins(specs)


@pytest.mark.parametrize("lock", [PRODUCTION_LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_requirement_has_a_hash(lock):
    lines = requirement_lines(lock)
    assert lines
    unhashed = [line.split()[0] for line in lines if "--hash=sha256:" not in line]
    assert unhashed == []


def test_the_production_lock_holds_no_test_tools():
    assert TEST_TOOLS & set(pins(requirement_lines(PRODUCTION_LOCK))) == set()


def test_the_production_lock_pins_every_dependency_as_pyproject_does():
    locked = pins(requirement_lines(PRODUCTION_LOCK))
    wanted = project_pins()
    assert wanted
    assert {name: locked.get(name) for name in wanted} == wanted


def test_the_test_lock_is_the_production_lock_plus_the_test_extra():
    production = pins(requirement_lines(PRODUCTION_LOCK))
    test = pins(requirement_lines(TEST_LOCK))
    # The same versions of everything production installs: the tests run what production runs.
    assert {name: test.get(name) for name in production} == production
    wanted = project_pins("test")
    assert {name: test.get(name) for name in wanted} == wanted
    assert set(test) >= TEST_TOOLS
