"""Dublin Core meta tags (`DC.*`), which a state body's site carries on its home page, its
"Giới thiệu" page, every news item and its information in a foreign language (Thông tư
24/2011/TT-BTTTT, Điều 6; Điều 4: title, creator, date, description, publisher and
identifier required; language, source and subject recommended; Điều 5: in English for the
English information).

The template writes each pair as `<meta name="..." content="...">`, escaped there; this
module only chooses the values, from the same views as the page and its JSON-LD.
"""

from __future__ import annotations

from datetime import datetime

from ..site import urls
from ..site.publisher import PublisherProfile
from ..site.views import ArticleView
from ..text.vietnamese import iso_datetime
from .structured_data import Publisher

SCHEMA = "http://purl.org/dc/elements/1.1/"
"""What `<link rel="schema.DC">` names: the Dublin Core elements."""

Terms = tuple[tuple[str, str], ...]


def article_terms(view: ArticleView, publisher: Publisher) -> Terms:
    """A news item: its byline as creator, its category and tags as subjects, and where it
    first appeared when it is a reprint."""
    article = view.article
    terms = [
        ("DC.title", article.title),
        ("DC.creator", article.byline),
        ("DC.date", iso_datetime(article.date)),
        ("DC.description", article.summary),
        ("DC.publisher", publisher.name),
        ("DC.identifier", publisher.absolute(view.url)),
        ("DC.language", "vi"),
        ("DC.subject", view.category.title),
        *(("DC.subject", tag) for tag in article.tags),
    ]
    if article.origin is not None:
        terms.append(("DC.source", article.origin.url or article.origin.name))
    return tuple(terms)


def home_terms(publisher: Publisher, newest: datetime | None) -> Terms:
    """The home page: the publisher as its creator, dated by its newest article (the home
    page changes when the news does; no build time, so that an unchanged site builds the
    same page)."""
    return _site_page_terms(
        publisher, urls.HOME, publisher.name, publisher.name, publisher.description, newest
    )


def about_terms(publisher: Publisher, about: PublisherProfile, newest: datetime | None) -> Terms:
    """The "Giới thiệu" page: the body describes itself; dated as the home page is."""
    description = f"Giới thiệu {about.name}" + (
        f", trực thuộc {about.owner}" if about.owner else ""
    )
    title = f"Giới thiệu – {about.name}"
    return _site_page_terms(publisher, urls.ABOUT, title, about.name, description, newest)


def english_terms(publisher: Publisher, about: PublisherProfile, newest: datetime | None) -> Terms:
    """The English page ("About us"): its terms in English where the entry gives English
    names (Điều 5 khoản 2), the Vietnamese name where it does not."""
    name = about.name_en or about.name
    owner = about.owner_en or about.owner
    description = f"About {name}" + (f", under {owner}" if owner else "")
    title = f"About us – {name}"
    return _site_page_terms(publisher, urls.ENGLISH, title, name, description, newest, "en")


def _site_page_terms(
    publisher: Publisher,
    url: str,
    title: str,
    creator: str,
    description: str,
    newest: datetime | None,
    language: str = "vi",
) -> Terms:
    """A page about the site or its body rather than a news item: dated by the newest
    article when there is one; a term without a value is left out."""
    return (
        ("DC.title", title),
        ("DC.creator", creator),
        *((("DC.date", iso_datetime(newest)),) if newest is not None else ()),
        *((("DC.description", description),) if description else ()),
        ("DC.publisher", publisher.name),
        ("DC.identifier", publisher.absolute(url)),
        ("DC.language", language),
    )
