"""Each bad input a journalist can produce: a coded problem at the right file and line."""

from __future__ import annotations

import unicodedata

import pytest

from site_builder.content.problems import CODES, Problem

from .conftest import FixtureSite, photo_bytes

ARTICLE = "content/tin-tuc/bai.md"
MODEL = "content/mo-hinh/mo-hinh-moi.md"


def codes_at(problems: list[Problem]) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in problems]


def test_good_fixture_site_has_no_problem(site: FixtureSite) -> None:
    content = site.load()
    assert content.problems == []
    assert [a.slug for a in content.articles] == ["bai-tong-ket"]
    assert [m.slug for m in content.models] == ["vuon-mau"]
    article = content.articles[0]
    assert article.summary == "Đoạn mở đầu của bài tổng kết."
    assert article.unit == "Trung tâm TT&VH Đầm Hà"
    assert article.models == ("vuon-mau",)
    model = content.models[0]
    assert [level.name for level in model.levels] == ["Xã", "Huyện"]
    assert model.awards[0].collective is True and model.awards[0].level.slug == "huyen"


def test_editor_formats_are_accepted_silently(site: FixtureSite) -> None:
    """A UTF-8 BOM, CRLF line ends and NFD text are what editors' tools save."""
    text = site.article("bai").read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    site.write("tin-tuc/bai.md", "\ufeff".encode() + nfd.encode("utf-8"))
    content = site.load()
    assert content.problems == []
    article = next(a for a in content.articles if a.slug == "bai")
    assert article.title == unicodedata.normalize("NFC", "Bài tổng kết")
    assert article.communes[0].name == "Quảng Tân"


def test_file_not_utf8(site: FixtureSite) -> None:
    site.write("tin-tuc/bai.md", "---\ntitle: Bài\n---\nĐà\n".encode("latin-1", errors="replace"))
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.line) == ("SB101", 2)
    assert "UTF-8" in problem.message


def test_empty_file(site: FixtureSite) -> None:
    site.write("tin-tuc/bai.md", "  \n\n")
    assert codes_at(site.problems(ARTICLE)) == [("SB102", 1)]


def test_file_without_front_matter(site: FixtureSite) -> None:
    site.write("tin-tuc/bai.md", "Chỉ có nội dung.\n")
    assert codes_at(site.problems(ARTICLE)) == [("SB103", 1)]


def test_front_matter_never_closed(site: FixtureSite) -> None:
    site.write("tin-tuc/bai.md", "---\ntitle: Bài\ndate: 10/02/2020\n\nNội dung\n")
    assert codes_at(site.problems(ARTICLE)) == [("SB104", 1)]


def test_invalid_yaml_points_at_its_line(site: FixtureSite) -> None:
    site.article("bai", replace={"author: Quốc Nghị": 'author: "Quốc Nghị'})
    [problem] = site.problems(ARTICLE)
    assert problem.code == "SB105"
    assert problem.line in (4, 5, 6)


def test_yaml_tags_are_never_constructed(site: FixtureSite) -> None:
    site.article(
        "bai", replace={"author: Quốc Nghị": "author: !!python/object/apply:os.system [echo]"}
    )
    assert [p.code for p in site.problems(ARTICLE)] == ["SB105"]


def test_tabs_in_front_matter(site: FixtureSite) -> None:
    site.article("bai", replace={"models: [vuon-mau]": "models:\n\t- vuon-mau"})
    assert codes_at(site.problems(ARTICLE)) == [("SB106", 9)]


def test_front_matter_that_is_not_fields(site: FixtureSite) -> None:
    site.write("tin-tuc/bai.md", "---\n- một\n- hai\n---\nNội dung\n")
    assert codes_at(site.problems(ARTICLE)) == [("SB107", 2)]


def test_field_written_twice(site: FixtureSite) -> None:
    site.article("bai", replace={"author: Quốc Nghị": "author: A\nauthor: B"})
    assert codes_at(site.problems(ARTICLE)) == [("SB108", 5)]


@pytest.mark.parametrize("field", ["title", "date", "author", "category"])
def test_missing_required_article_field(site: FixtureSite, field: str) -> None:
    line = next(
        line for line in site.article("bai").read_text().splitlines() if line.startswith(field)
    )
    site.article("bai", replace={line + "\n": ""})
    [problem] = site.problems(ARTICLE)
    assert problem.code == "SB110"
    assert f"'{field}'" in problem.message


@pytest.mark.parametrize("field", ["title", "organisation", "fields", "levels", "status"])
def test_missing_required_model_field(site: FixtureSite, field: str) -> None:
    line = next(
        line
        for line in site.model("mo-hinh-moi").read_text().splitlines()
        if line.startswith(field)
    )
    site.model("mo-hinh-moi", replace={line + "\n": ""})
    [problem] = site.problems(MODEL)
    assert problem.code == "SB110"
    assert f"'{field}'" in problem.message


def test_missing_field_inside_an_award(site: FixtureSite) -> None:
    site.model("mo-hinh-moi", replace={"    year: 2018\n": ""})
    [problem] = site.problems(MODEL)
    assert (problem.code, problem.line) == ("SB110", 10)
    assert "'year'" in problem.message and "mục thứ 1" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("tags: [tổng kết]", "tags: {a: 1}", 6),
        ("author: Quốc Nghị", "author: [A, B]", 4),
    ],
)
def test_wrong_type(site: FixtureSite, old: str, new: str, line: int) -> None:
    site.article("bai", replace={old: new})
    assert codes_at(site.problems(ARTICLE)) == [("SB111", line)]


def test_wrong_type_for_bool_and_year(site: FixtureSite) -> None:
    site.model("mo-hinh-moi", replace={"started: 2012": "started: năm 2012"}, draft="có")
    assert codes_at(site.problems(MODEL)) == [("SB111", 8), ("SB111", 15)]


def test_year_out_of_range(site: FixtureSite) -> None:
    site.model("mo-hinh-moi", replace={"started: 2012": "started: 212"})
    assert codes_at(site.problems(MODEL)) == [("SB121", 8)]


@pytest.mark.parametrize("value", ["30/02/2020", "2020-02-30", "31/04/2019 08:00"])
def test_impossible_date(site: FixtureSite, value: str) -> None:
    site.article("bai", replace={"date: 10/02/2020": f"date: {value}"})
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.line) == ("SB112", 3)
    assert "không có thật" in problem.message


@pytest.mark.parametrize("value", ["hôm qua", "10.02.2020", "2020/02/10", "1581292800"])
def test_unreadable_date(site: FixtureSite, value: str) -> None:
    site.article("bai", replace={"date: 10/02/2020": f"date: {value}"})
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.line) == ("SB112", 3)
    assert "10/02/2020" in problem.message


@pytest.mark.parametrize(
    ("kind", "old", "new", "line", "list_file"),
    [
        ("article", "category: Dân vận khéo", "category: Thể thao", 5, "categories.yml"),
        ("article", "communes: [Quảng Tân]", "communes: [Quảng Tân, Hà Nội]", 7, "communes.yml"),
        (
            "model",
            "organisation: UBND xã Quảng Tân",
            "organisation: Hội Nông dân",
            3,
            "organisations.yml",
        ),
        ("model", "fields: [Sản xuất – kinh doanh]", "fields: [Thể thao]", 5, "fields.yml"),
        ("model", "levels: [Xã, Huyện]", "levels: [Xã, Trung ương]", 6, "levels.yml"),
        ("model", "status: Hiệu quả, có sức lan tỏa", "status: Tốt", 7, "statuses.yml"),
        ("model", "    level: Huyện", "    level: Bộ", 11, "levels.yml"),
    ],
)
def test_value_not_in_its_list(
    site: FixtureSite, kind: str, old: str, new: str, line: int, list_file: str
) -> None:
    write = site.article if kind == "article" else site.model
    write("bai" if kind == "article" else "mo-hinh-moi", replace={old: new})
    [problem] = site.problems(ARTICLE if kind == "article" else MODEL)
    assert (problem.code, problem.line) == ("SB113", line)
    assert list_file in problem.message


def test_list_values_are_matched_forgivingly_and_suggested(site: FixtureSite) -> None:
    site.article(
        "bai", replace={"communes: [Quảng Tân]": "communes: [quang tan, Dực Yên, Quảng Lâmm]"}
    )
    [problem] = site.problems(ARTICLE)
    assert problem.code == "SB113"
    assert "Có phải ý bạn là 'Quảng Lâm'?" in problem.message


def test_award_kind_must_be_collective_or_individual(site: FixtureSite) -> None:
    site.model("mo-hinh-moi", replace={"kind: tập thể": "kind: gia đình"})
    assert codes_at(site.problems(MODEL)) == [("SB113", 13)]


def test_unknown_model_reference(site: FixtureSite) -> None:
    site.article("bai", replace={"models: [vuon-mau]": "models:\n  - vuon-mau\n  - khong-co"})
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.line) == ("SB114", 10)
    assert "khong-co" in problem.message and "vuon-mau" in problem.message


def test_reference_to_a_model_with_errors_does_not_reject_the_article(site: FixtureSite) -> None:
    site.model("hong", replace={"status: Hiệu quả, có sức lan tỏa": "status: ???"})
    site.article("bai", replace={"models: [vuon-mau]": "models: [vuon-mau, hong]"})
    content = site.load()
    assert [p.path for p in content.problems] == ["content/mo-hinh/hong.md"]
    article = next(a for a in content.articles if a.slug == "bai")
    assert article.models == ("vuon-mau",)


def test_two_files_with_the_same_slug(site: FixtureSite) -> None:
    site.article("khac", slug="bai-tong-ket")
    content = site.load()
    [problem] = content.problems
    assert (problem.code, problem.path, problem.line) == ("SB115", "content/tin-tuc/khac.md", 9)
    assert "content/tin-tuc/bai-tong-ket.md" in problem.message
    assert "tin-tuc/khac.md" in content.rejected
    assert [a.src_uri for a in content.articles] == ["tin-tuc/bai-tong-ket.md"]


def test_same_slug_in_different_folders(site: FixtureSite) -> None:
    site.write("tin-tuc/2020/bai-tong-ket.md", site.article("tam").read_text())
    (site.content / "tin-tuc/tam.md").unlink()
    assert codes_at(site.problems("content/tin-tuc/2020/bai-tong-ket.md")) == [("SB115", 1)]


def test_invalid_slug(site: FixtureSite) -> None:
    site.article("bai", slug="Bài Viết")
    assert codes_at(site.problems(ARTICLE)) == [("SB117", 9)]


def test_cover_image_that_does_not_exist(site: FixtureSite) -> None:
    site.article("bai", cover="/anh/khong-co.jpg", cover_caption="Ảnh")
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.line) == ("SB116", 9)
    assert "content/anh/khong-co.jpg" in problem.message


def test_cover_image_relative_and_absolute(site: FixtureSite) -> None:
    site.write("anh/a.jpg", photo_bytes())
    site.write("tin-tuc/anh/b.png", photo_bytes(kind="PNG"))
    site.article("bai", cover="/anh/a.jpg", cover_caption="Ảnh")
    site.article("bai2", cover="anh/b.png", cover_caption="Ảnh")
    content = site.load()
    assert content.problems == []
    covers = {a.slug: a.cover for a in content.articles}
    assert covers["bai"] == "anh/a.jpg" and covers["bai2"] == "tin-tuc/anh/b.png"


@pytest.mark.parametrize(
    "value",
    ["../../etc/passwd.jpg", "https://example.com/a.jpg", "javascript:alert(1)", "/anh/a.svg"],
)
def test_image_paths_outside_content_are_refused(site: FixtureSite, value: str) -> None:
    site.article("bai", cover=f'"{value}"', cover_caption="Ảnh")
    assert codes_at(site.problems(ARTICLE)) == [("SB118", 9)]


def test_image_without_caption_is_a_warning(site: FixtureSite) -> None:
    site.write("anh/a.jpg", photo_bytes())
    site.article("bai", cover="/anh/a.jpg")
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.is_error) == ("SB122", False)
    assert any(a.slug == "bai" for a in site.load().articles)


def test_empty_value(site: FixtureSite) -> None:
    site.article("bai", replace={"author: Quốc Nghị": "author: '   '"})
    assert codes_at(site.problems(ARTICLE)) == [("SB119", 4)]


def test_unknown_field_is_a_warning_with_a_suggestion(site: FixtureSite) -> None:
    site.article("bai", catgory="Kinh tế")
    [problem] = site.problems(ARTICLE)
    assert (problem.code, problem.line, problem.is_error) == ("SB120", 9, False)
    assert "Có phải ý bạn là 'category'?" in problem.message
    assert any(a.slug == "bai" for a in site.load().articles)


def test_model_must_say_where_it_runs(site: FixtureSite) -> None:
    site.model("mo-hinh-moi", replace={"communes: [Quảng Tân]\n": ""})
    assert codes_at(site.problems(MODEL)) == [("SB123", 2)]
    site.model("mo-hinh-moi", replace={"communes: [Quảng Tân]": "district_wide: true"})
    assert site.problems(MODEL) == []


def test_every_problem_of_a_run_is_reported_together(site: FixtureSite) -> None:
    site.article(
        "a",
        replace={"date: 10/02/2020": "date: 31/02/2020", "category: Dân vận khéo": "category: X"},
    )
    site.article("b", replace={"author: Quốc Nghị\n": ""})
    site.write("tin-tuc/c.md", b"")
    site.model("d", replace={"status: Hiệu quả, có sức lan tỏa": "status: Xấu"})
    content = site.load()
    assert [(p.path.rsplit("/", 1)[1], p.code) for p in content.problems] == [
        ("d.md", "SB113"),
        ("a.md", "SB112"),
        ("a.md", "SB113"),
        ("b.md", "SB110"),
        ("c.md", "SB102"),
    ]
    assert content.rejected == {"tin-tuc/a.md", "tin-tuc/b.md", "tin-tuc/c.md", "mo-hinh/d.md"}
    assert [a.slug for a in content.articles] == ["bai-tong-ket"]


def test_every_code_has_a_known_severity() -> None:
    assert all(code.startswith("SB") and len(code) == 5 for code in CODES)


def test_slugs_of_generated_pages_are_reserved(site: FixtureSite) -> None:
    site.article("trang")
    site.model("linh-vuc")
    problems = site.problems()
    assert [(p.path, p.code, p.line) for p in problems] == [
        ("content/mo-hinh/linh-vuc.md", "SB115", 1),
        ("content/tin-tuc/trang.md", "SB115", 1),
    ]
