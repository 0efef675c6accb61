"""schema.org JSON-LD for every page, from the core's views: what Google's news surfaces and
link previews read beside the visible page.

An article is a `NewsArticle`, a model profile a `Project` run by its organisation in its
places, the home page a `WebSite` with its publisher (`Organization`), and every page but
the home page a `BreadcrumbList`. The JSON is escaped for a `<script>` block: a title that
contains `</script>` stays text.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..content.entities import Origin
from ..site import urls
from ..site.views import ArticleView, Image, Link, ModelView
from ..text.vietnamese import iso_datetime

CONTEXT = "https://schema.org"
HOME_TITLE = "Trang chủ"


@dataclass(frozen=True)
class Logo:
    """The publisher's logo: a raster image (Google reads no SVG) at a site-relative URL."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Publisher:
    """The site as structured data names it: its name, description, absolute address and
    logo (the theme's logo, when it is a raster image; none is invented)."""

    name: str
    url: str
    description: str = ""
    logo: Logo | None = None

    def absolute(self, url: str) -> str:
        return _joined(self.url, url) if self.url else "/" + url

    def organization(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@type": "Organization",
            "name": self.name,
            "url": self.absolute(urls.HOME),
        }
        if self.logo is not None:
            data["logo"] = {
                "@type": "ImageObject",
                "url": self.absolute(self.logo.url),
                "width": self.logo.width,
                "height": self.logo.height,
            }
        return data


@functools.lru_cache(maxsize=65536)
def _joined(base: str, url: str) -> str:
    """`urljoin`, remembered: a page's structured data names some seven addresses, most
    of them the same on every page (home, sections, the logo), and each join parses both."""
    return urljoin(base, url)


def script_json(value: object, indent: int | None = None) -> str:
    """JSON that is also safe inside HTML: `<`, `>` and `&` as \\u escapes (the same JSON),
    so no text can close a `<script>` block or become markup in a page that embeds it."""
    separators = (",", ": ") if indent else (",", ":")
    return _safe_in_html(
        json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    )


def script_json_lines(values: Sequence[object]) -> str:
    """A long list as JSON with one item per line, each compact, escaped as `script_json`.

    Python's JSON encoder runs in C only for compact output: the indented list of 10,000
    articles took 0.7 s of every build, one article per line 0.2 s (and a fifth fewer
    bytes to download, and a change is one line in a diff)."""
    items = ",\n".join(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")) for value in values
    )
    return _safe_in_html(f"[\n{items}\n]" if values else "[]")


def _safe_in_html(text: str) -> str:
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def article(view: ArticleView, publisher: Publisher, images: Sequence[str]) -> dict[str, Any]:
    """Google's Article properties: headline, image, dates, author; with schema.org's
    description, section, keywords, language, publisher and main page.

    `dateModified` is the update time (`updated:`), else the publication time: Google
    reads a missing one as unknown rather than unchanged."""
    item = view.article
    page = publisher.absolute(view.url)
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "description": item.summary,
        "datePublished": iso_datetime(item.date),
        "dateModified": iso_datetime(item.modified),
        "author": _author(view, publisher),
        "publisher": publisher.organization(),
        "articleSection": view.category.title,
        "inLanguage": "vi",
        "mainEntityOfPage": {"@type": "WebPage", "@id": page},
        "url": page,
    }
    if item.tags:
        data["keywords"] = list(item.tags)
    if images:
        data["image"] = _images(images, view.picture, publisher)
    if item.origin is not None:
        data["isBasedOn"] = _origin(item.origin)
    return data


def _images(images: Sequence[str], picture: Image | None, publisher: Publisher) -> list[Any]:
    """The photo's published files (one photo: the cover at its widest, its crop for
    shared links), each an `ImageObject` that names who took it when the page does."""
    addresses = [publisher.absolute(image) for image in images]
    if picture is None or not picture.credit:
        return list(addresses)
    return [
        {"@type": "ImageObject", "url": address, "creditText": picture.credit}
        for address in addresses
    ]


def _origin(origin: Origin) -> dict[str, Any]:
    """A reprinted article's original: where it appeared first, and its address if given."""
    based_on: dict[str, Any] = {
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": origin.name},
    }
    if origin.url:
        based_on["url"] = origin.url
    return based_on


def _author(view: ArticleView, publisher: Publisher) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": "Person", "name": view.article.author}
    if view.author is not None:
        author["url"] = publisher.absolute(view.author.url)
    return author


def model(view: ModelView, publisher: Publisher, images: Sequence[str]) -> dict[str, Any]:
    """A model of the movement as a `Project`: an undertaking of an organisation, in places,
    with the awards it received."""
    item = view.model
    card = view.card
    data: dict[str, Any] = {
        "@type": "Project",
        "name": item.title,
        "description": item.summary,
        "url": publisher.absolute(view.url),
        "parentOrganization": {
            "@type": "Organization",
            "name": card.organisation.title,
            "url": publisher.absolute(card.organisation.url),
        },
        "inLanguage": "vi",
    }
    places = [_place(link, publisher) for link in card.communes]
    if places:
        data["areaServed"] = places
    if item.awards:
        data["award"] = [
            f"{award.by} ({award.year})" for award in sorted(item.awards, key=lambda a: a.year)
        ]
    if images:
        data["image"] = _images(images, view.card.image, publisher)
    return data


def _place(link: Link, publisher: Publisher) -> dict[str, Any]:
    return {"@type": "AdministrativeArea", "name": link.title, "url": publisher.absolute(link.url)}


def website(publisher: Publisher) -> list[dict[str, Any]]:
    """The home page: the site and the body that publishes it."""
    site: dict[str, Any] = {
        "@type": "WebSite",
        "name": publisher.name,
        "url": publisher.absolute(urls.HOME),
        "inLanguage": "vi",
        "publisher": publisher.organization(),
    }
    if publisher.description:
        site["description"] = publisher.description
    return [site, publisher.organization()]


def breadcrumbs(trail: list[tuple[str, str]], publisher: Publisher) -> dict[str, Any]:
    """Where a page sits: home, its section, the page itself."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "name": name,
                "item": publisher.absolute(url),
            }
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }


def trail_of(
    view: ArticleView | ModelView | None,
    title: str,
    url: str,
    section: tuple[str, str] | None = None,
) -> list[tuple[str, str]]:
    """A page's breadcrumbs: an article under the news and its category, a profile under
    the models, a term under its taxonomy (`section`), any other page under the home page."""
    home = (HOME_TITLE, urls.HOME)
    if isinstance(view, ArticleView):
        category = (view.category.title, view.category.url)
        return [home, ("Tin tức", urls.NEWS), category, (title, url)]
    if isinstance(view, ModelView):
        return [home, ("Mô hình", urls.MODELS), (title, url)]
    return [home, *([section] if section and section[1] != url else []), (title, url)]


def page_graph(
    view: ArticleView | ModelView | None,
    title: str,
    url: str,
    publisher: Publisher,
    images: Sequence[str] = (),
    section: tuple[str, str] | None = None,
) -> str:
    """The JSON-LD of one page, ready for `<script type="application/ld+json">`.
    `images` are the page's photo at its widest and in the 1.91:1 crop shared with links
    (Google asks for several shapes); a page without a photo gives none, as a card that
    only repeats the title is no picture of the article."""
    nodes: list[dict[str, Any]]
    if isinstance(view, ArticleView):
        nodes = [article(view, publisher, images)]
    elif isinstance(view, ModelView):
        nodes = [model(view, publisher, images)]
    elif url == urls.HOME:
        nodes = website(publisher)
    else:
        nodes = []
    if url != urls.HOME:
        nodes.append(breadcrumbs(trail_of(view, title, url, section), publisher))
    return script_json({"@context": CONTEXT, "@graph": nodes})
