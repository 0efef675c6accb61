"""The page published at an old address: it sends the reader on to the page's new address.

A static host cannot answer with a 301, so the page does what a static site can: a
`<meta http-equiv="refresh">` (followed by browsers and by Google, which treats an
immediate one as a permanent redirect), a canonical link to the new address, `noindex`,
and a plain link for anything that follows neither. Every value is escaped.
"""

from __future__ import annotations

import html
import posixpath
from urllib.parse import urljoin

from ..site import urls
from ..site.addresses import Redirect


def redirect_page(redirect: Redirect, site_url: str, site_name: str) -> str:
    """The HTML of one redirect. Without a site address, the target is written relative
    to the old address, so the redirect works wherever the site is served."""
    target = _target(redirect, site_url)
    address = html.escape(target)
    title = html.escape(redirect.title)
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Trang đã chuyển: {title} – {html.escape(site_name)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <link rel="canonical" href="{address}">
  <meta http-equiv="refresh" content="0; url={address}">
</head>
<body>
  <p>Trang này đã chuyển sang địa chỉ mới: <a href="{address}">{title}</a>.</p>
</body>
</html>
"""


def _target(redirect: Redirect, site_url: str) -> str:
    if site_url:
        return urljoin(site_url, redirect.target)
    here = posixpath.dirname(urls.redirect_file(redirect.address))
    relative = posixpath.relpath(redirect.target or ".", here or ".")
    return "./" if relative == "." else relative.rstrip("/") + "/"
