"""The preview's quick path: after a save that edits articles, the pages it renders are the
pages a full build of the preview makes, byte for byte; any other save is a full build;
and the full build that follows in another process replaces the preview with the site a
full build makes.

The preview is built in this process, as `mkdocs serve` builds it (the plugin is the same
object from one build to the next); each quick save is compared with a full build of the
same files into another folder.
"""

from __future__ import annotations

import filecmp
import fnmatch
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from site_builder.mkdocs_adapter import quick_preview
from site_builder.mkdocs_adapter.plugin import NO_CACHE_VARIABLE, SiteBuilderPlugin
from site_builder.mkdocs_adapter.preview import PreviewFolder

from .conftest import FixtureSite
from .test_incremental import (
    EDITS,
    Builds,
    _articles,
    _set_field,
    assert_same_tree,
    builds,  # noqa: F401 (the fixture `preview` builds on)
    edit_body,
    edit_category,
    edit_communes,
    edit_date,
    edit_draft,
    edit_tags,
    edit_title,
)

SERVE_URL = "http://127.0.0.1:8000/"
QUICK_EDITS = (edit_title, edit_date, edit_category, edit_communes, edit_tags, edit_body)


class Preview:
    """`mkdocs serve`'s builds, in this process: full ones, and the quick path's."""

    def __init__(self, site_builds: Builds) -> None:
        self.builds = site_builds
        self.base = site_builds.site.base
        self.step = 0
        self.written: list[str] = []
        original = quick_preview.LastBuild.render

        def render(last: quick_preview.LastBuild, files: object) -> int:
            files = list(files)  # type: ignore[call-overload]
            self.written += [file.dest_uri for file in files]  # type: ignore[attr-defined]
            return original(last, files)  # type: ignore[arg-type]

        site_builds.monkeypatch.setattr(quick_preview.LastBuild, "render", render)

    def config(self, out: str) -> MkDocsConfig:
        config = load_config(str(self.base / "mkdocs.yml"), site_dir=str(self.base / out))
        config.site_url = SERVE_URL
        return config

    def full(self, out: str) -> SiteBuilderPlugin:
        """A full build of the preview into `out`; the plugin, which keeps it."""
        config = self.config(out)
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config, serve_url=SERVE_URL)
        plugin = config.plugins["site-builder"]
        assert isinstance(plugin, SiteBuilderPlugin)
        return plugin

    def save(self, edit: object, rng: random.Random) -> tuple[str, bool, Path]:
        """Make `edit`, show it by the quick path if it can be; the folder the preview is
        in (where the quick path wrote), and whether it was used."""
        plugin = self.full(f"preview-{self.step}") if self.step == 0 else self.plugin
        preview = self.base / f"preview-{self.step}"
        time.sleep(0.01)  # a new modification time, even on a coarse clock
        done = edit(self.builds.site, rng)  # type: ignore[operator]
        self.written = []
        quick = plugin._quick_save()
        self.step += 1
        self.plugin = self.full(f"preview-{self.step}")
        return done, quick, preview

    def expected(self) -> Path:
        return self.base / f"preview-{self.step}"


@pytest.fixture
def preview(builds: Builds) -> Preview:  # noqa: F811 (the fixture above)
    builds.monkeypatch.delenv(NO_CACHE_VARIABLE, raising=False)
    return Preview(builds)


def assert_same_files(expected: Path, actual: Path, names: list[str], label: str) -> None:
    different = [
        name
        for name in names
        if not (actual / name).is_file()
        or not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]
    assert not different, f"{label}: {different[:5]}"


@pytest.mark.parametrize("seed", [3, 4])
def test_the_quick_paths_pages_are_the_full_builds(preview: Preview, seed: int) -> None:
    rng = random.Random(seed)
    saves = []
    for step in range(12):
        edit = QUICK_EDITS[step % len(QUICK_EDITS)] if step < 6 else rng.choice(EDITS)
        done, quick, folder = preview.save(edit, rng)
        saves.append((done, quick))
        if quick:
            assert preview.written, done
            assert_same_files(preview.expected(), folder, preview.written, done)
            saved = preview.builds.site.content / "tin-tuc" / done.split()[-1]
            assert not stale_pages(preview.expected(), folder, saved), done
    assert sum(quick for _, quick in saves) >= 3, saves


def edit_model_title(site: FixtureSite, rng: random.Random) -> str:
    _set_field(site.content / "mo-hinh" / "vuon-mau.md", "title", f"Vườn mẫu {rng.randint(1, 99)}")
    return "title of vuon-mau.md"


def edit_model_body(site: FixtureSite, rng: random.Random) -> str:
    path = site.content / "mo-hinh" / "vuon-mau.md"
    path.write_text(path.read_text("utf-8") + f"\nĐoạn thêm {rng.randint(1, 99)}.\n", "utf-8")
    return "body of vuon-mau.md"


def edit_models(site: FixtureSite, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    named = "models:" in path.read_text("utf-8")
    _set_field(path, "models", "" if named else "[vuon-mau]")
    return f"models of {path.name}"


def full_build_elsewhere(preview: Preview, out: str) -> Path:
    """A full build of the preview in another process, as the catch-up build makes it: in
    this one, MkDocs would hand it the plugin that keeps the preview's state."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder.mkdocs_adapter.catch_up",
            str(preview.base / "mkdocs.yml"),
            SERVE_URL,
            "--no-strict",
            "--directory-urls",
            f"--server={os.getpid()}",
            str(preview.base / out),
        ],
        check=True,
        timeout=300,
    )
    return preview.base / out


def stale_pages(expected: Path, served: Path, saved: Path) -> list[str]:
    """The HTML pages whose links to the saved article or profile (how many, and what
    they say) differ between the full build and the preview: a listing it entered or
    left, a title not updated. But other articles' own pages, where it may be among the
    related articles, and what does not link to it (counts, statistics): the full build
    that follows the quick path brings those."""
    link = re.compile(rf'<a [^>]*href="[^"]*\b{re.escape(saved.stem)}/"[^>]*>(.*?)</a>', re.S)
    own = f"{saved.parent.name}/{saved.stem}/index.html"

    def links(site: Path) -> dict[str, list[str]]:
        found = {}
        for page in site.rglob("*.html"):
            name = page.relative_to(site).as_posix()
            if name == own or not fnmatch.fnmatch(name, "tin-tuc/*/index.html"):
                found[name] = link.findall(page.read_text("utf-8"))
        return found

    before, after = links(expected), links(served)
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def test_quick_saves_in_a_row_are_the_full_builds(preview: Preview) -> None:
    """Each quick save starts from what the one before left (the articles, profiles and
    views it kept or made), not from a full build. After each, the pages it wrote are a
    full build's, and every page links to the saved file as a full build's does."""
    rng = random.Random(5)
    site = preview.builds.site
    plugin, served = preview.full("served"), preview.base / "served"
    quick = []
    for step in range(10):
        edit = rng.choice((*QUICK_EDITS, edit_model_title, edit_model_body, edit_models))
        time.sleep(0.01)  # a new modification time, even on a coarse clock
        done = edit(site, rng)
        preview.written = []
        if not plugin._quick_save():
            plugin, served = preview.full(f"served-{step}"), preview.base / f"served-{step}"
            continue
        quick.append(done)
        expected = full_build_elsewhere(preview, f"expected-{step}")
        assert_same_files(expected, served, preview.written, done)
        saved = site.content / ("mo-hinh" if "vuon-mau" in done else "tin-tuc") / done.split()[-1]
        stale = stale_pages(expected, served, saved)
        assert not stale, f"{done}: {stale}"
    assert len(quick) >= 6, quick
    assert any("vuon-mau" in done for done in quick), quick


def test_a_new_title_renders_the_article_and_the_listings_that_show_it(preview: Preview) -> None:
    done, quick, _ = preview.save(edit_title, random.Random(1))
    assert quick, done
    written = set(preview.written)
    assert any(name.startswith("tin-tuc/bai-") for name in written)
    assert "tin-tuc/index.html" in written or any("tin-tuc/trang/" in n for n in written)
    assert len(written) < 40


def test_a_counted_field_renders_the_statistics_again(preview: Preview) -> None:
    def change_status(site: FixtureSite, rng: random.Random) -> str:
        _set_field(site.content / "mo-hinh" / "vuon-mau.md", "status", "Đang triển khai")
        return "status of vuon-mau.md"

    done, quick, folder = preview.save(change_status, random.Random(1))
    assert quick, done
    assert "thong-ke/index.html" in preview.written
    assert_same_files(preview.expected(), folder, preview.written, done)
    done, quick, folder = preview.save(edit_title, random.Random(1))
    assert quick, done
    assert "thong-ke/index.html" not in preview.written


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda site, rng: edit_draft(site, rng), id="draft"),
        pytest.param(
            lambda site, rng: site.write("tin-tuc/bai-moi.md", "---\ntitle: Mới\n---\n"),
            id="new file",
        ),
        pytest.param(lambda site, rng: _articles(site)[0].unlink(), id="deleted file"),
        pytest.param(
            lambda site, rng: _set_field(_articles(site)[0], "slug", "duong-dan-moi"),
            id="new address",
        ),
        pytest.param(lambda site, rng: _set_field(_articles(site)[0], "date", "ngày"), id="error"),
        pytest.param(
            lambda site, rng: _set_field(_articles(site)[0], "tags", "[thẻ chưa có]"),
            id="new term",
        ),
        pytest.param(
            lambda site, rng: (site.content / "_data" / "themes.yml").write_text(
                "- year: 2031\n  theme: Chủ đề mới\n", "utf-8"
            ),
            id="data file",
        ),
        pytest.param(
            lambda site, rng: (site.base / "mkdocs.yml").write_text(
                (site.base / "mkdocs.yml").read_text("utf-8") + "\n", "utf-8"
            ),
            id="settings",
        ),
        pytest.param(
            lambda site, rng: (site.base / "theme" / "sb" / "article-foot.html").write_text(
                "<p>khác</p>\n", "utf-8"
            ),
            id="template",
        ),
    ],
)
def test_any_other_save_is_a_full_build(preview: Preview, edit: object) -> None:
    _, quick, _ = preview.save(edit, random.Random(2))
    assert not quick
    assert preview.written == []


def test_the_quick_path_is_off_with_the_cache(preview: Preview) -> None:
    preview.builds.monkeypatch.setenv(NO_CACHE_VARIABLE, "1")
    _, quick, _ = preview.save(edit_title, random.Random(1))
    assert not quick


def test_the_full_build_that_follows_replaces_the_preview(preview: Preview) -> None:
    """The catch-up build runs in another process and swaps its files in; the preview is
    then the site a full build makes."""
    plugin = preview.full("served")
    _set_field(_articles(preview.builds.site)[1], "title", "Tiêu đề sau khi lưu")
    assert plugin._quick_save()
    assert plugin.last_build is not None
    catch_up = quick_preview.CatchUpBuild(plugin.last_build.config, PreviewFolder())
    with catch_up.lock:
        catch_up.start()
    catch_up.wait(timeout=300)
    assert not catch_up.failed
    for deleter in catch_up.preview.deleters:
        deleter.wait(timeout=60)
    preview.full("expected")
    assert_same_tree(preview.base / "expected", preview.base / "served", "after the catch-up")


def test_a_save_during_the_full_build_stops_it(preview: Preview) -> None:
    plugin = preview.full("served")
    assert plugin.last_build is not None
    catch_up = quick_preview.CatchUpBuild(plugin.last_build.config, PreviewFolder())
    with catch_up.lock:
        catch_up.start()
        process = catch_up._process
        catch_up.stop()
    assert process is not None and process.poll() is not None
    catch_up.wait(timeout=60)
    for deleter in catch_up.preview.deleters:
        deleter.wait(timeout=60)
    assert not any(preview.base.glob("served-next-*"))
    assert not catch_up.failed


def test_stamps_see_edits_additions_and_removals(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    first = tmp_path / "a" / "x.md"
    first.write_text("1", "utf-8")
    alone = tmp_path / "mkdocs.yml"
    alone.write_text("site_name: x", "utf-8")
    roots = [str(tmp_path / "a"), str(alone), str(tmp_path / "missing")]
    before = quick_preview.take_stamps(roots)
    assert set(before) == {str(first), str(alone)}
    first.write_text("22", "utf-8")
    (tmp_path / "a" / "y.md").write_text("3", "utf-8")
    after = quick_preview.take_stamps(roots)
    assert after[str(first)] != before[str(first)]
    assert str(tmp_path / "a" / "y.md") in after


def test_the_full_build_ends_when_the_servers_process_has_ended(tmp_path: Path) -> None:
    """A server killed before it could stop its full build (or before that build had even
    started) leaves no build running and no folder behind."""
    site_dir = tmp_path / "preview-next"
    site_dir.mkdir()
    (site_dir / "page.html").write_text("x", "utf-8")
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder.mkdocs_adapter.catch_up",
            str(tmp_path / "mkdocs.yml"),
            "http://127.0.0.1:8000/",
            f"--server={ended.pid}",
            str(site_dir),
        ],
        timeout=60,
        check=False,
        capture_output=True,
    )
    assert build.returncode == 1
    deadline = time.monotonic() + 30
    while site_dir.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not site_dir.exists()
