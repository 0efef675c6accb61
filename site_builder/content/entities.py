"""The site's entities as plain, frozen values. Nothing here knows about MkDocs or files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .strict import StrictAttributes


@dataclass(frozen=True)
class SourceRef:
    """Where a thing was written: the path as shown to the journalist, and the line."""

    path: str
    line: int = 1


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


@dataclass(frozen=True)
class Award(StrictAttributes):
    """A commendation: who gave it, at which level, in which year, to whom."""

    by: str
    level: Term
    year: int
    collective: bool
    recipient: str = ""


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
    draft: bool = False
    expires: datetime | None = None
    source: SourceRef | None = field(default=None, compare=False)


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
    draft: bool = False
    source: SourceRef | None = field(default=None, compare=False)
