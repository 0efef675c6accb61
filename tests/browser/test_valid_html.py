"""Every page type of the built fixture site through the Nu HTML Checker (vnu.jar).

The checker is a third-party tool: `make checkers` installs the pinned `vnu-jar` with npm
into `.cache/tools/` (`.ci/run` does it, and installs Java where it is missing). Without
Java or the checker this test skips on a developer's machine and fails when CI=true.

The only errors allowed are Material's two, which sit in its `base.html` and `toc.html`
outside any block (README, "What readers get"): `autocomplete` on its drawer and search
checkboxes, and `label for="__toc"` on pages outside the navigation.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..conftest import REPO
from .conftest import _unavailable

VNU_JAR = Path(
    os.environ.get("VNU_JAR", REPO / ".cache/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)


def is_materials(message: dict[str, Any]) -> bool:
    """One of the two errors of Material's own markup that overrides cannot reach."""
    extract = message.get("extract", "")
    text = message.get("message", "")
    toggle = "autocomplete" in text and 'class="md-toggle"' in extract
    toc_label = text.startswith("The value of the “for” attribute") and 'for="__toc"' in extract
    return toggle or toc_label


def checked_pages(site: Path) -> list[Path]:
    """Every HTML page of the site: the editor's sign-in page and the redirect pages of old
    addresses (the fixture has one) included."""
    return sorted(site.rglob("*.html"))


def test_no_page_has_an_html_error_of_ours(built_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        _unavailable("Java is not installed (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        _unavailable(f"{VNU_JAR} is missing (make checkers)")
    pages = checked_pages(built_site)
    kinds = {"tin-tuc", "mo-hinh", "xa", "thong-ke", "dia-gioi-hanh-chinh", "404.html", "admin"}
    assert kinds <= {path.relative_to(built_site).parts[0] for path in pages}
    assert built_site / "tin-tuc/cai-cach-hanh-chinh-cong-an/index.html" in pages  # a redirect
    result = subprocess.run(
        [str(java), "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    ours = [
        f"{m.get('url', '').rpartition(str(built_site))[2]}:{m.get('lastLine')}: "
        f"{m['message']} {m.get('extract', '')}"
        for m in messages
        if m["type"] in {"error", "non-document-error"} and not is_materials(m)
    ]
    assert ours == []
