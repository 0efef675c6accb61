"""The one paginator, without MkDocs."""

from __future__ import annotations

import pytest

from site_builder.site import urls
from site_builder.site.pagination import paginate


def url_for(number: int) -> str:
    return urls.paged("tin-tuc/", number)


def test_pages_split_items_and_link_to_each_other() -> None:
    pages = paginate(list(range(7)), 3, url_for)
    assert [page.items for page in pages] == [(0, 1, 2), (3, 4, 5), (6,)]
    first, middle, last = pages
    assert [p.url for p in pages] == ["tin-tuc/", "tin-tuc/trang/2/", "tin-tuc/trang/3/"]
    assert (first.previous_url, first.next_url) == (None, "tin-tuc/trang/2/")
    assert (middle.previous_url, middle.next_url) == ("tin-tuc/", "tin-tuc/trang/3/")
    assert (last.previous_url, last.next_url) == ("tin-tuc/trang/2/", None)
    assert {p.first_url for p in pages} == {"tin-tuc/"}
    assert {p.last_url for p in pages} == {"tin-tuc/trang/3/"}
    assert all(p.count == 3 and p.total_items == 7 and p.is_paginated for p in pages)


def test_exact_multiple_has_no_empty_last_page() -> None:
    assert len(paginate(list(range(6)), 3, url_for)) == 2


def test_empty_list_has_one_empty_page() -> None:
    [page] = paginate([], 10, url_for)
    assert page.items == () and page.url == "tin-tuc/" and not page.is_paginated


def test_page_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="per_page"):
        paginate([1], 0, url_for)
