"""The pages about the body that runs the site ("Giới thiệu", "Liên hệ", English), its
footer and the site map's links to them, all from the publisher's entry in
organisations.yml; and nothing shown that the entry does not say."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from .conftest import FixtureSite, build, make_buildable

EARLIER = """
- name: Trung tâm Văn hóa Thông tin huyện Thử
  publisher: true
  ended: 31/12/2019
  became: [trung-tam-thu]
"""
CURRENT = """
- name: Trung tâm Truyền thông và Văn hóa huyện Thử <b>
  slug: trung-tam-thu
  aliases: [Trung tâm Thử]
  publisher: true
  began: 01/01/2020
  owner: UBND huyện Thử & "Bạn"
  address: Số 1 đường <Thử>, huyện Thử
  phone: (0203) 3 888 999
  email: ttvh@thu.example.vn
  responsible: Nguyễn Văn <i>A</i>
  responsible_position: Giám đốc
  licence: Quyết định số 1/QĐ-UBND
  functions:
    - Thông tin, tuyên truyền
    - Tổ chức hoạt động văn hóa
  units: [Phòng Hành chính, Phòng Nghiệp vụ]
  name_en: Thu District Centre for Communication and Culture
"""


def with_publisher(site: FixtureSite, entries: str) -> FixtureSite:
    organisations = site.content / "_data" / "organisations.yml"
    organisations.write_text(organisations.read_text("utf-8") + entries, "utf-8")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = with_publisher(FixtureSite(tmp_path_factory.mktemp("publisher")), EARLIER + CURRENT)
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    return site.base / "site"


def content_of(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text("utf-8")
    found = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert found is not None
    return found.group(1)


def test_the_about_page_says_what_the_entry_says_escaped(built: Path) -> None:
    about = content_of(built, "gioi-thieu")
    assert "<h1>Giới thiệu</h1>" in about
    assert (
        "<strong>Trung tâm Truyền thông và Văn hóa huyện Thử &lt;b&gt;</strong> (Trung tâm Thử), "
        "trực thuộc UBND huyện Thử &amp; &#34;Bạn&#34;."
    ) in about
    assert "Quyết định số 1/QĐ-UBND" in about
    assert "<li>Thông tin, tuyên truyền</li><li>Tổ chức hoạt động văn hóa</li>" in about
    assert "<li>Phòng Hành chính</li><li>Phòng Nghiệp vụ</li>" in about
    assert "Nguyễn Văn &lt;i&gt;A&lt;/i&gt;, Giám đốc." in about
    assert "<li>Trung tâm Văn hóa Thông tin huyện Thử</li>" in about  # its earlier name
    assert 'href="../lien-he/"' in about


def test_the_contact_page_and_the_english_page(built: Path) -> None:
    contact = content_of(built, "lien-he")
    assert "<dt>Địa chỉ</dt><dd>Số 1 đường &lt;Thử&gt;, huyện Thử</dd>" in contact
    assert '<a href="tel:02033888999">(0203) 3 888 999</a>' in contact
    assert '<a href="mailto:ttvh@thu.example.vn">ttvh@thu.example.vn</a>' in contact
    english = content_of(built, "en")
    assert '<h1 lang="en">About us</h1>' in english and '<div lang="en">' in english
    assert "<strong>Thu District Centre for Communication and Culture</strong>" in english
    assert '<dt>Address</dt><dd lang="vi">Số 1 đường &lt;Thử&gt;, huyện Thử</dd>' in english
    assert 'under <span lang="vi">UBND huyện Thử &amp; &#34;Bạn&#34;</span>' in english


def test_every_footer_names_the_body_and_links_its_pages(built: Path) -> None:
    for page in ("index.html", "tin-tuc/bai-tong-ket/index.html", "404.html"):
        html = (built / page).read_text("utf-8")
        footer = re.search(r'<p class="sb-footer__publisher">(.*?)</p>', html, re.S)
        assert footer is not None, page
        text = footer.group(1)
        assert "Cơ quan chủ quản: UBND huyện Thử &amp; &#34;Bạn&#34;." in text
        assert "Chịu trách nhiệm: Nguyễn Văn &lt;i&gt;A&lt;/i&gt;, Giám đốc." in text
        assert 'Điện thoại: <a href="tel:02033888999">' in text
        links = re.search(r'<p class="sb-footer__links">(.*?)</p>', html, re.S)
        assert links is not None
        titles = re.findall(r'<a href="[^"]*"(?: lang="(\w+)")?>([^<]*)</a>', links.group(1))
        assert titles == [
            ("", "Giới thiệu"), ("", "Liên hệ"), ("en", "English"), ("", "Sơ đồ trang"),
        ]  # fmt: skip
    site_map = content_of(built, "so-do-trang")
    sections = re.findall(r'\n  <li><a href="([^"]*)">([^<]*)</a>', site_map)
    assert sections[:3] == [
        ("..", "Trang chủ"),
        ("../gioi-thieu/", "Giới thiệu"),
        ("../tin-tuc/", "Tin tức"),
    ]
    assert sections[-2:] == [("../lien-he/", "Liên hệ"), ("../en/", "English")]


def test_without_contacts_there_is_no_contact_page_and_without_a_publisher_no_about_page(
    tmp_path: Path,
) -> None:
    site = with_publisher(
        FixtureSite(tmp_path / "a"),
        "\n- name: Trung tâm Thử\n  publisher: true\n",
    )
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    built = site.base / "site"
    assert (built / "gioi-thieu/index.html").is_file()
    assert not (built / "lien-he").exists() and not (built / "en").exists()
    home = (built / "index.html").read_text("utf-8")
    assert "sb-footer__publisher" not in home  # nothing to say but the copyright
    bare = FixtureSite(tmp_path / "b")
    make_buildable(bare)
    assert build(bare.base, "--strict").returncode == 0
    assert not (bare.base / "site/gioi-thieu").exists()
    links = re.search(
        r'<p class="sb-footer__links">(.*?)</p>',
        (bare.base / "site/index.html").read_text("utf-8"),
        re.S,
    )
    assert links is not None and re.findall(r">([^<]+)</a>", links.group(1)) == ["Sơ đồ trang"]
    assert "Giới thiệu" not in menu_titles((bare.base / "site/index.html").read_text("utf-8"))


def test_a_malformed_contact_is_reported_in_the_data_file(site: FixtureSite) -> None:
    with_publisher(site, "\n- name: Trung tâm Thử\n  publisher: true\n  email: 'thư điện tử'\n")
    problems = [p for p in site.problems() if p.path.endswith("organisations.yml")]
    assert [(p.code, "email" in p.message) for p in problems] == [("SB202", True)]


def test_the_about_page_carries_dublin_core_and_every_page_the_full_name(built: Path) -> None:
    html = (built / "gioi-thieu/index.html").read_text("utf-8")
    terms = dict(re.findall(r'<meta name="(DC\.\w+)" content="([^"]*)">', html))
    assert terms["DC.creator"] == "Trung tâm Truyền thông và Văn hóa huyện Thử &lt;b&gt;"
    assert terms["DC.identifier"].endswith("/gioi-thieu/") and terms["DC.date"]
    assert "trực thuộc UBND huyện Thử" in terms["DC.description"]
    for page in ("index.html", "gioi-thieu/index.html", "404.html"):
        masthead = re.search(
            r'<p class="sb-masthead">([^<]*)</p>', (built / page).read_text("utf-8")
        )
        assert masthead is not None, page
        assert masthead.group(1) == "Trung tâm Truyền thông và Văn hóa huyện Thử &lt;b&gt;"


def test_related_sites_are_linked_from_the_footer_and_the_site_map(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.write(
        "_data/links.yml",
        '- name: Cổng <Chính phủ>\n  url: "https://chinhphu.vn/?a=1&b=2"\n'
        "- name: Trang hỏng\n  url: javascript:alert(1)\n",
    )
    problems = [p for p in site.problems() if p.path.endswith("links.yml")]
    assert [(p.code, p.line) for p in problems] == [("SB202", 4)]
    site.write(
        "_data/links.yml", '- name: Cổng <Chính phủ>\n  url: "https://chinhphu.vn/?a=1&b=2"\n'
    )
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    link = '<a href="https://chinhphu.vn/?a=1&amp;b=2">Cổng &lt;Chính phủ&gt;</a>'
    footer = (site.base / "site/index.html").read_text("utf-8")
    assert f'<p class="sb-footer__related">Liên kết:\n    {link}' in footer
    assert link in (site.base / "site/so-do-trang/index.html").read_text("utf-8")


def menu_titles(html: str) -> list[str]:
    """The titles of the main menu (Material's tabs), in order."""
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S)
    assert tabs is not None
    return [
        title.strip()
        for title in re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+)<', tabs.group(0))
    ]


def test_the_about_page_is_in_the_menu_after_the_home_page(built: Path) -> None:
    """Thông tư 32/2017, Điều 16: the menu below the banner holds "Trang chủ, Giới thiệu",
    ... and the site map; the contact and English pages are reached from the footer."""
    for page in ("index.html", "gioi-thieu/index.html", "tin-tuc/bai-tong-ket/index.html"):
        titles = menu_titles((built / page).read_text("utf-8"))
        assert titles[:3] == ["Trang chủ", "Giới thiệu", "Tin tức"], page
        assert titles[-1] == "Sơ đồ trang" and "Liên hệ" not in titles, page
    about = (built / "gioi-thieu/index.html").read_text("utf-8")
    assert re.search(r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="\./"', about)


def test_the_english_page_carries_dublin_core_in_english(built: Path) -> None:
    html = (built / "en/index.html").read_text("utf-8")
    terms = dict(re.findall(r'<meta name="(DC\.\w+)" content="([^"]*)">', html))
    assert terms["DC.title"] == "About us – Thu District Centre for Communication and Culture"
    assert terms["DC.language"] == "en" and terms["DC.identifier"].endswith("/en/")
    assert terms["DC.description"] == (
        "About Thu District Centre for Communication and Culture, under UBND huyện Thử &amp; &#34;Bạn&#34;"
    )


def test_readers_rate_a_page_by_mail_to_the_publisher(built: Path) -> None:
    """Nghị định 224/2026, Điều 10: readers rate the information online; the static site
    sends nothing itself, each choice is a mail addressed to the body, naming the page."""
    html = (built / "tin-tuc/bai-tong-ket/index.html").read_text("utf-8")
    section = re.search(r'<section class="sb-rating".*?</section>', html, re.S)
    assert section is not None
    links = re.findall(r'href="mailto:([^"?]+)\?([^"]+)">([^<]+)</a>', section.group(0))
    assert [(to, verdict) for to, _, verdict in links] == [
        ("ttvh@thu.example.vn", "Hài lòng"),
        ("ttvh@thu.example.vn", "Bình thường"),
        ("ttvh@thu.example.vn", "Chưa hài lòng"),
    ]
    query = parse_qs(unescape(links[0][1]))
    assert query["subject"] == ["Đánh giá thông tin: Hài lòng"]
    body = query["body"][0].splitlines()
    assert body[0] == "Mức độ hài lòng: Hài lòng"
    assert body[1].startswith("Trang: ") and body[2].endswith("/tin-tuc/bai-tong-ket/")
    profiles = [
        page.read_text("utf-8")
        for page in (built / "mo-hinh").glob("*/index.html")
        if 'class="sb-print-address"' in page.read_text("utf-8")
    ]
    assert profiles and all('class="sb-rating"' in html for html in profiles)
    assert 'class="sb-rating"' not in (built / "tin-tuc/index.html").read_text("utf-8")


def test_without_an_email_no_page_offers_a_rating(tmp_path: Path) -> None:
    site = with_publisher(FixtureSite(tmp_path), "\n- name: Trung tâm Thử\n  publisher: true\n")
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    assert "sb-rating" not in (site.base / "site/tin-tuc/bai-tong-ket/index.html").read_text(
        "utf-8"
    )


def test_a_menu_that_names_the_about_page_keeps_it_where_it_is(tmp_path: Path) -> None:
    site = with_publisher(FixtureSite(tmp_path), "\n- name: Trung tâm Thử\n  publisher: true\n")
    make_buildable(site)
    config = site.base / "mkdocs.yml"
    menu_end = "  - Sơ đồ trang: so-do-trang/index.md\n"
    text = config.read_text("utf-8")
    assert menu_end in text
    config.write_text(text.replace(menu_end, menu_end + "  - Về chúng tôi: gioi-thieu/index.md\n"))
    assert build(site.base, "--strict").returncode == 0
    titles = menu_titles((site.base / "site/index.html").read_text("utf-8"))
    assert titles[-2:] == ["Sơ đồ trang", "Về chúng tôi"] and "Giới thiệu" not in titles
