"""A crawler over a built site/ folder: every internal href and src must resolve to a file."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (
                name in ("href", "src") or (tag == "link" and name == "href")
            ):
                self.targets.append(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.targets


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, href) for every internal link in `site` that points at no file."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        page_dir = page.parent.relative_to(site).as_posix()
        for href in links_of(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("#", "mailto:", "data:")):
                continue
            if not parts.path:
                continue
            path_part = unquote(parts.path)
            # Absolute paths (the 404 page uses them) start at the site root.
            base = "" if path_part.startswith("/") else page_dir
            target = posixpath.normpath(posixpath.join(base, path_part.lstrip("/")))
            if target.startswith(".."):
                broken.append((str(page.relative_to(site)), href))
                continue
            path = site / target
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append((str(page.relative_to(site)), href))
    return broken
