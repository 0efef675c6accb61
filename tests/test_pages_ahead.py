"""The pages made ahead of MkDocs' navigation are the pages MkDocs would make
(`mkdocs_adapter/pages_ahead.py`)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from site_builder.mkdocs_adapter.pages_ahead import canonical_url, make_pages_ahead


def _as_mkdocs(site_url: str, url: str) -> tuple[str, str]:
    """`Page._set_canonical_url`'s two values, as MkDocs 1.6 computes them."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    joined = urljoin(base, url)
    return joined, urlsplit(joined).path


_URL_CHARACTERS = st.sampled_from([*"ab/-.%:;?#\\ \tĐ~_", "đầm", "tin-tuc/", "//", "../"])
_urls = st.lists(_URL_CHARACTERS, max_size=8).map("".join)
_bases = st.tuples(
    st.sampled_from(["https", "http", "HTTPS", "ftp", "mailto", "foo", ""]),
    st.sampled_from(["://", ":", "//", ":///"]),
    st.sampled_from(["damha.gov.vn", "Dam-Ha.vn:8080", "", "a b", "x?y"]),
    _urls,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(site_url=_bases, url=_urls)
def test_the_canonical_url_is_urljoins(site_url: str, url: str) -> None:
    if not site_url:
        assert canonical_url(site_url)(url) == (None, None)
        return
    assert canonical_url(site_url)(url) == _as_mkdocs(site_url, url)


@pytest.mark.parametrize(
    ("site_url", "url"),
    [
        ("https://damha.gov.vn", "tin-tuc/bai-1/"),
        ("https://damha.gov.vn/trung-tam/", "tin-tuc/bai-1/"),
        ("https://damha.gov.vn/", ""),
        ("https://damha.gov.vn/a/./b/", "tin-tuc/"),
        ("HTTPS://damha.gov.vn/", "tin-tuc/"),
        ("https://damha.gov.vn/", "tin-tuc/../xa/"),
        ("https://damha.gov.vn/", "tin-tuc//x/"),
        ("https://damha.gov.vn/", "https://other.vn/x/"),
        ("https://damha.gov.vn/?q=1", "tin-tuc/"),
        ("https://damha.gov.vn/", "tin-tuc/%C4%91am/"),
    ],
)
def test_the_canonical_url_of_addresses_that_need_resolving(site_url: str, url: str) -> None:
    assert canonical_url(site_url)(url) == _as_mkdocs(site_url, url)


def _site(tmp_path: Path, site_url: str) -> MkDocsConfig:
    docs = tmp_path / "docs"
    for path in [
        "index.md",
        "gioi-thieu.md",
        "tin-tuc/index.md",
        "tin-tuc/2024/bai-1.md",
        "tin-tuc/2024/bài 2.md",
        "mo-hinh/vuon-mau.md",
        "lac-loai.md",
    ]:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text("# Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Thử\n"
        f"site_url: {site_url}\n"
        "repo_url: https://example.org/toa-soan/site\n"
        "edit_uri: edit/main/content/\n"
        "not_in_nav: |\n  /tin-tuc/**\n  /mo-hinh/**\n"
        "nav:\n  - Trang chủ: index.md\n  - Tin tức: tin-tuc/index.md\n",
        encoding="utf-8",
    )
    return load_config(str(tmp_path / "mkdocs.yml"))


def _pages(files: Files) -> dict[str, dict[str, object]]:
    """Every page's attributes, each page it refers to (its neighbours) by its URL."""
    return {
        file.src_uri: {
            name: ("page", value.url) if isinstance(value, Page) else value
            for name, value in vars(file.page).items()
            if name != "file"
        }
        for file in files
        if file.page is not None
    }


@pytest.mark.parametrize(
    "site_url", ["https://damha.gov.vn/trung-tam", "https://damha.gov.vn/a/./b/", ""]
)
def test_pages_made_ahead_are_mkdocs_pages(tmp_path: Path, site_url: str) -> None:
    config = _site(tmp_path, site_url)
    ahead, plain = get_files(config), get_files(config)
    draft = "mo-hinh/vuon-mau.md"
    for files in (ahead, plain):
        files.get_file_from_path(draft).inclusion = InclusionLevel.DRAFT  # type: ignore[union-attr]
    made = make_pages_ahead(ahead, config)
    ahead_nav, plain_nav = get_navigation(ahead, config), get_navigation(plain, config)

    # The two news pages: not their index (matched by `not_in_nav`, but `nav` names it),
    # the draft, nor a page MkDocs reports as left out of `nav`.
    assert made == 2
    assert _pages(ahead) == _pages(plain)
    assert {f.src_uri for f in ahead if isinstance(f.page, Page)} >= {
        "tin-tuc/2024/bai-1.md",
        "tin-tuc/2024/bài 2.md",
        "lac-loai.md",
    }
    assert [p.url for p in ahead_nav.pages] == [p.url for p in plain_nav.pages]


def test_a_page_the_navigation_holds_is_left_to_mkdocs(tmp_path: Path) -> None:
    config = _site(tmp_path, "https://damha.gov.vn/")
    files = get_files(config)
    news = files.get_file_from_path("tin-tuc/index.md")
    assert news is not None and news.inclusion.is_not_in_nav()  # matched by not_in_nav
    make_pages_ahead(files, config)
    get_navigation(files, config)
    assert news.page is not None and news.page.title == "Tin tức"  # the navigation's page


def test_a_page_already_made_is_kept(tmp_path: Path) -> None:
    config = _site(tmp_path, "https://damha.gov.vn/")
    files = get_files(config)
    file = files.get_file_from_path("tin-tuc/2024/bai-1.md")
    assert isinstance(file, File)
    page = Page("Đã có", file, config)
    make_pages_ahead(files, config)
    assert file.page is page
