"""The editable data files: lists, themes and reported totals, and their problems."""

from __future__ import annotations

from site_builder.content.data import load_site_data

from .conftest import FixtureSite


def test_vocabulary_finds_by_name_slug_and_alias(site: FixtureSite) -> None:
    data, _ = load_site_data(site.content / "_data", "d")
    organisations = data.vocabularies["organisations"]
    women = organisations.find("Hội LHPN huyện")
    assert women is not None and women.name == "Hội Liên hiệp Phụ nữ huyện"
    assert organisations.find("hoi-cuu-chien-binh-huyen") is not None
    assert organisations.find("Hội Nông dân") is None


def test_theme_for_a_year(site: FixtureSite) -> None:
    data, _ = load_site_data(site.content / "_data", "d")
    assert data.theme_for(2018) is None
    theme_2019 = data.theme_for(2019)
    assert theme_2019 is not None and theme_2019.year == 2019
    theme_2026 = data.theme_for(2026)
    assert theme_2026 is not None and theme_2026.year == 2020


def test_missing_data_file(site: FixtureSite) -> None:
    (site.content / "_data" / "levels.yml").unlink()
    [problem] = site.problems("content/_data/levels.yml")
    assert problem.code == "SB201"
    # The model cannot name its levels now: it is rejected, the article still stands.
    assert [a.slug for a in site.load().articles] == ["bai-tong-ket"]


def test_malformed_entries_are_reported_with_their_lines(site: FixtureSite) -> None:
    site.write(
        "_data/communes.yml",
        "- name: Quảng Tân\n  type: xã\n- type: xã\n- name: Dực Yên\n  type: thôn\n"
        "- name: Quảng Lâm\n  type: xã\n  new_countryside: năm ngoái\n  mau: đỏ\n",
    )
    problems = [(p.code, p.line) for p in site.problems("content/_data/communes.yml")]
    assert problems == [("SB202", 3), ("SB202", 5), ("SB202", 8), ("SB202", 9)]


def test_duplicate_entries(site: FixtureSite) -> None:
    site.write("_data/levels.yml", "- name: Tỉnh\n- name: Huyện\n- name: tinh\n")
    assert [(p.code, p.line) for p in site.problems("content/_data/levels.yml")] == [("SB203", 3)]


def test_data_file_that_is_not_a_list(site: FixtureSite) -> None:
    site.write("_data/fields.yml", "name: Văn hóa\n")
    problems = site.problems("content/_data/fields.yml")
    assert [(p.code, p.line) for p in problems] == [("SB202", 1)]


def test_reported_totals_must_name_a_published_article(site: FixtureSite) -> None:
    assert site.problems() == []
    reported = (site.content / "_data/reported_totals.yml").read_text(encoding="utf-8")
    site.write("_data/reported_totals.yml", reported.replace("bai-tong-ket", "khong-co-bai"))
    [problem] = site.problems()
    assert (problem.code, problem.path, problem.line) == (
        "SB204",
        "content/_data/reported_totals.yml",
        2,
    )


def test_broken_data_file_never_raises(site: FixtureSite) -> None:
    site.write("_data/statuses.yml", b"\xff\xfe- name: x\n")
    site.write("_data/categories.yml", "- name: [unclosed\n")
    problems = [p for p in site.problems() if p.path.startswith("content/_data")]
    assert sorted((p.path, p.code) for p in problems) == [
        ("content/_data/categories.yml", "SB105"),
        ("content/_data/statuses.yml", "SB101"),
    ]
