"""The body that runs the site, as a state body's site must show it: on the "Giới thiệu",
"Liên hệ" and English pages and in every page's footer.

It comes from the publisher's entry in `organisations.yml` (`publisher: true`) of the
build's day, so that the site shows the body as it is now; an article keeps the name of its
own day in its byline (`SiteData.byline_unit_at`). Every field is optional: one a source
does not confirm stays empty, and the pages leave it out rather than show a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from ..content.data import SiteData
from ..content.entities import Term
from ..content.strict import StrictAttributes


@dataclass(frozen=True)
class PublisherProfile(StrictAttributes):
    name: str
    short_name: str
    owner: str = ""
    """The owning body (cơ quan chủ quản)."""
    address: str = ""
    phone: str = ""
    email: str = ""
    responsible: str = ""
    """The official in charge of the site (người chịu trách nhiệm)."""
    responsible_position: str = ""
    licence: str = ""
    """The founding decision or licence, as the body cites it."""
    functions: tuple[str, ...] = ()
    """Its functions and tasks (chức năng, nhiệm vụ), one per item."""
    units: tuple[str, ...] = ()
    """Its organisation (tổ chức bộ máy): its departments and boards."""
    name_en: str = ""
    owner_en: str = ""
    earlier_names: tuple[str, ...] = ()
    """The names it had before, newest first (earlier entries marked as the publisher)."""

    @property
    def has_contacts(self) -> bool:
        return bool(self.address or self.phone or self.email)

    @property
    def phone_link(self) -> str:
        """A `tel:` address: the digits (and a leading +) of the number as written."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return f"tel:{digits}" if digits else ""

    @property
    def email_link(self) -> str:
        return f"mailto:{self.email}" if self.email else ""

    def email_link_with(self, subject: str, body: str) -> str:
        """A `mailto:` address that opens the reader's own mail with a subject and a text
        already written (a reader's rating of a page: the site itself keeps nothing)."""
        if not self.email:
            return ""
        return f"{self.email_link}?" + urlencode(
            {"subject": subject, "body": body}, quote_via=quote
        )


def publisher_profile(data: SiteData, today: date) -> PublisherProfile | None:
    """The publisher of `today`, or None when `organisations.yml` marks none."""
    current = data.publisher_at(today)
    if current is None:
        return None
    return PublisherProfile(
        name=current.name,
        short_name=current.short_name,
        owner=_text(current, "owner"),
        address=_text(current, "address"),
        phone=_text(current, "phone"),
        email=_text(current, "email"),
        responsible=_text(current, "responsible"),
        responsible_position=_text(current, "responsible_position"),
        licence=_text(current, "licence"),
        functions=_texts(current, "functions"),
        units=_texts(current, "units"),
        name_en=_text(current, "name_en"),
        owner_en=_text(current, "owner_en"),
        earlier_names=tuple(
            dict.fromkeys(t.name for t in data.publishers_before(today) if t.name != current.name)
        ),
    )


def _text(term: Term, key: str) -> str:
    return str(term.attributes.get(key, "")).strip()


def _texts(term: Term, key: str) -> tuple[str, ...]:
    value = term.attributes.get(key, ())
    return tuple(str(item).strip() for item in value) if isinstance(value, list) else ()
