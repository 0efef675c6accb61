"""What search engines read besides the pages: `robots.txt`, and the sitemap, with each
page's date taken from the content, so that an unchanged site gives an unchanged sitemap.

A page's date: an article's own (its update time, when it was corrected); a profile's, the
newest article about it; a list's, the newest article it shows. A page whose content
carries no date (the models index, a page written by hand) gets none, rather than the day
of the build, which would tell crawlers that everything changed at every rebuild.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from ..site.listings import Listing
from ..site.views import ArticleView, ModelView


def last_modified(view: ArticleView | ModelView | None, listing: Listing | None) -> date | None:
    if isinstance(view, ArticleView):
        return view.article.modified.date()
    if isinstance(view, ModelView):
        return max((a.article.modified.date() for a in view.backlinks), default=None)
    if listing is not None and listing.articles is not None:
        return max((a.article.modified.date() for a in listing.articles.items), default=None)
    return None


def robots_txt(site_url: str) -> str:
    """Every page may be crawled but the editor; the sitemap at its absolute address (a
    relative one is not allowed, so without `site_url` there is none)."""
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


SITEMAP_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def sitemap_xml(entries: Iterable[tuple[str, str | None]]) -> str:
    """The sitemap of the pages given as (address, day last changed or None), in order."""
    urls = "".join(
        f"    <url>\n         <loc>{html.escape(loc)}</loc>\n"
        f"         {f'<lastmod>{day}</lastmod>' if day else ''}\n    </url>\n"
        for loc, day in entries
    )
    return f"{SITEMAP_HEAD}{urls}</urlset>"
