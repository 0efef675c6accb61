"""Every URL format of the site, in one place.

URLs are relative to the site root, ASCII, and end with '/' (MkDocs directory URLs). A
template never builds a link by gluing strings: it asks for one of these.
"""

from __future__ import annotations

ARTICLES_SECTION = "tin-tuc/"
MODELS_SECTION = "mo-hinh/"


def article(slug: str) -> str:
    """An article lives at a flat, stable URL whatever folder its file is kept in."""
    return f"{ARTICLES_SECTION}{slug}/"


def model(slug: str) -> str:
    return f"{MODELS_SECTION}{slug}/"


def output_path(url: str) -> str:
    """The file in site/ that serves a directory URL."""
    return f"{url}index.html" if url.endswith("/") or not url else url
