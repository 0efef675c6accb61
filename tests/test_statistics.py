"""Statistics of a fixture site whose counts are known by construction: on the page, in the
JSON and in the CSV, and from `site-builder stats`."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.site.index import build_site_index
from site_builder.site.statistics import Statistics

from .conftest import FixtureSite, build, make_buildable

EXPECTED_METRICS = {
    "models.total": 3,
    "models.effective": 2,
    "models.registered_all_levels": 1,
    "models.district_wide": 1,
    "awards.total": 4,
    "articles.total": 4,
    "communes.total": 3,
    "communes.new_countryside": 2,
    "awards.tinh.tap-the": 1,
    "awards.tinh.ca-nhan": 1,
    "awards.huyen.tap-the": 1,
    "awards.huyen.ca-nhan": 1,
    "awards.xa.tap-the": 0,
    "awards.xa.ca-nhan": 0,
}
EXPECTED_TABLES = {
    "models.by_fields": [("An ninh", 1), ("Sản xuất – kinh doanh", 1), ("Văn hóa", 1), ("Xã hội", 2)],
    "models.by_levels": [("Huyện", 3), ("Tỉnh", 1), ("Xã", 2)],
    "models.by_statuses": [("Đang triển khai", 1), ("Hiệu quả, có sức lan tỏa", 2)],
    "models.by_organisations": [
        ("Hội Cựu chiến binh huyện", 1),
        ("Hội Liên hiệp Phụ nữ huyện", 1),
        ("UBND xã Quảng Tân", 1),
    ],
    "models.by_communes": [
        ("Dực Yên", 1), ("Quảng Lâm", 0), ("Quảng Tân", 1), ("Thị trấn Đầm Hà", 0), ("Toàn huyện", 1),
    ],
    "models.by_started": [("2012", 2), ("Chưa rõ năm", 1)],
    "awards.by_level": [("Cấp huyện", 2), ("Cấp tỉnh", 2), ("Cấp xã", 0)],
    "awards.by_kind": [("Tập thể", 2), ("Cá nhân", 2)],
    "articles.by_year": [("2019", 2), ("2020", 2)],
    "articles.by_categories": [("Dân vận khéo", 1), ("Kinh tế", 2), ("Nông thôn mới", 1), ("Thể thao", 0)],
    "articles.by_month": [("Tháng 1/2019", 2), ("Tháng 2/2020", 1), ("Tháng 3/2020", 1)],
}  # fmt: skip
EXCLUSIVE = {"models.by_statuses", "models.by_organisations", "models.by_started",
             "awards.by_level", "awards.by_kind", "articles.by_year", "articles.by_month",
             "articles.by_categories"}  # fmt: skip


def construct(site: FixtureSite) -> None:
    """Three models and four articles; an empty category; communes with and without models."""
    categories = (site.content / "_data/categories.yml").read_text(encoding="utf-8")
    site.write("_data/categories.yml", categories + "- name: Thể thao\n")
    site.model(
        "nhieu-linh-vuc",
        replace={
            "title: Xây dựng vườn mẫu": "title: Mô hình nhiều lĩnh vực",
            "organisation: UBND xã Quảng Tân": "organisation: Hội LHPN huyện",
            "communes: [Quảng Tân]": "district_wide: true",
            "fields: [Sản xuất – kinh doanh]": "fields: [Xã hội, Văn hóa, An ninh]",
            "levels: [Xã, Huyện]": "levels: [Tỉnh, Huyện, Xã]",
            "status: Hiệu quả, có sức lan tỏa": "status: Đang triển khai",
            "started: 2012\n": "",
        },
    )
    # No award: the awards block is cut off.
    path = site.content / "mo-hinh/nhieu-linh-vuc.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("awards:")] + text[text.index("---\n\nVườn") :], "utf-8")
    site.model(
        "ccb",
        replace={
            "title: Xây dựng vườn mẫu": "title: Thắp sáng đường quê",
            "organisation: UBND xã Quảng Tân": "organisation: Hội CCB huyện",
            "communes: [Quảng Tân]": "communes: [Dực Yên]",
            "fields: [Sản xuất – kinh doanh]": "fields: [Xã hội]",
            "levels: [Xã, Huyện]": "levels: [Huyện]",
            "    level: Huyện\n    year: 2018\n    kind: tập thể": (
                "    level: Tỉnh\n    year: 2019\n    kind: cá nhân\n"
                "  - by: UBND tỉnh Quảng Ninh\n    level: Tỉnh\n    year: 2019\n    kind: tập thể\n"
                "  - by: UBND huyện Đầm Hà\n    level: Huyện\n    year: 2020\n    kind: cá nhân"
            ),
        },
    )
    for name, date, category in [
        ("a1", "05/01/2019", "Kinh tế"),
        ("a2", "06/01/2019", "Kinh tế"),
        ("a3", "2020-03-01", "Nông thôn mới"),
    ]:
        site.article(
            name,
            replace={
                "date: 10/02/2020": f"date: {date}",
                "category: Dân vận khéo": f"category: {category}",
            },
        )


@pytest.fixture
def statistics(site: FixtureSite) -> Statistics:
    construct(site)
    content = site.load()
    assert content.problems == []
    result = build_site_index(content).statistics
    assert result is not None
    return result


def test_metrics(statistics: Statistics) -> None:
    assert dict(statistics.metrics) == EXPECTED_METRICS
    assert statistics.effective_share == pytest.approx(2 / 3)


def test_tables(statistics: Statistics) -> None:
    tables = {
        table.key: [(row.label, row.count) for row in table.rows] for table in statistics.tables
    }
    assert tables == EXPECTED_TABLES
    assert {t.key for t in statistics.tables if t.exclusive} == EXCLUSIVE
    assert statistics.table("articles.by_categories").total == 4
    assert statistics.table("models.by_fields").total is None


def test_communes_and_reported(statistics: Statistics) -> None:
    communes = {
        row.name: (row.kind, row.new_countryside, row.year, row.models)
        for row in statistics.communes
    }
    assert communes == {
        "Dực Yên": ("xã", True, None, 1),
        "Quảng Lâm": ("xã", False, None, 0),
        "Quảng Tân": ("xã", True, 2015, 1),
        "Thị trấn Đầm Hà": ("thị trấn", False, None, 0),
    }
    built, without = statistics.reported
    assert (built.reported, built.computed, built.coverage) == (384, 3, 3 / 384)
    assert (without.reported, without.computed, without.coverage) == (5, None, None)
    assert statistics.reported_period == "2009–2019"
    assert statistics.reported_source_url == "tin-tuc/bai-tong-ket/"


def _page_tables(html: str) -> dict[str, list[tuple[str, int]]]:
    """The statistics page's chart tables, read back as (label, number) rows by chart id."""
    found = {}
    for chart_id, body in re.findall(
        r'<figure class="sb-chart" id="bieu-do-([^"]+)">.*?<tbody>(.*?)</tbody>', html, re.DOTALL
    ):
        rows = re.findall(
            r'<th scope="row">(?:<a [^>]*>)?([^<]*)(?:</a>)?</th>\s*<td>([\d.]+)</td>', body
        )
        found[chart_id] = [
            (unescape(label), int(number.replace(".", ""))) for label, number in rows
        ]
    return found


def test_every_number_on_the_page_json_and_csv(site: FixtureSite) -> None:
    construct(site)
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    built = site.base / "site"
    html = (built / "thong-ke/index.html").read_text(encoding="utf-8")
    expected_page = {key.replace(".", "-"): rows for key, rows in EXPECTED_TABLES.items()}
    assert _page_tables(html) == expected_page
    # EXPECTED_TABLES is written in the page's order.
    bars = re.findall(r'class="sb-chart__value"[^>]*>([\d.]+)</text>', html)
    assert [int(b) for b in bars] == [n for rows in EXPECTED_TABLES.values() for _, n in rows]
    assert "<strong>3</strong> mô hình có hồ sơ" in html
    assert "<strong>2</strong> mô hình hiệu quả, có sức lan tỏa (66,7%)" in html
    assert "<strong>2/3</strong> xã đạt chuẩn nông thôn mới" in html
    assert "<td>384</td>" in html and "3/384 (0,8%)" in html
    assert "Đạt chuẩn năm 2015" in html and "Chưa đạt" in html

    stats_json = json.loads((built / "data/stats.json").read_text(encoding="utf-8"))
    assert stats_json["metrics"] == EXPECTED_METRICS
    assert {
        t["key"]: [(r["label"], r["count"]) for r in t["rows"]] for t in stats_json["tables"]
    } == {key: rows for key, rows in EXPECTED_TABLES.items()}

    raw = (built / "data/stats.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {r["key"]: int(r["value"]) for r in rows if r["table"] == "metrics"} == EXPECTED_METRICS
    for key, expected in EXPECTED_TABLES.items():
        assert [(r["label"], int(r["value"])) for r in rows if r["table"] == key] == expected
    reported = [r for r in rows if r["table"] == "reported"]
    assert [(r["key"], r["value"], r["computed"]) for r in reported] == [
        ("models_built", "384", "3"),
        ("without_metric", "5", ""),
    ]

    models = json.loads((built / "data/models.json").read_text(encoding="utf-8"))
    assert [m["slug"] for m in models] == ["nhieu-linh-vuc", "ccb", "vuon-mau"]
    assert models[0]["awards"] == [] and len(models[0]["fields"]) == 3
    assert models[2]["articles"] == ["a3", "bai-tong-ket", "a2", "a1"]
    models_csv = (built / "data/models.csv").read_bytes()
    assert models_csv.startswith(b"\xef\xbb\xbf")
    model_rows = list(csv.DictReader(io.StringIO(models_csv.decode("utf-8-sig"))))
    assert model_rows[0]["fields"] == "Xã hội; Văn hóa; An ninh"
    articles = json.loads((built / "data/articles.json").read_text(encoding="utf-8"))
    assert [a["slug"] for a in articles] == ["a3", "bai-tong-ket", "a2", "a1"]
    assert articles[0]["date"] == "2020-03-01T00:00:00"


def test_csv_cells_never_start_a_formula(site: FixtureSite) -> None:
    site.model("cong-thuc", replace={"title: Xây dựng vườn mẫu": "title: \"=HYPERLINK('x')\""})
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    text = (site.base / "site/data/models.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK('x')" in text


def test_stats_command(site: FixtureSite, capsys: pytest.CaptureFixture[str]) -> None:
    construct(site)
    assert main(["stats", str(site.content), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["metrics"] == EXPECTED_METRICS
    assert main(["stats", str(site.content)]) == 0
    text = capsys.readouterr().out
    assert "Mô hình theo lĩnh vực" in text
    assert re.search(r"Xã hội\s+2\n", text)
    assert re.search(r"Mô hình được xây dựng\s+384\s+3\n", text)


def test_stats_of_an_empty_site(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    for path in (site.content / "tin-tuc").glob("*.md"):
        path.unlink()
    for path in (site.content / "mo-hinh").glob("*.md"):
        path.unlink()
    statistics = build_site_index(site.load()).statistics
    assert statistics is not None
    assert statistics.metrics["models.total"] == 0
    assert statistics.effective_share is None
