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
