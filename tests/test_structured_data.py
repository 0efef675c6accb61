"""JSON-LD on every page type: it parses, carries the properties Google's Article
documentation and schema.org ask for, and no title can break out of its `<script>`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage

from site_builder.outputs.crawlers import ModifiedDays
from site_builder.outputs.page_context import PageContexts, PageRef
from site_builder.outputs.structured_data import Publisher, script_json, script_json_lines
from site_builder.site.index import build_site_index
from site_builder.site.listings import build_listings

from .conftest import FixtureSite, build, make_buildable, photo_bytes

HOSTILE_TITLE = "</script><script>alert(1)</script> “Dân vận” & <!-- x"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = FixtureSite(tmp_path_factory.mktemp("jsonld"))
    site.write("anh/vuon.jpg", photo_bytes(1200, 800))
    site.article(
        "co-anh",
        {"title: Bài tổng kết": f"title: {json.dumps(HOSTILE_TITLE, ensure_ascii=False)}"},
        cover="/anh/vuon.jpg",
        cover_caption="Vườn mẫu",
        summary=json.dumps('"Tóm tắt" </script> có ngoặc kép', ensure_ascii=False),
    )
    site.write("anh/logo.png", photo_bytes(240, 120, "PNG"))
    make_buildable(site)
    config = site.base / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  language: vi\n", "  language: vi\n  logo: anh/logo.png\n"))
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    return site.base / "site"


def graph(site: Path, url: str) -> list[dict[str, Any]]:
    page = (site / url / "index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    return list(data["@graph"])


def node(nodes: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    [found] = [n for n in nodes if n["@type"] == kind]
    return found


def test_an_article_is_a_news_article(built: Path) -> None:
    article = node(graph(built, "tin-tuc/bai-tong-ket"), "NewsArticle")
    assert article["headline"] == "Bài tổng kết"
    assert article["datePublished"] == "2020-02-10T00:00:00+07:00"
    assert article["author"] == {
        "@type": "Person",
        "name": "Quốc Nghị",
        "url": "http://127.0.0.1:8000/tac-gia/quoc-nghi/",
    }
    assert article["publisher"]["@type"] == "Organization" and article["publisher"]["name"]
    assert article["articleSection"] == "Dân vận khéo" and article["keywords"] == ["tổng kết"]
    assert article["inLanguage"] == "vi"
    assert article["mainEntityOfPage"]["@id"] == "http://127.0.0.1:8000/tin-tuc/bai-tong-ket/"
    assert article["description"].startswith("Đoạn mở đầu")


def test_a_cover_is_the_article_image_at_an_absolute_address_in_two_shapes(built: Path) -> None:
    article = node(graph(built, "tin-tuc/co-anh"), "NewsArticle")
    widest, shared = article["image"]
    sizes = []
    for image in (widest, shared):
        assert image.startswith("http://127.0.0.1:8000/_anh/") and image.endswith(".jpg")
        with PILImage.open(built / image.removeprefix("http://127.0.0.1:8000/")) as opened:
            sizes.append(opened.size)
    assert sizes == [(1200, 800), (1200, 630)]


def test_an_article_without_a_photo_names_no_image(built: Path) -> None:
    """Its share card repeats the title: no picture of the article for Google's surfaces."""
    assert "image" not in node(graph(built, "tin-tuc/bai-tong-ket"), "NewsArticle")


def test_an_article_is_modified_when_it_was_published(built: Path) -> None:
    article = node(graph(built, "tin-tuc/bai-tong-ket"), "NewsArticle")
    assert article["dateModified"] == article["datePublished"]


def test_the_publisher_has_the_theme_logo_with_its_size(built: Path) -> None:
    article = node(graph(built, "tin-tuc/bai-tong-ket"), "NewsArticle")
    logo = article["publisher"]["logo"]
    assert logo == {
        "@type": "ImageObject",
        "url": "http://127.0.0.1:8000/anh/logo.png",
        "width": 240,
        "height": 120,
    }
    assert (built / "anh/logo.png").is_file()  # published as it is, not as photo copies


def test_hostile_text_stays_inside_its_script(built: Path) -> None:
    page = (built / "tin-tuc/co-anh/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    article = node(graph(built, "tin-tuc/co-anh"), "NewsArticle")
    assert article["headline"] == HOSTILE_TITLE
    assert article["description"] == '"Tóm tắt" </script> có ngoặc kép'
    assert script_json("</script>\u2028") == '"\\u003c/script\\u003e\\u2028"'


def test_a_long_list_is_one_escaped_item_per_line() -> None:
    """The open data's lists of articles and models (see `script_json_lines`)."""
    items = [{"title": "</script>&\u2028", "tags": ["a", "b"]}, {"title": "Đầm Hà\nhai dòng"}, 3]
    text = script_json_lines(items)
    assert json.loads(text) == items
    assert text.split("\n") == [
        "[",
        '{"title":"\\u003c/script\\u003e\\u0026\\u2028","tags":["a","b"]},',
        '{"title":"Đầm Hà\\nhai dòng"},',
        "3",
        "]",
    ]
    assert script_json_lines([]) == "[]"


def test_a_model_is_a_project_of_its_organisation_in_its_places(built: Path) -> None:
    project = node(graph(built, "mo-hinh/vuon-mau"), "Project")
    assert project["name"] == "Xây dựng vườn mẫu"
    assert project["parentOrganization"]["name"] == "UBND xã Quảng Tân"
    assert [place["name"] for place in project["areaServed"]] == ["Quảng Tân"]
    assert project["award"] == ["UBND huyện Đầm Hà (2018)"]


def test_the_home_page_is_the_website_and_its_publisher(built: Path) -> None:
    nodes = graph(built, "")
    assert node(nodes, "WebSite")["url"] == "http://127.0.0.1:8000/"
    assert node(nodes, "Organization")["name"]
    assert not [n for n in nodes if n["@type"] == "BreadcrumbList"]


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("tin-tuc/bai-tong-ket", ["Trang chủ", "Tin tức", "Dân vận khéo", "Bài tổng kết"]),
        ("mo-hinh/vuon-mau", ["Trang chủ", "Mô hình", "Xây dựng vườn mẫu"]),
        ("xa/quang-tan", ["Trang chủ", "Xã, thị trấn", "Xã Quảng Tân"]),
        ("thong-ke", ["Trang chủ", "Thống kê"]),
    ],
)
def test_every_page_but_home_has_breadcrumbs(built: Path, url: str, names: list[str]) -> None:
    crumbs = node(graph(built, url), "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == names
    assert [crumb["position"] for crumb in crumbs] == list(range(1, len(names) + 1))
    assert all(crumb["item"].startswith("http://127.0.0.1:8000/") for crumb in crumbs)
    assert crumbs[-1]["item"] == f"http://127.0.0.1:8000/{url}/"


def test_the_page_values_are_asked_of_the_core_without_a_generator(site: FixtureSite) -> None:
    """What the theme is given of a page (JSON-LD, Dublin Core, sitemap date) comes from
    the core, for any generator's page named by its source, address and title."""
    site.model("vuon-mau")
    site.article("bai-tong-ket")
    index = build_site_index(site.load())
    contexts = PageContexts(
        index, build_listings(index), Publisher("Đầm Hà", "https://example.vn/"), {}, {}
    )
    article = PageRef("tin-tuc/bai-tong-ket.md", "tin-tuc/bai-tong-ket/", "Bài tổng kết")
    graph = json.loads(contexts.structured_data(article))["@graph"]
    assert node(graph, "NewsArticle")["headline"] == "Bài tổng kết"
    assert contexts.structured_data(article) is contexts.structured_data(article)
    assert ("DC.title", "Bài tổng kết") in contexts.dublin_core(article)
    assert contexts.last_modified(article.src_uri, article.url) == "2020-02-10"
    home = PageRef("index.md", "", "Trang chủ", is_homepage=True)
    assert ("DC.publisher", "Đầm Hà") in contexts.dublin_core(home)
    model = PageRef("mo-hinh/vuon-mau.md", "mo-hinh/vuon-mau/", "Xây dựng vườn mẫu")
    assert contexts.dublin_core(model) == ()
    assert contexts.last_modified(model.src_uri, model.url) == "2020-02-10"  # its newest article's


def test_the_sitemap_days_remembered_are_the_days_found_anew(site: FixtureSite) -> None:
    """The sitemap's day of every page is the same whether each article's day was found
    once ahead (as a build does) or is found for each row: a list's is its newest row's,
    updates counted, a profile's its newest article's."""
    site.model("vuon-mau")
    site.article("bai-tong-ket")
    site.article("da-sua", updated="12/02/2020 14:30", correction="Sửa số hộ.")
    site.article("cu", replace={"date": "date: 05/01/2019"})
    index = build_site_index(site.load())
    listings = build_listings(index)
    remembered, anew = ModifiedDays(index.articles), ModifiedDays(())
    pages = [(view, None) for view in index.by_source.values()]
    pages += [(None, listing) for listing in listings.values()]
    assert [remembered.of(*page) for page in pages] == [anew.of(*page) for page in pages]
    assert remembered.of(None, listings["tin-tuc/"]) == "2020-02-12"
    assert remembered.of(index.by_source["mo-hinh/vuon-mau.md"], None) == "2020-02-12"
    assert remembered.of(None, None) is None
