"""Which of this site's words an imported item gets: its category, tags, communes and byline.

In this order: the editor's map (`--map`), then a source word that names an entry of our
lists, then the fallback category with the source's words kept as tags (noted). A commune is
written only when it existed on the item's date: from the map, or named in the text with its
kind ("xã Dực Yên"); a bare name in the text is only suggested in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..content.data import SiteData, Vocabulary
from ..content.lifespans import Period
from ..text.vietnamese import nfc, slugify
from .items import Note, SourceItem
from .mapping import ImportMap


@dataclass(frozen=True)
class Words:
    category: str
    tags: tuple[str, ...]
    communes: tuple[str, ...]
    author: str


def classify(
    item: SourceItem,
    date: datetime,
    body: str,
    data: SiteData,
    mapping: ImportMap,
    fallback: str,
    notes: list[Note],
) -> Words:
    categories = data.vocabularies["categories"]
    communes = data.vocabularies["communes"]
    category: str | None = None
    tags: list[str] = []
    places: list[str] = []
    unmapped: list[str] = []
    for name in item.categories:
        key = slugify(name)
        if key in mapping.communes:
            places.append(mapping.communes[key])
        elif key in mapping.tags:
            tags.append(mapping.tags[key])
        elif ours := mapping.categories.get(key) or _name_in(categories, name):
            if category is None:
                category = ours
            else:
                tags.append(ours)  # a second category of ours: kept as a word
        else:
            unmapped.append(nfc(name))
    for name in item.tags:
        key = slugify(name)
        if key in mapping.communes:
            places.append(mapping.communes[key])
        else:
            tags.append(mapping.tags.get(key, nfc(name)))
    if category is None and unmapped:
        notes.append(
            Note(
                "IM107",
                "Chuyên mục nguồn không khớp chuyên mục nào của trang: "
                + ", ".join(unmapped)
                + f"; dùng '{fallback}', giữ tên cũ làm từ khóa.",
                item.url,
            )
        )
    day = date.date()
    written = _valid_on(places, communes, day, item, notes)
    written += _named_in_text(body, communes, day, written, item, notes)
    author = nfc(item.author.strip())
    return Words(
        category=category or fallback,
        tags=tuple(dict.fromkeys([*unmapped, *tags])),
        communes=tuple(dict.fromkeys(written)),
        author=mapping.authors.get(slugify(author), author) if author else "",
    )


def _name_in(vocabulary: Vocabulary, name: str) -> str | None:
    term = vocabulary.find(name)
    return term.name if term else None


def _valid_on(
    names: list[str], communes: Vocabulary, day: date, item: SourceItem, notes: list[Note]
) -> list[str]:
    """The mapped communes that existed on the item's day; the others are noted."""
    kept = []
    for name in names:
        term, code = communes.lineage.resolve(communes.candidates(name), Period(day, day))
        if code is None:
            kept.append(name)
        else:
            notes.append(
                Note(
                    "IM113",
                    f"'{term.name}' không tồn tại vào ngày {day:%d/%m/%Y} của bài; không ghi "
                    "vào 'communes:'.",
                    item.url,
                )
            )
    return kept


def _named_in_text(
    body: str,
    communes: Vocabulary,
    day: date,
    written: list[str],
    item: SourceItem,
    notes: list[Note],
) -> list[str]:
    """Units of that day named in the text: written when named with their kind ("xã Dực
    Yên"), suggested when named bare ("Dực Yên"), which may mean a village or a person."""
    text = nfc(body).lower()
    found, suggested = [], []
    for term in communes.lineage.alive_terms(communes.terms, day):
        if term.name in written:
            continue
        kind = str(term.attributes.get("type", ""))
        name = term.name.lower()
        full = name if name.startswith(kind.lower()) else f"{kind.lower()} {name}"
        if _mentions(text, full):
            found.append(term.name)
        elif _mentions(text, name):
            suggested.append(term.name)
    if suggested:
        notes.append(
            Note(
                "IM114",
                "Bài nhắc tới " + ", ".join(suggested) + ": nếu bài nói về xã, thị trấn này, "
                "thêm vào 'communes:'.",
                item.url,
            )
        )
    return found


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None
