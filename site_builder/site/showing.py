"""Which pages show an article or a profile: what the preview renders first after a save.

When an editor saves an article, the pages they look for it on are its own page, the
listings it appears on (the news, its category, tags, communes, author, month, the home
page) and the pages of the models it names; when they save a profile, its page, the
listings of models and the articles that name it. Those are found here, in
one walk over the index and the listings, before and after the save (a page it left
shows it no longer, and must say so). Pages the save changed in other ways (a page of a
listing whose items moved one place, the count beside a term) are not
found, nor the articles that list a saved one as related: the preview's full build that
follows every quick one makes those (see `mkdocs_adapter/quick_preview.py`). The
statistics page is found when its figures changed (`recounted`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Set
from dataclasses import dataclass
from datetime import datetime

from ..content.entities import Article, ModelProfile
from ..content.loader import ContentSet, Layout, load_content
from .index import SiteIndex, build_site_index
from .listings import Listing, PageSizes, build_listings
from .taxonomies import RESERVED_SLUGS
from .views import ArticleView, ModelView


@dataclass(frozen=True)
class Showing:
    """The entity pages (by source path) and listing pages (by URL) that show a set of
    articles and profiles."""

    entities: frozenset[str]
    listings: frozenset[str]

    def __or__(self, other: Showing) -> Showing:
        return Showing(self.entities | other.entities, self.listings | other.listings)


@dataclass(frozen=True)
class SavedSite:
    """The site after a save the preview shows at once, and the pages that show the saved
    files, to be made again."""

    content: ContentSet
    index: SiteIndex
    listings: dict[str, Listing]
    shown: Showing


def site_after_save(
    layout: Layout,
    before: tuple[ContentSet, SiteIndex, dict[str, Listing]],
    saved: Set[str],
    sizes: PageSizes,
    now: datetime,
) -> SavedSite | None:
    """The saved files (source paths) read again, the site indexed again from `before`
    (the preview's content, index and listings), and the pages that show those files
    before or after the save; None when the save added, moved or left out a page, which
    only a full build makes."""
    content, index, listings = before
    after = load_content(layout, RESERVED_SLUGS, previous=content, changed=saved)
    if same_entities(index, after, saved):
        # Only the text changed (the most frequent save): the index and every page but
        # the saved ones' stay as they are.
        return SavedSite(after, index, listings, Showing(frozenset(saved), frozenset()))
    index_after = build_site_index(after, now=now, include_unpublished=True, previous=index)
    listings_after = build_listings(index_after, sizes)
    if not same_pages(index, listings, index_after, listings_after, saved):
        return None
    shown = pages_showing(index, listings, saved)
    shown |= pages_showing(index_after, listings_after, saved)
    shown |= recounted(listings, listings_after)
    return SavedSite(after, index_after, listings_after, shown)


def pages_showing(
    index: SiteIndex, listings: Mapping[str, Listing], sources: Collection[str]
) -> Showing:
    """The pages of `index` and `listings` that show any of `sources` (source paths of
    articles and profiles), their own pages among them. The views a listing or a profile
    shows are the index's own objects (`index.articles`, the models' cards), so they are
    found by identity (in 0.1 s at 10,000 articles, five times faster than by their source
    paths)."""
    shown = {id(view) for view in index.articles if view.article.src_uri in sources}
    shown |= {id(view.card) for view in index.models if view.model.src_uri in sources}
    entities = set(sources) & index.by_source.keys()
    entities.update(
        view.model.src_uri for view in index.models if not shown.isdisjoint(map(id, view.backlinks))
    )
    if any(isinstance(index.by_source.get(src_uri), ModelView) for src_uri in sources):
        entities.update(
            view.article.src_uri
            for view in index.articles
            if not shown.isdisjoint(map(id, view.models))
        )
    return Showing(
        frozenset(entities),
        frozenset(url for url, listing in listings.items() if _listing_shows(listing, shown)),
    )


def recounted(before: Mapping[str, Listing], after: Mapping[str, Listing]) -> Showing:
    """The statistics pages whose figures a save changed (a counted field: a category, a
    commune, a date, a profile's status...)."""
    return Showing(
        frozenset(),
        frozenset(
            url
            for url, listing in after.items()
            if listing.statistics is not None
            and (url not in before or listing.statistics != before[url].statistics)
        ),
    )


def _listing_shows(listing: Listing, shown: set[int]) -> bool:
    if listing.articles is not None and not shown.isdisjoint(map(id, listing.articles.items)):
        return True
    if not shown.isdisjoint(map(id, listing.models)):
        return True
    if any(not shown.isdisjoint(map(id, group.models)) for group in listing.groups):
        return True
    history = listing.term.history if listing.term is not None else None
    return history is not None and not (
        shown.isdisjoint(map(id, history.earlier_articles))
        and shown.isdisjoint(map(id, history.earlier_models))
    )


def same_pages(
    before: SiteIndex,
    before_listings: Mapping[str, Listing],
    after: SiteIndex,
    after_listings: Mapping[str, Listing],
    saved: Collection[str],
) -> bool:
    """Whether the site after a save of the files `saved` has the pages it had before: the
    same listings and entities, each saved one at its address, in its state (published,
    draft, scheduled) and with its old addresses. Only then may pages be made again one by
    one; otherwise files are added, moved or left out, which only a full build does."""
    if before_listings.keys() != after_listings.keys():
        return False
    if before.by_source.keys() != after.by_source.keys():
        return False
    return all(
        _address(before.by_source[src_uri]) == _address(after.by_source[src_uri])
        for src_uri in saved
        if src_uri in before.by_source
    )


def _address(view: ArticleView | ModelView) -> object:
    if isinstance(view, ArticleView):
        return (view.url, view.state, view.article.aliases)
    return (view.url, view.card.state, view.model.aliases)


def same_entities(index: SiteIndex, content: ContentSet, saved: Collection[str]) -> bool:
    """Whether the saved files, read again into `content`, give the very articles and
    profiles that `index` was made from: then only what the entities do not hold changed
    (their text, a front-matter field that only their own page reads), and so only their
    own pages."""
    entities: dict[str, Article | ModelProfile] = {
        article.src_uri: article for article in content.articles
    }
    entities.update((model.src_uri, model) for model in content.models)
    for src_uri in saved:
        view = index.by_source.get(src_uri)
        if view is None:
            return False
        before = view.article if isinstance(view, ArticleView) else view.model
        if entities.get(src_uri) != before:
            return False
    return True
