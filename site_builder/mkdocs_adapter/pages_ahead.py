"""The pages outside the navigation, made before MkDocs' navigation would make them.

MkDocs makes a `Page` for every page the navigation does not hold (`get_navigation`), and
each joins the page's URL to `site_url` with `urllib.parse.urljoin`, whose parsing cache
(128 entries) misses on every one of 13,000 distinct addresses: 0.4-0.6 s of a build at
10,000 articles, most of the navigation's time, in a build that changed one article.

`make_pages_ahead` makes those pages late in `on_files`, each MkDocs' own `Page`
with the attributes its `__init__` gives (the build's date asked for once), and gives
each its canonical URL and path by `canonical_url`: `site_url` and the page's
URL put end to end wherever that is what `urljoin` gives (an absolute `site_url` with
nothing to resolve, a relative URL without dot segments, empty segments, scheme, query
or fragment), `urljoin` itself otherwise. Every page made ahead is then the page MkDocs
would have made: tests compare their attributes, and the join with `urljoin` on
generated addresses. Only pages MkDocs would make outside the navigation are made here:
a page left out of `nav` but not marked `not_in_nav` is still MkDocs' to make and to
report, and a page `nav` names is left to the navigation, which takes a page it finds
made as it is (without the title `nav` gives it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePath
from urllib.parse import SplitResult, urljoin, urlsplit, uses_netloc, uses_relative

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

CanonicalUrl = Callable[[str], tuple[str | None, str | None]]
"""A page's canonical URL and its path, from the page's URL."""


def canonical_url(site_url: str | None) -> CanonicalUrl:
    """What MkDocs' `Page._set_canonical_url` gives a page of this site: the canonical
    URL and its path (both None without `site_url`)."""
    if not site_url:
        return lambda url: (None, None)
    base = site_url if site_url.endswith("/") else site_url + "/"
    parts = urlsplit(base)
    if not _joins_end_to_end(base, parts):
        return lambda url: _joined(base, url)
    path = parts.path

    def end_to_end(url: str) -> tuple[str | None, str | None]:
        if _plain_relative(url):
            return base + url, path + url
        return _joined(base, url)

    return end_to_end


def _joined(base: str, url: str) -> tuple[str | None, str | None]:
    """As MkDocs joins them."""
    joined = urljoin(base, url)
    return joined, urlsplit(joined).path


def _joins_end_to_end(base: str, parts: SplitResult) -> bool:
    """Whether `urljoin` puts a plain relative URL after `base` as it is: the base reads
    back as it was written (scheme in lower case, no spaces, query or fragment), its
    scheme resolves relative URLs, and its path has no segment to resolve."""
    if parts.scheme not in uses_relative or parts.scheme not in uses_netloc:
        return False
    if not parts.scheme or not parts.netloc or parts.query or parts.fragment:
        return False
    if base != f"{parts.scheme}://{parts.netloc}{parts.path}" or ";" in parts.path:
        return False
    path = parts.path
    return path == "/" or (path[:1] == "/" and _plain_segments(path[1:-1]))


def _plain_relative(url: str) -> bool:
    """A relative URL `urljoin` leaves as it is: printable characters without a scheme,
    parameters, query or fragment; no leading slash, empty segment or dot segment (a
    trailing slash is the only empty segment allowed)."""
    if url == "":
        return True
    if _NOT_PLAIN.search(url):
        return False
    return _plain_segments(url[:-1] if url.endswith("/") else url)


_NOT_PLAIN = re.compile(r"[\x00-\x20:;?#\\\x7f]")
"""A character that keeps a relative URL from being put after the base as it is: a control
character or space, or one that starts a scheme, parameters, a query or a fragment, or a
backslash. One search a URL, rather than a test a character (0.05 s at 10,000 pages)."""


def _plain_segments(path: str) -> bool:
    return all(segment not in ("", ".", "..") for segment in path.split("/"))


def make_pages_ahead(files: Iterable[File], config: MkDocsConfig) -> int:
    """Make the `Page` of every documentation page MkDocs would make outside the
    navigation (included, marked `not_in_nav`, not yet made); how many were made."""
    in_navigation = set(_navigation_paths(config.nav))
    join = canonical_url(config.site_url)
    edit_settings = (config.repo_url, config.edit_uri, config.edit_uri_template)
    update_date = get_build_date()
    made = 0
    for file in files:
        if file.page is not None or not file.is_documentation_page():
            continue
        if file.src_uri in in_navigation:  # the navigation takes the page it finds
            continue
        if not (file.inclusion.is_included() and file.inclusion.is_not_in_nav()):  # type: ignore[no-untyped-call]
            continue
        _page_ahead(file, update_date, join, edit_settings)
        made += 1
    return made


def _page_ahead(
    file: File,
    update_date: str,
    join: CanonicalUrl,
    edit_settings: tuple[str | None, str | None, str | None],
) -> Page:
    """The `Page` MkDocs 1.6's `Page(None, file, config)` makes, attribute for attribute
    (a test compares them), but for two of its costs: the build's date is asked for once
    rather than once a page (the clock and `strftime`, 0.1-0.2 s of a build at 10,000
    articles), and the canonical URL is joined by `join`."""
    page = Page.__new__(Page)
    file.page = page
    page.file = file
    page.children = None
    page.previous_page = None
    page.next_page = None
    page.active = False
    page.update_date = update_date
    page.canonical_url, page.abs_url = join(page.url)
    page._set_edit_url(*edit_settings)
    page.markdown = None
    page._title_from_render = None
    page.content = None
    page.toc = []  # type: ignore[assignment]  # as MkDocs sets it
    page.meta = {}
    return page


def _navigation_paths(nav: object) -> Iterator[str]:
    """Every path `nav` names, as MkDocs looks each up (relative to the docs folder, with
    or without a leading slash): the navigation would take a page made ahead as its own,
    without the title `nav` gives it."""
    if isinstance(nav, str):
        yield PurePath(nav).as_posix()
        yield PurePath(nav.lstrip("/")).as_posix()
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from _navigation_paths(item)
    elif isinstance(nav, list):
        for item in nav:
            yield from _navigation_paths(item)
