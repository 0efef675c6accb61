"""The site's entities as plain, frozen values. Nothing here knows about MkDocs or files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ..text.vietnamese import source_line
from .strict import StrictAttributes


@dataclass(frozen=True)
class SourceRef:
    """Where a thing was written: the path as shown to the journalist, and the line."""

    path: str
    line: int = 1


@dataclass(frozen=True)
class OldAddress:
    """An address a page had before (`aliases:`), site-relative ("tin-tuc/ten-cu/"), with
    the line that names it."""

    path: str
    line: int = field(default=1, compare=False)


@dataclass(frozen=True)
class Term(StrictAttributes):
    """One entry of an editable list (a commune, an organisation, a field, ...).

    `attributes` holds what that list adds beyond a name: a commune's type and
    new-countryside year, an organisation's short name.
    """

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    attributes: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    source: SourceRef | None = field(default=None, compare=False, hash=False)

    @property
    def short_name(self) -> str:
        """How a byline or a header names it: its first alias, else its name."""
        return self.aliases[0] if self.aliases else self.name


class AwardKind(StrEnum):
    """Whom an award went to: the value is the slug of open data and statistics keys, the
    label what a journalist writes in `kind:` and what a page shows."""

    COLLECTIVE = "tap-the"
    INDIVIDUAL = "ca-nhan"

    @property
    def label(self) -> str:
        return "tập thể" if self is AwardKind.COLLECTIVE else "cá nhân"


@dataclass(frozen=True)
class Award(StrictAttributes):
    """A commendation: who gave it, at which level, in which year, to whom."""

    by: str
    level: Term
    year: int
    kind: AwardKind
    recipient: str = ""

    @property
    def collective(self) -> bool:
        return self.kind is AwardKind.COLLECTIVE


@dataclass(frozen=True)
class Origin(StrictAttributes):
    """Where a reprinted article first appeared (`source:`, `source_url:`), printed at its
    end as the Vietnamese press does: "Nguồn: Cổng thông tin điện tử Chính phủ"."""

    name: str
    url: str = ""
    """The original's web address (http or https), or empty."""

    @property
    def line(self) -> str:
        """ "Nguồn: ...", as the page and the feeds print it."""
        return source_line(self.name)


@dataclass(frozen=True)
class Article(StrictAttributes):
    """A news item (tin tức). `src_uri` is the path inside content/, '/'-separated."""

    src_uri: str
    slug: str
    title: str
    date: datetime
    author: str
    unit: str
    category: Term
    summary: str
    tags: tuple[str, ...] = ()
    communes: tuple[Term, ...] = ()
    models: tuple[str, ...] = ()
    cover: str | None = None
    cover_caption: str = ""
    cover_credit: str = ""
    """Who took the cover photo (`cover_credit:`), printed "Ảnh: ..." under its caption."""
    origin: Origin | None = None
    draft: bool = False
    author_term: Term | None = None
    """Whose author page lists it (`SiteData.author`); `author` is that term's name."""
    expires: datetime | None = None
    source: SourceRef | None = field(default=None, compare=False)
    updated: datetime | None = None
    """When it was changed after publication (`updated:`), if it was."""
    correction: str = ""
    """What was corrected, shown with the update time."""
    aliases: tuple[OldAddress, ...] = ()

    @property
    def modified(self) -> datetime:
        """Its last change: the update time, else the publication time."""
        return self.updated or self.date

    @property
    def byline(self) -> str:
        """ "author – unit", as the page, the feeds and the author meta tag print it."""
        return f"{self.author} – {self.unit}"


@dataclass(frozen=True)
class ModelProfile(StrictAttributes):
    """A "Dân vận khéo" model: who runs it, where, in which fields, how far it has got."""

    src_uri: str
    slug: str
    title: str
    organisation: Term
    status: Term
    summary: str
    fields: tuple[Term, ...] = ()
    levels: tuple[Term, ...] = ()
    communes: tuple[Term, ...] = ()
    district_wide: bool = False
    started: int | None = None
    awards: tuple[Award, ...] = ()
    image: str | None = None
    image_caption: str = ""
    image_credit: str = ""
    draft: bool = False
    source: SourceRef | None = field(default=None, compare=False)
    aliases: tuple[OldAddress, ...] = ()
