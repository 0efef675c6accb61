"""Places and bodies over time: entries that begin and end, names resolved by the content's
date, the history they make on the site, and the errors of a history that cannot be."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from site_builder.content.data import load_site_data
from site_builder.content.lifespans import Period
from site_builder.content.loader import Layout
from site_builder.outputs.cms import cms_config

from .conftest import FixtureSite, build, make_buildable

HISTORY = """\
- name: Quảng Tân
  type: xã
  new_countryside: 2015
  ended: 30/06/2025
  became: [quang-tan-2025]
  source: Nghị quyết 1679/NQ-UBTVQH15, Điều 1 khoản 11
- name: Dực Yên
  type: xã
  new_countryside: true
  ended: 30/06/2025
  became: [quang-tan-2025]
  source: Nghị quyết 1679/NQ-UBTVQH15, Điều 1 khoản 11
- name: Quảng Lâm
  type: xã
  new_countryside: false
  ended: 30/06/2025
  became: [quang-tan-2025]
  source: Nghị quyết 1679/NQ-UBTVQH15, Điều 1 khoản 11
- name: Quảng Lợi
  type: xã
  new_countryside: true
  ended: 31/12/2019
  became: [quang-tan]
- name: Thị trấn Đầm Hà
  type: thị trấn
- name: Quảng Tân
  slug: quang-tan-2025
  type: xã
  began: 01/07/2025
"""
"""Line 1: old Quảng Tân; 7: Dực Yên; 13: Quảng Lâm; 19: Quảng Lợi; 24: the town; 26: new
Quảng Tân."""

COMMUNES = "content/_data/communes.yml"


@pytest.fixture
def history(site: FixtureSite) -> FixtureSite:
    site.write("_data/communes.yml", HISTORY)
    return site


def _article(site: FixtureSite, name: str, day: str, communes: str) -> None:
    site.article(
        name,
        {"date: 10/02/2020": f"date: {day}", "communes: [Quảng Tân]": f"communes: [{communes}]"},
    )


def _communes_of(site: FixtureSite, slug: str) -> list[str]:
    article = next(a for a in site.load().articles if a.slug == slug)
    return [term.slug for term in article.communes]


def test_a_name_of_its_day_is_valid_whatever_the_unit_became(history: FixtureSite) -> None:
    _article(history, "quang-loi-2018", "15/03/2018", "Quảng Lợi, Dực Yên")
    assert history.problems() == []
    assert _communes_of(history, "quang-loi-2018") == ["quang-loi", "duc-yen"]


def test_one_name_in_two_periods_means_two_units(history: FixtureSite) -> None:
    _article(history, "cu", "20/12/2019", "Quảng Tân")
    _article(history, "moi", "10/01/2026", "Quảng Tân")
    assert history.problems() == []
    assert _communes_of(history, "cu") == ["quang-tan"]
    assert _communes_of(history, "moi") == ["quang-tan-2025"]


def test_a_unit_that_had_ended_is_a_warning_saying_what_it_became(history: FixtureSite) -> None:
    _article(history, "muon", "10/01/2026", "Quảng Lâm")
    [problem] = history.problems()
    assert (problem.code, problem.path, problem.line) == ("SB128", "content/tin-tuc/muon.md", 7)
    assert not problem.is_error
    assert "không còn từ 01/07/2025" in problem.message
    assert "'Quảng Tân'" in problem.message and "1679/NQ-UBTVQH15" in problem.message
    assert "ngày 10/01/2026" in problem.message
    # Still published, linked to the unit it names.
    assert _communes_of(history, "muon") == ["quang-lam"]


def test_a_unit_that_did_not_exist_yet_is_a_warning_with_its_first_day(
    history: FixtureSite,
) -> None:
    _article(history, "som", "10/01/2019", "quang-tan-2025")
    [problem] = history.problems()
    assert problem.code == "SB129"
    assert "01/07/2025" in problem.message
    assert "Dực Yên" in problem.message  # what the place was then
    assert _communes_of(history, "som") == ["quang-tan-2025"]


def test_a_name_that_never_existed_is_still_an_error_with_a_suggestion(
    history: FixtureSite,
) -> None:
    _article(history, "sai", "10/01/2019", "Quảng Lộ")
    [problem] = history.problems()
    assert problem.code == "SB113" and problem.is_error
    assert "Có phải ý bạn là 'Quảng Lợi'?" in problem.message


def test_a_model_resolves_names_by_the_year_it_started(history: FixtureSite) -> None:
    history.model(
        "moi", {"started: 2012": "started: 2026", "title: Xây dựng vườn mẫu": "title: Mới"}
    )
    history.model(
        "dyen",
        {
            "started: 2012": "started: 2026",
            "communes: [Quảng Tân]": "communes: [Dực Yên]",
            "title: Xây dựng vườn mẫu": "title: D",
        },
    )
    models = {m.slug: [t.slug for t in m.communes] for m in history.load().models}
    assert models["vuon-mau"] == ["quang-tan"]  # started 2012
    assert models["moi"] == ["quang-tan-2025"]
    [problem] = history.problems("content/mo-hinh/dyen.md")
    assert problem.code == "SB128" and "mô hình bắt đầu năm 2026" in problem.message


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        ("- name: A\n  type: xã\n  ended: 30/06/2025\n  became: [khong-co]\n", "SB206", 1),
        (
            "- name: A\n  type: xã\n  ended: 01/01/2020\n  became: [b]\n"
            "- name: B\n  type: xã\n  ended: 01/01/2021\n  became: [a]\n",
            "SB207",
            1,
        ),
        ("- name: A\n  type: xã\n  began: 01/07/2025\n  ended: 30/06/2025\n", "SB208", 1),
        (
            "- name: A\n  type: xã\n  ended: 30/06/2025\n"
            "- name: A\n  slug: a-moi\n  type: xã\n  began: 01/01/2025\n",
            "SB209",
            4,
        ),
        ("- name: A\n  type: xã\n  became: [b]\n- name: B\n  type: xã\n", "SB210", 1),
        ("- name: A\n  type: xã\n  ended: 31/02/2025\n", "SB202", 3),
        ("- name: A\n  type: xã\n  ended: 2025\n  became: [B C]\n", "SB202", 3),
    ],
)
def test_a_history_that_cannot_be_is_a_coded_error_with_its_line(
    site: FixtureSite, data: str, code: str, line: int
) -> None:
    site.write("_data/communes.yml", data + "- name: Quảng Tân\n  type: xã\n")
    problems = [(p.code, p.line) for p in site.problems(COMMUNES)]
    assert (code, line) in problems
    assert all(p.is_error for p in site.problems(COMMUNES))


def test_a_cycle_is_reported_on_each_entry_in_it_and_stops_nothing_else(site: FixtureSite) -> None:
    site.write(
        "_data/communes.yml",
        "- name: A\n  type: xã\n  ended: 01/01/2020\n  became: [b]\n"
        "- name: B\n  type: xã\n  ended: 01/01/2021\n  became: [a]\n- name: Quảng Tân\n  type: xã\n",
    )
    assert [(p.code, p.line) for p in site.problems(COMMUNES)] == [("SB207", 1), ("SB207", 5)]
    assert [a.slug for a in site.load().articles] == ["bai-tong-ket"]


def test_the_lineage_and_the_editor_labels(history: FixtureSite) -> None:
    data, problems = load_site_data(history.content / "_data", "d")
    assert problems == []
    communes = data.vocabularies["communes"]
    lineage = communes.lineage
    new = communes.candidates("quang-tan-2025")[0]
    assert [t.slug for t in lineage.ancestors(new)] == [
        "quang-tan",
        "duc-yen",
        "quang-lam",
        "quang-loi",
    ]
    assert [(c.day, len(c.before)) for c in lineage.changes] == [
        (date(2020, 1, 1), 1),
        (date(2025, 7, 1), 3),
    ]
    assert lineage.period(new) == Period(date(2025, 7, 1), None)
    assert "Quảng Lâm (đến 30/06/2025)" in communes.labels()
    assert communes.labels().index("Quảng Tân (đến 30/06/2025)") < communes.labels().index(
        "Quảng Tân (từ 01/07/2025)"
    )
    # The browser editor offers the period in the label; a shared name writes the slug.
    config = cms_config(Layout(history.content), data, "owner/repo", "main", "")
    article_fields = config["collections"][0]["fields"]
    widget = next(field for field in article_fields if field["name"] == "communes")
    options = {option["label"]: option["value"] for option in widget["options"]}
    assert options["Quảng Lâm (đến 30/06/2025)"] == "Quảng Lâm"
    assert options["Quảng Tân (từ 01/07/2025)"] == "quang-tan-2025"
    assert options["Thị trấn Đầm Hà"] == "Thị trấn Đầm Hà"


def test_the_byline_keeps_the_publisher_name_of_its_day(site: FixtureSite) -> None:
    site.write(
        "_data/organisations.yml",
        (site.content / "_data/organisations.yml").read_text(encoding="utf-8")
        + "- name: Trung tâm Cũ\n  aliases: [TT Cũ]\n  publisher: true\n  ended: 30/06/2025\n"
        "  became: [trung-tam-moi]\n"
        "- name: Trung tâm Mới\n  publisher: true\n  began: 01/07/2025\n",
    )
    site.article("moi", {"date: 10/02/2020": "date: 10/01/2026"})
    site.article("rieng", {"date: 10/02/2020": "date: 10/01/2026"}, unit="Báo Quảng Ninh")
    units = {a.slug: a.unit for a in site.load().articles}
    assert units == {"bai-tong-ket": "TT Cũ", "moi": "Trung tâm Mới", "rieng": "Báo Quảng Ninh"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = FixtureSite(tmp_path_factory.mktemp("history"))
    site.write(
        "_data/communes.yml",
        HISTORY.replace(
            "  became: [quang-tan]\n", '  became: [quang-tan]\n  source: NQ <b>9</b> & "x"\n'
        ),
    )
    site.write(
        "_data/organisations.yml",
        (site.content / "_data/organisations.yml").read_text(encoding="utf-8")
        + "- name: Trung tâm Thử nghiệm Đầm Hà\n  aliases: [TT Thử nghiệm]\n  publisher: true\n",
    )
    _article(site, "quang-loi-2018", "15/03/2018", "Quảng Lợi")
    _article(site, "dyen-2019", "20/12/2019", "Dực Yên")
    _article(site, "xa-moi-2026", "10/01/2026", "Quảng Tân")
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    return site.base / "site"


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    article = re.search(r"<article[^>]*>(.*?)</article>", html, re.S)
    assert article is not None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article.group(1)))


def test_history_pages_link_predecessors_and_successors_both_ways(built: Path) -> None:
    old = _page(built, "xa/quang-lam")
    new = _page(built, "xa/quang-tan-2025")
    assert "<h1>Xã Quảng Lâm (đến 30/06/2025)</h1>" in old
    assert "<h1>Xã Quảng Tân (từ 01/07/2025)</h1>" in new
    assert 'href="../quang-tan-2025/"' in old and "Sắp xếp thành" in old
    assert 'href="../quang-lam/"' in new and 'href="../duc-yen/"' in new and "Thành lập từ" in new
    assert "Căn cứ: Nghị quyết 1679/NQ-UBTVQH15, Điều 1 khoản 11." in new
    loi = _page(built, "xa/quang-loi")
    assert 'href="../quang-tan/"' in loi and "01/01/2020" in loi
    assert "Căn cứ: NQ &lt;b&gt;9&lt;/b&gt; &amp; &#34;x&#34;." in loi  # data text is escaped
    absorbing = _page(built, "xa/quang-tan")
    assert 'href="../quang-loi/"' in absorbing and "Các đơn vị nhập vào" in absorbing
    assert "Thành lập từ" not in absorbing


def test_a_successor_gathers_its_predecessors_content_before_the_reorganisation(
    built: Path,
) -> None:
    new = _page(built, "xa/quang-tan-2025")
    own, earlier = new.split('id="truoc-sap-xep"')
    assert "tin-tuc/xa-moi-2026/" in own and "tin-tuc/xa-moi-2026/" not in earlier
    assert "tin-tuc/bai-tong-ket/" not in own  # old Quảng Tân, 2020
    # Through two changes: Quảng Lợi (2019) became Quảng Tân, which became the new one.
    for slug in ("quang-loi-2018", "dyen-2019", "bai-tong-ket", "mo-hinh/vuon-mau"):
        assert slug in earlier
    assert 'id="truoc-sap-xep"' not in _page(built, "xa/quang-lam")


def test_articles_link_each_name_to_the_unit_of_their_date(built: Path) -> None:
    assert 'href="../../xa/quang-tan-2025/"' in _page(built, "tin-tuc/xa-moi-2026")
    assert 'href="../../xa/quang-tan/"' in _page(built, "tin-tuc/bai-tong-ket")
    assert 'href="../../xa/quang-loi/"' in _page(built, "tin-tuc/quang-loi-2018")


def test_the_changes_page_lists_every_change_in_time_order(built: Path) -> None:
    text = _text(_page(built, "dia-gioi-hanh-chinh"))
    first, second = text.index("01/01/2020"), text.index("01/07/2025")
    assert first < second
    assert "Quảng Lợi (đến 31/12/2019) → Quảng Tân (đến 30/06/2025)" in text
    assert (
        "Dực Yên (đến 30/06/2025) , Quảng Lâm (đến 30/06/2025) , Quảng Tân (đến 30/06/2025) → Quảng Tân (từ 01/07/2025)"
        in text
    )


def test_statistics_count_the_communes_of_each_period(built: Path) -> None:
    stats = _text(_page(built, "thong-ke"))
    # Reported totals come from "bai-tong-ket" (10/02/2020): the map of that day.
    assert "2/3 xã đạt chuẩn nông thôn mới, tính theo các xã có vào ngày 10/02/2020" in stats
    assert "Tính đến ngày 31/12/2019 3/4 xã đạt chuẩn" in stats
    assert "Tính đến ngày 30/06/2025 2/3 xã đạt chuẩn" in stats
    assert "Tính đến ngày 26/11/2026 0/1 xã đạt chuẩn; 1 xã chưa có thông tin" in stats


def test_search_finds_a_unit_by_its_old_and_its_new_name(built: Path) -> None:
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    new = [doc for doc in index["docs"] if doc["location"] == "xa/quang-tan-2025/"]
    assert new and all(name in new[0]["text"] for name in ("Dực Yên", "Quảng Lâm", "Quảng Lợi"))
    old = [doc for doc in index["docs"] if doc["location"] == "xa/quang-lam/"]
    assert old and "Quảng Tân (từ 01/07/2025)" in old[0]["text"]


def test_open_data_holds_the_units_and_their_history(built: Path) -> None:
    units = json.loads((built / "data/units.json").read_text(encoding="utf-8"))
    by_slug = {unit["slug"]: unit for unit in units["units"]}
    assert by_slug["quang-tan-2025"]["began"] == "2025-07-01"
    assert by_slug["quang-tan-2025"]["formed_from"] == ["quang-tan", "duc-yen", "quang-lam"]
    assert by_slug["quang-loi"]["became"] == ["quang-tan"]
    assert by_slug["quang-lam"]["source"] == "Nghị quyết 1679/NQ-UBTVQH15, Điều 1 khoản 11"
    assert [change["date"] for change in units["changes"]] == ["2020-01-01", "2025-07-01"]
    assert units["changes"][0]["source"] == 'NQ <b>9</b> & "x"'
    assert "<b>" not in (built / "data/units.json").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((built / "data/units.csv").read_text("utf-8-sig"))))
    assert {row["slug"]: row["ended"] for row in rows}["quang-lam"] == "2025-06-30"


def test_the_site_name_and_footer_follow_the_publisher(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "<title>TT Thử nghiệm</title>" in home
    assert "<title>Bài tổng kết - TT Thử nghiệm</title>" in _page(built, "tin-tuc/bai-tong-ket")
    assert "Bản quyền thuộc Trung tâm Thử nghiệm Đầm Hà." in home
