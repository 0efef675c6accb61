"""Vietnamese text rules, checked with real names from the domain facts."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest

from site_builder.text.vietnamese import (
    DateFormatError,
    ImpossibleDateError,
    collation_key,
    fold,
    is_slug,
    nfc,
    parse_date,
    slugify,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đầm Hà", "dam-ha"),
        ("Thắp sáng đường quê", "thap-sang-duong-que"),
        ("5 không, 3 sạch", "5-khong-3-sach"),
        ("Dực Yên", "duc-yen"),
        ("Hội LHPN huyện", "hoi-lhpn-huyen"),
        (unicodedata.normalize("NFD", "Quảng Tân"), "quang-tan"),
        ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert is_slug(slug)


def test_is_slug_refuses_what_is_not_a_slug() -> None:
    assert not is_slug("Đầm Hà")
    assert not is_slug("dam_ha")
    assert not is_slug("")


def test_fold_drops_marks_and_turns_d_stroke_into_d() -> None:
    assert fold("Dân vận khéo") == "Dan van kheo"
    assert fold("Đầm Hà") == "Dam Ha"
    assert fold(unicodedata.normalize("NFD", "Thắp sáng đường quê")) == "Thap sang duong que"


def test_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Quảng Lâm")
    assert decomposed != "Quảng Lâm"
    assert nfc(decomposed) == "Quảng Lâm"


def test_collation_follows_the_vietnamese_alphabet() -> None:
    communes = ["Tân Lập", "Đầm Hà", "Quảng Tân", "Dực Yên", "Đại Bình", "Quảng An", "Quảng Lâm"]
    assert sorted(communes, key=collation_key) == [
        "Dực Yên",
        "Đại Bình",
        "Đầm Hà",
        "Quảng An",
        "Quảng Lâm",
        "Quảng Tân",
        "Tân Lập",
    ]


def test_collation_letters_and_tones() -> None:
    words = ["mạ", "má", "ma", "mã", "mà", "mả", "mác", "mai"]
    assert sorted(words, key=collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mác", "mai"]
    assert sorted(["ư", "u", "ơ", "o", "ô", "ă", "a", "â"], key=collation_key) == [
        "a", "ă", "â", "o", "ô", "ơ", "u", "ư",
    ]  # fmt: skip


def test_collation_is_the_same_for_nfd_text() -> None:
    nfd = unicodedata.normalize("NFD", "Đầm Hà")
    assert collation_key(nfd) == collation_key("Đầm Hà")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10/02/2020", datetime(2020, 2, 10)),
        ("3/2/2020", datetime(2020, 2, 3)),
        ("10/02/2020 08:30", datetime(2020, 2, 10, 8, 30)),
        ("2020-02-10", datetime(2020, 2, 10)),
        ("2020-02-10 08:30", datetime(2020, 2, 10, 8, 30)),
        ("2020-02-10T08:30:00", datetime(2020, 2, 10, 8, 30)),
        ("2020-02-10T01:30:00+00:00", datetime(2020, 2, 10, 8, 30)),
    ],
)
def test_parse_date(value: str, expected: datetime) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["30/02/2020", "2020-02-30", "29/02/2019", "10/13/2020"])
def test_impossible_dates(value: str) -> None:
    with pytest.raises(ImpossibleDateError):
        parse_date(value)


@pytest.mark.parametrize("value", ["10.02.2020", "tháng 2", "", 2020, None, "2020-02-10 8h"])
def test_unreadable_dates(value: object) -> None:
    with pytest.raises(DateFormatError):
        parse_date(value)


def test_vietnamese_dates() -> None:
    from site_builder.text.vietnamese import format_date, format_month

    assert format_date(datetime(2026, 11, 26)) == "Thứ Năm, 26/11/2026"
    assert format_date(datetime(2020, 2, 3, 7, 30)) == "Thứ Hai, 03/02/2020"
    assert format_date(datetime(2020, 2, 9)) == "Chủ nhật, 09/02/2020"
    assert format_month(2020, 2) == "Tháng 2/2020"


def test_toc_slugify_keeps_d_stroke() -> None:
    from site_builder.text.vietnamese import toc_slugify

    assert toc_slugify("Đầm Hà", "-") == "dam-ha"
    assert toc_slugify("Những con số của phong trào", "-") == "nhung-con-so-cua-phong-trao"
    assert toc_slugify("Đầm Hà", "_") == "dam_ha"
