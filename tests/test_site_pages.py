"""The generated pages of a small fixture site, built end to end with MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import FixtureSite, build, make_buildable, photo_bytes
from .links import broken_links, links_of
from .test_site_index import fill


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with six articles and two models, three articles a page."""
    site = FixtureSite(tmp_path_factory.mktemp("built"))
    fill(site)
    site.write("chuyen-muc/kinh-te.md", "---\ntitle: Kinh tế\n---\n\nLời giới thiệu chuyên mục.\n")
    site.article(
        "doc-hai",
        replace={
            "title: Bài tổng kết": 'title: "<script>alert(1)</script> tiêu đề"',
            "author: Quốc Nghị": "author: '\"><img src=x onerror=alert(2)>'",
            "tags: [tổng kết]": "tags: ['<b>đậm</b>']",
            "date: 10/02/2020": "date: 01/01/2017",
            "communes: [Quảng Tân]": "communes: []",
            "models: [vuon-mau]": "models: []",
        },
        summary="'{{ config.site_name }} <i>x</i>'",
    )
    make_buildable(site, page_size=3)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    return site.base / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article_titles(html: str) -> list[str]:
    return re.findall(r'class="sb-article__title" href="[^"]*">([^<]*)</a>', html)


def test_news_pages_paginate_with_links_between_them(built: Path) -> None:
    first, middle, last = (
        page(built, u) for u in ("tin-tuc", "tin-tuc/trang/2", "tin-tuc/trang/3")
    )
    assert article_titles(first) == ["Bài a3", "Bài a4", "Bài tổng kết"]
    assert article_titles(middle) == ["Bài a1", "Bài a2", "Bài a5"]
    assert len(article_titles(last)) == 1
    assert 'rel="next" href="trang/2/"' in first and '<a rel="prev"' not in first
    assert 'rel="prev" href="../../"' in middle and 'rel="next" href="../3/"' in middle
    assert '<a rel="next"' not in last and "Trang 3/3" in last
    assert not (built / "tin-tuc/trang/4").exists()


def test_every_taxonomy_and_term_page_exists(built: Path) -> None:
    for url in [
        "chuyen-muc", "chuyen-muc/dan-van-kheo", "chuyen-muc/nong-thon-moi",
        "tu-khoa", "tu-khoa/vuon-mau", "xa", "xa/quang-tan", "xa/thi-tran-dam-ha",
        "to-chuc", "to-chuc/hoi-lien-hiep-phu-nu-huyen",
        "mo-hinh", "mo-hinh/linh-vuc", "mo-hinh/linh-vuc/xa-hoi", "mo-hinh/cap/tinh",
        "mo-hinh/tinh-trang/dang-trien-khai", "mo-hinh/khen-thuong/tinh",
        "luu-tru", "luu-tru/2019", "luu-tru/2019/01",
    ]:  # fmt: skip
        assert (built / url / "index.html").is_file(), url


def test_a_page_without_a_summary_gets_the_site_description_escaped(built: Path) -> None:
    """Material prints `site_description` as it is; mkdocs.yml's has quotes."""
    escaped = '<meta name="description" content="Tin tức và các mô hình &#34;Dân vận khéo&#34; của'
    assert escaped in page(built, "tin-tuc")
    assert escaped in (built / "404.html").read_text(encoding="utf-8")  # no page of its own


def test_term_page_lists_its_articles_and_models(built: Path) -> None:
    commune = page(built, "xa/quang-tan")
    assert "<h1>Xã Quảng Tân</h1>" in commune
    assert "đạt chuẩn năm 2015" in commune
    assert article_titles(commune) == ["Bài tổng kết"]
    assert 'href="../../mo-hinh/vuon-mau/"' in commune
    assert "chưa đạt chuẩn" in page(built, "xa/quang-lam")
    assert "Chưa có bài viết." in page(built, "xa/thi-tran-dam-ha")


def test_hand_written_page_wins_and_gets_the_listing(built: Path) -> None:
    category = page(built, "chuyen-muc/kinh-te")
    assert "Lời giới thiệu chuyên mục." in category
    assert article_titles(category) == ["Bài a1", "Bài a2", "Bài a5"]


def test_article_page(built: Path) -> None:
    html = page(built, "tin-tuc/bai-tong-ket")
    assert '<time datetime="2020-02-10T00:00:00">Thứ Hai, 10/02/2020</time>' in html
    assert 'href="../../chuyen-muc/dan-van-kheo/">Dân vận khéo</a>' in html
    assert "Quốc Nghị – Trung tâm TT&amp;VH Đầm Hà" in html
    assert 'href="../../tu-khoa/tong-ket/">tổng kết</a>' in html
    assert 'href="../../xa/quang-tan/">Quảng Tân</a>' in html
    assert 'class="sb-card__title" href="../../mo-hinh/vuon-mau/">Xây dựng vườn mẫu</a>' in html


def test_model_page_facts_and_backlinks(built: Path) -> None:
    html = page(built, "mo-hinh/vuon-mau")
    facts = html[html.index('<dl class="sb-facts">') : html.index("</dl>")]
    assert 'href="../../to-chuc/ubnd-xa-quang-tan/">UBND xã Quảng Tân</a>' in facts
    assert ">Xã</a>, <a" in facts and "2012" in facts
    assert "2018: UBND huyện Đầm Hà" in facts and "tập thể: Nhân dân xã Quảng Tân" in facts
    assert article_titles(html) == ["Bài tổng kết"]
    assert "Toàn huyện" in page(built, "mo-hinh/ngay-chu-nhat-xanh")


def test_navigation_holds_sections_not_articles(built: Path) -> None:
    home = page(built, "")
    menu = re.findall(r'class="md-(?:nav|tabs)__link[^"]*"[^>]*href="([^"]*)"', home)
    menu += re.findall(r'href="([^"]*)"[^>]*class="md-(?:nav|tabs)__link', home)
    assert "tin-tuc/" in menu and "thong-ke/" in menu
    assert not [href for href in menu if "bai-tong-ket" in href or "/trang/" in f"/{href}"]


def test_front_matter_is_escaped_everywhere(built: Path) -> None:
    for html_file in built.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, html_file
        assert "<img src=x" not in html, html_file
        assert "<b>đậm</b>" not in html, html_file
        assert "<i>x</i>" not in html, html_file
    html = page(built, "tin-tuc/doc-hai")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; tiêu đề - Thử nghiệm</title>" in html
    assert "{{ config.site_name }}" in html  # not evaluated as a template
    assert 'content="&#34;&gt;&lt;img src=x onerror=alert(2)&gt; – Trung tâm' in html


def test_no_broken_internal_link(built: Path) -> None:
    assert broken_links(built) == []
    assert links_of(page(built, ""))


def test_cover_image_thumbnail_and_caption(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.write("anh/vuon.jpg", photo_bytes(1200, 800))
    site.article("co-anh", cover="/anh/vuon.jpg", cover_caption='"Vườn <mẫu>"')
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    built = site.base / "site"
    article = page(built, "tin-tuc/co-anh")
    cover = re.search(r'<figure class="sb-cover">(.*?)</figure>', article, re.S)
    assert cover is not None
    assert 'srcset="../../_anh/' in cover.group(1) and "-480.webp 480w" in cover.group(1)
    assert 'width="1200" height="800" alt="Vườn &lt;mẫu&gt;" loading="eager"' in cover.group(1)
    assert "<figcaption>Vườn &lt;mẫu&gt;</figcaption>" in article
    news = page(built, "tin-tuc")
    assert re.search(
        r'<img class="sb-thumb" src="\.\./_anh/\w+/vuon-960\.jpg" sizes="6\.5rem"', news
    )
    assert not (built / "anh/vuon.jpg").exists()  # the 1200-px original is not published
    assert broken_links(built) == []


def test_the_site_map_holds_every_section_and_listing_as_a_tree(built: Path) -> None:
    html = page(built, "so-do-trang")
    tree = re.search(r'<ul class="sb-site-map">(.*?)</ul>\s*<h2 id="phim-tat"', html, re.S)
    assert tree is not None
    hrefs = re.findall(r'href="([^"]*)"', tree.group(1))
    linked = {(built / "so-do-trang" / href / "index.html").resolve() for href in hrefs}
    for url in [
        "", "tin-tuc", "mo-hinh", "chuyen-muc", "chuyen-muc/kinh-te", "tu-khoa",
        "tu-khoa/vuon-mau", "xa", "xa/quang-tan", "to-chuc", "mo-hinh/linh-vuc",
        "mo-hinh/linh-vuc/xa-hoi", "mo-hinh/cap/tinh", "tac-gia", "luu-tru", "luu-tru/2019",
        "thong-ke",
    ]:  # fmt: skip
        assert (built / url / "index.html").resolve() in linked, url
    assert all(path.is_file() for path in linked)
    # Sections, then their listings one level down: no article, no profile.
    assert not any("tin-tuc/" in href and href.count("/") > 2 for href in hrefs)
    assert "<kbd>h</kbd>" in html and "<kbd>m</kbd>" in html  # the shortcuts it documents
    assert 'href="../so-do-trang/"' in page(built, "tin-tuc")  # in the navigation
