"""The journalists' editor at /admin/: Decap CMS as kept in the repository (`make editor`),
reading the config.yml the build generates from the schema, signed in with a token."""

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


TOKEN_LABEL = "Mã truy cập GitHub (personal access token) của bạn"


def test_the_published_editor_asks_for_a_token_and_loads_nothing_before(
    desktop: Any, base_url: str
) -> None:
    """No OAuth app or proxy: the page asks for the journalist's token, and loads nothing
    (not even the editor's own script) until it has one."""
    errors: list[str] = []
    requests: list[str] = []
    desktop.on("request", lambda request: requests.append(request.url))
    desktop.on("pageerror", lambda error: errors.append(str(error)))
    desktop.goto(base_url + "admin/", wait_until="networkidle")
    desktop.get_by_label(TOKEN_LABEL).wait_for()
    assert requests == [base_url + "admin/"]
    assert errors == []


def _fake_github(route: Any) -> None:
    """GitHub's API as Decap asks it when signing in: who the token belongs to, and whether
    they may write to the repository; nothing else exists."""
    path = route.request.url.split("api.github.com", 1)[1].split("?")[0]
    if path == "/user":
        route.fulfill(json={"login": "quocnghi", "name": "Quốc Nghị", "avatar_url": ""})
    elif path == "/repos/trung-tam/dam-ha":
        route.fulfill(
            json={
                "name": "dam-ha",
                "owner": {"login": "trung-tam"},
                "permissions": {"admin": False, "push": True, "pull": True},
            }
        )
    else:
        route.fulfill(status=404, json={"message": "Not Found"})


def test_a_token_signs_the_editor_in_to_github(desktop: Any, base_url: str) -> None:
    seen: list[tuple[str, str | None]] = []
    desktop.on(
        "request",
        lambda r: (
            "api.github.com" in r.url and seen.append((r.url, r.headers.get("authorization")))
        ),
    )
    desktop.route("https://api.github.com/**", _fake_github)
    desktop.goto(base_url + "admin/", wait_until="networkidle")
    desktop.get_by_label(TOKEN_LABEL).fill(" github_pat_thu ")
    desktop.get_by_role("button", name="Đăng nhập").click()
    desktop.get_by_text("Mô hình “Dân vận khéo”").first.wait_for()  # the editor, signed in
    assert ("https://api.github.com/user", "token github_pat_thu") in seen
    stored = desktop.evaluate("JSON.parse(localStorage.getItem('decap-cms-user'))")
    assert stored["token"] == "github_pat_thu" and stored["backendName"] == "github"


def _in_memory_backend(route: Any) -> None:
    """Decap's in-memory test backend in place of GitHub, so the form opens without a login."""
    response = route.fetch()
    config = yaml.safe_load(response.text())
    config["backend"] = {"name": "test-repo"}
    route.fulfill(response=response, body=yaml.safe_dump(config, allow_unicode=True))


def _open_new_article_form(page: Any, base_url: str) -> None:
    """Sign in to the in-memory backend (a user stored as Decap stores one, so the token
    page lets the editor load) and open the form for a new article."""
    page.add_init_script(
        "localStorage.setItem('decap-cms-user', '{\"backendName\": \"test-repo\"}')"
    )
    page.route("**/admin/config.yml", _in_memory_backend)
    page.goto(base_url + "admin/#/collections/tin-tuc/new", wait_until="networkidle")
    page.get_by_text("Đang viết trong bộ sưu tập Tin tức").wait_for()


def test_the_new_article_form_follows_the_schema(desktop: Any, base_url: str) -> None:
    """The whole form, Markdown editor included, loads from the site itself and shows the
    schema's fields with their Vietnamese labels and help."""
    errors: list[str] = []
    origins = _record_origins(desktop, errors)
    _open_new_article_form(desktop, base_url)
    text = desktop.locator("body").inner_text().casefold()
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
    _open_new_article_form(desktop, base_url)
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
