"""The page as a reader sees it: the year's theme, an article's photo, byline and tags."""

from __future__ import annotations

from typing import Any


def test_banner_shows_the_work_theme(page: Any, base_url: str) -> None:
    page.goto(base_url)
    banner = page.locator(".md-banner .sb-work-theme")
    assert banner.is_visible()
    assert banner.inner_text() == (
        "Chủ đề công tác năm 2020: Huyện Đầm Hà tự hào tiến bước dưới cờ Đảng"
    )


def test_article_shows_figure_caption_byline_and_meta(page: Any, base_url: str) -> None:
    page.goto(base_url + "tin-tuc/nfd/")
    assert page.locator("h1").first.inner_text() == "Hội nghị ở xã Tân Lập"
    assert page.locator(".sb-meta time").first.inner_text() == "Chủ nhật, 05/05/2019"
    figure = page.locator("article figure").first
    assert figure.locator("figcaption").inner_text() == "Nhân dân tích cực tham gia xây dựng NTM"
    image = figure.locator("img")
    assert image.get_attribute("loading") == "eager"  # the first photo of a page without cover
    assert (image.get_attribute("width"), image.get_attribute("height")) == ("960", "640")
    assert page.locator(".sb-byline").inner_text() == "Quốc Nghị – Trung tâm TT&VH Đầm Hà"
    assert page.locator("p.sb-lead").inner_text().startswith("Bài này được lưu ở dạng NFD")
    meta = page.locator('meta[property="og:title"]').get_attribute("content")
    assert meta == "Hội nghị ở xã Tân Lập"
    published = page.locator('meta[property="article:published_time"]').get_attribute("content")
    assert published == "2019-05-05T00:00:00+07:00"


def test_copy_link_button(page: Any, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base_url + "tin-tuc/cuu-chien-binh-thap-sang-duong-que/")
    page.locator("[data-sb-copy]").click()
    page.locator(".sb-share__status").filter(has_text="Đã sao chép").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/tin-tuc/cuu-chien-binh-thap-sang-duong-que/")
