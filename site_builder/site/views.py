"""What the templates and outputs are given: frozen views with every link resolved.

A view is built once per build by the index (`index.py`); templates read its fields and
never build a URL or look a term up themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.entities import Article, Award, ModelProfile, Term
from ..content.strict import StrictAttributes
from ..text.vietnamese import credit_line
from .publishing import State
from .taxonomies import TaxonomySpec


@dataclass(frozen=True)
class Link(StrictAttributes):
    """A named link, with the number of items behind it where that is shown."""

    title: str
    url: str
    count: int | None = None


@dataclass(frozen=True)
class Image(StrictAttributes):
    """A photo from content/ with the caption that is also its alt text, and who took it."""

    url: str
    caption: str
    credit: str = ""
    """Who took it; empty when not given."""

    @property
    def credit_line(self) -> str:
        """ "Ảnh: ..." as printed under the caption, or empty."""
        return credit_line(self.credit) if self.credit else ""


@dataclass(frozen=True)
class ModelCard(StrictAttributes):
    """What a card or a facts box shows of a model, with every link already resolved."""

    model: ModelProfile
    url: str
    organisation: Link
    status: Link
    fields: tuple[Link, ...]
    levels: tuple[Link, ...]
    communes: tuple[Link, ...]
    image: Image | None = None
    state: State = State.PUBLISHED


@dataclass(frozen=True)
class ArticleView(StrictAttributes):
    article: Article
    url: str
    category: Link
    tags: tuple[Link, ...]
    communes: tuple[Link, ...]
    models: tuple[ModelCard, ...]
    cover: Image | None = None
    related: tuple[ArticleView, ...] = ()
    state: State = State.PUBLISHED
    author: Link | None = None
    """The author's page (`tac-gia/<slug>/`)."""

    @property
    def picture(self) -> Image | None:
        """The photo above the text, the one a shared link shows: the cover."""
        return self.cover


@dataclass(frozen=True)
class AwardView(StrictAttributes):
    award: Award
    level: Link


@dataclass(frozen=True)
class ModelView(StrictAttributes):
    """A model's own page: its card, its awards, and the articles that mention it."""

    card: ModelCard
    awards: tuple[AwardView, ...]
    backlinks: tuple[ArticleView, ...]

    @property
    def model(self) -> ModelProfile:
        return self.card.model

    @property
    def url(self) -> str:
        return self.card.url

    @property
    def picture(self) -> Image | None:
        """The photo above the text, the one a shared link shows: the profile's image."""
        return self.card.image


@dataclass(frozen=True)
class ChangeView(StrictAttributes):
    """One reorganisation as a page shows it: its first day, its legal source, the units
    that ended and the units that took their place (each named with its period)."""

    day: str
    source: str
    before: tuple[Link, ...]
    after: tuple[Link, ...]


@dataclass(frozen=True)
class History(StrictAttributes):
    """A unit's history box: its period, the change that formed it and the one that ended
    it, and what the site holds of the units it was formed from ("Trước sắp xếp")."""

    period: str
    formed: ChangeView | None
    became: ChangeView | None
    merged_in: bool = False
    """The units of `formed` were merged into this one, which existed before (Quảng Lợi into
    Quảng Tân in 2020), rather than forming it."""
    earlier_articles: tuple[ArticleView, ...] = ()
    earlier_models: tuple[ModelCard, ...] = ()
    ancestors: tuple[Link, ...] = ()
    """Every unit it was formed from, through all earlier changes, nearest first."""

    @property
    def has_earlier(self) -> bool:
        return bool(self.earlier_articles or self.earlier_models)


@dataclass(frozen=True)
class TermEntry(StrictAttributes):
    """One term of a taxonomy with its members, newest articles first, models A to Z."""

    taxonomy: str
    slug: str
    name: str
    title: str
    url: str
    term: Term | None
    articles: tuple[ArticleView, ...]
    models: tuple[ModelCard, ...]
    history: History | None = None
    """Only for an entry of a list whose entries begin and end (a commune, a body)."""

    @property
    def count(self) -> int:
        """How many items the term's page lists (a taxonomy lists articles, models or both)."""
        return len(self.articles) + len(self.models)

    def link(self) -> Link:
        return Link(self.name, self.url, self.count)


@dataclass(frozen=True)
class Taxonomy(StrictAttributes):
    spec: TaxonomySpec
    url: str
    terms: tuple[TermEntry, ...]

    def links(self) -> tuple[Link, ...]:
        return tuple(entry.link() for entry in self.terms)


@dataclass(frozen=True)
class Group(StrictAttributes):
    """A titled run of items in a listing (models of one field, months of one year)."""

    title: str
    url: str
    models: tuple[ModelCard, ...] = ()
    links: tuple[Link, ...] = ()
