"""Drafts, scheduled articles and expired notices, at a fixed "today"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from site_builder.cli import main
from site_builder.site.index import build_site_index
from site_builder.site.publishing import State, next_scheduled, now_in_vietnam, state_of

from .conftest import FixtureSite, build, make_buildable

TODAY = datetime(2020, 3, 1, 9, 0)


def write_schedule(site: FixtureSite) -> None:
    site.article("hom-qua", replace={"date: 10/02/2020": "date: 29/02/2020"})
    site.article("sang-mai", replace={"date: 10/02/2020": "date: 02/03/2020 07:00"})
    site.article("tuan-sau", replace={"date: 10/02/2020": "date: 08/03/2020"})
    site.article("thong-bao-cu", expires="01/03/2020 08:00")
    site.article("thong-bao-moi", expires="31/12/2020")
    site.article("nhap", draft="true")


def test_states_at_a_fixed_today(site: FixtureSite) -> None:
    write_schedule(site)
    articles = {a.slug: a for a in site.load().articles}
    states = {slug: state_of(article, TODAY) for slug, article in articles.items()}
    assert states == {
        "bai-tong-ket": State.PUBLISHED,
        "hom-qua": State.PUBLISHED,
        "sang-mai": State.SCHEDULED,
        "tuan-sau": State.SCHEDULED,
        "thong-bao-cu": State.EXPIRED,
        "thong-bao-moi": State.PUBLISHED,
        "nhap": State.DRAFT,
    }
    upcoming = next_scheduled(articles.values(), TODAY)
    assert upcoming is not None and upcoming.slug == "sang-mai"
    assert next_scheduled(articles.values(), datetime(2020, 4, 1)) is None


def test_index_lists_only_what_is_public(site: FixtureSite) -> None:
    write_schedule(site)
    content = site.load()
    public = build_site_index(content, now=TODAY)
    assert {v.article.slug for v in public.articles} == {"bai-tong-ket", "hom-qua", "thong-bao-moi"}
    assert public.statistics is not None and public.statistics.metrics["articles.total"] == 3
    preview = build_site_index(content, now=TODAY, include_unpublished=True)
    states = {v.article.slug: v.state for v in preview.articles}
    assert states["sang-mai"] is State.SCHEDULED and states["nhap"] is State.DRAFT


def test_now_can_be_fixed_for_a_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_BUILDER_NOW", "01/03/2020 09:00")
    assert now_in_vietnam() == TODAY
    monkeypatch.delenv("SITE_BUILDER_NOW")
    utc = datetime.now(UTC).replace(tzinfo=None)
    assert abs((now_in_vietnam() - utc).total_seconds() - 7 * 3600) < 60


def test_build_publishes_scheduled_articles_on_their_day(site: FixtureSite) -> None:
    write_schedule(site)
    make_buildable(site)
    built = site.base / "site"
    assert build(site.base, "--strict", now="01/03/2020 09:00").returncode == 0
    present = {p.name for p in (built / "tin-tuc").iterdir() if (p / "index.html").is_file()}
    assert {"bai-tong-ket", "hom-qua", "thong-bao-moi"} <= present
    assert not {"sang-mai", "tuan-sau", "thong-bao-cu", "nhap"} & present
    assert build(site.base, "--strict", now="02/03/2020 07:00").returncode == 0
    assert (built / "tin-tuc/sang-mai/index.html").is_file()
    assert "sang-mai" in (built / "tin-tuc/index.html").read_text(encoding="utf-8")


def test_check_says_when_the_next_scheduled_item_goes_out(
    site: FixtureSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_schedule(site)
    monkeypatch.setenv("SITE_BUILDER_NOW", "01/03/2020 09:00")
    assert main(["check", str(site.content)]) == 0
    out = capsys.readouterr().out
    assert "Bài hẹn giờ tiếp theo: “Bài tổng kết”" in out
    assert "sang-mai.md" in out and "Thứ Hai, 02/03/2020 lúc 07:00" in out


def test_expires_must_be_a_date(site: FixtureSite) -> None:
    site.article("sai", expires="cuối năm")
    [problem] = site.problems("content/tin-tuc/sai.md")
    assert (problem.code, problem.line) == ("SB112", 9)
