"""Where a file named in a page lives inside content/: one rule for covers, model photos
and photos in the text; and which addresses of other sites a page may link to."""

from __future__ import annotations

import posixpath
import re

_WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)


def is_web_address(text: str) -> bool:
    """Whether `text` is an http or https address, the only kind of address from content
    that a page links to (never `javascript:` or `data:`)."""
    return bool(_WEB_ADDRESS.match(text))


def in_content(written: str, src_uri: str) -> str | None:
    """The path inside content/ of a file a page names as `written`: from content/ when it
    starts with "/", else from the page's own folder; None when it leads outside."""
    base = "" if written.startswith("/") else posixpath.dirname(src_uri)
    resolved = posixpath.normpath(posixpath.join(base, written.lstrip("/")))
    return None if resolved == ".." or resolved.startswith("../") else resolved
