"""The built sample site as a reader uses it: clicking through, on a phone, accessibly."""

from __future__ import annotations

from typing import Any

import pytest

PAGE_TYPES = [
    "",
    "tin-tuc/",
    "tin-tuc/trang/2/",
    "tin-tuc/muoi-nam-phong-trao-dan-van-kheo/",
    "tin-tuc/nfd/",
    "tin-tuc/ba-anh/",
    "mo-hinh/",
    "mo-hinh/thap-sang-duong-que/",
    "mo-hinh/linh-vuc/xa-hoi/",
    "xa/",
    "xa/quang-tan/",
    "to-chuc/hoi-cuu-chien-binh-huyen/",
    "chuyen-muc/dan-van-kheo/",
    "tu-khoa/dan-van-kheo/",
    "luu-tru/",
    "luu-tru/2020/",
    "thong-ke/",
    "so-do-trang/",
    "gioi-thieu/",
    "lien-he/",
    "en/",
]


def test_click_through_from_home_to_statistics(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_role("link", name="Xem tất cả tin tức").click()
    page.wait_for_url("**/tin-tuc/")
    page.locator("a[rel=next]").first.click()
    page.wait_for_url("**/tin-tuc/trang/2/")
    page.locator("a[rel=prev]").first.click()
    page.wait_for_url("**/tin-tuc/")
    page.locator(".sb-article__title", has_text="nhìn lại 10 năm").click()
    page.wait_for_url("**/tin-tuc/muoi-nam-phong-trao-dan-van-kheo/")
    page.locator(".sb-card__title", has_text="Xây dựng vườn mẫu").click()
    page.wait_for_url("**/mo-hinh/xay-dung-vuon-mau/")
    page.locator(".sb-facts").get_by_role("link", name="Quảng Tân", exact=True).click()
    page.wait_for_url("**/xa/quang-tan/")
    assert page.locator("h1").first.inner_text() == "Xã Quảng Tân"
    page.locator("label.md-header__button[for='__drawer']").click()  # the phone's menu
    page.locator(".md-nav--primary").get_by_role("link", name="Thống kê").click()
    page.wait_for_url("**/thong-ke/")
    assert page.locator(".sb-figures").is_visible()


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_page_on_a_phone(page: Any, base_url: str, url: str) -> None:
    """360×740: no horizontal scroll, no console error, no failed request, no serious a11y issue."""
    from axe_playwright_python.sync_playwright import Axe

    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status}: {r.url}"))
    page.goto(base_url + url, wait_until="networkidle")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    assert errors == []
    results = Axe().run(page)
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], url


def test_images_have_alt_text_from_their_captions(page: Any, base_url: str) -> None:
    page.goto(base_url + "tin-tuc/nfd/")
    image = page.locator("article figure img").first
    caption = page.locator("article figure figcaption").first.inner_text()
    assert image.get_attribute("alt") == caption


def test_photos_load_at_the_width_a_phone_needs(page: Any, base_url: str) -> None:
    """At 360 px the browser picks the 480-px WebP copy of each photo; the cover loads at
    once, the photos in the text lazily (Chromium starts those well before they show)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "tin-tuc/ba-anh/", wait_until="networkidle")
    photos = [url for url in requested if "/_anh/" in url]
    assert photos and all(url.endswith("-480.webp") for url in photos), photos
    loading = page.eval_on_selector_all("article img", "images => images.map(i => i.loading)")
    assert loading == ["eager", "lazy", "lazy"]
    page.locator("figure img").last.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    sources = page.eval_on_selector_all("article img", "images => images.map(i => i.currentSrc)")
    assert len(sources) == 3
    assert all(source.endswith("-480.webp") for source in sources), sources
    assert not any(url.endswith((".jpg", "-960.webp", "-1600.webp")) for url in requested)


def test_a_sharp_phone_screen_gets_the_960_px_copies(browser: Any, base_url: str) -> None:
    """Most phones have 2x or 3x screens; at 360 px a 3x screen would pick the 1600-px copy,
    but phones are offered nothing wider than 960 px (cover and photos in the text alike)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=3)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "tin-tuc/ba-anh/", wait_until="networkidle")
    page.locator("figure img").last.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    sources = page.eval_on_selector_all("article img", "images => images.map(i => i.currentSrc)")
    context.close()
    assert len(sources) == 3 and all(s.endswith("-960.webp") for s in sources), sources
    assert not any("-1600." in url for url in requested)


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_no_page_requests_another_origin(page: Any, base_url: str, url: str) -> None:
    """Fonts, scripts, styles and photos all come from the site itself."""
    origins: set[str] = set()
    page.on("request", lambda request: origins.add(request.url.split("/")[2]))
    page.goto(base_url + url, wait_until="networkidle")
    page.locator("label.md-header__button[for='__search']").click()  # search, too
    page.wait_for_load_state("networkidle")
    assert origins == {base_url.split("/")[2]}
