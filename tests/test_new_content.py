"""`site-builder new`: the right place, an ASCII slug name, never an overwrite, a valid draft."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.cli import main

from .conftest import FixtureSite

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"


@pytest.fixture
def site_with_templates(site: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> FixtureSite:
    """The fixture site with templates like the sample's (tests/fixtures/templates), at a fixed
    today."""
    templates = site.content / "_data/templates"
    templates.mkdir()
    for name in ("article.md", "model.md"):
        (templates / name).write_text((FIXTURE_TEMPLATES / name).read_text("utf-8"), "utf-8")
    monkeypatch.setenv("SITE_BUILDER_NOW", "26/11/2026 09:00")
    monkeypatch.chdir(site.base)
    return site


def run(*args: str) -> int:
    return main(["new", *args])


def test_new_article(site_with_templates: FixtureSite, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("article", "Thắp sáng đường quê: “Đầm Hà” 2026", "--author", "Quốc Nghị") == 0
    path = Path("content/tin-tuc/2026/thap-sang-duong-que-dam-ha-2026.md")
    assert f"Đã tạo {path}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert 'title: "Thắp sáng đường quê: “Đầm Hà” 2026"' in text
    assert "date: 26/11/2026" in text and 'author: "Quốc Nghị"' in text
    assert "# Chuyên mục, chọn một trong: Dân vận khéo; Kinh tế; Nông thôn mới" in text
    assert "draft: true" in text
    content = site_with_templates.load()
    assert content.problems == []
    [new] = [a for a in content.articles if a.slug == "thap-sang-duong-que-dam-ha-2026"]
    assert new.draft and new.title == "Thắp sáng đường quê: “Đầm Hà” 2026"
    assert main(["check"]) == 0


def test_new_model(site_with_templates: FixtureSite) -> None:
    assert run("model", "Ngày Chủ nhật xanh") == 0
    path = Path("content/mo-hinh/ngay-chu-nhat-xanh.md")
    assert path.is_file()
    content = site_with_templates.load()
    assert content.problems == []
    assert "ngay-chu-nhat-xanh" in {m.slug for m in content.models}


def test_refuses_to_overwrite(
    site_with_templates: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("model", "Vườn mẫu") == 1
    assert "content/mo-hinh/vuon-mau.md" in capsys.readouterr().err
    before = Path("content/mo-hinh/vuon-mau.md").read_text(encoding="utf-8")
    assert "Xây dựng vườn mẫu" in before


def test_refuses_a_slug_taken_in_another_folder(
    site_with_templates: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("article", "Bài tổng kết") == 1  # tin-tuc/bai-tong-ket.md, not in 2026/
    assert "tin-tuc/bai-tong-ket.md" in capsys.readouterr().err
    assert not Path("content/tin-tuc/2026/bai-tong-ket.md").exists()


def test_title_without_letters_is_refused(site_with_templates: FixtureSite) -> None:
    before = sorted(Path("content").rglob("*.md"))
    assert run("article", "!!!") == 1
    assert sorted(Path("content").rglob("*.md")) == before


def test_author_defaults_to_git_user_name(
    site_with_templates: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "")
    assert run("article", "Không có tên tác giả") == 0
    text = Path("content/tin-tuc/2026/khong-co-ten-tac-gia.md").read_text(encoding="utf-8")
    assert 'author: "Ban Biên tập"' in text


def test_a_new_article_offers_the_units_of_today(site_with_templates: FixtureSite) -> None:
    site_with_templates.write(
        "_data/communes.yml",
        "- name: Quảng Lâm\n  type: xã\n  ended: 30/06/2025\n  became: [quang-tan-2025]\n"
        "- name: Quảng Tân\n  type: xã\n  ended: 30/06/2025\n  became: [quang-tan-2025]\n"
        "- name: Quảng Tân\n  slug: quang-tan-2025\n  type: xã\n  began: 01/07/2025\n",
    )
    assert run("article", "Tin mới", "--author", "Quốc Nghị") == 0
    text = Path("content/tin-tuc/2026/tin-moi.md").read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if line.startswith("# Xã liên quan")]
    assert line.endswith(": Quảng Tân")
