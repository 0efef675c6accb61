"""RSS 2.0, RSS 1.0 and Atom feeds as the importer's items, read as feeds are in the wild.

feedparser reads what an XML parser refuses (a wrong or missing encoding, a stray `&`, an
unclosed tag) and gives every date in UTC; writing that by hand would take longer than this
whole importer. What it is handed is checked first: a size limit, and no DTD entities, so an
entity-expansion bomb is refused before any parser sees it.
"""

from __future__ import annotations

import calendar
import re
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

import feedparser

from .items import SourceItem

MAX_BYTES = 200 * 1024 * 1024
"""Larger than any feed or any text export of a district's archive (10,000 posts with their
HTML are about 60 MB); a larger file is refused before it is read."""
FETCH_TIMEOUT_SECONDS = 30
VIETNAM_OFFSET = timedelta(hours=7)
_EPOCH = datetime(1970, 1, 1)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_WORDPRESS_EXPORT = re.compile(rb"wordpress\.org/export/", re.IGNORECASE)


class FeedError(Exception):
    """Why a feed cannot be imported at all, in Vietnamese for the editor."""


def load(source: str) -> bytes:
    """The bytes of a feed, from a file or an http(s) address, refused if too large."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        return _fetch(source)
    path = Path(source)
    if not path.is_file():
        raise FeedError(f"Không tìm thấy tệp '{source}'.")
    if path.stat().st_size > MAX_BYTES:
        raise FeedError(f"Tệp '{source}' lớn hơn {MAX_BYTES // 1024 // 1024} MB; không nhập.")
    return path.read_bytes()


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "site-builder import"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(f"Không tải được '{url}': {reason}.") from error
    if len(data) > MAX_BYTES:
        raise FeedError(f"'{url}' lớn hơn {MAX_BYTES // 1024 // 1024} MB; không nhập.")
    return data


def refuse_entities(data: bytes) -> None:
    """An XML entity declaration is refused before any parser sees it: an export or a feed
    has no need of one, and "billion laughs" is made of them."""
    if _ENTITY_DECLARATION.search(data):
        raise FeedError(
            "Tệp khai báo thực thể XML (<!ENTITY ...>): có thể là tệp độc hại, không nhập."
        )


def read_feed(data: bytes) -> tuple[str, list[SourceItem]]:
    """The feed's title and its items; FeedError when the bytes are no feed to import."""
    if not data.strip():
        raise FeedError("Tệp trống: không có gì để nhập.")
    refuse_entities(data)
    if _WORDPRESS_EXPORT.search(data[:100_000]):
        raise FeedError(
            "Đây là tệp xuất WordPress (WXR), không phải nguồn tin RSS/Atom: hãy dùng "
            "'site-builder import wordpress'."
        )
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(
            "Không đọc được tệp như một nguồn tin RSS hoặc Atom (không phải XML, hoặc không "
            "có mục tin nào)."
        )
    items = [_item(entry) for entry in parsed.entries]
    return str(parsed.feed.get("title", "")), items


def _item(entry: feedparser.FeedParserDict) -> SourceItem:
    link = str(entry.get("link", ""))
    contents = entry.get("content") or []
    body = str(contents[0].get("value", "")) if contents else str(entry.get("summary", ""))
    summary = str(entry.get("summary", "")) if contents else ""
    terms = [str(tag.get("term", "")).strip() for tag in entry.get("tags", [])]
    return SourceItem(
        source_id=str(entry.get("id") or link),
        url=link,
        title_html=str(entry.get("title", "")),
        body_html=body,
        date=_vietnam_time(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=str(entry.get("author", "")),
        categories=tuple(term for term in terms if term),
        summary_html=summary,
    )


def _vietnam_time(moment: time.struct_time | None) -> datetime | None:
    """feedparser's UTC time as naive Vietnam time (a post at 20:00 UTC is the next day)."""
    if moment is None:
        return None
    return _EPOCH + timedelta(seconds=calendar.timegm(moment)) + VIETNAM_OFFSET
