"""One paginator for every list on the site: news, archives, term pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..content.strict import StrictAttributes

T = TypeVar("T")


@dataclass(frozen=True)
class Page(StrictAttributes, Generic[T]):
    """Page `number` (from 1) of `count`, with the URLs of its neighbours and ends."""

    number: int
    items: tuple[T, ...]
    urls: tuple[str, ...]
    total_items: int

    @property
    def count(self) -> int:
        return len(self.urls)

    @property
    def url(self) -> str:
        return self.urls[self.number - 1]

    @property
    def first_url(self) -> str:
        return self.urls[0]

    @property
    def last_url(self) -> str:
        return self.urls[-1]

    @property
    def previous_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None

    @property
    def is_paginated(self) -> bool:
        return self.count > 1


def paginate(
    items: Sequence[T], per_page: int, url_for: Callable[[int], str]
) -> tuple[Page[T], ...]:
    """Split `items` into pages of `per_page`; an empty list still has one (empty) page.

    `url_for(n)` gives the URL of page n, so the URL scheme stays in `urls`.
    """
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    count = max(1, -(-len(items) // per_page))
    urls = tuple(url_for(number) for number in range(1, count + 1))
    return tuple(
        Page(number, tuple(items[(number - 1) * per_page : number * per_page]), urls, len(items))
        for number in range(1, count + 1)
    )
