"""Pages the site's data puts in the main menu (MkDocs' navigation).

`mkdocs.yml` names the sections, which every site has. A page that exists only when the
data says so ("Giới thiệu", made when `organisations.yml` marks the publisher) cannot be
named there: a site without it would fail its strict build on a menu entry to nothing. The
plugin places such a page itself, right after the home page, as the rules order the menu
("Trang chủ, Giới thiệu, ..."), unless `mkdocs.yml` already names it somewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

MenuEntry = tuple[str, str]
"""A page for the menu: its title and its source path."""


def add_to_menu(nav: Navigation, files: Files, entries: Iterable[MenuEntry]) -> None:
    """Insert each entry's page after the home page, in the given order; an entry whose
    page was not made, or which the menu already holds, is left as it is."""
    held = {page.file.src_uri for page in nav.pages}
    position = next(
        (
            at + 1
            for at, item in enumerate(nav.items)
            if isinstance(item, Page) and item.is_homepage
        ),
        0,
    )
    added = False
    for title, src_uri in entries:
        file = files.get_file_from_path(src_uri)
        if file is None or file.page is None or src_uri in held:
            continue
        file.inclusion = InclusionLevel.INCLUDED
        file.page.title = title
        nav.items.insert(position, file.page)
        position += 1
        added = True
    if added:
        nav.pages = list(_pages_in_order(nav.items))
        _link_neighbours(nav.pages)


def _pages_in_order(items: Iterable[object]) -> Iterable[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages_in_order(item.children)


def _link_neighbours(pages: list[Page]) -> None:
    """Each page's previous and next page in the menu's order, as MkDocs sets them."""
    for at, page in enumerate(pages):
        page.previous_page = pages[at - 1] if at > 0 else None
        page.next_page = pages[at + 1] if at + 1 < len(pages) else None
