"""Which pages show an article or a profile: what the preview renders first after a save.

When an editor saves an article, the pages they look for it on are its own page, the
listings it appears on (the news, its category, tags, communes, author, month), the pages
of the models it names and of the articles that list it as related. Those are found here, in
one walk over the index and the listings, before and after the save (a page it left
shows it no longer, and must say so). Pages the save changed in other ways (a page of a
listing whose items moved one place, the count beside a term, the statistics) are not
found: the preview's full build that follows every quick one makes those (see
`mkdocs_adapter/quick_preview.py`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ..content.entities import Article, ModelProfile
from ..content.loader import ContentSet
from .index import SiteIndex
from .listings import Listing
from .views import ArticleView, ModelCard, ModelView


@dataclass(frozen=True)
class Showing:
    """The entity pages (by source path) and listing pages (by URL) that show a set of
    articles and profiles."""

    entities: frozenset[str]
    listings: frozenset[str]

    def __or__(self, other: Showing) -> Showing:
        return Showing(self.entities | other.entities, self.listings | other.listings)


def pages_showing(
    index: SiteIndex, listings: Mapping[str, Listing], sources: Collection[str]
) -> Showing:
    """The pages of `index` and `listings` that show any of `sources` (source paths of
    articles and profiles), their own pages among them."""
    entities = {
        src_uri
        for src_uri, view in index.by_source.items()
        if src_uri in sources or _view_shows(view, sources)
    }
    shown = {url for url, listing in listings.items() if _listing_shows(listing, sources)}
    return Showing(frozenset(entities), frozenset(shown))


def _view_shows(view: ArticleView | ModelView, sources: Collection[str]) -> bool:
    if isinstance(view, ArticleView):
        return _any_article(view.related, sources) or _any_model(view.models, sources)
    return _any_article(view.backlinks, sources)


def _listing_shows(listing: Listing, sources: Collection[str]) -> bool:
    if listing.articles is not None and _any_article(listing.articles.items, sources):
        return True
    if _any_model(listing.models, sources):
        return True
    if any(_any_model(group.models, sources) for group in listing.groups):
        return True
    history = listing.term.history if listing.term is not None else None
    return history is not None and (
        _any_article(history.earlier_articles, sources)
        or _any_model(history.earlier_models, sources)
    )


def _any_article(views: Iterable[ArticleView], sources: Collection[str]) -> bool:
    return any(view.article.src_uri in sources for view in views)


def _any_model(cards: Iterable[ModelCard], sources: Collection[str]) -> bool:
    return any(card.model.src_uri in sources for card in cards)


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
