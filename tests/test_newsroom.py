"""The newsroom: author pages, addresses that never break (aliases, `--previous-sitemap`,
`move`), and corrections shown everywhere an article's date is."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import feedparser
import pytest

from site_builder.cli import main

from .conftest import FixtureSite, build, make_buildable

SITE = "http://127.0.0.1:8000/"


def run(site: FixtureSite, *args: str) -> tuple[int, str, str]:
    """The command line, run in the fixture's folder as a journalist runs it."""
    previous = Path.cwd()
    os.chdir(site.base)
    try:
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue()


def page(site: FixtureSite, url: str) -> str:
    return (site.base / "site" / url / "index.html").read_text(encoding="utf-8")


def built(site: FixtureSite, *args: str, page_size: int = 10) -> None:
    make_buildable(site, page_size)
    result = build(site.base, *args)
    assert result.returncode == 0, result.stderr


# --- author pages --------------------------------------------------------------------


def test_a_byline_links_to_the_authors_page_newest_first(site: FixtureSite) -> None:
    site.article(
        "moi-hon",
        {"date: 10/02/2020": "date: 12/03/2021", "title: Bài tổng kết": "title: Bài mới hơn"},
    )
    built(site, "--strict")
    article = page(site, "tin-tuc/bai-tong-ket")
    assert '<a href="../../tac-gia/quoc-nghi/" rel="author">Quốc Nghị</a> – ' in article
    author = page(site, "tac-gia/quoc-nghi")
    assert "Tác giả: Quốc Nghị" in author
    assert author.index("Bài mới hơn") < author.index("Bài tổng kết")


def test_an_authors_page_is_paginated(site: FixtureSite) -> None:
    for number in range(1, 4):
        site.article(f"bai-{number}", {"title: Bài tổng kết": f"title: Bài số {number}"})
    make_buildable(site)
    config = site.base / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("compact_page_size: 50", "compact_page_size: 2"), "utf-8")
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    rows = [
        page(site, url).count('class="sb-article__title"')
        for url in ("tac-gia/quoc-nghi", "tac-gia/quoc-nghi/trang/2")
    ]
    assert rows == [2, 2]  # four articles, two a page (date and title rows)


def test_the_data_file_names_the_author_and_an_unlisted_one_still_has_a_page(
    site: FixtureSite,
) -> None:
    site.write(
        "_data/authors.yml",
        "- name: Quốc Nghị\n  aliases: [Q. Nghị]\n  role: Phóng viên\n  unit: Phòng Thời sự\n",
    )
    site.article("viet-tat", {"author: Quốc Nghị": "author: Q. Nghị"})
    site.article("nguoi-khac", {"author: Quốc Nghị": "author: Thu Hà"})
    built(site, "--strict")
    assert '">Quốc Nghị</a> – ' in page(site, "tin-tuc/viet-tat")
    author = page(site, "tac-gia/quoc-nghi")
    assert '<p class="sb-author">Phóng viên, Phòng Thời sự</p>' in author
    assert "Bài tổng kết" in author and author.count('href="../../tin-tuc/viet-tat/"') == 1
    assert "Tác giả: Thu Hà" in page(site, "tac-gia/thu-ha")


def test_two_spellings_of_one_author_are_a_warning_at_the_odd_one(site: FixtureSite) -> None:
    site.article("hai", {"title: Bài tổng kết": "title: Bài hai"})
    odd = site.article("ba", {"author: Quốc Nghị": "author: Quoc Nghi"})
    [problem] = [p for p in site.problems() if p.code == "SB130"]
    assert problem.path.endswith("tin-tuc/ba.md") and problem.line == 4
    assert "'Quoc Nghi'" in problem.message and "'Quốc Nghị'" in problem.message
    assert odd.exists()


def test_an_alias_in_the_data_file_is_a_declared_spelling(site: FixtureSite) -> None:
    site.write("_data/authors.yml", "- name: Quốc Nghị\n  aliases: [Quoc Nghi]\n")
    site.article("ba", {"author: Quốc Nghị": "author: Quoc Nghi"})
    assert [p for p in site.problems() if p.code == "SB130"] == []
    site.write("_data/authors.yml", "- name: Quốc Nghị\n")
    [problem] = [p for p in site.problems() if p.code == "SB130"]
    assert "aliases" in problem.message


def test_the_author_page_is_in_the_feed_and_the_structured_data(site: FixtureSite) -> None:
    built(site, "--strict")
    feed = feedparser.parse((site.base / "site/feed.xml").read_bytes())
    [entry] = feed.entries
    assert entry.author_detail.href == f"{SITE}tac-gia/quoc-nghi/"
    article = page(site, "tin-tuc/bai-tong-ket")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', article, re.S)
    [news] = [n for n in json.loads(block)["@graph"] if n["@type"] == "NewsArticle"]
    assert news["author"] == {
        "@type": "Person",
        "name": "Quốc Nghị",
        "url": f"{SITE}tac-gia/quoc-nghi/",
    }


# --- addresses that never break ------------------------------------------------------


def test_an_alias_publishes_a_redirect_page(site: FixtureSite) -> None:
    site.article(
        "bai-moi",
        {"title: Bài tổng kết": "title: Tên <mới> & “đẹp”"},
        aliases="[/tin-tuc/ten-cu/, /2019/05/bai.html]",
    )
    built(site, "--strict")
    for old in ("tin-tuc/ten-cu/index.html", "2019/05/bai.html"):
        redirect = (site.base / "site" / old).read_text(encoding="utf-8")
        target = f"{SITE}tin-tuc/bai-moi/"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in redirect
        assert f'<link rel="canonical" href="{target}">' in redirect
        assert '<meta name="robots" content="noindex">' in redirect
        assert f'<a href="{target}">Tên &lt;mới&gt; &amp; “đẹp”</a>' in redirect
    sitemap = (site.base / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "ten-cu" not in sitemap and "tin-tuc/bai-moi/" in sitemap


@pytest.mark.parametrize(
    ("alias", "reason"),
    [
        ("https://cu.example/tin/", "tên miền"),
        ("/tin-tuc/?p=12", "dấu ?"),
        ("/tin-tuc/bài-cũ/", "chữ không dấu"),
        ("/", "trang chủ"),
        ("/trang/bai.php", ".html"),
        ("/a/../b/", ".."),
    ],
)
def test_an_alias_that_is_no_address_of_this_site_is_an_error(
    site: FixtureSite, alias: str, reason: str
) -> None:
    site.article("bai", aliases=f"[{json.dumps(alias)}]")
    [problem] = [p for p in site.problems() if p.code == "SB131"]
    assert problem.line == 9 and reason in problem.message


def test_two_claims_on_one_address_are_errors(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("mot", aliases="[/tin-tuc/bai-tong-ket/]")  # another article's address
    site.article("hai", aliases="[/tin-tuc/cu/]")  # the same old address as "ba" (read first)
    site.article("ba", aliases="[/tin-tuc/cu/]")
    code, out, _ = run(site, "check", "content")
    assert code == 1
    assert re.search(
        r"SB132 content/tin-tuc/mot\.md:9: Địa chỉ cũ '/tin-tuc/bai-tong-ket/' đã là một trang khác",
        out,
    )
    assert re.search(
        r"SB132 content/tin-tuc/hai\.md:9: Địa chỉ cũ '/tin-tuc/cu/' đã là địa chỉ cũ của content/tin-tuc/ba\.md",
        out,
    )
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 1
    assert build(site.base).returncode == 0  # a normal build publishes, without those redirects


def previous_site(site: FixtureSite) -> Path:
    """The sitemap of a build of the fixture with one more article ("bai-cu"), kept aside.
    (Not the fixture's own article: the reported totals name it as their source.)"""
    site.article("bai-cu", {"title: Bài tổng kết": "title: Bài cũ"})
    built(site, "--strict")
    kept = site.base / "sitemap-truoc.xml"
    kept.write_bytes((site.base / "site/sitemap.xml").read_bytes())
    return kept


def test_a_renamed_article_loses_its_address_and_its_alias_keeps_it(site: FixtureSite) -> None:
    sitemap = previous_site(site)
    old = site.content / "tin-tuc/bai-cu.md"
    old.rename(site.content / "tin-tuc/tong-ket-muoi-nam.md")
    code, out, _ = run(site, "check", "content", "--previous-sitemap", str(sitemap))
    assert code == 1
    [line] = [line for line in out.splitlines() if line.startswith("SB133")]
    assert "/tin-tuc/bai-cu/" in line and "aliases: [/tin-tuc/bai-cu/]" in line
    assert re.match(rf"SB133 {re.escape(str(sitemap))}:\d+: ", line)
    text = (site.content / "tin-tuc/tong-ket-muoi-nam.md").read_text(encoding="utf-8")
    (site.content / "tin-tuc/tong-ket-muoi-nam.md").write_text(
        text.replace("---\n\n", "aliases: [/tin-tuc/bai-cu/]\n---\n\n", 1), encoding="utf-8"
    )
    code, out, _ = run(site, "check", "content", "--strict", "--previous-sitemap", str(sitemap))
    assert code == 0, out


def test_a_sitemap_that_cannot_be_read_is_a_warning_and_the_check_goes_on(
    site: FixtureSite,
) -> None:
    code, out, err = run(
        site, "check", "content", "--previous-sitemap", "http://127.0.0.1:9/sitemap.xml"
    )
    assert code == 0 and "không đọc được sơ đồ trang cũ" in err
    assert "0 lỗi" in out


def test_move_renames_retitles_and_keeps_the_old_address(site: FixtureSite) -> None:
    sitemap = previous_site(site)
    code, out, _ = run(
        site, "move", "content/tin-tuc/bai-cu.md", "Tổng kết mười năm “Dân vận khéo”"
    )
    assert code == 0, out
    assert not (site.content / "tin-tuc/bai-cu.md").exists()
    moved = (site.content / "tin-tuc/tong-ket-muoi-nam-dan-van-kheo.md").read_text(encoding="utf-8")
    assert 'title: "Tổng kết mười năm “Dân vận khéo”"' in moved
    assert 'aliases:\n  - "/tin-tuc/bai-cu/"\n---\n' in moved
    assert moved.endswith("Nội dung.\n")  # the body as it was
    assert "Địa chỉ cũ /tin-tuc/bai-cu/" in out
    code, out, _ = run(site, "check", "content", "--strict", "--previous-sitemap", str(sitemap))
    assert code == 0, out
    code, out, _ = run(
        site, "move", "content/tin-tuc/tong-ket-muoi-nam-dan-van-kheo.md", "tong-ket"
    )
    assert code == 0
    again = (site.content / "tin-tuc/tong-ket.md").read_text(encoding="utf-8")
    assert 'title: "Tổng kết mười năm “Dân vận khéo”"' in again  # a slug keeps the title
    assert '  - "/tin-tuc/bai-cu/"\n  - "/tin-tuc/tong-ket-muoi-nam-dan-van-kheo/"\n' in again
    built(site, "--strict")
    assert (site.base / "site/tin-tuc/bai-cu/index.html").is_file()


def test_move_refuses_to_overwrite(site: FixtureSite) -> None:
    site.article("da-co")
    code, _, err = run(site, "move", "content/tin-tuc/bai-tong-ket.md", "da-co")
    assert code == 1 and "không ghi đè" in err
    assert (site.content / "tin-tuc/bai-tong-ket.md").exists()


# --- corrections and updates ---------------------------------------------------------


def test_an_updated_article_shows_its_update_everywhere_its_date_shows(site: FixtureSite) -> None:
    site.article(
        "da-sua",
        updated="12/02/2020 14:30",
        correction='"Sửa số hộ tham gia: 120 hộ, không phải 210 <hộ>."',
    )
    built(site, "--strict")
    article = page(site, "tin-tuc/da-sua")
    assert (
        'Cập nhật lúc <time datetime="2020-02-12T14:30:00+07:00">14:30 12/02/2020</time>' in article
    )
    assert (
        "<strong>Đính chính:</strong> Sửa số hộ tham gia: 120 hộ, không phải 210 &lt;hộ&gt;."
        in article
    )
    assert '<meta property="article:modified_time" content="2020-02-12T14:30:00+07:00">' in article
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', article, re.S)
    [news] = [n for n in json.loads(block)["@graph"] if n["@type"] == "NewsArticle"]
    assert news["dateModified"] == "2020-02-12T14:30:00+07:00"
    assert news["datePublished"] == "2020-02-10T00:00:00+07:00"
    sitemap = etree.fromstring((site.base / "site/sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in sitemap
    }
    assert dates[f"{SITE}tin-tuc/da-sua/"] == "2020-02-12"
    assert dates[f"{SITE}tin-tuc/bai-tong-ket/"] == "2020-02-10"
    feed = feedparser.parse((site.base / "site/feed.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.link.endswith("/da-sua/")]
    assert entry.updated == "2020-02-12T14:30:00+07:00"


def test_an_update_before_publication_is_an_error(site: FixtureSite) -> None:
    site.article("nham", updated="09/02/2020")
    site.article("thieu", correction="Sửa tên xã.")
    codes = {(p.path.rsplit("/", 1)[1], p.code, p.line) for p in site.problems() if p.is_error}
    assert codes == {("nham.md", "SB134", 9), ("thieu.md", "SB110", 9)}
