"""The whole site's index, built once per build from the loaded content.

One pass over the articles and one over the models fill every taxonomy bucket and every
backlink; the statistics are counted from the same views. The index is a frozen value:
the listing pages are cut from it afterwards (`listings.py`), and the plugin turns its views
into template context. Nothing here knows MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, KeysView, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from types import MappingProxyType

from ..content.data import SiteData, Theme, Vocabulary
from ..content.entities import Article, ModelProfile, Term
from ..content.lifespans import Change
from ..content.loader import ContentSet, gc_paused
from ..text.vietnamese import collation_key, slugify
from . import urls
from .publisher import PublisherProfile, publisher_profile
from .publishing import State, now_in_vietnam, state_of
from .statistics import Statistics, compute_statistics
from .taxonomies import TAXONOMIES, TAXONOMY_BY_KEY, TaxonomySpec, article_tags
from .views import (
    ArticleView,
    AwardView,
    ChangeView,
    History,
    Image,
    Link,
    ModelCard,
    ModelView,
    Taxonomy,
    TermEntry,
)

RELATED_COUNT = 4


def _image(path: str | None, caption: str, credit: str = "") -> Image | None:
    return Image(urls.asset(path), caption, credit) if path else None


@dataclass(frozen=True)
class SiteIndex:
    """Everything the pages need, computed once: the published views, newest articles first
    and models A to Z, every taxonomy with its members, the views by source file, and the
    statistics."""

    theme: Theme | None
    articles: tuple[ArticleView, ...]
    models: tuple[ModelView, ...]
    taxonomies: Mapping[str, Taxonomy]
    by_source: _ViewsBySource
    statistics: Statistics
    boundary_changes: tuple[ChangeView, ...] = ()
    """Every change of the communes, in time order ("Địa giới hành chính qua các thời kỳ")."""
    places: Vocabulary | None = None
    """The communes with their history, for the open data."""
    publisher: PublisherProfile | None = None
    """The body that runs the site, as it is at the build's time (site/publisher.py)."""
    related_sites: tuple[Link, ...] = ()
    """Related bodies' sites (`links.yml`), for the footer and the site map."""
    filings: Filings | None = field(default=None, compare=False, repr=False)
    """The terms each article was filed under: what the index after a save keeps for the
    views it keeps (`_KeptViews`)."""

    def views_without_related(self) -> Mapping[str, ArticleView | ModelView]:
        """The views by source file, an article's without its related articles: for what
        needs none of them (the old addresses, the share images, the sitemap's dates), so
        that a build finds them only for the pages it renders (`by_source` does, for each
        view it is asked for)."""
        return self.by_source.without_related


Filing = tuple[tuple[TaxonomySpec, Term], ...]


@dataclass(frozen=True)
class Filings:
    """The terms each article's view was filed under (by source path), with the taxonomies
    that filed them."""

    specs: tuple[TaxonomySpec, ...]
    by_source: Mapping[str, Filing]


def build_site_index(
    content: ContentSet,
    *,
    now: datetime | None = None,
    include_unpublished: bool = False,
    taxonomies: Sequence[TaxonomySpec] = TAXONOMIES,
    previous: SiteIndex | None = None,
) -> SiteIndex:
    """Build every view of the site from `content`, in one pass per kind.

    Only what is public at `now` is listed, unless `include_unpublished` (the preview of
    `mkdocs serve`, where drafts and scheduled articles show with a badge). With
    `previous`, the index of a load `content` was made from (`load_content(previous=)`),
    the views of the articles and profiles kept from it are kept too (`_KeptViews`).
    """
    with gc_paused():
        return _build_site_index(content, now, include_unpublished, taxonomies, previous)


def _build_site_index(
    content: ContentSet,
    now: datetime | None,
    include_unpublished: bool,
    specs: Sequence[TaxonomySpec],
    previous: SiteIndex | None,
) -> SiteIndex:
    now = now if now is not None else now_in_vietnam()
    data = content.data
    articles = sorted(
        (a for a in content.articles if include_unpublished or state_of(a, now) is State.PUBLISHED),
        key=lambda a: (-a.date.timestamp(), a.src_uri),
    )
    models = sorted(
        (m for m in content.models if include_unpublished or state_of(m, now) is State.PUBLISHED),
        key=lambda m: (collation_key(m.title), m.src_uri),
    )
    article_specs = tuple(spec for spec in specs if spec.lists_articles)
    model_specs = [spec for spec in specs if spec.lists_models]
    kept = _KeptViews(previous, article_specs)
    cards = {model.slug: kept.card(model, state_of(model, now)) for model in models}
    article_views = tuple(
        kept.article_view(article, cards, state_of(article, now)) for article in articles
    )

    buckets = _Buckets(data)
    backlinks: dict[str, list[ArticleView]] = defaultdict(list)
    filings: dict[str, Filing] = {}
    for view in article_views:
        for card in view.models:
            backlinks[card.model.slug].append(view)
        filing = kept.filing(view) or _filing(view, article_specs)
        buckets.file_article(view, filing)
        filings[view.article.src_uri] = filing
    for card in cards.values():
        buckets.file_model(card, model_specs)

    model_views = tuple(
        ModelView(cards[m.slug], _awards(m), tuple(backlinks[m.slug])) for m in models
    )
    taxonomies = {spec.key: buckets.taxonomy(spec) for spec in specs}
    return SiteIndex(
        theme=data.theme_for(now.year),
        articles=article_views,
        models=model_views,
        taxonomies=MappingProxyType(taxonomies),
        by_source=_ViewsBySource(article_views, model_views, _Related(buckets, backlinks)),
        statistics=compute_statistics(article_views, model_views, taxonomies, data, now.date()),
        boundary_changes=_changes("communes", data.vocabularies["communes"]),
        places=data.vocabularies["communes"],
        publisher=publisher_profile(data, now.date()),
        related_sites=tuple(
            Link(term.name, str(term.attributes["url"]))
            for term in data.vocabularies["links"].terms
        ),
        filings=Filings(article_specs, filings),
    )


def _term_link(key: str, term: Term) -> Link:
    """A link to a term of one of the site's taxonomies, named as its data file names it."""
    return _named_link(term.name, urls.term(TAXONOMY_BY_KEY[key].url_base, term.slug))


@lru_cache(maxsize=4096)
def _named_link(title: str, url: str) -> Link:
    """Links are values: the few hundred terms are shared by thousands of pages."""
    return Link(title, url)


def _term_links(key: str, terms: Iterable[Term]) -> tuple[Link, ...]:
    return tuple(_term_link(key, term) for term in terms)


def _filing(view: ArticleView, specs: Sequence[TaxonomySpec]) -> Filing:
    """The terms of each taxonomy an article is listed under."""
    models = [card.model for card in view.models]
    filing = []
    for spec in specs:
        assert spec.article_terms is not None
        filing += [(spec, term) for term in spec.article_terms(view.article, models)]
    return tuple(filing)


def _card(model: ModelProfile, state: State) -> ModelCard:
    return ModelCard(
        model=model,
        url=urls.model(model.slug),
        organisation=_term_link("organisations", model.organisation),
        status=_term_link("statuses", model.status),
        fields=_term_links("fields", model.fields),
        levels=_term_links("levels", model.levels),
        communes=_term_links("communes", model.communes),
        image=_image(model.image, model.image_caption or model.title, model.image_credit),
        state=state,
    )


class _KeptViews:
    """The views of the index before, for the articles and profiles kept from its load.

    A card is made from its profile and its state alone, and an article's view from its
    article, its state and the cards of the profiles it names: a view whose inputs are the
    very objects it was made from is the view that would be made (0.25 s at 10,000
    articles for the preview's quick path)."""

    def __init__(self, previous: SiteIndex | None, specs: tuple[TaxonomySpec, ...]) -> None:
        self.cards = {v.card.model.src_uri: v.card for v in previous.models} if previous else {}
        self.views = {v.article.src_uri: v for v in previous.articles} if previous else {}
        filings = previous.filings if previous else None
        self.filings = filings.by_source if filings and filings.specs == specs else {}

    def filing(self, view: ArticleView) -> Filing | None:
        """The terms a kept view was filed under (a view is filed by its article and the
        profiles it names alone)."""
        src_uri = view.article.src_uri
        return self.filings.get(src_uri) if self.views.get(src_uri) is view else None

    def card(self, model: ModelProfile, state: State) -> ModelCard:
        card = self.cards.get(model.src_uri)
        if card is not None and card.model is model and card.state is state:
            return card
        return _card(model, state)

    def article_view(
        self, article: Article, cards: dict[str, ModelCard], state: State
    ) -> ArticleView:
        models = tuple(cards[slug] for slug in article.models if slug in cards)
        view = self.views.get(article.src_uri)
        if (
            view is not None
            and view.article is article
            and view.state is state
            and len(view.models) == len(models)
            and all(old is new for old, new in zip(view.models, models, strict=True))
        ):
            return view
        return _article_view(article, models, state)


def _article_view(article: Article, models: tuple[ModelCard, ...], state: State) -> ArticleView:
    return ArticleView(
        article=article,
        url=urls.article(article.slug),
        category=_term_link("categories", article.category),
        tags=tuple(dict.fromkeys(_term_links("tags", article_tags(article)))),
        communes=_term_links("communes", article.communes),
        models=models,
        cover=_image(article.cover, article.cover_caption or article.title, article.cover_credit),
        state=state,
        author=_author_link(article),
    )


def _author_link(article: Article) -> Link | None:
    """The byline's link to the author's page (none for a name that makes no address)."""
    term = article.author_term
    return _term_link("authors", term) if term is not None and term.slug else None


def _awards(model: ModelProfile) -> tuple[AwardView, ...]:
    ordered = sorted(model.awards, key=lambda award: -award.year)
    return tuple(AwardView(award, _term_link("award_levels", award.level)) for award in ordered)


class _Buckets:
    """Members of every term, filled as the content is walked once."""

    def __init__(self, data: SiteData) -> None:
        self.data = data
        self.articles: dict[tuple[str, str], dict[str, ArticleView]] = defaultdict(dict)
        self.models: dict[tuple[str, str], dict[str, ModelCard]] = defaultdict(dict)
        self.free_terms: dict[str, dict[str, Term]] = defaultdict(dict)
        """For taxonomies without a data file: each slug's term, as first written."""

    def file_article(self, view: ArticleView, filing: Filing) -> None:
        for spec, term in filing:
            self._name(spec, term)
            self.articles[(spec.key, term.slug)].setdefault(view.article.src_uri, view)

    def file_model(self, card: ModelCard, specs: Sequence[TaxonomySpec]) -> None:
        for spec in specs:
            assert spec.model_terms is not None
            for term in spec.model_terms(card.model):
                self._name(spec, term)
                self.models[(spec.key, term.slug)].setdefault(card.model.src_uri, card)

    def _name(self, spec: TaxonomySpec, term: Term) -> None:
        if spec.vocabulary is None:
            self.free_terms[spec.key].setdefault(term.slug, term)

    def taxonomy(self, spec: TaxonomySpec) -> Taxonomy:
        named: list[tuple[str, str, Term | None]]
        if spec.vocabulary is None:
            named = [(slug, t.name, t) for slug, t in self.free_terms[spec.key].items()]
        else:
            terms = self.data.vocabularies[spec.vocabulary].terms
            vocabulary = self.data.vocabularies[spec.vocabulary]
            named = [(term.slug, vocabulary.label_of(term), term) for term in terms]
        entries = [
            TermEntry(
                taxonomy=spec.key,
                slug=slug,
                name=name,
                title=_term_title(spec, name, term),
                url=urls.term(spec.url_base, slug),
                term=term,
                articles=tuple(self.articles[(spec.key, slug)].values()),
                models=tuple(
                    sorted(
                        self.models[(spec.key, slug)].values(),
                        key=lambda card: (collation_key(card.model.title), card.model.src_uri),
                    )
                ),
            )
            for slug, name, term in named
        ]
        if spec.vocabulary is not None and self.data.vocabularies[spec.vocabulary].lineage.timed:
            entries = self._with_histories(spec, self.data.vocabularies[spec.vocabulary], entries)
        entries.sort(key=lambda entry: collation_key(entry.name))
        return Taxonomy(spec, spec.url_base, tuple(entries))

    def _with_histories(
        self, spec: TaxonomySpec, vocabulary: Vocabulary, entries: list[TermEntry]
    ) -> list[TermEntry]:
        """Give each entry its history box; a successor's page also gathers what the site
        holds of the units it was formed from, newest first, each item once."""
        lineage = vocabulary.lineage
        by_slug = {entry.slug: entry for entry in entries}
        with_history = []
        for entry in entries:
            assert entry.term is not None
            ending, forming = lineage.change_ending(entry.term), lineage.change_forming(entry.term)
            ancestors = lineage.ancestors(entry.term)
            earlier = [by_slug[t.slug] for t in ancestors if t.slug in by_slug]
            articles = {v.article.src_uri: v for e in earlier for v in e.articles}
            models = {c.model.src_uri: c for e in earlier for c in e.models}
            began = lineage.period(entry.term).began
            history = History(
                merged_in=forming is not None and (began is None or began < forming.day),
                ancestors=tuple(_named_link(e.name, e.url) for e in earlier),
                period=lineage.period(entry.term).label,
                formed=_change_view(spec.key, vocabulary, forming) if forming else None,
                became=_change_view(spec.key, vocabulary, ending) if ending else None,
                earlier_articles=tuple(
                    sorted(
                        articles.values(),
                        key=lambda v: (-v.article.date.timestamp(), v.article.src_uri),
                    )
                ),
                earlier_models=tuple(
                    sorted(
                        models.values(),
                        key=lambda c: (collation_key(c.model.title), c.model.src_uri),
                    )
                ),
            )
            with_history.append(replace(entry, history=history))
        return with_history


def _change_view(key: str, vocabulary: Vocabulary, change: Change) -> ChangeView:
    def links(terms: Iterable[Term]) -> tuple[Link, ...]:
        base = TAXONOMY_BY_KEY[key].url_base
        return tuple(_named_link(vocabulary.label_of(t), urls.term(base, t.slug)) for t in terms)

    return ChangeView(change.day_label, change.source, links(change.before), links(change.after))


def _changes(key: str, vocabulary: Vocabulary) -> tuple[ChangeView, ...]:
    return tuple(_change_view(key, vocabulary, change) for change in vocabulary.lineage.changes)


def _term_title(spec: TaxonomySpec, name: str, term: Term | None) -> str:
    """A term page's heading: "Chuyên mục: Dân vận khéo", "Xã Quảng Tân"."""
    if spec.titled_by_kind and term is not None:
        kind = str(term.attributes.get("type", ""))
        has_kind = not kind or slugify(name).startswith(slugify(kind))
        return name if has_kind else f"{kind.capitalize()} {name}"
    return f"{spec.term_prefix}: {name}" if spec.term_prefix else name


class _Related:
    """Each article's related articles: the articles nearest to it in time that share, in
    this order of preference, a model, a tag, a commune or the category.

    Each group is newest first and an article's place in it is looked up, not searched
    (each group's places are listed once), so finding them for every article stays linear
    in the archive.
    """

    def __init__(self, buckets: _Buckets, backlinks: dict[str, list[ArticleView]]) -> None:
        self.buckets = buckets
        self.backlinks = backlinks
        self.groups: dict[tuple[str, str], list[ArticleView]] = {}
        self.places: dict[int, dict[str, int]] = {}

    def of(self, view: ArticleView) -> tuple[ArticleView, ...]:
        article = view.article
        groups = [
            *(self.backlinks[card.model.slug] for card in view.models),
            *(self._group("tags", slugify(link.title)) for link in view.tags),
            *(self._group("communes", commune.slug) for commune in article.communes),
            self._group("categories", article.category.slug),
        ]
        chosen: dict[str, ArticleView] = {}
        for group in groups:
            for other in _nearest(group, self._places(group)[article.src_uri]):
                if other.article.src_uri != article.src_uri:
                    chosen.setdefault(other.article.src_uri, other)
                if len(chosen) == RELATED_COUNT:
                    return tuple(chosen.values())
        return tuple(chosen.values())

    def _group(self, key: str, slug: str) -> list[ArticleView]:
        if (key, slug) not in self.groups:
            self.groups[(key, slug)] = list(self.buckets.articles[(key, slug)].values())
        return self.groups[(key, slug)]

    def _places(self, group: list[ArticleView]) -> dict[str, int]:
        if id(group) not in self.places:
            self.places[id(group)] = {v.article.src_uri: i for i, v in enumerate(group)}
        return self.places[id(group)]


class _ViewsBySource(Mapping[str, "ArticleView | ModelView"]):
    """The views by source file, an article's with its related articles, found when the
    view is first asked for: a build asks for every one, the preview's quick path
    (`mkdocs_adapter/quick_preview.py`) for the dozen pages it renders, and finding them
    for all 10,000 articles of an archive would cost it 0.4 s."""

    def __init__(
        self,
        articles: Sequence[ArticleView],
        models: Sequence[ModelView],
        related: _Related,
    ) -> None:
        self._views: dict[str, ArticleView | ModelView] = {v.article.src_uri: v for v in articles}
        self._views.update((view.model.src_uri, view) for view in models)
        self._related = related
        self._with_related: dict[str, ArticleView] = {}

    def __getitem__(self, src_uri: str) -> ArticleView | ModelView:
        view = self._views[src_uri]
        if not isinstance(view, ArticleView):
            return view
        if src_uri not in self._with_related:
            self._with_related[src_uri] = replace(view, related=self._related.of(view))
        return self._with_related[src_uri]

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    def __contains__(self, src_uri: object) -> bool:
        return src_uri in self._views

    def keys(self) -> KeysView[str]:
        return self._views.keys()

    @property
    def without_related(self) -> Mapping[str, ArticleView | ModelView]:
        return self._views


def _nearest(group: Sequence[ArticleView], position: int) -> Iterable[ArticleView]:
    """The group's items by distance from `position`: the next newer, the next older, ..."""
    for distance in range(1, len(group)):
        for index in (position - distance, position + distance):
            if 0 <= index < len(group):
                yield group[index]
