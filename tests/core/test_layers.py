"""The direction of dependencies: core <- governance <- procurement <- programme <- finance <-
demo."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ORDER = ["core", "governance", "procurement", "programme", "finance", "demo"]


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & {*ORDER, "config"}


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_only_from_its_left(app):
    allowed = set(ORDER[: ORDER.index(app) + 1])
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) - allowed)
        for path in (ROOT / app).rglob("*.py")
        if _imported_apps(path) - allowed
    }
    assert wrong == {}
