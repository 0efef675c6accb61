"""The Vietnamese press's conventions on a page: who took each photo ("Ảnh: ..."), where a
reprinted article comes from ("Nguồn: ..."), and the checks that ask for them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from site_builder.content.problems import Problem

from .conftest import FixtureSite, build, make_buildable, photo_bytes

ARTICLE = "content/tin-tuc/bai.md"
PUBLISHER = """
- name: Trung tâm Truyền thông và Văn hóa huyện Đầm Hà
  aliases: [Trung tâm TT&VH Đầm Hà]
  publisher: true
  photo_credits: true
  began: 01/01/2020
"""


def asking_for_credits(site: FixtureSite) -> FixtureSite:
    """The fixture's publisher asks for photo credits from 2020 on."""
    organisations = site.content / "_data" / "organisations.yml"
    organisations.write_text(organisations.read_text("utf-8") + PUBLISHER, "utf-8")
    site.write("anh/a.jpg", photo_bytes())
    return site


def codes(problems: list[Problem]) -> list[tuple[str, int]]:
    return [(problem.code, problem.line) for problem in problems]


def test_a_photo_without_credit_is_a_warning_when_the_publisher_asks(site: FixtureSite) -> None:
    asking_for_credits(site)
    path = site.article("bai", cover="/anh/a.jpg", cover_caption="Vườn mẫu")
    text = path.read_text("utf-8")
    path.write_text(
        text
        + '\n![Lối đi](/anh/a.jpg "Ảnh: Quốc Nghị")\n'  # credited
        + "\n![Cổng làng](/anh/a.jpg)\n"  # not credited
        + '\n![Sân](/anh/a.jpg "Sân nhà văn hóa")\n',  # a title, but a caption
        "utf-8",
    )
    problems = site.problems(ARTICLE)
    assert codes(problems) == [("SB136", 9), ("SB136", 21), ("SB136", 23)]
    assert all(not problem.is_error for problem in problems)
    assert "cover_credit: ..." in problems[0].message
    assert '"Ảnh: Quốc Nghị"' in problems[1].message
    assert any(article.slug == "bai" for article in site.load().articles)


def test_credits_are_asked_by_the_publisher_of_the_articles_day(site: FixtureSite) -> None:
    asking_for_credits(site)
    site.article(
        "bai", cover="/anh/a.jpg", cover_caption="Ảnh", replace={"10/02/2020": "10/02/2019"}
    )
    assert site.problems(ARTICLE) == []  # 2019: before the entry that asks
    site.article(
        "bai", cover="/anh/a.jpg", cover_caption="Ảnh", cover_credit='"Quốc Nghị (Trung tâm)"'
    )
    assert site.problems(ARTICLE) == []
    site.model("mo-hinh-moi", image="/anh/a.jpg", image_caption="Đường quê")
    assert codes(site.problems("content/mo-hinh/mo-hinh-moi.md")) == [("SB136", 15)]


def test_no_credit_is_asked_unless_the_publisher_says_so(site: FixtureSite) -> None:
    site.write("anh/a.jpg", photo_bytes())
    path = site.article("bai", cover="/anh/a.jpg", cover_caption="Vườn mẫu")
    path.write_text(path.read_text("utf-8") + "\n![Cổng làng](/anh/a.jpg)\n", "utf-8")
    assert site.problems(ARTICLE) == []


def test_a_credit_alone_is_no_caption(site: FixtureSite) -> None:
    site.write("anh/a.jpg", photo_bytes())
    path = site.article("bai")
    path.write_text(path.read_text("utf-8") + '\n![](/anh/a.jpg "Ảnh: Quốc Nghị")\n', "utf-8")
    assert codes(site.problems(ARTICLE)) == [("SB126", 17)]


@pytest.mark.parametrize("address", ["javascript:alert(1)", "/tin-tuc/bai", "https://"])
def test_an_original_that_is_not_a_web_address_is_not_linked(
    site: FixtureSite, address: str
) -> None:
    site.article("bai", source="Báo Quảng Ninh", source_url=f'"{address}"')
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.line, problem.is_error) == ("SB135", 10, False)
    [article] = [a for a in site.load().articles if a.slug == "bai"]
    assert article.origin is not None
    assert (article.origin.name, article.origin.url) == ("Báo Quảng Ninh", "")


HOSTILE = 'Báo <script>alert("x")</script> & "Tin"'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = asking_for_credits(FixtureSite(tmp_path_factory.mktemp("press")))
    site.write("anh/bia.jpg", photo_bytes(1200, 800))
    path = site.article(
        "dang-lai",
        cover="/anh/bia.jpg",
        cover_caption="Vườn mẫu",
        cover_credit=json.dumps("Quốc Nghị <Trung tâm> & cộng sự", ensure_ascii=False),
        source=json.dumps(HOSTILE, ensure_ascii=False),
        source_url='"https://baoquangninh.vn/bai?a=1&b=<2>"',
    )
    path.write_text(
        path.read_text("utf-8") + '\n![Lối đi](/anh/bia.jpg "Ảnh: Minh <Anh>")\n', "utf-8"
    )
    site.article("tu-viet", replace={"Bài tổng kết": "Bài tự viết"})
    site.model("co-anh", image="/anh/bia.jpg", image_caption="Đường quê", image_credit="Minh <Anh>")
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    return site.base / "site"


def test_the_page_prints_the_credits_and_the_source_line_escaped(built: Path) -> None:
    html = (built / "tin-tuc/dang-lai/index.html").read_text("utf-8")
    assert (
        '<figcaption>Vườn mẫu <span class="sb-credit">Ảnh: Quốc Nghị &lt;Trung tâm&gt; &amp; '
        "cộng sự</span></figcaption>"
    ) in html
    assert '<span class="sb-credit">Ảnh: Minh &lt;Anh&gt;</span>' in html
    source = re.search(r'<p class="sb-source">(.*?)</p>', html)
    assert source is not None
    assert source.group(1) == (
        '<a href="https://baoquangninh.vn/bai?a=1&amp;b=&lt;2&gt;">Nguồn: Báo &lt;script&gt;'
        "alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;Tin&#34;</a>"
    )
    assert html.index('class="sb-byline"') < html.index('class="sb-source"')
    own = (built / "tin-tuc/tu-viet/index.html").read_text("utf-8")
    assert "sb-source" not in own and "Nguồn:" not in own
    profile = (built / "mo-hinh/co-anh/index.html").read_text("utf-8")
    assert '<figcaption>Đường quê <span class="sb-credit">Ảnh: Minh &lt;Anh&gt;</span>' in profile


def test_structured_data_names_who_took_the_photo_and_the_original(built: Path) -> None:
    html = (built / "tin-tuc/dang-lai/index.html").read_text("utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert script is not None and "<script>" not in script.group(1)
    graph = json.loads(script.group(1))["@graph"]
    [article] = [node for node in graph if node["@type"] == "NewsArticle"]
    assert article["image"] and all(
        image["@type"] == "ImageObject" and image["creditText"] == "Quốc Nghị <Trung tâm> & cộng sự"
        for image in article["image"]
    )
    assert article["isBasedOn"] == {
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": HOSTILE},
        "url": "https://baoquangninh.vn/bai?a=1&b=<2>",
    }


def test_feeds_and_open_data_carry_the_source(built: Path) -> None:
    feed = etree.parse(built / "feed.xml").getroot()
    items = {
        item.findtext("link", "").rstrip("/").rsplit("/", 1)[-1]: item for item in feed.iter("item")
    }
    reprint, own = items["dang-lai"], items["tu-viet"]
    assert reprint.findtext("description", "").endswith(f"(Nguồn: {HOSTILE})")
    source = reprint.findtext("{http://purl.org/dc/elements/1.1/}source")
    assert source == "https://baoquangninh.vn/bai?a=1&b=<2>"
    assert own.find("{http://purl.org/dc/elements/1.1/}source") is None
    records = {
        record["slug"]: record
        for record in json.loads((built / "data/articles.json").read_text("utf-8"))
    }
    assert records["dang-lai"]["source"] == HOSTILE
    assert records["dang-lai"]["cover_credit"] == "Quốc Nghị <Trung tâm> & cộng sự"
    assert records["tu-viet"]["source"] == records["tu-viet"]["source_url"] == ""


def dublin_core(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<meta name="(DC\.\w+)" content="([^"]*)">', html)


def test_dublin_core_on_the_news_items_and_the_home_page(built: Path) -> None:
    article = (built / "tin-tuc/dang-lai/index.html").read_text("utf-8")
    assert '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">' in article
    terms = dublin_core(article)
    names = [name for name, _ in terms]
    for required in ("DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher"):
        assert names.count(required) == 1, required
    values = dict(terms)
    assert values["DC.title"] == "Bài tổng kết"
    assert values["DC.creator"] == "Quốc Nghị – Trung tâm TT&amp;VH Đầm Hà"
    assert values["DC.date"] == "2020-02-10T00:00:00+07:00"
    assert values["DC.identifier"].endswith("/tin-tuc/dang-lai/")
    assert values["DC.source"] == "https://baoquangninh.vn/bai?a=1&amp;b=&lt;2&gt;"
    assert ("DC.subject", "tổng kết") in terms and ("DC.language", "vi") in terms
    home = dict(dublin_core((built / "index.html").read_text("utf-8")))
    assert home["DC.publisher"] == home["DC.creator"] == "Trung tâm TT&amp;VH Đầm Hà"
    assert home["DC.date"] == "2020-02-10T00:00:00+07:00"  # the newest article's
    listing = (built / "tin-tuc/index.html").read_text("utf-8")
    assert dublin_core(listing) == [] and "schema.DC" not in listing


def test_the_footer_asks_whoever_reuses_to_name_the_source(built: Path) -> None:
    for page in ("index.html", "tin-tuc/dang-lai/index.html", "404.html"):
        html = (built / page).read_text("utf-8")
        assert (
            "Bản quyền thuộc Trung tâm Truyền thông và Văn hóa huyện Đầm Hà. Khi sử dụng lại "
            "thông tin, đề nghị ghi rõ nguồn."
        ) in html, page
