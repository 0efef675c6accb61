"""What a reader's tools see: feeds, sharing tags, sitemap dates, the page in Vietnamese."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from PIL import Image

from site_builder.outputs.crawlers import sitemap_xml

from .conftest import FixtureSite, build, make_buildable

DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = FixtureSite(tmp_path_factory.mktemp("reading"))
    (site.content / "anh").mkdir()
    Image.new("RGB", (800, 600), "white").save(site.content / "anh/bia.jpg", "JPEG")
    site.article(
        "co-anh",
        replace={
            "title: Bài tổng kết": "title: 'Tin <b>nóng</b> & “mới”'",
            "date: 10/02/2020": "date: 2020-03-01 08:30",
            "models: [vuon-mau]": "models: []",
        },
        cover="/anh/bia.jpg",
        cover_caption="Ảnh bìa <i>đẹp</i>",
    )
    site.write(
        "tin-tuc/co-hinh.md",
        (site.content / "tin-tuc/bai-tong-ket.md")
        .read_text(encoding="utf-8")
        .replace("title: Bài tổng kết", "title: Bài có hình")
        .replace("models: [vuon-mau]", "models: []")
        + "\n![Nhân dân tích cực tham gia xây dựng NTM](/anh/bia.jpg)\n\n## Đầm Hà\n",
    )
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    return site.base / "site"


def test_news_feed_is_valid_rss_with_escaped_content(built: Path) -> None:
    raw = (built / "feed.xml").read_bytes()
    assert b"<b>" not in raw
    channel = etree.fromstring(raw).find("channel")
    assert channel is not None
    for tag in ("title", "link", "description", "language", "lastBuildDate"):
        assert channel.findtext(tag), tag
    items = channel.findall("item")
    assert [item.findtext("title") for item in items][:2] == [
        "Tin <b>nóng</b> & “mới”",
        "Bài tổng kết",
    ]
    first = items[0]
    assert first.findtext("pubDate") == "Sun, 01 Mar 2020 08:30:00 +0700"
    assert first.findtext("link") == "http://127.0.0.1:8000/tin-tuc/co-anh/"
    assert first.findtext("guid") == first.findtext("link")
    assert first.findtext(f"{DC}creator") == "Quốc Nghị – Trung tâm TT&VH Đầm Hà"
    assert first.findtext("category") == "Dân vận khéo"
    assert first.findtext("description") == "Đoạn mở đầu của bài tổng kết."
    enclosure = first.find("enclosure")
    assert enclosure is not None
    # The cover's largest copy (the 800-px original is not published; no EXIF in the copy).
    url = enclosure.get("url", "")
    assert re.fullmatch(r"http://127\.0\.0\.1:8000/_anh/\w+/bia-800\.jpg", url), url
    assert enclosure.get("type") == "image/jpeg"
    published = built / url.removeprefix("http://127.0.0.1:8000/")
    assert int(enclosure.get("length", "0")) == published.stat().st_size


def test_one_feed_per_category(built: Path) -> None:
    feed = etree.fromstring((built / "feed-dan-van-kheo.xml").read_bytes())
    assert len(feed.findall("channel/item")) == 3
    empty = etree.fromstring((built / "feed-kinh-te.xml").read_bytes())
    assert empty.findall("channel/item") == []
    category_page = (built / "chuyen-muc/dan-van-kheo/index.html").read_text(encoding="utf-8")
    assert (
        'type="application/rss+xml" title="Chuyên mục: Dân vận khéo" href="../../feed-dan-van-kheo.xml"'
        in category_page
    )


def test_sharing_tags(built: Path) -> None:
    html = (built / "tin-tuc/co-anh/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Tin &lt;b&gt;nóng&lt;/b&gt; &amp; “mới”">' in html
    assert re.search(
        r'<meta property="og:image" content="http://127\.0\.0\.1:8000/_anh/chia-se/\w+\.jpg">', html
    )  # the cover cropped to 1200×630 (tests/test_share_images.py)
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:alt" content="Ảnh bìa &lt;i&gt;đẹp&lt;/i&gt;">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert '<meta property="article:published_time" content="2020-03-01T08:30:00+07:00">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/tin-tuc/co-anh/">' in html
    assert "facebook.com/sharer/sharer.php?u=http%3A//127.0.0.1%3A8000/tin-tuc/co-anh/" in html
    assert "data-sb-share" in html and "data-sb-copy" in html
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="website">' in home


def test_no_request_leaves_the_site(built: Path) -> None:
    """Readers' pages only: /admin/ is the journalists' editor, which works through GitHub.
    Dublin Core's `<link rel="schema.DC">` names a vocabulary, which no browser fetches."""
    for page in built.rglob("*.html"):
        if page.is_relative_to(built / "admin"):
            continue
        html = re.sub(r'<link rel="schema\.DC" [^>]*>', "", page.read_text(encoding="utf-8"))
        sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//([^"/]+)', html)
        external = [host for _, host in sources if not host.startswith("127.0.0.1")]
        assert external == [], page


def test_sitemap_dates(built: Path) -> None:
    """Every date comes from the content: an article's own, a profile's newest article, a
    list's newest article; a page whose content has no date has none (not the build's)."""
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"tin-tuc/co-anh/</loc>\s*<lastmod>2020-03-01</lastmod>", sitemap)
    assert re.search(r"tin-tuc/bai-tong-ket/</loc>\s*<lastmod>2020-02-10</lastmod>", sitemap)
    assert re.search(r"mo-hinh/vuon-mau/</loc>\s*<lastmod>2020-02-10</lastmod>", sitemap)
    assert re.search(r"8000/tin-tuc/</loc>\s*<lastmod>2020-03-01</lastmod>", sitemap)
    assert re.search(r"8000/mo-hinh/</loc>\s*</url>", sitemap)
    assert "2026-" not in sitemap


def test_the_sitemap_is_well_formed_and_escapes_its_addresses() -> None:
    """Every page in order, its day when it has one; an address is XML text."""
    entries = [("http://x.vn/a/?p=1&q=<2>", "2020-03-01"), ("http://x.vn/b/", None)]
    root = etree.fromstring(sitemap_xml(entries))
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    found = [
        (url.findtext(f"{namespace}loc"), url.findtext(f"{namespace}lastmod"))
        for url in root.iter(f"{namespace}url")
    ]
    assert found == entries
    assert etree.fromstring(sitemap_xml([])).tag == f"{namespace}urlset"


def test_robots_txt_points_at_the_sitemap(built: Path) -> None:
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert robots == (
        "User-agent: *\nDisallow: /admin/\nAllow: /\nSitemap: http://127.0.0.1:8000/sitemap.xml\n"
    )


def test_article_layout(built: Path) -> None:
    html = (built / "tin-tuc/co-hinh/index.html").read_text(encoding="utf-8")
    assert '<p class="sb-lead">Đoạn mở đầu của <strong>bài</strong> tổng kết.</p>' in html
    assert re.search(
        r'<figure><img alt="Nhân dân tích cực tham gia xây dựng NTM" decoding="async" height="600" loading="lazy" src="../../anh/bia.jpg" width="800"',
        html,
    ) or (
        'width="800"' in html
        and "<figcaption>Nhân dân tích cực tham gia xây dựng NTM</figcaption>" in html
    )
    assert 'id="dam-ha"' in html
    assert "Bài viết liên quan" in html


def test_material_strings_are_vietnamese(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "Initializing search" not in html
    assert "Đang khởi tạo tìm kiếm" in html
    assert '<html lang="vi"' in html


def test_an_unchanged_site_gives_an_unchanged_sitemap(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    make_buildable(site)
    # MkDocs dates a page without one by SOURCE_DATE_EPOCH (else the clock): two days apart.
    for day, epoch, folder in (
        ("2026-11-26 12:00", "1795694400", "a"),
        ("2027-01-05 07:00", "1799132400", "b"),
    ):
        result = build(site.base, "-d", str(tmp_path / folder), now=day, SOURCE_DATE_EPOCH=epoch)
        assert result.returncode == 0, result.stderr
    first = (tmp_path / "a/sitemap.xml").read_bytes()
    assert first == (tmp_path / "b/sitemap.xml").read_bytes()
