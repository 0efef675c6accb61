"""Printing an article or a profile: the content on paper, without the site around it."""

from __future__ import annotations

from typing import Any

import pytest

SITE_AROUND = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-search",
    ".md-footer",
    ".sb-share",
    "[data-sb-print]",
]


@pytest.mark.parametrize("url", ["tin-tuc/ba-anh/", "mo-hinh/thap-sang-duong-que/"])
def test_a_printed_page_is_its_content_and_its_address(page: Any, base_url: str, url: str) -> None:
    page.goto(base_url + url)
    page.emulate_media(media="print")
    for selector in SITE_AROUND:
        assert not any(element.is_visible() for element in page.query_selector_all(selector)), (
            selector
        )
    assert page.is_visible("article h1")
    address = page.locator(".sb-print-address")
    assert address.is_visible()
    text = address.inner_text()
    assert text.startswith("Địa chỉ trang: http") and text.endswith(url), text
    if url.startswith("tin-tuc/"):
        for selector in (".sb-meta time", ".sb-byline", ".sb-cover img", ".sb-cover .sb-credit"):
            assert page.is_visible(selector), selector
        assert page.locator(".sb-cover .sb-credit").inner_text() == (
            "Ảnh: Quốc Nghị (Trung tâm TT&VH Đầm Hà)"
        )
        assert page.locator("figure figcaption .sb-credit").nth(1).inner_text() == "Ảnh: Quốc Nghị"


def test_the_print_button_opens_the_print_dialog(page: Any, base_url: str) -> None:
    page.add_init_script("window.print = function () { window.sbPrinted = true; };")
    page.goto(base_url + "tin-tuc/ba-anh/")
    assert not page.is_visible(".sb-print-address")  # on screen, only on paper
    button = page.locator("[data-sb-print]")
    assert button.is_visible() and button.inner_text() == "In bài"
    button.click()
    assert page.evaluate("window.sbPrinted") is True
