"""RSS 2.0 feeds of the news: all articles, and one per category.

Built with the standard library's ElementTree, which escapes every value it writes, and
dates in RFC 822 with Vietnam's offset (+0700), as feed readers expect.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urljoin

from ..site import urls
from ..site.index import SiteIndex
from ..site.views import ArticleView
from ..text.vietnamese import VIETNAM_TZ, iso_datetime

FEED_LENGTH = 30
_DC = "http://purl.org/dc/elements/1.1/"
_ATOM = "http://www.w3.org/2005/Atom"
etree.register_namespace("dc", _DC)
etree.register_namespace("atom", _ATOM)


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    link: str
    """Site-relative URL of the page the feed follows."""
    feed: str
    """Site-relative URL of the feed itself."""


def rfc822(moment: datetime) -> str:
    """A naive Vietnam-time datetime as RFC 822: "Mon, 10 Feb 2020 08:30:00 +0700"."""
    return format_datetime(moment.replace(tzinfo=VIETNAM_TZ))


def rss(
    channel: Channel,
    articles: Sequence[ArticleView],
    site_url: str,
    enclosure_of: Callable[[str], Enclosure | None],
) -> bytes:
    """The newest `FEED_LENGTH` articles as RSS 2.0; `enclosure_of(src_uri)` gives the file
    published for a cover photo (its URL, size in bytes and type), or None."""
    root = etree.Element("rss", {"version": "2.0"})
    head = etree.SubElement(root, "channel")
    _text(head, "title", channel.title)
    _text(head, "link", urljoin(site_url, channel.link))
    _text(head, "description", channel.description)
    _text(head, "language", "vi")
    etree.SubElement(
        head,
        f"{{{_ATOM}}}link",
        {"href": urljoin(site_url, channel.feed), "rel": "self", "type": "application/rss+xml"},
    )
    newest = articles[:FEED_LENGTH]
    if newest:
        _text(head, "lastBuildDate", rfc822(newest[0].article.date))
    for view in newest:
        _item(head, view, site_url, enclosure_of)
    etree.indent(root)
    document: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _item(
    head: etree.Element,
    view: ArticleView,
    site_url: str,
    enclosure_of: Callable[[str], Enclosure | None],
) -> None:
    article = view.article
    item = etree.SubElement(head, "item")
    link = urljoin(site_url, view.url)
    _text(item, "title", article.title)
    _text(item, "link", link)
    etree.SubElement(item, "guid", {"isPermaLink": "true"}).text = link
    _text(item, "pubDate", rfc822(article.date))
    if article.updated is not None:
        # RSS has no update time; Atom's `updated` (ISO 8601) is read by feed readers.
        _text(item, f"{{{_ATOM}}}updated", iso_datetime(article.updated))
    _text(item, f"{{{_DC}}}creator", article.byline)
    if view.author is not None:
        # RSS has no author address; Atom's element carries it (feedparser reads it).
        author = etree.SubElement(item, f"{{{_ATOM}}}author")
        _text(author, f"{{{_ATOM}}}name", article.author)
        _text(author, f"{{{_ATOM}}}uri", urljoin(site_url, view.author.url))
    _text(item, "category", article.category.name)
    origin = article.origin
    # A reprint says where it is from, in its text (as the page ends) and as Dublin Core's
    # `source`: the original's address, else its name.
    summary = article.summary if origin is None else f"{article.summary} ({origin.line})"
    _text(item, "description", summary)
    if origin is not None:
        _text(item, f"{{{_DC}}}source", origin.url or origin.name)
    enclosure = enclosure_of(view.cover.url) if view.cover is not None else None
    if enclosure is not None:
        url, length, kind = enclosure
        attributes = {"url": urljoin(site_url, url), "length": str(length), "type": kind}
        etree.SubElement(item, "enclosure", attributes)


Enclosure = tuple[str, int, str]
"""A file attached to a feed item: its URL in the site, its size in bytes, its type."""


def _text(parent: etree.Element, tag: str, text: str) -> None:
    etree.SubElement(parent, tag).text = text


def site_feeds(index: SiteIndex, site_name: str) -> list[tuple[Channel, tuple[ArticleView, ...]]]:
    """Every feed of the site with its articles: all news, then one per category."""
    channels = [
        (
            Channel(
                f"Tin tức – {site_name}",
                f"Tin tức mới của {site_name}",
                urls.NEWS,
                urls.news_feed(),
            ),
            index.articles,
        )
    ]
    for entry in index.taxonomies["categories"].terms:
        channel = Channel(
            f"{entry.title} – {site_name}",
            f"Tin {entry.name} của {site_name}",
            entry.url,
            urls.category_feed(entry.slug),
        )
        channels.append((channel, entry.articles))
    return channels
