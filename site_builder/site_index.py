"""The whole site's index, built once per build from the loaded content.

One pass over the articles and one over the models fill every taxonomy bucket and every
backlink; the listings (news, archives, term pages, model facets, home) are then cut from
those buckets with the one paginator. Nothing here knows MkDocs: the plugin turns
`SiteIndex.listings` into generated pages and the views into template context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

from . import urls
from .data import SiteData, Theme
from .loader import ContentSet, gc_paused
from .model import Article, Award, ModelProfile, Term
from .pagination import Page, paginate
from .publishing import State, now_in_vietnam, state_of
from .stats import Statistics, compute_statistics
from .vi_text import collation_key, format_month, slugify

NEWS_ON_HOME = 6
FEATURED_ON_HOME = 6
RELATED_COUNT = 4


@dataclass(frozen=True)
class TaxonomySpec:
    """A way of grouping content: its key, its Vietnamese names, what its terms list."""

    key: str
    title: str
    term_prefix: str
    vocabulary: str | None
    lists_articles: bool
    lists_models: bool
    compact: bool = False
    """Whether its article lists are compact rows (date and title) rather than summaries."""


TAXONOMIES: tuple[TaxonomySpec, ...] = (
    TaxonomySpec("categories", "Chuyên mục", "Chuyên mục", "categories", True, False),
    TaxonomySpec("tags", "Từ khóa", "Từ khóa", None, True, False, compact=True),
    TaxonomySpec("communes", "Xã, thị trấn", "", "communes", True, True, compact=True),
    TaxonomySpec("organisations", "Tổ chức", "", "organisations", True, True, compact=True),
    TaxonomySpec("fields", "Lĩnh vực", "Lĩnh vực", "fields", False, True),
    TaxonomySpec("levels", "Cấp đăng ký", "Đăng ký cấp", "levels", False, True),
    TaxonomySpec("statuses", "Tình trạng", "Tình trạng", "statuses", False, True),
    TaxonomySpec("award_levels", "Khen thưởng", "Khen thưởng cấp", "levels", False, True),
)
TAXONOMY_BY_KEY = {spec.key: spec for spec in TAXONOMIES}
MODEL_FACETS = ("fields", "levels", "statuses", "communes", "organisations", "award_levels")


@dataclass(frozen=True)
class Link:
    """A named link, with the number of items behind it where that is shown."""

    title: str
    url: str
    count: int | None = None


@dataclass(frozen=True)
class Image:
    """A photo from content/ with the caption that is also its alt text."""

    url: str
    caption: str


def _image(path: str | None, caption: str) -> Image | None:
    return Image(urls.asset(path), caption) if path else None


@dataclass(frozen=True)
class ModelCard:
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
class ArticleView:
    article: Article
    url: str
    category: Link
    tags: tuple[Link, ...]
    communes: tuple[Link, ...]
    models: tuple[ModelCard, ...]
    cover: Image | None = None
    related: tuple[ArticleView, ...] = ()
    state: State = State.PUBLISHED


@dataclass(frozen=True)
class AwardView:
    award: Award
    level: Link


@dataclass(frozen=True)
class ModelView:
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


@dataclass(frozen=True)
class TermEntry:
    """One term of a taxonomy with its members, newest articles first, models A to Z."""

    taxonomy: str
    slug: str
    name: str
    title: str
    url: str
    term: Term | None
    articles: tuple[ArticleView, ...]
    models: tuple[ModelCard, ...]

    @property
    def count(self) -> int:
        """How many items the term's page lists (a taxonomy lists articles, models or both)."""
        return len(self.articles) + len(self.models)

    def link(self) -> Link:
        return Link(self.name, self.url, self.count)


@dataclass(frozen=True)
class Taxonomy:
    spec: TaxonomySpec
    url: str
    terms: tuple[TermEntry, ...]

    def links(self) -> tuple[Link, ...]:
        return tuple(entry.link() for entry in self.terms)


@dataclass(frozen=True)
class Group:
    """A titled run of items in a listing (models of one field, months of one year)."""

    title: str
    url: str
    models: tuple[ModelCard, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Listing:
    """A page made of lists: the plugin generates it, or appends it to a hand-written page."""

    url: str
    title: str
    kind: str
    articles: Page[ArticleView] | None = None
    models: tuple[ModelCard, ...] = ()
    term: TermEntry | None = None
    groups: tuple[Group, ...] = ()
    links: tuple[Link, ...] = ()
    facets: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    statistics: Statistics | None = None
    compact: bool = False


@dataclass(frozen=True)
class PageSizes:
    """Articles per listing page. The news and its categories show summaries; the
    finer-grained lists (tags, communes, organisations, months) are compact rows of date
    and title, so they hold more per page and need far fewer pages: every page costs a
    full theme render, and an archive of 10,000 articles is read by scrolling, not paging."""

    summaries: int = 20
    compact: int = 50

    def __post_init__(self) -> None:
        if self.summaries < 1 or self.compact < 1:
            raise ValueError("page sizes must be at least 1")


@dataclass
class SiteIndex:
    """Everything the pages need, computed once: views by source file, listings by URL."""

    theme: Theme | None
    articles: tuple[ArticleView, ...]
    models: tuple[ModelView, ...]
    taxonomies: dict[str, Taxonomy]
    listings: dict[str, Listing] = field(default_factory=dict)
    by_source: dict[str, ArticleView | ModelView] = field(default_factory=dict)
    statistics: Statistics | None = None


def build_site_index(
    content: ContentSet,
    *,
    page_size: int | PageSizes = PageSizes(),
    now: datetime | None = None,
    include_unpublished: bool = False,
) -> SiteIndex:
    """Build every view and listing of the site from `content`, in one pass per kind.

    Only what is public at `now` is listed, unless `include_unpublished` (the preview of
    `mkdocs serve`, where drafts and scheduled articles show with a badge).
    """
    with gc_paused():
        return _build_site_index(content, page_size, now, include_unpublished)


def _build_site_index(
    content: ContentSet,
    page_size: int | PageSizes,
    now: datetime | None,
    include_unpublished: bool,
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
    cards = {model.slug: _card(model, state_of(model, now)) for model in models}
    article_views = tuple(
        _article_view(article, cards, state_of(article, now)) for article in articles
    )

    buckets = _Buckets(data)
    backlinks: dict[str, list[ArticleView]] = defaultdict(list)
    for view in article_views:
        _file_article(view, buckets, backlinks)
    for card in cards.values():
        _file_model(card, buckets)

    related = _related_articles(article_views, buckets, backlinks)
    model_views = tuple(
        ModelView(cards[m.slug], _awards(m), tuple(backlinks[m.slug])) for m in models
    )
    taxonomies = {spec.key: buckets.taxonomy(spec) for spec in TAXONOMIES}
    theme = data.theme_for(now.year)
    index = SiteIndex(theme, article_views, model_views, taxonomies)
    index.by_source = {
        **{
            view.article.src_uri: replace(view, related=related[view.article.src_uri])
            for view in article_views
        },
        **{view.model.src_uri: view for view in model_views},
    }
    index.statistics = compute_statistics(index, data)
    sizes = page_size if isinstance(page_size, PageSizes) else PageSizes(page_size, page_size)
    for listing in _listings(index, sizes):
        index.listings[listing.url] = listing
    return index


def _term_link(key: str, term: Term) -> Link:
    """A link to a term, named as its data file names it."""
    return _named_link(term.name, urls.term(key, term.slug))


@lru_cache(maxsize=4096)
def _named_link(title: str, url: str) -> Link:
    """Links are values: the few hundred terms are shared by thousands of pages."""
    return Link(title, url)


def _term_links(key: str, terms: Iterable[Term]) -> tuple[Link, ...]:
    return tuple(_term_link(key, term) for term in terms)


def _tag_link(tag: str) -> Link:
    return _named_link(tag, urls.term("tags", slugify(tag)))


def _card(model: ModelProfile, state: State) -> ModelCard:
    return ModelCard(
        model=model,
        url=urls.model(model.slug),
        organisation=_term_link("organisations", model.organisation),
        status=_term_link("statuses", model.status),
        fields=_term_links("fields", model.fields),
        levels=_term_links("levels", model.levels),
        communes=_term_links("communes", model.communes),
        image=_image(model.image, model.image_caption or model.title),
        state=state,
    )


def _article_view(article: Article, cards: dict[str, ModelCard], state: State) -> ArticleView:
    return ArticleView(
        article=article,
        url=urls.article(article.slug),
        category=_term_link("categories", article.category),
        tags=tuple(dict.fromkeys(_tag_link(tag) for tag in article.tags if slugify(tag))),
        communes=_term_links("communes", article.communes),
        models=tuple(cards[slug] for slug in article.models if slug in cards),
        cover=_image(article.cover, article.cover_caption or article.title),
        state=state,
    )


def _awards(model: ModelProfile) -> tuple[AwardView, ...]:
    ordered = sorted(model.awards, key=lambda award: -award.year)
    return tuple(AwardView(award, _term_link("award_levels", award.level)) for award in ordered)


class _Buckets:
    """Members of every term, filled as the content is walked once."""

    def __init__(self, data: SiteData) -> None:
        self.data = data
        self.articles: dict[tuple[str, str], dict[str, ArticleView]] = defaultdict(dict)
        self.models: dict[tuple[str, str], dict[str, ModelCard]] = defaultdict(dict)
        self.tag_names: dict[str, str] = {}

    def add_article(self, key: str, slug: str, view: ArticleView) -> None:
        self.articles[(key, slug)].setdefault(view.article.src_uri, view)

    def add_model(self, key: str, slug: str, card: ModelCard) -> None:
        self.models[(key, slug)].setdefault(card.model.src_uri, card)

    def taxonomy(self, spec: TaxonomySpec) -> Taxonomy:
        named: list[tuple[str, str, Term | None]]
        if spec.vocabulary is None:
            named = [(slug, name, None) for slug, name in self.tag_names.items()]
        else:
            terms = self.data.vocabularies[spec.vocabulary].terms
            named = [(term.slug, term.name, term) for term in terms]
        entries = [
            TermEntry(
                taxonomy=spec.key,
                slug=slug,
                name=name,
                title=_term_title(spec, name, term),
                url=urls.term(spec.key, slug),
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
        entries.sort(key=lambda entry: collation_key(entry.name))
        return Taxonomy(spec, urls.taxonomy(spec.key), tuple(entries))


def _term_title(spec: TaxonomySpec, name: str, term: Term | None) -> str:
    """A term page's heading: "Chuyên mục: Dân vận khéo", "Xã Quảng Tân"."""
    if spec.key == "communes" and term is not None:
        kind = str(term.attributes.get("type", ""))
        has_kind = not kind or slugify(name).startswith(slugify(kind))
        return name if has_kind else f"{kind.capitalize()} {name}"
    return f"{spec.term_prefix}: {name}" if spec.term_prefix else name


def _file_article(
    view: ArticleView, buckets: _Buckets, backlinks: dict[str, list[ArticleView]]
) -> None:
    article = view.article
    buckets.add_article("categories", article.category.slug, view)
    for link in view.tags:
        slug = slugify(link.title)
        buckets.tag_names.setdefault(slug, link.title)
        buckets.add_article("tags", slug, view)
    for commune in article.communes:
        buckets.add_article("communes", commune.slug, view)
    for card in view.models:
        backlinks[card.model.slug].append(view)
        buckets.add_article("organisations", card.model.organisation.slug, view)


def _file_model(card: ModelCard, buckets: _Buckets) -> None:
    model = card.model
    for key, terms in (
        ("communes", model.communes),
        ("organisations", (model.organisation,)),
        ("fields", model.fields),
        ("levels", model.levels),
        ("statuses", (model.status,)),
        ("award_levels", tuple(award.level for award in model.awards)),
    ):
        for term in terms:
            buckets.add_model(key, term.slug, card)


def _related_articles(
    views: Sequence[ArticleView], buckets: _Buckets, backlinks: dict[str, list[ArticleView]]
) -> dict[str, tuple[ArticleView, ...]]:
    """For each article, the articles nearest to it in time that share, in this order of
    preference, a model, a tag, a commune or the category.

    Each group is newest first and the article's place in it is looked up, not searched, so
    the work stays linear in the archive.
    """
    places: dict[int, dict[str, int]] = {}

    def place_in(group: Sequence[ArticleView]) -> dict[str, int]:
        if id(group) not in places:
            places[id(group)] = {v.article.src_uri: i for i, v in enumerate(group)}
        return places[id(group)]

    lists: dict[tuple[str, str], list[ArticleView]] = {}

    def bucket(key: str, slug: str) -> list[ArticleView]:
        if (key, slug) not in lists:
            lists[(key, slug)] = list(buckets.articles[(key, slug)].values())
        return lists[(key, slug)]

    related: dict[str, tuple[ArticleView, ...]] = {}
    for view in views:
        article = view.article
        groups = [
            *(backlinks[card.model.slug] for card in view.models),
            *(bucket("tags", slugify(link.title)) for link in view.tags),
            *(bucket("communes", commune.slug) for commune in article.communes),
            bucket("categories", article.category.slug),
        ]
        chosen: dict[str, ArticleView] = {}
        for group in groups:
            for other in _nearest(group, place_in(group)[article.src_uri]):
                if other.article.src_uri != article.src_uri:
                    chosen.setdefault(other.article.src_uri, other)
                if len(chosen) == RELATED_COUNT:
                    break
            if len(chosen) == RELATED_COUNT:
                break
        related[article.src_uri] = tuple(chosen.values())
    return related


def _nearest(group: Sequence[ArticleView], position: int) -> Iterable[ArticleView]:
    """The group's items by distance from `position`: the next newer, the next older, ..."""
    for distance in range(1, len(group)):
        for index in (position - distance, position + distance):
            if 0 <= index < len(group):
                yield group[index]


def _listings(index: SiteIndex, sizes: PageSizes) -> Iterable[Listing]:
    yield _home(index)
    yield from _paged(urls.NEWS, "Tin tức", "news", index.articles, sizes.summaries)
    yield from _archives(index, sizes.compact)
    yield _models_index(index)
    yield Listing(urls.STATISTICS, "Thống kê", "statistics", statistics=index.statistics)
    for taxonomy in index.taxonomies.values():
        yield Listing(taxonomy.url, taxonomy.spec.title, "terms", links=taxonomy.links())
        for entry in taxonomy.terms:
            yield from _term_pages(entry, sizes)


def _paged(
    url: str,
    title: str,
    kind: str,
    articles: Sequence[ArticleView],
    page_size: int,
    *,
    term: TermEntry | None = None,
    models: tuple[ModelCard, ...] = (),
    links: tuple[Link, ...] = (),
    compact: bool = False,
) -> Iterable[Listing]:
    """A list of articles over as many pages as it takes; models and links go on page 1."""
    for page in paginate(articles, page_size, lambda number: urls.paged(url, number)):
        first = page.number == 1
        yield Listing(
            url=page.url,
            title=title if first else f"{title} (trang {page.number})",
            kind=kind,
            articles=page,
            term=term,
            models=models if first else (),
            links=links if first else (),
            compact=compact,
        )


def _term_pages(entry: TermEntry, sizes: PageSizes) -> Iterable[Listing]:
    spec = TAXONOMY_BY_KEY[entry.taxonomy]
    if not spec.lists_articles:
        yield Listing(entry.url, entry.title, "term", models=entry.models, term=entry)
        return
    yield from _paged(
        entry.url,
        entry.title,
        "term",
        entry.articles,
        sizes.compact if spec.compact else sizes.summaries,
        term=entry,
        models=entry.models,
        compact=spec.compact,
    )


def _archives(index: SiteIndex, page_size: int) -> Iterable[Listing]:
    """The archive's index, a page per year listing its months, and the months' articles
    as compact rows, newest first."""
    by_month: dict[tuple[int, int], list[ArticleView]] = defaultdict(list)
    for view in index.articles:
        by_month[(view.article.date.year, view.article.date.month)].append(view)
    month_links: dict[int, list[Link]] = defaultdict(list)
    for (year, month), views in sorted(by_month.items(), reverse=True):
        title = format_month(year, month)
        month_links[year].append(Link(title, urls.archive_month(year, month), len(views)))
        yield from _paged(
            urls.archive_month(year, month),
            f"Lưu trữ {title.lower()}",
            "archive",
            views,
            page_size,
            compact=True,
        )
    groups = []
    for year, months in month_links.items():
        groups.append(Group(f"Năm {year}", urls.archive_year(year), links=tuple(months)))
        yield Listing(
            urls.archive_year(year), f"Lưu trữ năm {year}", "archive-year", links=tuple(months)
        )
    yield Listing(urls.ARCHIVE, "Lưu trữ", "archive-index", groups=tuple(groups))


def _models_index(index: SiteIndex) -> Listing:
    """Every model, grouped by field, with the facets that filter them (JavaScript-free)."""
    fields = index.taxonomies["fields"]
    groups = tuple(
        Group(entry.name, entry.url, models=entry.models) for entry in fields.terms if entry.models
    )
    facets = tuple(
        (
            index.taxonomies[key].spec.title,
            tuple(link for link in index.taxonomies[key].links() if link.count),
        )
        for key in MODEL_FACETS
    )
    cards = tuple(view.card for view in index.models)
    return Listing(
        urls.MODELS, "Mô hình “Dân vận khéo”", "models", models=cards, groups=groups, facets=facets
    )


def _home(index: SiteIndex) -> Listing:
    effective = {
        term.slug
        for term in index.taxonomies["statuses"].terms
        if term.term is not None and term.term.attributes.get("effective")
    }
    featured = sorted(
        (view for view in index.models if view.model.status.slug in effective),
        key=lambda view: (-len(view.backlinks), collation_key(view.model.title)),
    )[:FEATURED_ON_HOME]
    latest = paginate(index.articles[:NEWS_ON_HOME], NEWS_ON_HOME, lambda _: urls.NEWS)[0]
    sections = (
        Link("Tin tức", urls.NEWS, len(index.articles)),
        Link("Mô hình “Dân vận khéo”", urls.MODELS, len(index.models)),
        *(
            Link(taxonomy.spec.title, taxonomy.url, len(taxonomy.terms))
            for taxonomy in index.taxonomies.values()
        ),
        Link("Lưu trữ", urls.ARCHIVE),
        Link("Thống kê", urls.STATISTICS),
    )
    return Listing(
        urls.HOME,
        "Trang chủ",
        "home",
        articles=latest,
        models=tuple(view.card for view in featured),
        links=sections,
    )
