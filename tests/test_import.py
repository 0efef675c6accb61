"""`site-builder import feed`: feeds as they are in the wild become articles of the schema,
once; a second run changes nothing, a hand-edited file is left alone, bad input is refused
with a reason."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.importing.html_to_markdown import convert

from .conftest import FixtureSite, build, make_buildable, photo_bytes

RSS = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Cổng thông tin cũ</title>
<link>https://cu.example.vn/</link>
<item>
  <title>&lt;b&gt;Quảng Tân&lt;/b&gt; ra quân &amp;amp; làm đường</title>
  <link>https://cu.example.vn/tin/quang-tan-ra-quan.html</link>
  <guid isPermaLink="false">cu-101</guid>
  <pubDate>Tue, 31 Dec 2019 20:30:00 +0000</pubDate>
  <dc:creator>Minh Anh</dc:creator>
  <category>Nông thôn mới</category>
  <category>Tin địa phương</category>
  <description>Tóm tắt từ nguồn.</description>
  <content:encoded><![CDATA[
<!-- wp:paragraph --><p>Bà con <strong>Quảng Tân</strong> cùng làm đường.</p><!-- /wp:paragraph -->
<!--more-->
<h2>Cách làm</h2>
<ul><li>Góp công<ul><li>mỗi hộ một ngày</li></ul></li><li>Góp vật liệu</li></ul>
<table><tr><th>Thôn</th><th>Mét</th></tr><tr><td>Một</td><td>120</td></tr></table>
<blockquote><p>Dân biết, dân bàn.</p></blockquote>
<script>alert('x')</script>
<p onclick="steal()"><a href="javascript:alert(1)">bấm đây</a> và
<a href="https://quangninh.gov.vn/">cổng tỉnh</a></p>
<iframe src="https://www.youtube.com/embed/abc123"></iframe>
<figure><img src="https://cu.example.vn/anh/duong.jpg" onerror="x()"><figcaption>Con đường mới</figcaption></figure>
]]></content:encoded>
</item>
<item>
  <link>https://cu.example.vn/tin/khong-tieu-de.html</link>
  <guid>cu-102</guid>
  <pubDate>Mon, 10 Feb 2020 01:00:00 +0700</pubDate>
  <description>&lt;p&gt;Hội nghị tổng kết công tác dân vận năm 2019 của huyện.&lt;/p&gt;</description>
</item>
<item>
  <title>Không có ngày</title>
  <link>https://cu.example.vn/tin/khong-ngay.html</link>
  <guid>cu-103</guid>
  <description>Một tin chưa ghi ngày đăng.</description>
</item>
<item>
  <title>Không có nội dung</title>
  <guid>cu-104</guid>
  <pubDate>Mon, 10 Feb 2020 08:00:00 +0700</pubDate>
</item>
<item>
  <title>Trùng đường dẫn</title>
  <link>https://cu.example.vn/khac/bai-tong-ket</link>
  <guid>cu-105</guid>
  <pubDate>Mon, 10 Feb 2020 08:00:00 +0700</pubDate>
  <description>Bài có đường dẫn trùng với bài đã có.</description>
</item>
</channel>
</rss>
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Tin Atom</title>
  <entry>
    <title type="html">Tin &amp;lt;i&amp;gt;Atom&amp;lt;/i&amp;gt;</title>
    <id>tag:cu.example.vn,2020:1</id>
    <link href="https://cu.example.vn/atom/tin-atom"/>
    <updated>2020-03-01T09:00:00+07:00</updated>
    <author><name>Thu Hà</name></author>
    <content type="html">&lt;p&gt;Nội dung Atom.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def run(site: FixtureSite, source: str, *extra: str) -> int:
    return main(
        [
            "import",
            "feed",
            source,
            "--category",
            "Dân vận khéo",
            "--content",
            str(site.content),
            *extra,
        ]
    )


def feed_file(site: FixtureSite, text: str | bytes, name: str = "nguon.xml") -> str:
    path = site.base / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return str(path)


def imported(site: FixtureSite) -> dict[str, str]:
    root = site.content / "tin-tuc"
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.md"))
        if "source_id" in path.read_text(encoding="utf-8")
    }


def test_a_feed_becomes_articles_of_the_schema(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(site, feed_file(site, RSS), "--format", "json") == 1  # notes to look at
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {
        "new": 4,
        "updated": 0,
        "unchanged": 0,
        "edited_by_hand": 0,
        "drafts": 1,
        "skipped": 1,
    }
    files = imported(site)
    # 20:30 UTC on 31/12/2019 is 03:30 on 01/01/2020 in Vietnam: filed under 2020.
    first = files["2020/quang-tan-ra-quan.md"]
    assert 'title: "Quảng Tân ra quân & làm đường"' in first  # markup stripped, entities decoded
    assert "date: 01/01/2020 03:30" in first
    assert 'author: "Minh Anh"' in first and 'category: "Nông thôn mới"' in first
    assert 'tags: ["Tin địa phương"]' in first
    assert 'summary: "Bà con Quảng Tân cùng làm đường."' in first  # the text before <!--more-->
    assert 'source: "Cổng thông tin cũ"' in first  # the feed's title: "Nguồn: ..."
    assert 'source_url: "https://cu.example.vn/tin/quang-tan-ra-quan.html"' in first
    assert 'source_id: "cu-101"' in first
    body = first.split("\n---\n", 1)[1]
    assert "## Cách làm" in body
    assert "-   Góp công\n    -   mỗi hộ một ngày\n-   Góp vật liệu" in body
    assert "| Thôn | Mét |" in body and "> Dân biết, dân bàn." in body
    assert (
        "[Video: https://www.youtube.com/embed/abc123](https://www.youtube.com/embed/abc123)"
        in body
    )
    for gone in ("script", "alert", "onclick", "javascript", "onerror", "cu.example.vn/anh"):
        assert gone not in body, gone
    assert "bấm đây và\n[cổng tỉnh](https://quangninh.gov.vn/)" in body
    codes = {(note["code"], note["path"].rsplit("/", 1)[-1]) for note in report["notes"]}
    assert {
        ("IM101", "quang-tan-ra-quan.md"),
        ("IM102", "quang-tan-ra-quan.md"),
        ("IM103", "quang-tan-ra-quan.md"),
        ("IM104", "quang-tan-ra-quan.md"),
        ("IM105", "khong-tieu-de.md"),
        ("IM106", "khong-ngay.md"),
        ("IM108", ""),
        ("IM110", "bai-tong-ket-2.md"),
    } <= codes
    image = next(note for note in report["notes"] if note["code"] == "IM103")
    assert "Con đường mới" in image["message"]
    assert image["source_url"] == "https://cu.example.vn/tin/quang-tan-ra-quan.html"
    untitled = files["2020/khong-tieu-de.md"]
    assert 'title: "Hội nghị tổng kết công tác dân vận năm 2019 của huyện."' in untitled
    assert "draft: true" in files[next(k for k in files if k.endswith("khong-ngay.md"))]
    # The existing article keeps its file; the newcomer gets a suffix.
    assert "2020/bai-tong-ket-2.md" in files
    assert "source_id" not in (site.content / "tin-tuc/bai-tong-ket.md").read_text("utf-8")


def test_imported_files_pass_the_check_and_the_site_builds(site: FixtureSite) -> None:
    run(site, feed_file(site, RSS))
    run(site, feed_file(site, ATOM, "atom.xml"))
    content = site.load()
    assert [p for p in content.problems if p.is_error] == []
    slugs = {article.slug for article in content.articles}
    assert {"quang-tan-ra-quan", "khong-tieu-de", "bai-tong-ket-2", "tin-atom"} <= slugs
    atom = next(a for a in content.articles if a.slug == "tin-atom")
    assert atom.title == "Tin <i>Atom</i>" and atom.author == "Thu Hà"
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    page = (site.base / "site/tin-tuc/quang-tan-ra-quan/index.html").read_text("utf-8")
    assert "<script>alert" not in page and "cu.example.vn/anh" not in page
    assert "<h1>Quảng Tân ra quân &amp; làm đường</h1>" in page


def test_a_second_run_changes_no_file(
    site: FixtureSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = feed_file(site, RSS)
    monkeypatch.setenv("SITE_BUILDER_NOW", "01/12/2026 08:41")
    run(site, source)
    # An hour later: the item without a date keeps the date of its first import.
    monkeypatch.setenv("SITE_BUILDER_NOW", "01/12/2026 09:41")
    before = {
        path: (text, os.stat(site.content / "tin-tuc" / path).st_mtime_ns)
        for path, text in imported(site).items()
    }
    capsys.readouterr()
    run(site, source, "--format", "json")
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts["new"] == 0 and counts["unchanged"] == 4 and counts["updated"] == 0
    after = {
        path: (text, os.stat(site.content / "tin-tuc" / path).st_mtime_ns)
        for path, text in imported(site).items()
    }
    assert after == before


def test_a_changed_source_updates_and_a_hand_edit_is_left_alone(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    run(site, feed_file(site, RSS))
    edited = site.content / "tin-tuc/2020/khong-tieu-de.md"
    edited.write_text(edited.read_text("utf-8").replace("Hội nghị", "Hội nghị (đã sửa)"), "utf-8")
    changed = RSS.replace("cùng làm đường.</p>", "cùng làm đường mới.</p>").replace(
        "năm 2019 của huyện", "năm 2019 của toàn huyện"
    )
    capsys.readouterr()
    assert run(site, feed_file(site, changed), "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["updated"] == 1 and report["counts"]["edited_by_hand"] == 1
    assert "đường mới" in (site.content / "tin-tuc/2020/quang-tan-ra-quan.md").read_text("utf-8")
    assert "(đã sửa)" in edited.read_text("utf-8") and "toàn huyện" not in edited.read_text("utf-8")
    assert any(
        n["code"] == "IM109" and n["path"].endswith("khong-tieu-de.md") for n in report["notes"]
    )


def test_the_source_line_can_be_named_or_left_out(site: FixtureSite) -> None:
    feed = feed_file(site, RSS)
    run(site, feed, "--source-name", " Báo  Quảng Ninh ")
    assert 'source: "Báo  Quảng Ninh"' in imported(site)["2020/quang-tan-ra-quan.md"]
    for path in (site.content / "tin-tuc").rglob("*.md"):
        if "source_id" in path.read_text("utf-8"):
            path.unlink()
    run(site, feed, "--source-name", "")  # the center's own archive
    first = imported(site)["2020/quang-tan-ra-quan.md"]
    assert "\nsource:" not in first and "source_url:" in first


def test_a_dry_run_writes_nothing(site: FixtureSite, capsys: pytest.CaptureFixture[str]) -> None:
    run(site, feed_file(site, RSS), "--dry-run")
    assert imported(site) == {}
    assert "Sẽ nhập (chạy thử, chưa ghi tệp): 4 mới" in capsys.readouterr().out


def test_a_malformed_feed_is_still_read(site: FixtureSite) -> None:
    broken = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item>'
        "<title>Tin lỗi & thiếu thẻ đóng</title><guid>x-1</guid>"
        "<pubDate>Mon, 10 Feb 2020 08:00:00 +0700</pubDate>"
        "<description>Nội dung <b>chưa đóng thẻ</description></item>"
    )
    assert run(site, feed_file(site, broken)) in (0, 1)
    [text] = imported(site).values()
    assert "thiếu thẻ đóng" in text and "chưa đóng thẻ" in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "Tệp trống"),
        (b"not xml at all, just words", "Không đọc được"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
            b"<rss><channel><title>&lol2;</title></channel></rss>",
            "<!ENTITY",
        ),
        (
            b'<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
            b"<channel><title>x</title></channel></rss>",
            "WordPress",
        ),
    ],
)
def test_bad_input_is_refused_with_a_reason(
    site: FixtureSite, capsys: pytest.CaptureFixture[str], data: bytes, reason: str
) -> None:
    assert run(site, feed_file(site, data)) == 2
    assert reason in capsys.readouterr().err
    assert imported(site) == {}


def test_a_missing_file_an_unknown_category_and_a_silent_url(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(site, str(site.base / "khong-co.xml")) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
    assert main(["import", "feed", feed_file(site, RSS), "--category", "Thể thao",
                 "--content", str(site.content)]) == 2  # fmt: skip
    assert "Chuyên mục 'Thể thao' không có" in capsys.readouterr().err
    assert run(site, "http://127.0.0.1:9/feed.xml") == 2
    assert "Không tải được" in capsys.readouterr().err


def test_text_that_looks_like_markup_stays_text() -> None:
    markdown = convert("<p>Giá 5*3 &lt;script&gt;alert(1)&lt;/script&gt; a_b [x](y)</p>").markdown
    assert markdown == "Giá 5\\*3 \\<script\\>alert(1)\\</script\\> a\\_b \\[x\\](y)\n"
    code = convert("<pre><code>if a &lt; b:\n    x()</code></pre>").markdown
    assert code == "<pre><code>if a &lt; b:\n    x()</code></pre>\n"


def wxr_item(
    post_id: int,
    title: str,
    status: str = "publish",
    kind: str = "post",
    gmt: str = "2019-12-31 20:30:00",
    body: str = "<p>Nội dung.</p>",
    extra: str = "",
) -> str:
    return f"""<item>
<title>{title}</title>
<link>https://cu.example.vn/?p={post_id}</link>
<dc:creator><![CDATA[admin]]></dc:creator>
<guid isPermaLink="false">https://cu.example.vn/?p={post_id}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date><![CDATA[2020-01-01 03:30:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>
<wp:post_name><![CDATA[bai-{post_id}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_type><![CDATA[{kind}]]></wp:post_type>
<wp:post_password><![CDATA[{"bi-mat" if status == "password" else ""}]]></wp:post_password>
<category domain="category" nicename="nong-thon-moi"><![CDATA[Nông thôn mới]]></category>
<category domain="post_tag" nicename="duong-que"><![CDATA[đường quê]]></category>
{extra}
</item>"""


def wxr(*items: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Cổng cũ</title>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login><![CDATA[admin]]></wp:author_login>
<wp:author_display_name><![CDATA[Quốc Nghị]]></wp:author_display_name></wp:author>
{"".join(items)}
</channel>
</rss>
"""


WP_BODY = (
    "<!-- wp:paragraph --><p>Mở đầu bài.</p><!-- /wp:paragraph -->"
    '[caption id="attachment_7" width="300"]<img src="https://cu.example.vn/a.jpg" /> '
    "Bà con làm đường[/caption]"
    '[gallery ids="7,8"]'
    "[embed]https://www.youtube.com/watch?v=abc[/embed]"
    "<ol><li>Một<ul><li>một a</li></ul></li><li>Hai</li></ol>"
)
EXPORT = wxr(
    wxr_item(1, "Bài đã đăng", body=WP_BODY),
    wxr_item(2, "Bản nháp", status="draft", gmt="0000-00-00 00:00:00"),
    wxr_item(3, "Chờ duyệt", status="pending"),
    wxr_item(4, "Riêng tư", status="private"),
    wxr_item(5, "Có mật khẩu", status="password"),
    wxr_item(6, "Hẹn giờ", status="future", gmt="2027-03-01 01:00:00"),
    wxr_item(7, "Đã xóa", status="trash"),
    wxr_item(8, "Giới thiệu", kind="page"),
    wxr_item(9, "ảnh", kind="attachment"),
)


def run_wordpress(site: FixtureSite, text: str, *extra: str) -> int:
    return main(
        [
            "import",
            "wordpress",
            feed_file(site, text, "export.xml"),
            "--category",
            "Dân vận khéo",
            "--content",
            str(site.content),
            *extra,
        ]
    )


def test_a_wordpress_export_keeps_each_status(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_wordpress(site, EXPORT, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["new"] == 6 and report["counts"]["skipped"] == 2
    assert report["counts"]["drafts"] == 4
    files = imported(site)
    assert set(files) == {f"2020/bai-{n}.md" for n in (1, 2, 3, 4, 5)} | {"2027/bai-6.md"}
    first = files["2020/bai-1.md"]
    assert "date: 01/01/2020 03:30" in first and 'author: "Quốc Nghị"' in first
    assert 'source: "Cổng cũ"' in first  # the WordPress site's title
    assert 'category: "Nông thôn mới"' in first and 'tags: ["đường quê"]' in first
    assert "draft: true" not in first
    for draft in (2, 3, 4, 5):
        assert "draft: true" in files[f"2020/bai-{draft}.md"]
    assert "date: 01/01/2020 03:30" in files["2020/bai-2.md"]  # a draft's local date
    assert (
        "date: 01/03/2027 08:00" in files["2027/bai-6.md"] and "draft" not in files["2027/bai-6.md"]
    )
    body = first.split("\n---\n", 1)[1]
    assert "1.  Một\n    -   một a\n2.  Hai" in body
    assert "[https://www.youtube.com/watch" in body and "caption" not in body
    assert "gallery" not in body and "wp:paragraph" not in body
    notes = {(n["code"], n["source_url"]) for n in report["notes"]}
    assert ("IM111", "https://cu.example.vn/?p=7") in notes
    assert ("IM112", "https://cu.example.vn/?p=8") in notes
    caption = next(n for n in report["notes"] if n["code"] == "IM103")
    assert "Bà con làm đường" in caption["message"]


def test_pages_come_in_when_asked_and_the_export_builds(site: FixtureSite) -> None:
    assert run_wordpress(site, EXPORT, "--pages") == 1
    assert "2020/bai-8.md" in imported(site)
    content = site.load()
    assert [p for p in content.problems if p.is_error] == []
    published = {a.slug for a in content.articles if not a.draft}
    assert {"bai-1", "bai-6", "bai-8"} <= published and "bai-2" not in published
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    assert (site.base / "site/tin-tuc/bai-1/index.html").is_file()
    assert not (site.base / "site/tin-tuc/bai-2").exists()  # a draft is never published
    assert not (site.base / "site/tin-tuc/bai-6").exists()  # scheduled for 2027


@pytest.mark.parametrize(
    ("command", "text", "reason"),
    [
        ("wordpress", RSS, "không phải tệp xuất WordPress"),
        ("feed", EXPORT, "import wordpress"),
        ("wordpress", "<rss><channel><item>", "không phải XML hợp lệ"),
        ("wordpress", "", "Tệp trống"),
    ],
)
def test_the_wrong_kind_of_file_is_refused(
    site: FixtureSite, capsys: pytest.CaptureFixture[str], command: str, text: str, reason: str
) -> None:
    source = feed_file(site, text)
    args = ["import", command, source, "--category", "Dân vận khéo", "--content", str(site.content)]
    assert main(args) == 2
    assert reason in capsys.readouterr().err


MAP = """\
categories:
  Tin địa phương: Kinh tế
tags:
  đường quê: nông thôn mới
authors:
  Minh Anh: Quốc Nghị
communes:
  Tin Dực Yên: Dực Yên
  Tin Quảng Lợi: Quảng Lợi
"""


def test_the_map_renames_categories_tags_authors_and_places(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.write(
        "_data/communes.yml",
        (site.content / "_data/communes.yml").read_text("utf-8")
        + "- name: Quảng Lợi\n  type: xã\n  ended: 31/12/2019\n  became: [quang-tan]\n",
    )
    (site.base / "map.yml").write_text(MAP, encoding="utf-8")
    feed = RSS.replace("<category>Nông thôn mới</category>", "<category>Tin Dực Yên</category>")
    feed = feed.replace(
        "<category>Tin địa phương</category>",
        "<category>Tin địa phương</category><category>Tin Quảng Lợi</category>"
        "<category>đường quê</category>",
    ).replace("cùng làm đường.</p>", "cùng làm đường với xã Quảng Tân và bà con Dực Yên.</p>")
    assert (
        run(site, feed_file(site, feed), "--map", str(site.base / "map.yml"), "--format", "json")
        == 1
    )
    report = json.loads(capsys.readouterr().out)
    first = imported(site)["2020/quang-tan-ra-quan.md"]
    assert 'category: "Kinh tế"' in first and 'author: "Quốc Nghị"' in first
    assert 'tags: ["nông thôn mới"]' in first
    # Dực Yên from the map; Quảng Tân named with its kind in the text; Quảng Lợi had ended
    # on 01/01/2020, the item's day, so it is not written.
    assert 'communes: ["Dực Yên", "Quảng Tân"]' in first
    codes = {n["code"]: n["message"] for n in report["notes"] if "quang-tan-ra-quan" in n["path"]}
    assert "Quảng Lợi" in codes["IM113"]
    assert site.load().problems == [] or all(not p.is_error for p in site.load().problems)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "categories:\n  Tin cũ: Thể thao\n",
            "map.yml:2: 'Thể thao' không có trong categories.yml",
        ),
        ("communes:\n  Tin cũ: Hà Nội\n", "map.yml:2: 'Hà Nội' không có trong communes.yml"),
        ("mau: [đỏ]\n", "map.yml:1: tệp ánh xạ chỉ có các mục"),
        ("tags:\n  a: [b]\n", "map.yml:2: 'a' cần một tên mới"),
        ("tags: [\n", "Tệp ánh xạ không đọc được"),
    ],
)
def test_a_bad_map_stops_the_run_before_any_file_is_written(
    site: FixtureSite, capsys: pytest.CaptureFixture[str], text: str, reason: str
) -> None:
    (site.base / "map.yml").write_text(text, encoding="utf-8")
    assert run(site, feed_file(site, RSS), "--map", str(site.base / "map.yml")) == 2
    assert reason in capsys.readouterr().err
    assert imported(site) == {}


@pytest.fixture
def image_server(tmp_path: Path) -> Iterator[str]:
    """A local web server with one photo (/duong.jpg) and one page that is no image."""
    served = tmp_path / "served"
    served.mkdir()
    (served / "duong.jpg").write_bytes(photo_bytes(1600, 1200))
    (served / "trang.jpg").write_text("<html>không phải ảnh</html>", encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_fetched_images_become_figures_of_the_site(
    site: FixtureSite, image_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = RSS.replace("https://cu.example.vn/anh/duong.jpg", f"{image_server}/duong.jpg").replace(
        "<blockquote>",
        f'<p><img src="{image_server}/trang.jpg" alt="x"><img src="{image_server}/mat.jpg"></p>'
        "<blockquote>",
    )
    source = feed_file(site, feed)
    assert run(site, source, "--fetch-images", "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    first = imported(site)["2020/quang-tan-ra-quan.md"]
    [saved] = (site.content / "anh/nhap").iterdir()
    assert saved.suffix == ".jpg" and saved.read_bytes() == photo_bytes(1600, 1200)
    assert f"![Con đường mới](/anh/nhap/{saved.name})" in first
    reasons = [n["message"] for n in report["notes"] if n["code"] == "IM103"]
    assert any("không phải ảnh" in reason and "trang.jpg" in reason for reason in reasons)
    assert any("không tải được" in reason and "mat.jpg" in reason for reason in reasons)
    # A second run fetches nothing and changes nothing.
    capsys.readouterr()
    run(site, source, "--fetch-images", "--format", "json")
    assert json.loads(capsys.readouterr().out)["counts"]["unchanged"] == 4
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    page = (site.base / "site/tin-tuc/quang-tan-ra-quan/index.html").read_text("utf-8")
    assert "<figcaption>Con đường mới</figcaption>" in page
    assert image_server not in page and ".webp" in page  # the pipeline's copies, not the old site


HOSTILE_ITEM = """\
<rss version="2.0"><channel><item>
<title>&lt;script&gt;alert(1)&lt;/script&gt;Tin &lt;img src=x onerror=alert(2)&gt;lạ</title>
<guid>evil-1</guid><link>https://cu.example.vn/tin/la.html</link>
<pubDate>Mon, 10 Feb 2020 08:00:00 +0700</pubDate>
<description><![CDATA[<p style="x" onmouseover="alert(3)">Chữ
<a href="JaVaScRiPt:alert(4)">một</a> <a href="java&#9;script:alert(5)">hai</a>
<a href="data:text/html;base64,PHNjcmlwdD4=">ba</a></p><svg onload="alert(6)"></svg>
<object data="x.swf"></object><iframe src="https://evil.example/x"></iframe>
<p>{{ config }} {% raw %}</p>]]></description>
</item></channel></rss>"""


def test_a_hostile_item_is_inert_in_the_file_and_the_site(site: FixtureSite) -> None:
    run(site, feed_file(site, HOSTILE_ITEM))
    [text] = imported(site).values()
    for marker in ("alert(2)", "alert(3)", "alert(4)", "alert(5)", "data:text", "svg", "swf"):
        assert marker not in text.split("\n---\n", 1)[1], marker
    assert "evil.example" not in text
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    page = (site.base / "site/tin-tuc/la/index.html").read_text("utf-8")
    for marker in ("<script>alert", "<img src=x", "onmouseover", "javascript:", "onload"):
        assert marker not in page, marker
    assert "{{ config }}" in page  # text, not a template


def test_a_file_over_the_size_limit_is_refused(
    site: FixtureSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.importing.feeds.MAX_BYTES", 1000)
    assert run(site, feed_file(site, RSS)) == 2
    assert "lớn hơn" in capsys.readouterr().err
