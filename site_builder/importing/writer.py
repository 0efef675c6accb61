"""Items as article files of this site: where each goes, what its front matter says, and
whether a second run may touch it.

A file written by the importer records the source's address and identifier, and a hash of
what the importer wrote (`source_hash`). A re-run finds the file by its identifier: the same
text is left as it is, a changed source rewrites it, and a file whose text no longer matches
its hash was edited by hand since and is left alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..content.data import SiteData
from ..content.frontmatter import yaml_string
from ..content.loader import Layout
from ..content.paths import is_web_address
from ..text.vietnamese import nfc, parse_date, slugify
from .classify import classify
from .html_to_markdown import convert, plain_text
from .images import ImageFetcher
from .items import ImportReport, ImportSetupError, ItemStatus, Note, SourceItem
from .mapping import ImportMap

TITLE_WORDS = 12
"""An item without a title is named by the first words of its text."""
_SOURCE_ID = re.compile(r"^source_id:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_DATE = re.compile(r"^date:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_SOURCE_HASH_LINE = re.compile(r"^source_hash:[^\n]*\n", re.MULTILINE)


@dataclass(frozen=True)
class ImportOptions:
    """What the editor chose for the run (see `site-builder import --help`)."""

    category: str
    author: str
    dry_run: bool = False
    pages: bool = False
    """Import WordPress pages too (by default they are listed and skipped)."""
    mapping: ImportMap = field(default_factory=ImportMap)
    """The editor's map from the source's words to ours (`--map`)."""
    fetch_images: bool = False
    """Download the images the items use into content/anh/nhap/ (`--fetch-images`)."""
    source_name: str = ""
    """Where the items first appeared, written as each article's `source:` (its source
    line); empty: none (`--source-name ""`, the center's own archive)."""


def import_items(
    items: Iterable[SourceItem],
    layout: Layout,
    data: SiteData,
    options: ImportOptions,
    now: datetime,
    reserved: frozenset[str] = frozenset(),
) -> ImportReport:
    """Write (or, in a dry run, plan) one article per item; every change is in the report."""
    fallback = data.vocabularies["categories"].find(options.category)
    if fallback is None:
        names = "; ".join(data.vocabularies["categories"].names())
        raise ImportSetupError(
            f"Chuyên mục '{options.category}' không có trong categories.yml. Chọn một trong: "
            f"{names}."
        )
    run = _Run(layout, data, options, now, fallback.name)
    run.taken |= reserved
    for item in items:
        run.add(item)
    return run.report


def _existing(articles: Path) -> tuple[dict[str, Path], set[str]]:
    """Files already imported, by source identifier, and every slug in use."""
    imported: dict[str, Path] = {}
    taken: set[str] = set()
    for path in sorted(articles.rglob("*.md")) if articles.is_dir() else ():
        taken.add(path.stem)
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _SOURCE_ID.search(text.split("\n---", 1)[0])
        if match:
            imported.setdefault(_unquote(match.group(1)), path)
    return imported, taken


def _unquote(value: str) -> str:
    try:
        loaded = json.loads(value)
    except ValueError:
        return value.strip("'\"")
    return str(loaded)


class _Run:
    """One import: what is already there, and the report filled item by item."""

    def __init__(
        self, layout: Layout, data: SiteData, options: ImportOptions, now: datetime, fallback: str
    ) -> None:
        self.layout, self.data, self.options, self.now = layout, data, options, now
        self.fallback = fallback
        self.articles = layout.content_root / layout.articles_dir
        self.imported, self.taken = _existing(self.articles)
        self.report = ImportReport()
        self.images = (
            ImageFetcher(layout.content_root, dry_run=options.dry_run)
            if options.fetch_images
            else None
        )

    def add(self, item: SourceItem) -> None:
        if item.status is ItemStatus.TRASH:
            self._skip(item, "IM111", "Mục đã bị xóa (thùng rác) ở hệ thống cũ; không nhập.")
            return
        if item.is_page and not self.options.pages:
            self._skip(
                item,
                "IM112",
                "Trang tĩnh (page), không phải bài viết; không nhập "
                "(thêm --pages để nhập cả trang).",
            )
            return
        converted = convert(item.body_html, item.url, self.images)
        notes = list(converted.notes)
        summary = converted.lead or plain_text(item.summary_html)
        body = converted.markdown.strip() or summary
        if not body:
            self._skip(item, "IM108", "Mục không có nội dung; không nhập.")
            return
        title = nfc(plain_text(item.title_html))
        if not title:
            title = " ".join(plain_text(body).split()[:TITLE_WORDS])
            notes.append(Note("IM105", f"Mục không có tiêu đề; đặt tạm '{title}'.", item.url))
        existing = self.imported.get(item.source_id)
        previous = existing.read_text(encoding="utf-8", errors="replace") if existing else None
        text, date = self._text(item, title, summary, body, previous, notes)
        path = self._place(item, text, date, title, previous, notes)
        self.report.drafts += item.is_draft
        base = self.layout.display_base
        shown = path.relative_to(base) if base else path
        self.report.notes.extend(Note(n.code, n.message, n.source_url, str(shown)) for n in notes)

    def _skip(self, item: SourceItem, code: str, message: str) -> None:
        self.report.skipped += 1
        self.report.notes.append(Note(code, message, item.url))

    def _first_import_date(self, previous: str | None) -> datetime:
        """An item without a date is dated by its first import, and keeps that date on a
        re-run: otherwise every run would rewrite it."""
        match = _DATE.search(previous) if previous is not None else None
        if match:
            try:
                return parse_date(match.group(1))
            except ValueError:
                pass
        return self.now.replace(second=0, microsecond=0)

    def _text(
        self,
        item: SourceItem,
        title: str,
        summary: str,
        body: str,
        previous: str | None,
        notes: list[Note],
    ) -> tuple[str, datetime]:
        """The file's whole text, its hash line included, and the date it is filed under;
        `previous` is the text of the file imported from it before, if any."""
        date = item.date or self._first_import_date(previous)
        if item.date is None:
            notes.append(
                Note(
                    "IM106",
                    "Mục không có ngày đăng: ghi ngày nhập và để bản nháp (draft).",
                    item.url,
                )
            )
        words = classify(item, date, body, self.data, self.options.mapping, self.fallback, notes)
        front = {
            "title": yaml_string(title),
            "date": date.strftime("%d/%m/%Y %H:%M"),
            "author": yaml_string(words.author or self.options.author),
            "category": yaml_string(words.category),
            "tags": _yaml_list(words.tags),
            "communes": _yaml_list(words.communes),
            "summary": yaml_string(nfc(summary)) if summary else None,
            "draft": "true" if item.is_draft else None,
            "source": yaml_string(self.options.source_name) if self.options.source_name else None,
            "source_url": yaml_string(item.url) if is_web_address(item.url) else None,
            "source_id": yaml_string(item.source_id),
        }
        text = "---\n" + "".join(f"{k}: {v}\n" for k, v in front.items() if v is not None)
        return _with_hash(f"{text}---\n\n{nfc(body)}\n"), date

    def _place(
        self,
        item: SourceItem,
        text: str,
        date: datetime,
        title: str,
        previous: str | None,
        notes: list[Note],
    ) -> Path:
        """Write a new file, or rewrite the one imported before unless it was edited since."""
        existing = self.imported.get(item.source_id)
        if existing is None or previous is None:
            slug = _unique_slug(item, title, self.taken, notes)
            path = self.articles / str(date.year) / f"{slug}.md"
            self._write(path, text)
            self.report.new += 1
            self.imported[item.source_id] = path
            return path
        if previous == text:
            self.report.unchanged += 1
        elif _with_hash(_SOURCE_HASH_LINE.sub("", previous, count=1)) != previous:
            self.report.edited_by_hand += 1
            notes.append(
                Note(
                    "IM109",
                    "Tệp đã được sửa tay sau lần nhập trước; giữ nguyên, không ghi đè.",
                    item.url,
                )
            )
        else:
            self._write(existing, text)
            self.report.updated += 1
        return existing

    def _write(self, path: Path, text: str) -> None:
        if self.options.dry_run:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _yaml_list(values: tuple[str, ...]) -> str | None:
    return "[" + ", ".join(yaml_string(value) for value in values) + "]" if values else None


def _unique_slug(item: SourceItem, title: str, taken: set[str], notes: list[Note]) -> str:
    """The source's own slug (WordPress's, else the last part of its address), else the
    title's; a slug in use gets -2, -3, ...: no file is ever overwritten."""
    last = item.slug or urlsplit(item.url).path.rstrip("/").rsplit("/", 1)[-1]
    base = slugify(re.sub(r"\.(html?|php|aspx?)$", "", last))
    if not base or base.isdigit():
        base = slugify(title) or "bai-viet"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    if slug != base:
        notes.append(Note("IM110", f"Đường dẫn '{base}' đã có; dùng '{slug}'.", item.url))
    taken.add(slug)
    return slug


def _with_hash(text: str) -> str:
    """The text with its `source_hash:` line, which records what the importer wrote."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return text.replace("\n---\n", f"\nsource_hash: {digest}\n---\n", 1)
