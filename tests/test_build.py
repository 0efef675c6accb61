"""End-to-end MkDocs builds: good pages survive bad files; --strict fails with the report."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from site_builder.cli import main

from .conftest import REPO, FixtureSite, build, make_buildable
from .links import broken_links


def test_good_site_builds_in_strict_mode(site: FixtureSite) -> None:
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    assert (site.base / "site/tin-tuc/bai-tong-ket/index.html").is_file()
    assert (site.base / "site/mo-hinh/vuon-mau/index.html").is_file()
    assert not (site.base / "site/_data").exists()
    home = (site.base / "site/index.html").read_text(encoding="utf-8")
    assert "Chủ đề công tác năm 2020: &lt;b&gt;tiến bước&lt;/b&gt;" in home


def test_bad_files_are_listed_and_good_ones_published(site: FixtureSite) -> None:
    make_buildable(site)
    site.article("hong", replace={"date: 10/02/2020": "date: 30/02/2020"})
    site.write("tin-tuc/rong.md", "")
    site.model("hong-mo-hinh", replace={"status: Hiệu quả, có sức lan tỏa": "status: Xấu"})
    site.article("tot", replace={"title: Bài tổng kết": "title: Bài tốt"})
    site.article("nested/2020/bai-trong-thu-muc")
    result = build(site.base)
    assert result.returncode == 0, result.stderr
    log = result.stderr
    assert "SB112 content/tin-tuc/hong.md:3:" in log
    assert "SB102 content/tin-tuc/rong.md:1:" in log
    assert "SB113 content/mo-hinh/hong-mo-hinh.md:7:" in log
    published = {
        p.parent.relative_to(site.base / "site").as_posix()
        for p in (site.base / "site").rglob("index.html")
    }
    assert {
        "tin-tuc/bai-tong-ket",
        "tin-tuc/tot",
        "tin-tuc/bai-trong-thu-muc",
        "mo-hinh/vuon-mau",
    } <= published
    assert not {"tin-tuc/hong", "tin-tuc/rong", "mo-hinh/hong-mo-hinh"} & published


def test_strict_build_fails_with_the_same_report(site: FixtureSite) -> None:
    make_buildable(site)
    site.article("hong", replace={"date: 10/02/2020": "date: 30/02/2020"})
    result = build(site.base, "--strict")
    assert result.returncode == 1
    assert "SB112 content/tin-tuc/hong.md:3:" in result.stderr
    assert "Aborted with 2 warnings in strict mode" in result.stdout + result.stderr


@pytest.mark.parametrize("quiet", ["-q", "--quiet"])
def test_quiet_strict_build_fails_too(site: FixtureSite, quiet: str) -> None:
    """`--quiet` hides warnings from MkDocs' strict counter (mkdocs issue 4126): the plugin
    fails the build itself, and says why even though warnings are not shown."""
    make_buildable(site)
    site.article("hong", replace={"date: 10/02/2020": "date: 30/02/2020"})
    result = build(site.base, quiet, "--strict")
    assert result.returncode == 1
    assert "SB112 content/tin-tuc/hong.md:3:" in result.stderr
    assert "--strict" in result.stderr
    good = build(site.base, quiet)  # a normal quiet build still publishes the good pages
    assert good.returncode == 0, good.stderr
    assert (site.base / "site/tin-tuc/bai-tong-ket/index.html").is_file()


def test_drafts_are_not_published(site: FixtureSite) -> None:
    make_buildable(site)
    site.article("nhap", draft="true")
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    assert not (site.base / "site/tin-tuc/nhap").exists()


def test_sample_site_passes_check_and_builds_in_strict_mode(tmp_path: Path) -> None:
    """The one test that reads the real content/: it must pass `check --strict` and build
    strictly with every article and profile published and no broken link. It counts
    nothing, so an editor's change never turns it red unless the content is broken."""
    assert main(["check", str(REPO / "content"), "--strict"]) == 0
    result = build(REPO, "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    articles = [p for p in (REPO / "content/tin-tuc").rglob("*.md") if p.name != "index.md"]
    models = [p for p in (REPO / "content/mo-hinh").glob("*.md") if p.name != "index.md"]
    for source in [*articles, *models]:
        section = "tin-tuc" if source.is_relative_to(REPO / "content/tin-tuc") else "mo-hinh"
        assert (site / section / source.stem / "index.html").is_file(), source
    assert broken_links(site) == []


def test_shared_theme_partials_change_no_byte_of_the_site(site: FixtureSite) -> None:
    """The navigation, tabs, search box and palette are rendered once per set of relative
    links, the interface strings looked up once (fragments.py); every page must come out
    as if each had rendered its own."""
    make_buildable(site, page_size=2)
    for number in range(5):
        site.article(f"bai-{number}", replace={"date: 10/02/2020": f"date: 1{number}/03/2020"})
    site.model("mo-hinh-khac", replace={"title: Xây dựng vườn mẫu": "title: Mô hình khác"})
    config = (site.base / "mkdocs.yml").read_text(encoding="utf-8")
    unshared_config = "  - site-builder:\n      shared_theme_partials: false\n"
    assert "  - site-builder:\n" in config
    (site.base / "unshared.yml").write_text(
        config.replace("  - site-builder:\n", unshared_config), encoding="utf-8"
    )
    shared, unshared = site.base / "shared", site.base / "unshared"
    assert build(site.base, "--site-dir", str(shared)).returncode == 0
    result = build(site.base, "-f", "unshared.yml", "--site-dir", str(unshared))
    assert result.returncode == 0, result.stderr
    pages = sorted(path.relative_to(shared) for path in shared.rglob("*.html"))
    assert len(pages) > 30 and pages == sorted(
        p.relative_to(unshared) for p in unshared.rglob("*.html")
    )
    differing = [
        page for page in pages if (shared / page).read_bytes() != (unshared / page).read_bytes()
    ]
    assert differing == []
    article = (shared / "tin-tuc/bai-tong-ket/index.html").read_text("utf-8")
    assert 'class="md-tabs__link"' in article and 'placeholder="Tìm kiếm"' in article


def test_serve_shows_drafts_marked_as_drafts(site: FixtureSite) -> None:
    """What `mkdocs serve` does: the plugin hears 'serve', MkDocs builds with drafts."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    make_buildable(site)
    site.article("nhap", replace={"title: Bài tổng kết": "title: Bài nháp"}, draft="true")
    config = load_config(str(site.base / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
    draft_page = (site.base / "site/tin-tuc/nhap/index.html").read_text(encoding="utf-8")
    assert '<span class="sb-draft">Bản nháp</span>' in draft_page
    news = (site.base / "site/tin-tuc/index.html").read_text(encoding="utf-8")
    assert 'Bài nháp</a> <span class="sb-draft">Bản nháp</span>' in news


def test_front_matter_is_parsed_once_and_still_reaches_the_theme(site: FixtureSite) -> None:
    """The plugin hands MkDocs the body without front matter; Material still sees `hide`."""
    make_buildable(site)
    site.write(
        "tin-tuc/an-muc-luc.md",
        (site.content / "tin-tuc/bai-tong-ket.md")
        .read_text(encoding="utf-8")
        .replace("models: [vuon-mau]\n", "models: [vuon-mau]\nhide: [toc]\n")
        .replace("\nĐoạn mở đầu", "\n---\n\nĐoạn mở đầu"),
    )
    assert build(site.base, "--strict").returncode == 0
    hidden = (site.base / "site/tin-tuc/an-muc-luc/index.html").read_text(encoding="utf-8")
    shown = (site.base / "site/tin-tuc/bai-tong-ket/index.html").read_text(encoding="utf-8")
    assert 'md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc" hidden' in hidden
    assert 'data-md-type="toc" hidden' not in shown
    assert "<hr" in hidden and "title: Bài tổng kết" not in hidden


def test_text_saved_decomposed_is_published_composed(site: FixtureSite) -> None:
    """Phones and some editors save "ả" as "a" plus a combining mark; pages and search
    must hold the composed form, body included (the core normalises it once, on reading)."""
    make_buildable(site)
    text = (site.content / "tin-tuc/bai-tong-ket.md").read_text(encoding="utf-8")
    site.write(
        "tin-tuc/tach-dau.md",
        unicodedata.normalize("NFD", text.replace("Nội dung.", "Thắp sáng đường quê.")),
    )
    assert build(site.base, "--strict").returncode == 0
    page = (site.base / "site/tin-tuc/tach-dau/index.html").read_text(encoding="utf-8")
    assert "Thắp sáng đường quê." in page and unicodedata.is_normalized("NFC", page)
