"""The listing pages (home, news, archives, term pages, the models index), cut from the
index with the one paginator, each with its Vietnamese title."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..content.strict import StrictAttributes
from ..text.vietnamese import collation_key, format_month
from . import urls
from .index import SiteIndex
from .pagination import Page, paginate
from .publisher import PublisherProfile
from .statistics import Statistics
from .taxonomies import TaxonomySpec
from .views import ArticleView, ChangeView, Group, Link, ModelCard, TermEntry

NEWS_ON_HOME = 6
FEATURED_ON_HOME = 6


class ListingKind(StrEnum):
    """What a listing page is; `sb/listing.html` draws each kind its own way."""

    HOME = "home"
    NEWS = "news"
    ARCHIVE_MONTH = "archive"
    ARCHIVE_YEAR = "archive-year"
    ARCHIVE_INDEX = "archive-index"
    MODELS = "models"
    STATISTICS = "statistics"
    BOUNDARIES = "boundaries"
    """The changes of the communes over time."""
    TERMS = "terms"
    """A taxonomy's index: its terms."""
    TERM = "term"
    """One term's page: its articles and models."""
    SITE_MAP = "site-map"
    """Every section and its listings, as a tree, and the keyboard shortcuts."""
    ABOUT = "about"
    """The publisher's functions, tasks and organisation."""
    CONTACT = "contact"
    """The publisher's contacts and the official in charge."""
    ENGLISH = "english"
    """The publisher's organisation and contacts, in English."""


@dataclass(frozen=True)
class Listing(StrictAttributes):
    """A page made of lists: the plugin generates it, or appends it to a hand-written page."""

    url: str
    title: str
    kind: ListingKind
    articles: Page[ArticleView] | None = None
    models: tuple[ModelCard, ...] = ()
    term: TermEntry | None = None
    groups: tuple[Group, ...] = ()
    links: tuple[Link, ...] = ()
    facets: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    statistics: Statistics | None = None
    compact: bool = False
    changes: tuple[ChangeView, ...] = ()
    publisher: PublisherProfile | None = None


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


def build_listings(
    index: SiteIndex, page_size: int | PageSizes = PageSizes()
) -> dict[str, Listing]:
    """Every listing page of the site by its URL (one size, or one for each kind of list)."""
    sizes = page_size if isinstance(page_size, PageSizes) else PageSizes(page_size, page_size)
    return {listing.url: listing for listing in _listings(index, sizes)}


def _listings(index: SiteIndex, sizes: PageSizes) -> Iterable[Listing]:
    yield _home(index)
    yield from _paged(urls.NEWS, "Tin tức", ListingKind.NEWS, index.articles, sizes.summaries)
    yield from _archives(index, sizes.compact)
    yield _models_index(index)
    yield Listing(urls.STATISTICS, "Thống kê", ListingKind.STATISTICS, statistics=index.statistics)
    if index.boundary_changes:
        yield Listing(
            urls.BOUNDARIES,
            "Địa giới hành chính qua các thời kỳ",
            ListingKind.BOUNDARIES,
            changes=index.boundary_changes,
        )
    for taxonomy in index.taxonomies.values():
        yield Listing(taxonomy.url, taxonomy.spec.title, ListingKind.TERMS, links=taxonomy.links())
        for entry in taxonomy.terms:
            yield from _term_pages(taxonomy.spec, entry, sizes)
    yield from _publisher_pages(index.publisher)
    yield _site_map(index)


@dataclass(frozen=True)
class PublisherPage:
    """One of the pages about the publisher: its title, address, kind and language, and
    whether the rules put it in the site's main menu."""

    title: str
    url: str
    kind: ListingKind
    lang: str = "vi"
    in_menu: bool = False
    """Thông tư 32/2017/TT-BTTTT, Điều 16 khoản 3 điểm a: below the banner, a menu of the
    main functions "such as Trang chủ, Giới thiệu, ..., Sơ đồ"; contacts go in the footer."""


def publisher_pages(publisher: PublisherProfile | None) -> tuple[PublisherPage, ...]:
    """ "Giới thiệu" whenever the publisher is known; "Liên hệ" and the English page when it
    has an address, phone or email to give (a page of nothing is no page). The pages, the
    site map and the footer all ask here."""
    if publisher is None:
        return ()
    pages = [PublisherPage("Giới thiệu", urls.ABOUT, ListingKind.ABOUT, in_menu=True)]
    if publisher.has_contacts:
        pages.append(PublisherPage("Liên hệ", urls.CONTACT, ListingKind.CONTACT))
        pages.append(PublisherPage("English", urls.ENGLISH, ListingKind.ENGLISH, lang="en"))
    return tuple(pages)


SITE_MAP_PAGE = PublisherPage("Sơ đồ trang", urls.SITE_MAP, ListingKind.SITE_MAP)
"""The readers' site map, linked from every footer after the pages about the publisher."""


def footer_pages(publisher: PublisherProfile | None) -> tuple[PublisherPage, ...]:
    """The pages every footer links to: those about the publisher, then the site map."""
    return (*publisher_pages(publisher), SITE_MAP_PAGE)


def _publisher_pages(publisher: PublisherProfile | None) -> Iterable[Listing]:
    for page in publisher_pages(publisher):
        title = "About us" if page.kind is ListingKind.ENGLISH else page.title
        yield Listing(page.url, title, page.kind, publisher=publisher)


def _site_map(index: SiteIndex) -> Listing:
    """The readers' site map, which a state body's site carries besides `sitemap.xml`:
    each section of the navigation with the listings under it (a taxonomy's terms, the
    archive's years), in the navigation's order, then the pages reached from the footer.
    Articles and profiles are content, not sections: their lists are a click away."""
    taxonomies = [
        Group(taxonomy.spec.title, taxonomy.url, links=taxonomy.links())
        for taxonomy in index.taxonomies.values()
    ]
    years = sorted({view.article.date.year for view in index.articles}, reverse=True)
    about = publisher_pages(index.publisher)
    groups = [
        Group("Trang chủ", urls.HOME),
        *(Group(page.title, page.url) for page in about if page.in_menu),
        Group("Tin tức", urls.NEWS),
        Group("Mô hình", urls.MODELS),
        *taxonomies,
        Group(
            "Lưu trữ",
            urls.ARCHIVE,
            links=tuple(Link(f"Năm {year}", urls.archive_year(year)) for year in years),
        ),
        Group("Thống kê", urls.STATISTICS),
    ]
    if index.boundary_changes:
        groups.append(Group("Địa giới hành chính qua các thời kỳ", urls.BOUNDARIES))
    groups += [Group(page.title, page.url) for page in about if not page.in_menu]
    return Listing(SITE_MAP_PAGE.url, SITE_MAP_PAGE.title, SITE_MAP_PAGE.kind, groups=tuple(groups))


def _paged(
    url: str,
    title: str,
    kind: ListingKind,
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


def _term_pages(spec: TaxonomySpec, entry: TermEntry, sizes: PageSizes) -> Iterable[Listing]:
    if not spec.lists_articles:
        yield Listing(entry.url, entry.title, ListingKind.TERM, models=entry.models, term=entry)
        return
    yield from _paged(
        entry.url,
        entry.title,
        ListingKind.TERM,
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
            ListingKind.ARCHIVE_MONTH,
            views,
            page_size,
            compact=True,
        )
    groups = []
    for year, months in month_links.items():
        groups.append(Group(f"Năm {year}", urls.archive_year(year), links=tuple(months)))
        yield Listing(
            urls.archive_year(year),
            f"Lưu trữ năm {year}",
            ListingKind.ARCHIVE_YEAR,
            links=tuple(months),
        )
    yield Listing(urls.ARCHIVE, "Lưu trữ", ListingKind.ARCHIVE_INDEX, groups=tuple(groups))


def _models_index(index: SiteIndex) -> Listing:
    """Every model, grouped by field, with the facets that filter them (JavaScript-free)."""
    fields = index.taxonomies["fields"]
    groups = tuple(
        Group(entry.name, entry.url, models=entry.models) for entry in fields.terms if entry.models
    )
    filters = sorted(
        (
            taxonomy
            for taxonomy in index.taxonomies.values()
            if taxonomy.spec.facet_rank is not None
        ),
        key=lambda taxonomy: taxonomy.spec.facet_rank or 0,
    )
    facets = tuple(
        (taxonomy.spec.title, tuple(link for link in taxonomy.links() if link.count))
        for taxonomy in filters
    )
    cards = tuple(view.card for view in index.models)
    return Listing(
        urls.MODELS,
        "Mô hình “Dân vận khéo”",
        ListingKind.MODELS,
        models=cards,
        groups=groups,
        facets=facets,
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
        ListingKind.HOME,
        articles=latest,
        models=tuple(view.card for view in featured),
        links=sections,
    )
