"""What an import reads from any source, before it becomes an article, and what it notes.

A feed reader (and, later, the WordPress reader) fills `SourceItem`s; the converter and the
writer know nothing of where they came from. Every change or loss on the way is a `Note`,
so the report can say what happened to each item: nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ItemStatus(StrEnum):
    """What the source says of an item's publication, as the import treats it."""

    PUBLISHED = "published"
    DRAFT = "draft"
    """Never published here until an editor removes `draft: true` (WordPress draft, pending,
    private or password-protected)."""
    TRASH = "trash"
    """Deleted in the source: not imported."""


class ImportSetupError(Exception):
    """The run cannot start (an option or the map names nothing), in Vietnamese."""


@dataclass(frozen=True)
class SourceItem:
    """One post of the old system, as it was published there."""

    source_id: str
    """What identifies the item in its source (a feed's `id`/`guid`, else its link)."""
    url: str
    title_html: str
    body_html: str
    date: datetime | None
    """Naive Vietnam time; None when the source gave no date that can be read."""
    author: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary_html: str = ""
    slug: str = ""
    """The source's own slug (WordPress's post_name), preferred to one made from the URL."""
    status: ItemStatus = ItemStatus.PUBLISHED
    is_page: bool = False
    """A WordPress page (not a post): imported only when asked (`--pages`)."""

    @property
    def is_draft(self) -> bool:
        """Imported as a draft: the source says so, or gave no date to publish it on."""
        return self.date is None or self.status is ItemStatus.DRAFT


@dataclass(frozen=True)
class Note:
    """Something the editor should know about one item: its code, what happened, and where
    (the file written, the item's address in the old system)."""

    code: str
    message: str
    source_url: str = ""
    path: str = ""


@dataclass
class ImportReport:
    """The counts of a run and every note, in the order the items were read."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    edited_by_hand: int = 0
    drafts: int = 0
    skipped: int = 0
    notes: list[Note] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "edited_by_hand": self.edited_by_hand,
            "drafts": self.drafts,
            "skipped": self.skipped,
        }
