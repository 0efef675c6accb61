"""The search index: full text for the newest articles, short entries for the archive."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from site_builder.outputs.search_index import cut, markdown_headings, plan_search
from site_builder.site.index import build_site_index

from .conftest import FixtureSite, build, make_buildable


def three_articles(site: FixtureSite) -> None:
    site.article(
        "moi", {"date: 10/02/2020": "date: 01/03/2020", "title: Bài tổng kết": "title: Bài mới"}
    )
    site.article(
        "cu",
        {
            "date: 10/02/2020": "date: 01/01/2018",
            "title: Bài tổng kết": "title: <b>Bài</b> cũ & xa",
        },
        summary="'" + "Một câu tóm tắt khá dài về phong trào. " * 10 + "'",
    )


def test_newest_articles_in_full_the_rest_as_short_entries(site: FixtureSite) -> None:
    three_articles(site)
    content = site.load()
    index = build_site_index(content, now=None)
    bodies = {uri: document.body for uri, document in content.documents.items()}
    plan = plan_search(index, bodies, full_text_articles=1)
    assert plan.full_text == {"tin-tuc/moi.md"}
    by_location = {entry["location"]: entry for entry in plan.entries}
    assert set(by_location) == {"tin-tuc/bai-tong-ket/", "tin-tuc/cu/"}
    old = by_location["tin-tuc/cu/"]
    assert old["title"] == "&lt;b&gt;Bài&lt;/b&gt; cũ &amp; xa"
    assert old["tags"] == ["tổng kết"]
    assert "Dân vận khéo · 01/01/2018 · Quảng Tân" in old["text"]
    assert "Phần hai" in old["text"]  # its heading
    assert len(old["text"]) < 400 and "…" in old["text"]  # the summary, cut short
    assert "Nội dung." not in old["text"]  # not its full text


def test_cut_ends_on_a_whole_word() -> None:
    assert cut("Dân vận khéo", 50) == "Dân vận khéo"
    assert cut("Dân vận khéo trong xây dựng", 10) == "Dân vận…"


def test_built_index_holds_every_article_once_with_full_text_for_the_newest(
    site: FixtureSite,
) -> None:
    three_articles(site)
    make_buildable(site)
    config = site.base / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "page_size: 10", "page_size: 10\n      search_full_text: 1"
        ),
        "utf-8",
    )
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    index = json.loads((site.base / "site/search/search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["vi"]
    locations = [doc["location"] for doc in index["docs"]]
    assert "tin-tuc/moi/#phan-hai" in locations  # the newest: Material's sections, full text
    assert locations.count("tin-tuc/cu/") == 1 and "tin-tuc/cu/#phan-hai" not in locations
    assert locations.count("tin-tuc/bai-tong-ket/") == 1
    assert "<b>" not in json.dumps(index, ensure_ascii=False)


LINE_START_HEADING = re.compile(r"^#{2,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
"""A heading as the rule reads it: a line that starts with two to six hashes."""


@given(st.text(alphabet="#  \t\n\raĐ", max_size=60))
def test_the_headings_found_are_the_lines_that_start_one(body: str) -> None:
    assert markdown_headings(body) == LINE_START_HEADING.findall(body)


def test_headings_at_the_start_inside_and_at_the_end_of_a_body() -> None:
    body = "## Mở đầu ##\nChữ\n### Phần hai\n####### bảy\n#Không\n## Kết"
    assert markdown_headings(body) == ["Mở đầu", "Phần hai", "Kết"]
