"""The core knows nothing of MkDocs: only the adapter may import it."""

from __future__ import annotations

import ast

from .conftest import REPO

ADAPTER = {"plugin.py", "config.py", "fragments.py"}
"""The MkDocs side: the plugin, its config, and the theme glue that renders shared partials."""
FORBIDDEN = ("mkdocs", "material", "jinja2", "markupsafe")


def test_core_modules_do_not_import_mkdocs() -> None:
    offenders = []
    for module in sorted((REPO / "site_builder").glob("*.py")):
        if module.name in ADAPTER:
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{module.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN
            ]
    assert offenders == []
