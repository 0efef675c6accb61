"""What the site's search knows of each article, sized so that it does not grow with the
archive's text.

Material indexes the full text of every page: about 7 MB per 1,000 articles, which every
reader would download. Here the newest articles keep their full text (Material indexes
those pages itself); every older article is one short entry made from its front matter:
title, tags, category, communes, a summary cut to a sentence, and its headings.
Readers still find any article by its title, place, subject or summary, with or without
diacritics (the folding happens in the browser, over whatever the entries hold).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..site.index import SiteIndex
from ..site.views import ArticleView, TermEntry
from ..text.vietnamese import format_short_date

FULL_TEXT_ARTICLES = 100
"""How many of the newest articles are searchable by their whole text."""
SUMMARY_CHARACTERS = 120
"""Longest summary kept in an archive entry; cut at a word boundary."""

_HEADING = re.compile(r"\n#{2,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
"""A Markdown heading of level 2 to 6, found after a line break (see `markdown_headings`)."""


@dataclass(frozen=True)
class SearchPlan:
    """Which pages Material indexes in full, and the short entries for all the others."""

    full_text: frozenset[str]
    entries: tuple[dict[str, Any], ...]


def plan_search(
    index: SiteIndex, bodies: Mapping[str, str], full_text_articles: int = FULL_TEXT_ARTICLES
) -> SearchPlan:
    """Split the articles (newest first in `index`) into full-text ones and short entries.

    `bodies` maps an article's source path to its Markdown body, for its headings.
    """
    older = index.articles[full_text_articles:]
    return SearchPlan(
        full_text=full_text_sources(index, full_text_articles),
        entries=(
            *(archive_entry(view, bodies.get(view.article.src_uri, "")) for view in older),
            *(unit_entry(entry) for entry in _units(index)),
        ),
    )


def full_text_sources(
    index: SiteIndex, full_text_articles: int = FULL_TEXT_ARTICLES
) -> frozenset[str]:
    """The source paths of the articles Material indexes in full: the newest."""
    return frozenset(view.article.src_uri for view in index.articles[:full_text_articles])


def _units(index: SiteIndex) -> Iterable[TermEntry]:
    return (
        entry
        for taxonomy in index.taxonomies.values()
        for entry in taxonomy.terms
        if entry.history is not None
    )


def unit_entry(entry: TermEntry) -> dict[str, Any]:
    """A commune or a body that began or ended, found by its own name and by the names of
    the units it was formed from and became: a reader looking for "Dực Yên" today finds
    the xã Quảng Tân it is part of, and the old unit's page."""
    history = entry.history
    assert history is not None
    parts = [f"{entry.title}."]
    if history.formed:
        how = "nhập thêm" if history.merged_in else "thành lập từ"
        parts.append(
            f"Ngày {history.formed.day} {how}: "
            + ", ".join(link.title for link in history.formed.before)
            + "."
        )
    if history.ancestors:
        parts.append("Trước đây: " + ", ".join(link.title for link in history.ancestors) + ".")
    if history.became:
        parts.append(
            f"Từ ngày {history.became.day} thuộc: "
            + ", ".join(link.title for link in history.became.after)
            + "."
        )
    return {
        "location": entry.url,
        "title": _escape(entry.title),
        "text": " ".join(_paragraph(part) for part in parts),
    }


def archive_entry(view: ArticleView, body: str) -> dict[str, Any]:
    """One search document in Material's format (location, title, text, tags)."""
    article = view.article
    places = ", ".join(link.title for link in view.communes)
    headings = " · ".join(match.strip() for match in markdown_headings(body))
    parts = [
        cut(article.summary, SUMMARY_CHARACTERS),
        f"{view.category.title} · {format_short_date(article.date)}"
        + (f" · {places}" if places else ""),
        headings,
    ]
    entry: dict[str, Any] = {
        "location": view.url,
        "title": _escape(article.title),
        "text": " ".join(_paragraph(part) for part in parts if part),
    }
    if article.tags:
        entry["tags"] = list(article.tags)
    return entry


def markdown_headings(body: str) -> list[str]:
    """The text of each heading of level 2 to 6 in a Markdown body. Each line that starts
    one is found as a line break and hashes (the body given a line break first): Python's
    engine looks for a pattern's literal start at C speed, where `^` in multi-line mode is
    tried at every character. At 10,000 articles, 0.05-0.06 s against 0.23-0.29 s."""
    return _HEADING.findall("\n" + body)


def cut(text: str, limit: int) -> str:
    """`text` up to `limit` characters, ending on a whole word."""
    if len(text) <= limit:
        return text
    shortened = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return shortened + "…"


def _paragraph(text: str) -> str:
    """Text as Material's index holds it: paragraphs of escaped text."""
    return f"<p>{_escape(text)}</p>"


def _escape(text: str) -> str:
    """Material's search shows titles and texts as HTML; front matter is plain text, so what
    HTML would read as markup is escaped (as Material does for the pages it indexes)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def merge_into(material_index: dict[str, Any], plan: SearchPlan) -> dict[str, Any]:
    """Material's index with the archive entries added (its own config kept)."""
    docs = [doc for doc in material_index.get("docs", []) if isinstance(doc, dict)]
    return {**material_index, "docs": [*docs, *plan.entries]}
