"""The layers never point the wrong way (docs/ARCHITECTURE.md, "Layers").

forkant's core imports no domain app; handleplan imports neither apv nor metoder; apv may use
handleplan but not metoder. Only the composition root (the `composition` app: the project's
urls, the dashboard, the organisation overview, the demo; and management commands) gathers from
all of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = {"handleplan", "apv", "metoder"}
# The composition root (the project's URLs, the front page, the organisation overview, the demo)
# gathers from every app, so it is not checked; no app may import it.
COMPOSITION_ROOT = "composition"
FORBIDDEN = {
    "forkant": DOMAIN | {COMPOSITION_ROOT},
    "handleplan": {"apv", "metoder", COMPOSITION_ROOT},
    "apv": {"metoder", COMPOSITION_ROOT},
    "metoder": {COMPOSITION_ROOT},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules(app: str) -> list[Path]:
    return [
        p
        for p in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in p.parts and "management" not in p.parts
    ]


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_no_module_imports_a_layer_above_its_own(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in modules(app)
        if imported_apps(path) & FORBIDDEN[app]
    }
    assert offenders == {}


def test_only_the_composition_root_is_exempt():
    assert COMPOSITION_ROOT not in FORBIDDEN
    assert (ROOT / COMPOSITION_ROOT / "urls.py").exists()
    checked = modules("forkant")  # every core module, its views and urls included
    assert {ROOT / "forkant" / "urls.py", ROOT / "forkant" / "views" / "members.py"} <= set(checked)


def test_the_check_sees_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from apv.models import Problem\nimport handleplan.services\n")
    assert imported_apps(bad) & FORBIDDEN["forkant"] == {"apv", "handleplan"}
