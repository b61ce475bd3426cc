"""The layers never point the wrong way, and the code keeps the shape docs/ARCHITECTURE.md draws.

From the bottom up: the core `forkant` (accounts, organisations, members, screens, access, lib),
then `handleplan` (the board), then `apv` (which may use the board), then `metoder` (which may
use both). Only the composition root, the `composition` package, gathers from all of them; no
app imports it. A lower layer learns of a higher one only through what the higher one registers
in its `AppConfig.ready()` (annotations, nav entries, member columns,
account panels).

Checked here, on every Python module outside migrations and tests (imports inside functions
included) and on every template:
- no import of a higher layer, and no import cycle between project modules;
- no template includes or extends a higher layer's template, or names a higher layer's URL;
- no module is longer than 800 lines.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import get_template
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[1]
# Each package's layer; a module may import its own layer and those below it.
LAYER = {"forkant": 0, "handleplan": 1, "apv": 2, "metoder": 3, "composition": 4}
PROJECT_TEMPLATES = ROOT / "templates"  # the base layout and shared partials: the core's
MAX_LINES = 800


def python_modules() -> list[Path]:
    return [
        path
        for package in LAYER
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> Iterator[str]:
    """Every absolute module name the file imports, at any depth (inside functions too); for
    `from a.b import c`, both `a.b.c` (when c is a module) and `a.b` are candidates."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path.relative_to(ROOT)}: use absolute imports")
            if node.module:
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
                yield node.module


def layer_of(name: str) -> int | None:
    return LAYER.get(name.split(".")[0])


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in python_modules()}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {known(imported) for imported in imported_names(path)}
        graph[name] = {t for t in targets if t and t != name and not name.startswith(f"{t}.")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# Python ---------------------------------------------------------------------------------------


def wrong_way_imports(path: Path) -> list[str]:
    own = layer_of(module_name(path))
    assert own is not None
    return sorted(
        {
            imported
            for imported in imported_names(path)
            if (layer := layer_of(imported)) is not None and layer > own
        }
    )


def test_no_module_imports_a_layer_above_its_own():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in python_modules()
        if (found := wrong_way_imports(path))
    }
    assert offenders == {}


def test_nothing_imports_the_composition_root():
    graph = import_graph()
    offenders = {
        module: sorted(t for t in targets if t.startswith("composition"))
        for module, targets in graph.items()
        if not module.startswith("composition")
        and any(t.startswith("composition") for t in targets)
    }
    assert offenders == {}


def test_there_is_no_import_cycle_between_project_modules():
    assert cycles(import_graph()) == []


def test_no_module_is_longer_than_800_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in python_modules()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_checks_see_a_wrong_import_an_import_in_a_function_and_a_cycle(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from apv.models import Problem\n"
        "def f():\n"
        "    import metoder.year.services\n"
        "    from composition import overview\n"
    )
    names = set(imported_names(bad))
    assert {"apv.models", "metoder.year.services", "composition"} <= names
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    bad.write_text("def g(request):\n    return redirect('board', amg_id=1)\n")
    assert named_urls(bad) == {"board"}
    assert cycles({"a": {"b"}, "b": set()}) == []


URL_FUNCTIONS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}


def named_urls(path: Path) -> set[str]:
    """URL names a module passes as a string to reverse(), redirect() and the like."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Call) and node.args:
            function = node.func
            called = getattr(function, "id", None) or getattr(function, "attr", None)
            first = node.args[0]
            if (
                called in URL_FUNCTIONS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and "/" not in first.value
            ):
                names.add(first.value)
    return names


def test_no_module_names_a_url_of_a_layer_above_its_own():
    urls = url_layers()
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in python_modules()
        if (
            found := sorted(
                name
                for name in named_urls(path)
                if urls.get(name, 0) > layer_of(module_name(path))  # type: ignore[operator]
            )
        )
    }
    assert offenders == {}


# Templates ------------------------------------------------------------------------------------

TAG = re.compile(r"{%\s*(include|extends)\s+[\"']([^\"']+)[\"']")
URL_TAG = re.compile(r"{%\s*url\s+[\"']([^\"']+)[\"']")


def template_files() -> list[Path]:
    folders = [PROJECT_TEMPLATES, *(ROOT / p for p in LAYER)]
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".txt"}
        and "templates" in path.relative_to(ROOT).parts
    )


def template_layer(path: Path) -> int:
    if path.is_relative_to(PROJECT_TEMPLATES):
        return LAYER["forkant"]
    layer = layer_of(path.relative_to(ROOT).parts[0])
    assert layer is not None, path
    return layer


def url_layers() -> dict[str, int]:
    """Each URL name with the layer of the module its view lives in."""
    found: dict[str, int] = {}

    def walk(patterns: list) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                callback = pattern.callback
                module = getattr(callback, "view_class", callback).__module__
                if (layer := layer_of(module)) is not None:
                    found[pattern.name] = layer

    walk(get_resolver().url_patterns)
    return found


def template_offences(text: str, own: int, urls: dict[str, int]) -> list[str]:
    offences = []
    for tag, name in TAG.findall(text):
        origin = Path(get_template(name).origin.name)
        if template_layer(origin) > own:
            offences.append(f"{tag} {name}")
    for name in URL_TAG.findall(text):
        if urls.get(name, 0) > own:
            offences.append(f"url {name}")
    return offences


def test_no_template_includes_extends_or_links_a_higher_layers():
    assert engines.all()  # the template engines are configured (test settings)
    urls = url_layers()
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in template_files()
        if (found := template_offences(path.read_text(), template_layer(path), urls))
    }
    assert offenders == {}


def test_the_template_check_sees_a_wrong_include_and_a_wrong_link():
    text = "{% include \"metoder/year/_legend.html\" %}{% url 'year_wheel' 1 %}"
    assert template_offences(text, LAYER["forkant"], url_layers()) == [
        "include metoder/year/_legend.html",
        "url year_wheel",
    ]
    assert template_offences(text, LAYER["metoder"], url_layers()) == []


@pytest.mark.parametrize("package", sorted(LAYER))
def test_every_package_is_in_a_layer(package):
    assert (ROOT / package / "__init__.py").exists()
