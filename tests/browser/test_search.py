"""Search as readers type it: without tone marks, old and new tone placement, phrases."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from site_builder.text.vietnamese import fold


def search(page: Any, base_url: str, query: str) -> list[str]:
    """Type `query` in Material's search box as a reader would; return the result titles.

    Material searches on every keystroke, so the results are read once they have stopped
    changing after the last key.
    """
    page.goto(base_url)
    page.locator("label.md-header__button[for='__search']").click()
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Nhập để bắt đầu tìm kiếm").wait_for()  # the index is ready
    page.locator("input.md-search__input").press_sequentially(query, delay=15)
    titles = page.locator(".md-search-result__item > .md-search-result__link h1")
    seen: list[str] | None = None
    for _ in range(40):
        page.wait_for_timeout(150)
        now = [meta.inner_text(), *titles.all_inner_texts()]
        if now == seen and "Nhập để" not in now[0]:
            return now[1:]
        seen = now
    raise AssertionError(f"search results for {query!r} never settled")


def first_folded(titles: list[str]) -> str:
    assert titles, "no result"
    return fold(titles[0]).lower()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dan van kheo", "dan van kheo"),
        ("thap sang duong que", "thap sang duong que"),
        ("quang tan", "quang tan"),
        ("thắp sáng", "thap sang"),
        ("dam ha", "dam ha"),
        ("đầm hà", "dam ha"),
        ("ĐẦM HÀ", "dam ha"),
    ],
)
def test_folded_queries_find_the_page(page: Any, base_url: str, query: str, expected: str) -> None:
    assert expected in first_folded(search(page, base_url, query))


def test_old_and_new_tone_placement_match(page: Any, base_url: str) -> None:
    """The sample writes "Văn hóa"; a reader may type "văn hoá"."""
    assert "van hoa" in first_folded(search(page, base_url, "văn hoá"))
    assert "van hoa" in first_folded(search(page, base_url, "văn hóa"))


def test_nfd_text_is_found_by_an_nfc_query(page: Any, base_url: str) -> None:
    titles = search(page, base_url, "thủy tiên")
    assert titles and "tan lap" in first_folded(titles)
    nfd_query = unicodedata.normalize("NFD", "hội nghị tân lập")
    assert "hoi nghi" in first_folded(search(page, base_url, nfd_query))


def test_quoted_phrase_and_required_words(page: Any, base_url: str) -> None:
    assert "ngay chu nhat xanh" in first_folded(search(page, base_url, '"Ngày Chủ nhật"'))
    assert "thap sang duong que" in first_folded(search(page, base_url, "+thắp +sáng"))


def test_punctuation_does_not_stick_to_words(page: Any, base_url: str) -> None:
    """The text has “Thắp sáng đường quê” in typographic quotes and “quê,” before commas."""
    titles = search(page, base_url, "khởi xướng")
    assert titles and "thap sang duong que" in first_folded(titles)


def test_found_words_are_highlighted_as_written(page: Any, base_url: str) -> None:
    search(page, base_url, "dan van kheo")
    marks = page.locator(".md-search-result mark")
    assert marks.count() > 0
    written = {marks.nth(i).inner_text().lower() for i in range(min(marks.count(), 20))}
    assert {"dân", "vận", "khéo"} & written


def test_search_downloads_nothing_until_it_is_opened(page: Any, base_url: str) -> None:
    """The index and the worker are fetched when the reader opens search, not before; and
    no page downloads the sitemap, which grows with the archive."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "tin-tuc/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requested if "search" in url], requested
    # Material's request for the whole sitemap gets the empty one instead.
    assert not [url for url in requested if url.endswith("/sitemap.xml")], requested
    assert any(url.endswith("/assets/sitemap-empty.xml") for url in requested), requested
    page.locator("label.md-header__button[for='__search']").click()
    page.locator(".md-search-result__meta").filter(has_text="Nhập để bắt đầu tìm kiếm").wait_for()
    fetched = [url for url in requested if "search" in url]
    assert any(url.endswith("search/search_index.json") for url in fetched), fetched
    assert any("/workers/search." in url for url in fetched), fetched


def test_archive_entries_are_found_without_diacritics(page: Any, base_url: str) -> None:
    """Older articles are in the index by title, summary, tags and communes (not full text);
    the browser test site keeps the full text of the newest three only."""
    titles = search(page, base_url, "duc yen kinh te trang trai")
    assert any("kinh tế trang trại" in title for title in titles), titles


def test_a_unit_is_found_by_the_name_of_a_unit_merged_into_it(page: Any, base_url: str) -> None:
    """Quảng Lợi was merged into Quảng Tân: a reader typing the old name, without tone
    marks, finds both the old unit and the one it became."""
    titles = [fold(title).lower() for title in search(page, base_url, "quang loi")]
    assert "xa quang loi (den 31/12/2019)" in titles
    assert "xa quang tan" in titles
