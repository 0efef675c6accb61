"""Where a file named in a page lives inside content/: one rule for covers, model photos
and photos in the text."""

from __future__ import annotations

import posixpath


def in_content(written: str, src_uri: str) -> str | None:
    """The path inside content/ of a file a page names as `written`: from content/ when it
    starts with "/", else from the page's own folder; None when it leads outside."""
    base = "" if written.startswith("/") else posixpath.dirname(src_uri)
    resolved = posixpath.normpath(posixpath.join(base, written.lstrip("/")))
    return None if resolved == ".." or resolved.startswith("../") else resolved
