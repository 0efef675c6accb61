"""Every URL format of the site, in one place.

URLs are relative to the site root, ASCII, and end with '/' (MkDocs directory URLs). A
template never builds a link by gluing strings: it gets URLs from the site index, which
asks this module. A taxonomy's base address is declared with it (`taxonomies.py`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..content.loader import ReservedSlugs

HOME = ""
NEWS = "tin-tuc/"
MODELS = "mo-hinh/"
ARCHIVE = "luu-tru/"
STATISTICS = "thong-ke/"
BOUNDARIES = "dia-gioi-hanh-chinh/"
"""Every change of the communes in time order ("Địa giới hành chính qua các thời kỳ")."""
SITE_MAP = "so-do-trang/"
"""The readers' site map ("Sơ đồ trang"): every section and its listings."""
ABOUT = "gioi-thieu/"
"""The publisher: its functions, tasks and organisation ("Giới thiệu")."""
CONTACT = "lien-he/"
"""The publisher's address, phone, email and the official in charge ("Liên hệ")."""
ENGLISH = "en/"
"""The publisher's organisation and contacts in English."""
PAGE_SEGMENT = "trang"


def reserved_slugs(taxonomy_bases: Iterable[str]) -> ReservedSlugs:
    """Slugs an article or a model cannot take, because a generated page already lives
    there: a list's next pages, and the taxonomies whose index sits among the models."""
    return ReservedSlugs(
        articles=frozenset({PAGE_SEGMENT}),
        models=frozenset(
            {PAGE_SEGMENT}
            | {base[len(MODELS) :].strip("/") for base in taxonomy_bases if base.startswith(MODELS)}
        ),
    )


def article(slug: str) -> str:
    """An article lives at a flat, stable URL whatever folder its file is kept in."""
    return f"{NEWS}{slug}/"


def model(slug: str) -> str:
    return f"{MODELS}{slug}/"


def asset(src_uri: str) -> str:
    """A file copied from content/ as it is (a photo): same path in the site."""
    return src_uri


def term(taxonomy_base: str, slug: str) -> str:
    """A term's page, one level below its taxonomy's index (declared in taxonomies.py)."""
    return f"{taxonomy_base}{slug}/"


def archive_year(year: int) -> str:
    return f"{ARCHIVE}{year}/"


def archive_month(year: int, month: int) -> str:
    return f"{ARCHIVE}{year}/{month:02d}/"


def paged(url: str, number: int) -> str:
    """Page `number` of the list at `url`: page 1 is the list's own URL."""
    return url if number == 1 else f"{url}{PAGE_SEGMENT}/{number}/"


# Feeds sit at the site root, beside sitemap.xml: Material fetches "sitemap.xml" relative to
# every <link rel="alternate">, feeds included, and would get a 404 anywhere else.
def news_feed() -> str:
    """The RSS feed of all news."""
    return "feed.xml"


def category_feed(slug: str) -> str:
    """The RSS feed of one category."""
    return f"feed-{slug}.xml"


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a page of content/: `a/b.md` -> `a/b/`,
    `a/index.md` (or README.md) -> `a/`."""
    stem = src_uri.removesuffix(".md")
    head, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{head}/" if head else HOME
    return f"{stem}/"


def redirect_file(address: str) -> str:
    """The file in site/ that serves an old address: `x/` -> `x/index.html`, `x.html` as it is."""
    return output_path(address) if address.endswith("/") else address


def output_path(url: str) -> str:
    """The file in site/ that serves a directory URL."""
    return f"{url}index.html"


def source_path(url: str) -> str:
    """The src_uri of a page generated at a directory URL."""
    return f"{url}index.md"
