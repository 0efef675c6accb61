"""Addresses that never break: what the site publishes, the old addresses (`aliases:`) that
lead to a page, and the addresses a previous build published that this one would lose.

Links to the site live on in Facebook posts and Zalo groups for years. A page that moves
(a renamed file, a new `slug:`) keeps its old address as an alias: the site publishes a
redirect page there (outputs/redirects.py). Two claims on one address are an error
(SB132), and so is an address of the previous site that nothing publishes any more
(SB133, `site-builder check --previous-sitemap`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..content.entities import Article, ModelProfile
from ..content.problems import Problem
from ..content.schema import site_path
from ..content.strict import StrictAttributes
from . import urls
from .index import SiteIndex
from .views import ArticleView, ModelView


@dataclass(frozen=True)
class Redirect(StrictAttributes):
    """An old address and the page it now leads to (both site-relative)."""

    address: str
    target: str
    title: str


@dataclass(frozen=True)
class AddressPlan:
    """Every address the build publishes (pages and redirects) and its redirects."""

    pages: frozenset[str]
    redirects: tuple[Redirect, ...]
    problems: tuple[Problem, ...]

    @property
    def published(self) -> frozenset[str]:
        return self.pages | {redirect.address for redirect in self.redirects}


def plan_addresses(index: SiteIndex, pages: Iterable[str]) -> AddressPlan:
    """The redirects of every published article and profile, given the URLs of all the
    site's pages (entities, listings, editors' own pages). An alias that is already a
    page's address, or another page's alias, is refused with SB132 at its line."""
    views = index.views_without_related()
    page_urls = frozenset(pages) | {view.url for view in views.values()}
    redirects: dict[str, Redirect] = {}
    claimed_by: dict[str, str] = {}
    problems: list[Problem] = []
    for src_uri in sorted(views):
        view = views[src_uri]
        entity = _entity(view)
        display = entity.source.path if entity.source else src_uri
        for alias in entity.aliases:
            if alias.path == view.url:
                continue
            if alias.path in page_urls:
                problems.append(_taken(display, alias.line, alias.path, "một trang khác"))
            elif alias.path in redirects:
                other = f"địa chỉ cũ của {claimed_by[alias.path]}"
                problems.append(_taken(display, alias.line, alias.path, other))
            else:
                redirects[alias.path] = Redirect(alias.path, view.url, entity.title)
                claimed_by[alias.path] = display
    return AddressPlan(page_urls, tuple(redirects.values()), tuple(problems))


def _entity(view: ArticleView | ModelView) -> Article | ModelProfile:
    return view.article if isinstance(view, ArticleView) else view.model


def _taken(display: str, line: int, address: str, owner: str) -> Problem:
    return Problem(
        display,
        line,
        "SB132",
        f"Địa chỉ cũ '/{address}' đã là {owner}, nên không thể chuyển về trang này. "
        "Hãy bỏ dòng này, hoặc kiểm tra lại địa chỉ.",
    )


# --- the previous site -------------------------------------------------------------

_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.S)
_PAGED = re.compile(rf"(^|/){urls.PAGE_SEGMENT}/\d+/$")
"""A list's second and later pages: they follow the number of articles, not a file."""


def sitemap_addresses(text: str) -> list[tuple[str, int]]:
    """Each `<loc>` of a sitemap with its line. Read as text, not parsed as XML: a sitemap
    is a flat list, and no entity or external reference of a fetched file is resolved."""
    found = []
    for match in _LOC.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append((html.unescape(match.group(1)), line))
    return found


def lost_addresses(
    sitemap: list[tuple[str, int]], published: frozenset[str], display: str
) -> list[Problem]:
    """SB133 for each address of the previous site that this build publishes no more and
    no alias covers. The site's root is the sitemap's home page (its shortest address)."""
    if not sitemap:
        return []
    root = min((loc for loc, _ in sitemap), key=len)
    problems = []
    for loc, line in sitemap:
        if not loc.startswith(root):
            continue
        relative = unquote(urlsplit(loc[len(root) :]).path)
        if not relative or _PAGED.search(relative):
            continue
        path, invalid = site_path("/" + relative)
        if invalid or path in published:
            continue
        problems.append(
            Problem(
                display,
                line,
                "SB133",
                f"Trang web đã đăng địa chỉ /{path}, nhưng nội dung hiện tại không còn trang "
                "nào ở đó: ai mở liên kết cũ sẽ gặp trang lỗi. Nếu bài đã đổi tên hoặc đổi "
                f"slug, hãy thêm vào bài đó dòng: aliases: [/{path}]",
            )
        )
    return problems


def pages_of(src_uris: Iterable[str], listings: Mapping[str, object]) -> set[str]:
    """The URLs of editors' own pages (`content/gioi-thieu.md`) and of every listing."""
    return {urls.page_url(src_uri) for src_uri in src_uris} | set(listings)
