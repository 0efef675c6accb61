"""The layers of `site_builder`, as rules: which package may import which.

A layer imports only itself and the layers below it; only the MkDocs adapter imports MkDocs
or its template engine; no module imports itself back through others, type-only imports
included. The rules are read from the code's own import statements.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "site_builder"
LAYERS = ("text", "content", "media", "site", "outputs", "importing", "mkdocs_adapter", "")
"""Bottom to top. "" is the package's top level: the command line (cli, new_content)."""
GENERATOR_PACKAGES = frozenset({"mkdocs", "material", "jinja2", "markupsafe"})
ADAPTER = "mkdocs_adapter"


def _modules() -> dict[str, Path]:
    """Every module by its dotted name inside the package: "site.index", "cli"."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _layer(module: str) -> str:
    head = module.partition(".")[0]
    return head if head in LAYERS else ""


def _imports(module: str, path: Path) -> Iterator[tuple[str, bool]]:
    """(imported name, is it ours) for each import: ours as dotted names inside the package,
    others as their top-level distribution name."""
    is_package = path.name == "__init__.py"
    package_parts = module.split(".") if is_package else module.split(".")[:-1]
    if module == "":
        package_parts = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("site_builder"):
                    yield alias.name.removeprefix("site_builder").lstrip("."), True
                else:
                    yield alias.name.split(".")[0], False
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                name = node.module or ""
                if name.startswith("site_builder"):
                    base = name.removeprefix("site_builder").lstrip(".")
                    yield from ((_join(base, alias.name), True) for alias in node.names)
                else:
                    yield name.split(".")[0], False
                continue
            base_parts = package_parts[: len(package_parts) - (node.level - 1)]
            base = ".".join([*base_parts, *(node.module or "").split(".")]).strip(".")
            yield from ((_join(base, alias.name), True) for alias in node.names)


def _join(base: str, name: str) -> str:
    """`from base import name`: the module `base.name` when there is one, else `base`."""
    candidate = f"{base}.{name}" if base else name
    return candidate if candidate in _MODULES else base


_MODULES = _modules()


def _graph() -> dict[str, set[str]]:
    return {
        module: {name for name, ours in _imports(module, path) if ours and name != module}
        for module, path in _MODULES.items()
    }


def test_every_module_sits_in_a_layer() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert packages == set(LAYERS) - {""}


def test_a_layer_imports_only_itself_and_the_layers_below() -> None:
    offenders = []
    for module, imported in _graph().items():
        rank = LAYERS.index(_layer(module))
        for name in imported:
            if LAYERS.index(_layer(name)) > rank:
                offenders.append(f"{module} -> {name}")
    assert offenders == []


def test_only_the_adapter_imports_the_generator() -> None:
    offenders = [
        f"{module}: {name}"
        for module, path in _MODULES.items()
        for name, ours in _imports(module, path)
        if not ours and name in GENERATOR_PACKAGES and _layer(module) != ADAPTER
    ]
    assert offenders == []


def test_no_import_cycle_type_only_imports_included() -> None:
    graph = _graph()
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph.get(module, ())):
            if state.get(name) == 1:
                cycles.append(" -> ".join([*path[path.index(name) :], name]))
            elif name not in state:
                visit(name, [*path, name])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_rules_see_what_they_check() -> None:
    """The import reader finds the imports the rules are about (so that the tests above
    cannot pass by reading nothing)."""
    graph = _graph()
    assert "content.loader" in graph["site.index"]
    assert "text.vietnamese" in graph["content.loader"]
    assert "site.taxonomies" in graph["cli"]
    adapter = {
        name
        for name, ours in _imports("mkdocs_adapter.plugin", _MODULES["mkdocs_adapter.plugin"])
        if not ours
    }
    assert "mkdocs" in adapter
