"""A WordPress export (WXR: RSS 2.0 with WordPress's own elements) as the importer's items.

The standard library's XML parser reads it: WXR is well-formed XML written by WordPress
itself, so a tolerant feed parser is not needed, and ElementTree gives the `wp:` elements
(status, slug, type, GMT date, authors' display names) that feed readers drop. A DTD with
entity declarations is refused before parsing (`feeds.refuse_entities`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import datetime

from .feeds import VIETNAM_OFFSET, FeedError, refuse_entities
from .items import ItemStatus, SourceItem

_NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_DRAFT_STATUSES = {"draft", "pending", "private", "auto-draft", "inherit"}
_NO_DATE = "0000-00-00 00:00:00"


def read_export(data: bytes) -> tuple[str, list[SourceItem], int]:
    """The site's title, its posts (and pages), and how many other entries (attachments,
    menu items) were passed over; FeedError when the bytes are no WordPress export."""
    if not data.strip():
        raise FeedError("Tệp trống: không có gì để nhập.")
    refuse_entities(data)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise FeedError(f"Tệp không phải XML hợp lệ ({error}); không nhập.") from error
    channel = root.find("channel")
    namespace = _wordpress_namespace(root)
    if root.tag != "rss" or channel is None or namespace is None:
        raise FeedError(
            "Đây không phải tệp xuất WordPress (WXR). Nếu là nguồn tin RSS/Atom, hãy dùng "
            "'site-builder import feed'."
        )
    ns = {**_NS, "wp": namespace}
    authors = {
        _text(author, "wp:author_login", ns): _text(author, "wp:author_display_name", ns)
        for author in channel.findall("wp:author", ns)
    }
    items, other = [], 0
    for element in channel.findall("item"):
        kind = _text(element, "wp:post_type", ns) or "post"
        if kind not in ("post", "page"):
            other += 1
            continue
        items.append(_item(element, ns, authors, is_page=kind == "page"))
    return _text(channel, "title", ns), items, other


def _wordpress_namespace(root: ElementTree.Element) -> str | None:
    """WXR's `wp:` namespace (its version differs between WordPress releases)."""
    for element in root.iter():
        if element.tag.startswith("{http://wordpress.org/export/") and "excerpt" not in element.tag:
            return element.tag[1:].split("}", 1)[0]
    return None


def _text(element: ElementTree.Element, path: str, ns: dict[str, str]) -> str:
    found = element.find(path, ns)
    return (found.text or "").strip() if found is not None else ""


def _item(
    element: ElementTree.Element, ns: dict[str, str], authors: dict[str, str], *, is_page: bool
) -> SourceItem:
    login = _text(element, "dc:creator", ns)
    categories: list[str] = []
    tags: list[str] = []
    for term in element.findall("category"):
        name = (term.text or "").strip()
        if name:
            (tags if term.get("domain") == "post_tag" else categories).append(name)
    return SourceItem(
        source_id=_text(element, "guid", ns) or _text(element, "wp:post_id", ns),
        url=_text(element, "link", ns),
        title_html=_text(element, "title", ns),
        body_html=_text(element, "content:encoded", ns),
        date=_date(element, ns),
        author=authors.get(login, login),
        categories=tuple(categories),
        tags=tuple(tags),
        summary_html=_text(element, "excerpt:encoded", ns),
        slug=_text(element, "wp:post_name", ns),
        status=_status(element, ns),
        is_page=is_page,
    )


def _status(element: ElementTree.Element, ns: dict[str, str]) -> ItemStatus:
    status = _text(element, "wp:status", ns)
    if status == "trash":
        return ItemStatus.TRASH
    if status in _DRAFT_STATUSES or _text(element, "wp:post_password", ns):
        return ItemStatus.DRAFT
    return ItemStatus.PUBLISHED  # publish, and future: kept with its date (scheduled here too)


def _date(element: ElementTree.Element, ns: dict[str, str]) -> datetime | None:
    """The post's time in Vietnam: from its GMT date; a draft has none, then its local date
    (the site's own time zone, taken to be Vietnam's)."""
    gmt = _text(element, "wp:post_date_gmt", ns)
    if gmt and gmt != _NO_DATE:
        parsed = _parse(gmt)
        return parsed + VIETNAM_OFFSET if parsed else None
    local = _text(element, "wp:post_date", ns)
    return _parse(local) if local and local != _NO_DATE else None


def _parse(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
