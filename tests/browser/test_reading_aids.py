"""What a state body's site is encouraged to offer readers: keyboard shortcuts for home, site
map and search, and a text size that stays from page to page without breaking a phone's
layout (Thông tư 32/2017/TT-BTTTT)."""

from __future__ import annotations

from typing import Any


def text_size(page: Any) -> float:
    return float(
        page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
        )
    )


def test_the_text_size_grows_stays_on_the_next_page_and_keeps_the_phone_layout(
    page: Any, base_url: str
) -> None:
    page.goto(base_url + "tin-tuc/ba-anh/")
    normal = text_size(page)
    controls = page.locator(".sb-text-size")
    assert controls.is_visible()
    page.get_by_role("button", name="A+ (tăng cỡ chữ)").click()
    page.get_by_role("button", name="A+ (tăng cỡ chữ)").click()
    larger = text_size(page)
    assert larger > normal * 1.25
    page.goto(base_url + "tin-tuc/")  # another page: the reader's choice is kept
    assert abs(text_size(page) - larger) < 0.5
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the larger text scrolls sideways by {overflow}px"
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).fontSize")
    page.get_by_role("button", name="A (cỡ chữ thường)").click()
    assert abs(text_size(page) - normal) < 0.5
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.md-header')).fontSize") == header
    )
    for _ in range(3):
        page.get_by_role("button", name="A− (giảm cỡ chữ)").click()
    assert normal * 0.85 < text_size(page) < normal  # one step below, no further


def test_keyboard_shortcuts_lead_home_and_to_the_site_map(page: Any, base_url: str) -> None:
    page.goto(base_url + "tin-tuc/ba-anh/")
    page.keyboard.press("m")
    page.wait_for_url(base_url + "so-do-trang/")
    assert page.locator("h1").inner_text() == "Sơ đồ trang"
    assert page.locator("#phim-tat").is_visible()
    page.keyboard.press("h")
    page.wait_for_url(base_url)
    page.keyboard.press("/")  # Material's own: the search box
    search = page.locator("input.md-search__input")
    assert search.evaluate("element => element === document.activeElement")
    page.keyboard.type("hm")  # typing in a field is no shortcut
    assert page.url == base_url and search.input_value() == "hm"
    page.keyboard.press("Escape")
    page.keyboard.press("Control+m")  # nor with a modifier
    assert page.url == base_url
