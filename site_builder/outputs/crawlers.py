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

from ..site.listings import Listing
from ..site.views import ArticleView, ModelView


class ModifiedDays:
    """The sitemap's day of each page, as ISO text (which sorts as the days do). An
    article's day is found once and looked up by its view's identity after: the listing
    pages show every article again and again (78,730 rows at 10,000 articles), and
    finding each row's day anew took 0.21 s of a build's 0.39 s of sitemap."""

    def __init__(self, articles: Iterable[ArticleView]) -> None:
        """`articles`: the views the listings and profiles show, kept alive by the caller
        for as long as this is asked (their identities are the keys)."""
        self._days = {id(view): _day(view) for view in articles}

    def of(self, view: ArticleView | ModelView | None, listing: Listing | None) -> str | None:
        """The day of the page of `view` (an article's or a profile's), or of `listing`."""
        if isinstance(view, ArticleView):
            return self._article_day(view)
        if isinstance(view, ModelView):
            return self._newest(view.backlinks)
        if listing is not None and listing.articles is not None:
            return self._newest(listing.articles.items)
        return None

    def _article_day(self, view: ArticleView) -> str:
        day = self._days.get(id(view))
        return _day(view) if day is None else day

    def _newest(self, views: Iterable[ArticleView]) -> str | None:
        return max(map(self._article_day, views), default=None)


def _day(view: ArticleView) -> str:
    return view.article.modified.date().isoformat()


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
