"""What the theme is given besides the page's content: the values of each page (its view,
listing, JSON-LD, Dublin Core terms, share image and sitemap date) and the site-wide
filters, tests and values of the templates.

Any generator asks these questions; the MkDocs adapter hands the answers to Material's
templates and digests them for the page cache. A page is named by a `PageRef` (source
path, address, title, home page or not), never by a generator's own page object, so that
the answers can move with the core when the generator changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urljoin

from ..content.data import commune_status
from ..media.photos import Photo
from ..media.share_images import ShareImage
from ..site import urls
from ..site.index import SiteIndex
from ..site.listings import Listing, ListingKind, footer_pages
from ..site.publishing import STATE_LABELS
from ..site.taxonomies import TAXONOMY_BY_KEY
from ..site.views import ArticleView, ModelView, TermEntry
from ..text.vietnamese import (
    format_date,
    format_number,
    format_percent,
    format_short_date,
    iso_datetime,
)
from . import dublin_core
from .charts import bar_chart
from .crawlers import ModifiedDays
from .structured_data import Publisher, page_graph


@dataclass(frozen=True)
class PageRef:
    """A page as the core knows it, whatever made it."""

    src_uri: str
    url: str
    title: str
    is_homepage: bool = False


class PageContexts:
    """The per-page values of one build, from its index and listings. The JSON-LD is made
    once per page: the page cache digests it before the page is rendered, and the
    template prints it after."""

    def __init__(
        self,
        index: SiteIndex,
        listings: Mapping[str, Listing],
        publisher: Publisher,
        photos: Mapping[str, Photo],
        share_images: Mapping[str, ShareImage] | None = None,
    ) -> None:
        """`share_images`, when not given here, are given before any is asked for
        (`give_share_images`): they are made after the rest."""
        self.index = index
        self.listings = listings
        self.publisher = publisher
        self.photos = photos
        self.share_images = share_images
        self._graphs: dict[str, str] = {}
        self._days: ModifiedDays | None = None

    def view(self, src_uri: str) -> ArticleView | ModelView | None:
        return self.index.by_source.get(src_uri)

    def view_without_related(self, src_uri: str) -> ArticleView | ModelView | None:
        """The page's view without an article's related articles, for what needs none of
        them: finding them for all 10,000 articles of an archive takes a build that changed
        one article 0.4 s, where it renders a dozen pages."""
        return self.index.views_without_related().get(src_uri)

    def listing(self, url: str) -> Listing | None:
        return self.listings.get(url)

    def listing_shown(self, url: str) -> object:
        """What the page at `url` shows of its listing, for the page cache's key: all of it
        but a term's whole list of members. A term's page shows the term (its name,
        description, history and counts) and its own page of articles, the listing's
        `articles`; keyed by every member of the term, one retitled article rendered
        every page of each of its terms again (291 pages at 10,000 articles)."""
        listing = self.listings.get(url)
        if listing is None or listing.term is None:
            return listing
        return (replace(listing, term=None), _term_shown(listing.term))

    def give_share_images(self, share_images: Mapping[str, ShareImage]) -> None:
        self.share_images = share_images

    def share_image(self, src_uri: str) -> ShareImage | None:
        if self.share_images is None:
            raise LookupError("share images asked for before they were made")
        return self.share_images.get(src_uri)

    def structured_data(self, page: PageRef) -> str:
        """The page's JSON-LD, safe for its `<script>` block."""
        graph = self._graphs.get(page.src_uri)
        if graph is None:
            graph = self._graphs[page.src_uri] = self._graph(page)
        return graph

    def _graph(self, page: PageRef) -> str:
        view = self.view(page.src_uri)
        images: list[str] = []
        picture = view.picture if view is not None else None
        photo = self.photos.get(picture.url) if picture else None
        if photo is not None:
            images.append(photo.largest.url)
            share = self.share_image(page.src_uri)
            if share is not None:
                images.append(share.url)
        listing = self.listing(page.url)
        section = None
        if listing is not None and listing.term is not None:
            spec = TAXONOMY_BY_KEY[listing.term.taxonomy]
            section = (spec.title, spec.url_base)
        return page_graph(view, page.title, page.url, self.publisher, images, section)

    def dublin_core(self, page: PageRef) -> dublin_core.Terms:
        """The page's `DC.*` meta tags: a news item's, the home page's, the "Giới thiệu"
        page's and the English page's (none elsewhere)."""
        view = self.view(page.src_uri)
        if isinstance(view, ArticleView):
            return dublin_core.article_terms(view, self.publisher)
        articles = self.index.articles
        newest = articles[0].article.modified if articles else None
        if page.is_homepage:
            return dublin_core.home_terms(self.publisher, newest)
        about = self.index.publisher
        if about is not None and page.url == urls.ABOUT:
            return dublin_core.about_terms(self.publisher, about, newest)
        if about is not None and page.url == urls.ENGLISH:
            return dublin_core.english_terms(self.publisher, about, newest)
        return ()

    def last_modified(self, src_uri: str, url: str) -> str | None:
        """The sitemap's date of the page of `src_uri` at `url`, from its content (see
        `crawlers.py`)."""
        if self._days is None:
            self._days = ModifiedDays(self.index.articles)
        return self._days.of(self.view_without_related(src_uri), self.listing(url))


_MEMBERS = frozenset({"articles", "models"})
"""The fields of a `TermEntry` that hold every member of the term."""


def _term_shown(term: TermEntry) -> object:
    """A term's fields but its lists of members, with their count (a new field is keyed
    without being named here)."""
    shown = [(f.name, getattr(term, f.name)) for f in fields(term) if f.name not in _MEMBERS]
    return [*shown, term.count]


def template_filters(site_url: str) -> dict[str, Callable[..., Any]]:
    """The templates' filters that need nothing of the page: Vietnamese dates and numbers,
    charts, feeds' and absolute addresses."""
    return {
        "vi_date": format_date,
        "vi_short_date": format_short_date,
        "vi_number": format_number,
        "vi_percent": format_percent,
        "bar_chart": bar_chart,
        "sb_commune_status": commune_status,
        "sb_category_feed": urls.category_feed,
        "sb_iso": iso_datetime,
        "sb_absolute": functools.partial(urljoin, site_url),
    }


def template_globals(index: SiteIndex, photos: Mapping[str, Photo]) -> dict[str, object]:
    """The values every page's template may read: the year's theme, the publisher and the
    footer's links, the fixed addresses, the photos' copies."""
    return {
        "work_theme": index.theme,
        "sb_news_feed": urls.news_feed(),
        "sb_boundaries_url": urls.BOUNDARIES if index.boundary_changes else None,
        "sb_state_labels": STATE_LABELS,
        "sb_photos": photos,
        "sb_dublin_core_schema": dublin_core.SCHEMA,
        "sb_home_url": urls.HOME or ".",
        "sb_site_map_url": urls.SITE_MAP,
        "sb_contact_url": urls.CONTACT,
        "sb_publisher": index.publisher,
        "sb_related_sites": index.related_sites,
        "sb_footer_links": footer_pages(index.publisher),
    }


def template_tests() -> dict[str, Callable[..., bool]]:
    """Typed questions for the templates: a misspelt test name fails when the template is
    compiled, a kind that does not exist when it is asked (`ListingKind("...")`)."""
    return {
        "sb_article": lambda value: isinstance(value, ArticleView),
        "sb_model": lambda value: isinstance(value, ModelView),
        "sb_kind": lambda listing, kind: listing.kind is ListingKind(kind),
    }
