"""The journalists' editor at /admin/: Decap CMS as kept in the repository (`make editor`),
reading the config.yml the build generates from the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    """Journalists edit on a computer, with the editor in Vietnamese."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        yield context.new_page()
    finally:
        context.close()


def _record_origins(page: Any, errors: list[str]) -> set[str]:
    origins: set[str] = set()
    page.on("request", lambda request: origins.add(request.url.split("/")[2]))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status}: {r.url}"))
    return origins


def test_the_published_editor_asks_to_log_in_with_github(desktop: Any, base_url: str) -> None:
    errors: list[str] = []
    origins = _record_origins(desktop, errors)
    desktop.goto(base_url + "admin/", wait_until="networkidle")
    desktop.get_by_role("button", name="Đăng nhập bằng GitHub").wait_for()
    assert origins == {base_url.split("/")[2]}
    assert errors == []


def _in_memory_backend(route: Any) -> None:
    """Decap's in-memory test backend in place of GitHub, so the form opens without a login."""
    response = route.fetch()
    config = yaml.safe_load(response.text())
    config["backend"] = {"name": "test-repo"}
    route.fulfill(response=response, body=yaml.safe_dump(config, allow_unicode=True))


def test_the_new_article_form_follows_the_schema(desktop: Any, base_url: str) -> None:
    """The whole form, Markdown editor included, loads from the site itself and shows the
    schema's fields with their Vietnamese labels and help."""
    errors: list[str] = []
    origins = _record_origins(desktop, errors)
    desktop.route("**/admin/config.yml", _in_memory_backend)
    desktop.goto(base_url + "admin/", wait_until="networkidle")
    desktop.get_by_role("button", name="Đăng nhập", exact=True).click()
    desktop.goto(base_url + "admin/#/collections/tin-tuc/new", wait_until="networkidle")
    form = desktop.locator("body")
    form.get_by_text("Đang viết trong bộ sưu tập Tin tức").wait_for()
    text = form.inner_text().casefold()
    for label in ("tiêu đề", "ngày đăng", "chuyên mục", "xã liên quan", "ảnh bìa", "nội dung"):
        assert label in text, label
    assert "ngày/tháng/năm (10/02/2020)" in text  # the date field's help, from the schema
    assert origins == {base_url.split("/")[2]}
    assert errors == []


def test_an_article_goes_through_review_before_it_can_be_published(
    desktop: Any, base_url: str
) -> None:
    """With the generated config's editorial workflow (the site is built for a repository,
    as CI builds it), saving makes a draft, which moves to review and then to ready: only
    then may an editor in charge publish it. Decap's in-memory backend stands in for
    GitHub, where each state is a label on the article's pull request."""
    errors: list[str] = []
    origins = _record_origins(desktop, errors)
    desktop.route("**/admin/config.yml", _in_memory_backend)
    desktop.goto(base_url + "admin/", wait_until="networkidle")
    desktop.get_by_role("button", name="Đăng nhập", exact=True).click()
    desktop.goto(base_url + "admin/#/collections/tin-tuc/new", wait_until="networkidle")
    desktop.get_by_text("Đang viết trong bộ sưu tập Tin tức").wait_for()
    desktop.locator("[id^='title-field']").fill("Bài chờ duyệt ở Quảng Tân")
    desktop.get_by_role("button", name="Set date to now").click()
    desktop.locator("[id^='author-field']").fill("Quốc Nghị")
    desktop.locator("[id^='category-field']").click()
    desktop.get_by_text("Dân vận khéo", exact=True).click()
    desktop.locator("[data-slate-editor]").click()
    desktop.keyboard.type("Nội dung bài chờ duyệt.")
    desktop.get_by_role("button", name="Lưu", exact=True).click()
    desktop.get_by_role("button", name="Trạng: Bản nháp").wait_for()
    for state in ("Đang xét duyệt", "Sẵn sàng"):
        desktop.get_by_role("button", name="Trạng:").click()
        desktop.get_by_role("menuitem", name=state).click()
        desktop.get_by_role("button", name=f"Trạng: {state}").wait_for()
    desktop.goto(base_url + "admin/#/workflow", wait_until="networkidle")
    desktop.get_by_text("0 bài đang chờ duyệt, 1 bài đã sẵn sàng để công bố.").wait_for()
    card = desktop.get_by_text("Bài chờ duyệt ở Quảng Tân")
    assert card.count() == 1
    assert origins == {base_url.split("/")[2]}
    assert errors == []
