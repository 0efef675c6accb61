"""What each page is made from: the values the page cache keys a page's two steps with
(`incremental.py`), taken from what the core made in `on_files`.

A page whose inputs are those of the last build is not rendered again, so whatever a page
shows must be in them: the Markdown step reads the page's source and front matter, and
what the figures are told of it; the theme step adds the page's view, the listing it is
part of, its share image, its structured data and Dublin Core, whether search reads its
whole text, and (for a page of the navigation) its title and neighbours. What every page
shows (the navigation, the year's theme, the publisher) is keyed once, in `SiteFacts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..content.loader import ContentSet
from ..outputs.page_context import PageContexts, PageRef
from ..site.views import ArticleView


def page_ref(page: Page) -> PageRef:
    """The core's reference to a page MkDocs made: its source, address, title, and whether
    it is the home page."""
    return PageRef(page.file.src_uri, page.url, str(page.title or ""), page.is_homepage)


@dataclass(frozen=True)
class PageInputs:
    """One build's page inputs, for the page keys."""

    content: ContentSet
    contexts: PageContexts
    full_text: frozenset[str]
    """The source paths of the pages search reads in full (see outputs/search_index.py)."""

    def markdown(self, file: File) -> object:
        """What a page's Markdown step reads: its Markdown and, for an article or profile
        (whose Markdown MkDocs is given without the front matter), its front matter, both
        stood for by the digest of its file's bytes, from which the core read them; and
        what the figures are told of the page."""
        document = self.content.documents.get(file.src_uri)
        view = self.contexts.view_without_related(file.src_uri)
        figures = (isinstance(view, ArticleView), view is not None and view.picture is not None)
        if document is not None and document.source_digest:
            return (document.source_digest, *figures)
        source = document.data if document is not None else None
        return (file.content_string, source, *figures)

    def shown(self, file: File) -> object:
        """A page's view and what it shows of its listing: made in `on_files` and never
        changed after, so they can be digested while the build goes on
        (`digest_shows_ahead`), from before the share images are made."""
        return (
            self.contexts.view(file.src_uri),
            self.contexts.listing_shown(file.url),
        )

    def theme_outside_navigation(self, file: File) -> object:
        """What the theme shows of a page outside the navigation besides its content, what
        its source and front matter say (its meta and title) and what `shown` holds (its
        view and listing, digested ahead and keyed apart): its share image, whether search
        reads it, and the Dublin Core of a page that is not an article (an article's
        follows from its view; "Giới thiệu" is dated by the news)."""
        view = self.contexts.view_without_related(file.src_uri)
        page = file.page
        return (
            self.contexts.share_image(file.src_uri),
            file.src_uri in self.full_text,
            None
            if isinstance(view, ArticleView) or page is None
            else self.contexts.dublin_core(page_ref(page)),
        )

    def theme_in_navigation(self, page: Page) -> object:
        """What the theme shows of a page of the navigation besides its content and
        `page_outline` (its title, meta, neighbours)."""
        ref = page_ref(page)
        return (
            self.contexts.view(ref.src_uri),
            self.contexts.listing_shown(ref.url),
            self.contexts.structured_data(ref),
            self.contexts.dublin_core(ref),
            self.contexts.share_image(ref.src_uri),
        )


def navigation_outline(nav: Navigation) -> object:
    """The navigation as every page shows it: titles and addresses, in order."""

    def outline(item: object) -> object:
        if isinstance(item, Section):
            return ("section", item.title, [outline(child) for child in item.children])
        if isinstance(item, Page):
            return ("page", item.title, item.url, item.is_homepage)
        if isinstance(item, Link):
            return ("link", item.title, item.url)
        return ("other", type(item).__qualname__)

    return [outline(item) for item in nav.items]


def navigation_titles(outline: object) -> Iterable[object]:
    """Every title in `navigation_outline`'s answer."""
    if isinstance(outline, list):
        for item in outline:
            yield from navigation_titles(item)
    elif isinstance(outline, tuple):
        yield outline[1]
        if outline[0] == "section":
            yield from navigation_titles(outline[2])


def page_outline(page: Page) -> object:
    """What the theme shows of a page besides its content and the site builder's context."""

    def neighbour(other: Page | None) -> object:
        return None if other is None else (other.title, other.url)

    return (
        page.title,
        page.url,
        page.canonical_url,
        page.abs_url,
        page.edit_url,
        page.is_homepage,
        dict(page.meta),
        neighbour(page.previous_page),
        neighbour(page.next_page),
        [getattr(ancestor, "title", None) for ancestor in page.ancestors],
    )
