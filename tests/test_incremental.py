"""Incremental builds: a build that takes unchanged pages from the page cache writes the same
site, byte for byte, as a build that renders every page; and it renders only what changed.

The builds run in this process, one after another, as `mkdocs serve` runs them (the plugin
is the same object from one build to the next); each is compared with a build of the same
files with the cache turned off.
"""

from __future__ import annotations

import filecmp
import functools
import gc
import json
import logging
import marshal
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from site_builder.mkdocs_adapter import build_key, incremental, long_lived, plugin
from site_builder.mkdocs_adapter.incremental import LookupRecorder, PageReuse
from site_builder.mkdocs_adapter.plugin import NO_CACHE_VARIABLE
from site_builder.outputs.page_cache import MANIFEST
from site_builder.outputs.page_links import Linking

from .conftest import REPO, FixtureSite, make_buildable, photo_bytes

NOW = "2026-11-26 12:00"
REPORT = re.compile(r"(\d+) trang dựng lại, (\d+) trang lấy từ bộ nhớ đệm")


class Builds:
    """Builds the fixture in this process, with and without the page cache."""

    def __init__(
        self, site: FixtureSite, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
    ) -> None:
        self.site = site
        self.monkeypatch = monkeypatch
        self.caplog = caplog
        monkeypatch.setenv("SITE_BUILDER_NOW", NOW)
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        monkeypatch.chdir(site.base)

    def run(
        self, out: str, *, cache: bool = True, strict: bool = False, config_file: object = None
    ) -> tuple[int, int] | None:
        """Build into `out`; with the cache, (pages rendered, pages copied from the cache).
        `config_file` is what MkDocs is given (by default the absolute path)."""
        if cache:
            self.monkeypatch.delenv(NO_CACHE_VARIABLE, raising=False)
        else:
            self.monkeypatch.setenv(NO_CACHE_VARIABLE, "1")
        self.caplog.clear()
        with self.caplog.at_level(logging.INFO, logger="mkdocs"):
            config = load_config(
                config_file or str(self.site.base / "mkdocs.yml"),  # type: ignore[arg-type]
                site_dir=str(self.site.base / out),
                strict=strict,
            )
            # As `mkdocs build` does: the plugin is one object for the whole process, and
            # another test may have started it for `mkdocs serve`.
            config.plugins.on_startup(command="build", dirty=False)
            mkdocs_build(config)
        found = [REPORT.search(record.getMessage()) for record in self.caplog.records]
        counts = [(int(m[1]), int(m[2])) for m in found if m]
        return counts[-1] if counts else None

    def assert_same(self, label: str) -> None:
        """The site built with the cache equals the site built without it."""
        self.run("site-cached")
        self.run("site-plain", cache=False)
        assert_same_tree(self.site.base / "site-plain", self.site.base / "site-cached", label)


def assert_same_tree(expected: Path, actual: Path, label: str) -> None:
    """The same files, with the same bytes, in the same folders (an empty one too)."""

    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    def folders(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}

    assert files(actual) == files(expected), label
    assert folders(actual) == folders(expected), label
    different = [
        name
        for name in sorted(files(expected))
        if not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]
    assert not different, f"{label}: {different[:5]}"


def incremental_site(
    site: FixtureSite, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Builds:
    """The fixture site these tests build: seven articles, listings of two, a photo, a link
    to another article's anchor, the theme in a folder of its own."""
    make_buildable(site, page_size=2)
    theme = site.base / "theme"
    shutil.copytree(REPO / "theme_overrides", theme, ignore=shutil.ignore_patterns("admin"))
    config = site.base / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Search reads the two newest articles in full, the others by a short entry.
    config.write_text(
        text.replace(
            f"custom_dir: {(REPO / 'theme_overrides').as_posix()}",
            f"custom_dir: {theme.as_posix()}",
        ).replace("page_size: 2", "page_size: 2\n      search_full_text: 2"),
        encoding="utf-8",
    )
    site.write("tin-tuc/anh-dong-lua.jpg", photo_bytes(80, 60))
    for number in range(6):
        _write_article(site, number, random.Random(number))
    site.write(
        "tin-tuc/bai-co-lien-ket.md",
        "---\ntitle: Bài có liên kết\ndate: 01/03/2021\nauthor: Quốc Nghị\n"
        "category: Kinh tế\nsummary: Dẫn tới một bài khác.\n---\n\n"
        "Xem [bài số một](bai-1.md#phan-hai) và ảnh:\n\n![Đồng lúa](anh-dong-lua.jpg)\n",
    )
    return Builds(site, monkeypatch, caplog)


builds = pytest.fixture(incremental_site, name="builds")

CATEGORIES = ("Dân vận khéo", "Nông thôn mới", "Kinh tế")
COMMUNES = ("Quảng Tân", "Dực Yên", "Quảng Lâm", "Thị trấn Đầm Hà")
TAGS = ("tổng kết", "đường quê", "vườn mẫu", "an ninh")


def _write_article(
    site: FixtureSite, number: int, rng: random.Random, name: str | None = None
) -> Path:
    communes = rng.sample(COMMUNES, rng.randint(0, 2))
    tags = rng.sample(TAGS, rng.randint(0, 3))
    cover = "cover: anh-dong-lua.jpg\ncover_caption: Đồng lúa\n" if rng.random() < 0.3 else ""
    return site.write(
        f"tin-tuc/{name or f'bai-{number}'}.md",
        f"---\ntitle: Bài số {number} về {rng.choice(TAGS)}\n"
        f"date: {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2019, 2020, 2021))}\n"
        f"author: Quốc Nghị\ncategory: {rng.choice(CATEGORIES)}\n"
        f"communes: [{', '.join(communes)}]\ntags: [{', '.join(tags)}]\n{cover}"
        f"summary: Tóm tắt bài {number}.\n---\n\nĐoạn đầu của bài {number}.\n\n"
        f"## Phần hai\n\nNội dung thêm {rng.random():.6f}.\n",
    )


# --- the edits a newsroom makes, each on a random article --------------------------------


def _articles(site: FixtureSite) -> list[Path]:
    return sorted(
        p for p in (site.content / "tin-tuc").glob("bai-*.md") if p.name != "bai-co-lien-ket.md"
    )


def _set_field(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{key}:")]
    if value:
        lines.append(f"{key}: {value}")
    path.write_text("\n".join(lines) + "\n---\n" + body, encoding="utf-8")


Edit = Callable[[FixtureSite, random.Random], str]


def _field_edit(key: str, value: Callable[[random.Random], str]) -> Edit:
    """An edit that sets one front-matter field of a random article."""

    def edit(site: FixtureSite, rng: random.Random) -> str:
        path = rng.choice(_articles(site))
        _set_field(path, key, value(rng))
        return f"{key} of {path.name}"

    return edit


def _day(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2019, 2022))}"


def _some(rng: random.Random, names: tuple[str, ...], most: int) -> str:
    return f"[{', '.join(rng.sample(names, rng.randint(0, most)))}]"


edit_title = _field_edit("title", lambda rng: f"Tiêu đề mới {rng.randint(1, 999)}")
edit_date = _field_edit("date", _day)
edit_category = _field_edit("category", lambda rng: rng.choice(CATEGORIES))
edit_communes = _field_edit("communes", lambda rng: _some(rng, COMMUNES, 3))
edit_tags = _field_edit("tags", lambda rng: _some(rng, TAGS, 3))


def edit_draft(site: FixtureSite, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    drafted = "draft: true" in path.read_text(encoding="utf-8")
    _set_field(path, "draft", "" if drafted else "true")
    return f"draft of {path.name}"


def edit_body(site: FixtureSite, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    path.write_text(
        path.read_text(encoding="utf-8") + f"\nĐoạn thêm {rng.randint(1, 999)}.\n", "utf-8"
    )
    return f"body of {path.name}"


def new_file(site: FixtureSite, rng: random.Random) -> str:
    number = rng.randint(100, 999)
    _write_article(site, number, rng)
    return f"new bai-{number}.md"


def delete_file(site: FixtureSite, rng: random.Random) -> str:
    articles = _articles(site)
    if len(articles) <= 2:
        return new_file(site, rng)
    path = rng.choice(articles)
    path.unlink()
    return f"deleted {path.name}"


def rename_file(site: FixtureSite, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    target = path.with_name(f"bai-{rng.randint(1000, 9999)}.md")
    path.rename(target)
    return f"renamed {path.name} to {target.name}"


def edit_data_file(site: FixtureSite, rng: random.Random) -> str:
    path = site.content / "_data" / "themes.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2020", "2020 ", 0)
        + f"- year: {2030 + rng.randint(0, 60)}\n  theme: Chủ đề {rng.randint(1, 99)}\n",
        "utf-8",
    )
    return "data file themes.yml"


def edit_template(site: FixtureSite, rng: random.Random) -> str:
    path = site.base / "theme" / "sb" / "article-foot.html"
    path.write_text(
        path.read_text(encoding="utf-8") + f"\n<!-- sửa {rng.randint(1, 999)} -->\n", "utf-8"
    )
    return "template sb/article-foot.html"


def edit_photo(site: FixtureSite, rng: random.Random) -> str:
    site.write("tin-tuc/anh-dong-lua.jpg", photo_bytes(rng.randint(40, 120), rng.randint(30, 90)))
    return "photo anh-dong-lua.jpg replaced"


EDITS: tuple[Edit, ...] = (
    edit_title,
    edit_date,
    edit_category,
    edit_communes,
    edit_tags,
    edit_draft,
    edit_body,
    new_file,
    delete_file,
    rename_file,
    edit_data_file,
    edit_template,
    edit_photo,
)


def _sequence(seed: int, steps: int) -> Iterator[Edit]:
    """Every edit once, then random ones."""
    rng = random.Random(seed)
    first = list(EDITS)
    rng.shuffle(first)
    yield from first
    for _ in range(steps - len(first)):
        yield rng.choice(EDITS)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_give_the_site_of_a_clean_build(builds: Builds, seed: int) -> None:
    rng = random.Random(seed)
    builds.assert_same("first build, no cache yet")
    done = []
    for edit in _sequence(seed, 18):
        done.append(edit(builds.site, rng))
        builds.assert_same(" → ".join(done))


# --- what each change renders again ---------------------------------------------------


def _cache_folder(builds: Builds) -> Path:
    """The page cache of `mkdocs build`, named after the generator (ProperDocs, in a test
    process that has loaded it, answers for `mkdocs`)."""
    (folder,) = (builds.site.base / ".cache" / "pages").glob("*-build")
    return folder


def _first_build(builds: Builds) -> int:
    """Build with an empty cache; the number of pages (all rendered)."""
    counts = builds.run("site-cached")
    assert counts is not None and counts[1] == 0 and counts[0] > 0
    return counts[0]


def test_an_unchanged_site_is_copied_from_the_cache(builds: Builds) -> None:
    pages = _first_build(builds)
    assert builds.run("site-cached") == (0, pages)


def test_the_cache_holds_however_the_configuration_file_was_named(builds: Builds) -> None:
    """`mkdocs serve -f mkdocs.yml` reads the file first through the open file the command
    line gives (named as typed, relative) and at every save by its absolute path: both
    builds have the same settings, so the save finds the cache."""
    with open("mkdocs.yml", "rb") as typed:  # the test runs in the site's folder
        pages = builds.run("site-cached", config_file=typed) or (0, 0)
    assert pages[1] == 0
    assert builds.run("site-cached") == (0, pages[0])


def test_a_changed_body_renders_only_its_article(builds: Builds) -> None:
    pages = _first_build(builds)
    page = builds.site.content / "tin-tuc" / "bai-3.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMột câu mới.\n", "utf-8")
    assert builds.run("site-cached") == (1, pages - 1)
    # Of the content's files, the edited one alone was read and checked again.
    reports = [r.getMessage() for r in builds.caplog.records if REPORT.search(r.getMessage())]
    assert reports[-1].endswith("; 1 trong 9 tệp nội dung đọc lại."), reports
    assert (builds.site.base / ".cache/pages/mkdocs-build.readings").is_file()


def test_a_changed_title_renders_the_article_and_the_pages_that_show_it(builds: Builds) -> None:
    pages = _first_build(builds)
    _set_field(builds.site.content / "tin-tuc" / "bai-3.md", "title", "Một tiêu đề khác hẳn")
    rendered, copied = builds.run("site-cached") or (0, 0)
    assert rendered + copied == pages
    assert 1 < rendered < pages
    shown = [
        p.relative_to(builds.site.base / "site-cached").as_posix()
        for p in (builds.site.base / "site-cached").rglob("*.html")
        if "Một tiêu đề khác hẳn" in p.read_text(encoding="utf-8")
    ]
    assert rendered >= len(shown) > 1


def test_a_changed_title_renders_only_the_page_of_each_term_that_lists_it(
    builds: Builds,
) -> None:
    """A term's page shows the term and its own page of articles: a retitled article
    renders the page of its category that lists it, not the category's other pages (a
    page copied from the cache is a link to the file the build before wrote)."""
    _first_build(builds)
    site_dir = builds.site.base / "site-cached"
    first, second = next(
        (path, path.parent / "trang" / "2" / "index.html")
        for path in sorted(site_dir.glob("chuyen-muc/*/index.html"))
        if (path.parent / "trang" / "2" / "index.html").is_file()
    )
    listed = re.search(r'href="(?:\.\./)+tin-tuc/(bai-\d+)/"', first.read_text(encoding="utf-8"))
    assert listed is not None
    inodes = {path: path.stat().st_ino for path in (first, second)}
    _set_field(builds.site.content / "tin-tuc" / f"{listed[1]}.md", "title", "Tiêu đề đã sửa")
    builds.run("site-cached")
    assert "Tiêu đề đã sửa" in first.read_text(encoding="utf-8")
    assert first.stat().st_ino != inodes[first]  # rendered again
    assert second.stat().st_ino == inodes[second]  # copied from the cache
    builds.assert_same("title of an article on a category's first page")


def test_no_template_reads_a_terms_members() -> None:
    """A term's page is keyed without the term's lists of members (`listing_shown` in
    outputs/page_context.py): a template that printed them would go stale."""
    members = re.compile(r"\bterm\.(articles|models)\b")
    readers = [
        path.relative_to(REPO).as_posix()
        for path in (REPO / "theme_overrides").rglob("*.html")
        if "admin" not in path.parts and members.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_a_renamed_link_target_renders_the_page_that_links_to_it(builds: Builds) -> None:
    builds.run("site-cached")
    linking = builds.site.base / "site-cached" / "tin-tuc" / "bai-co-lien-ket" / "index.html"
    before = linking.read_text(encoding="utf-8")
    (builds.site.content / "tin-tuc" / "bai-1.md").unlink()
    builds.run("site-cached")
    assert linking.read_text(encoding="utf-8") != before
    builds.assert_same("link target deleted")


@pytest.mark.parametrize(
    "change",
    [
        lambda base: (base / "mkdocs.yml").write_text(
            (base / "mkdocs.yml")
            .read_text(encoding="utf-8")
            .replace("site_description: ", "site_description: Mới. "),
            "utf-8",
        ),
        lambda base: (base / "theme" / "sb" / "pager.html").write_text("<nav></nav>\n", "utf-8"),
        lambda base: (base / "content" / "_data" / "categories.yml").write_text(
            "- name: Dân vận khéo\n- name: Nông thôn mới\n- name: Kinh tế\n- name: Văn hóa\n",
            "utf-8",
        ),
    ],
    ids=["setting", "template", "data file"],
)
def test_a_changed_setting_template_or_data_file_renders_everything(
    builds: Builds, change: Callable[[Path], object]
) -> None:
    pages = _first_build(builds)
    change(builds.site.base)
    rendered, copied = builds.run("site-cached") or (0, -1)
    assert copied == 0
    assert rendered >= pages  # a new category has a page of its own


@pytest.mark.parametrize(
    "damage", ["garbage", "cut short", "other format", "missing HTML", "missing page"]
)
def test_a_damaged_cache_means_a_clean_build(builds: Builds, damage: str) -> None:
    pages = _first_build(builds)
    cache = _cache_folder(builds)
    manifest = cache / MANIFEST
    if damage == "garbage":
        manifest.write_text('{"format": 3, not a manifest', "utf-8")
    elif damage == "cut short":
        manifest.write_bytes(manifest.read_bytes()[: manifest.stat().st_size // 2])
    elif damage == "other format":
        data = marshal.loads(manifest.read_bytes())
        manifest.write_bytes(marshal.dumps({**data, "format": -1}))
    else:
        entry = marshal.loads(manifest.read_bytes())["pages"]["tin-tuc/bai-2/index.html"]
        if damage == "missing HTML":
            with sqlite3.connect(cache / "markdown.sqlite") as renders:
                renders.execute("DELETE FROM rendered WHERE key = ?", (entry["render"],))
            renders.close()
        else:
            (cache / "pages" / entry["output"][:2] / f"{entry['output']}.html").unlink()
    counts = builds.run("site-cached")
    if damage == "missing HTML":  # its Markdown is made again, the page copied
        assert counts == (0, pages)
    elif damage == "missing page":
        assert counts == (1, pages - 1)
    else:
        assert counts == (pages, 0)
    builds.assert_same(damage)


def test_the_cache_can_be_turned_off(builds: Builds) -> None:
    assert builds.run("site-plain", cache=False) is None
    assert not (builds.site.base / ".cache" / "pages").exists()
    config = builds.site.base / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "page_size: 2", "page_size: 2\n      incremental: false"
        ),
        "utf-8",
    )
    assert builds.run("site-cached") is None
    assert not (builds.site.base / ".cache" / "pages").exists()


def test_a_page_with_a_warning_is_rendered_every_time_so_strict_builds_fail(builds: Builds) -> None:
    builds.site.write(
        "tin-tuc/bai-hong.md",
        "---\ntitle: Bài có liên kết hỏng\ndate: 02/03/2021\nauthor: Quốc Nghị\n"
        "category: Kinh tế\nsummary: Liên kết hỏng.\n---\n\nXem [bài không có](khong-co.md).\n",
    )
    builds.run("site-cached")
    with pytest.raises(Abort):
        builds.run("site-cached", strict=True)
    with pytest.raises(Abort):
        builds.run("site-cached", strict=True)


def test_a_build_stopped_before_its_pages_keeps_the_cache(builds: Builds) -> None:
    """A build that fails while the core reads the content (as `mkdocs build -q --strict`
    of bad content does) has changed nothing the cache holds, though the kept pages were
    being published: the next build copies every page."""
    pages = _first_build(builds)
    listings = plugin.build_listings

    def stopped(*args: object, **kwargs: object) -> object:
        raise PluginError("site-builder: dừng")

    builds.monkeypatch.setattr(plugin, "build_listings", stopped)
    with pytest.raises(Abort):
        builds.run("site-cached")
    builds.monkeypatch.setattr(plugin, "build_listings", listings)
    assert builds.run("site-cached") == (0, pages)
    builds.assert_same("after a build stopped in on_files")


def test_a_failed_build_leaves_no_cache(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    builds.run("site-cached")
    manifest = _cache_folder(builds) / MANIFEST
    assert manifest.is_file()
    (builds.site.base / "theme" / "sb" / "pager.html").write_text("{% if %}\n", "utf-8")
    with pytest.raises(Exception):  # noqa: B017 - Jinja's syntax error, as MkDocs lets it out
        builds.run("site-cached")
    assert not manifest.exists()


def _hide_a_kept_article_while_published(
    reuse: PageReuse, publish: Callable[[PageReuse], None]
) -> None:
    """An article's kept page is missing while the kept pages are published, and back
    when the build decides to copy it."""
    kept = Path(reuse.cache.kept_outputs()["tin-tuc/bai-1/index.html"])
    hidden = kept.rename(kept.with_suffix(".hidden"))
    publish(reuse)
    assert reuse.publishing is not None
    reuse.publishing.process.wait()
    hidden.rename(kept)


def _disk_full_after(linking: Linking, wait: Callable[[Linking], list[str]]) -> list[str]:
    wait(linking)
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("owner", "name", "broken", "message"),
    [
        (
            PageReuse,
            "publish_kept",
            _hide_a_kept_article_while_published,
            "đã bị xóa trong lúc dựng",
        ),
        (Linking, "wait", _disk_full_after, "không ghi được vào thư mục trang hoặc bộ nhớ đệm"),
    ],
    ids=["a kept page missing while it was published", "a full disk"],
)
def test_kept_files_that_cannot_be_published_fail_the_build_and_the_next_is_clean(
    builds: Builds,
    monkeypatch: pytest.MonkeyPatch,
    owner: type,
    name: str,
    broken: Callable[..., Any],
    message: str,
) -> None:
    """The build fails with a message; the next one, mended, renders every page and
    equals a build without the cache."""
    pages = _first_build(builds)
    original = getattr(owner, name)
    monkeypatch.setattr(owner, name, functools.partialmethod(broken, original))
    with pytest.raises(Abort):
        builds.run("site-cached")
    assert any(message in r.getMessage() for r in builds.caplog.records)
    monkeypatch.setattr(owner, name, original)
    assert builds.run("site-cached") == (pages, 0)
    builds.assert_same(message)


def test_what_a_build_froze_is_released_when_it_ends_well_or_not(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The core's objects are left out of the collector's walks during a build (see
    `long_lived`), and given back when it ends: else `mkdocs serve` would keep every
    site it made."""
    frozen: list[int] = []
    young_during_build: list[int] = []

    class Collector:  # the `gc` module as `long_lived` sees it, noting its freezes
        def __getattr__(self, name: str) -> object:
            return getattr(gc, name)

        def freeze(self) -> None:
            gc.freeze()
            frozen.append(gc.get_freeze_count())
            young_during_build.append(gc.get_threshold()[0])

    monkeypatch.setattr(long_lived, "gc", Collector())
    before = gc.get_threshold()
    builds.run("site-cached")
    # Once the content is indexed, and again at the end of `on_files`.
    assert len(frozen) == 2 and 0 < frozen[0] < frozen[1] and gc.get_freeze_count() == 0
    # Meanwhile the youngest generation was collected less often; then as before.
    assert young_during_build == [long_lived.YOUNG_GENERATION_DURING_A_BUILD] * 2
    assert gc.get_threshold() == before
    (builds.site.base / "theme" / "sb" / "pager.html").write_text("{% if %}\n", "utf-8")
    with pytest.raises(Exception):  # noqa: B017 - Jinja's syntax error, as MkDocs lets it out
        builds.run("site-cached")
    assert len(frozen) == 4 and gc.get_freeze_count() == 0 and gc.get_threshold() == before


def test_older_articles_are_published_as_links_to_the_cache_and_never_change_after(
    builds: Builds,
) -> None:
    builds.run("site-a")
    builds.run("site-b")
    linked = [
        page
        for page in (builds.site.base / "site-b" / "tin-tuc").rglob("index.html")
        if page.stat().st_nlink > 1
    ]
    assert linked, "no page was copied from the cache"
    page = linked[0]
    before = page.read_bytes()
    source = next(builds.site.content.rglob(f"{page.parent.name}.md"))
    source.write_text(source.read_text(encoding="utf-8") + "\nĐoạn mới.\n", "utf-8")
    builds.run("site-c")
    assert "Đoạn mới" in (
        builds.site.base / "site-c" / page.relative_to(builds.site.base / "site-b")
    ).read_text("utf-8")
    assert page.read_bytes() == before  # the earlier site keeps its page


def _search_docs(site_dir: Path) -> list[dict[str, object]]:
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    return list(index["docs"])


def test_pages_search_reads_are_copied_with_their_search_entries(builds: Builds) -> None:
    """A profile and the newest articles, which Material's search reads in full, are copied
    from the cache like the others: their entries in the search index come from the cache,
    in the place a build that made every page gives them."""
    pages = _first_build(builds)
    builds.run("site-b")
    site = builds.site.base / "site-b"
    profile = site / "mo-hinh" / "vuon-mau" / "index.html"
    searched = {str(doc["location"]).split("#")[0] for doc in _search_docs(site)}
    newest = [site / url / "index.html" for url in searched if url.startswith("tin-tuc/")]
    assert "mo-hinh/vuon-mau/" in searched and newest
    assert all(page.stat().st_nlink > 1 for page in (profile, *newest)), "not copied"
    builds.run("site-plain", cache=False)
    assert_same_tree(builds.site.base / "site-plain", site, "pages copied with their entries")
    model = builds.site.content / "mo-hinh" / "vuon-mau.md"
    model.write_text(model.read_text("utf-8") + "\nCâu mới về giống cây.\n", "utf-8")
    assert builds.run("site-c") == (1, pages - 1)
    texts = [doc for doc in _search_docs(builds.site.base / "site-c") if "giống cây" in doc["text"]]
    assert [doc["location"] for doc in texts] == ["mo-hinh/vuon-mau/"]
    builds.assert_same("a profile's text changed")


def test_search_entries_out_of_the_pages_order_are_not_kept(tmp_path: Path) -> None:
    """Material's index should hold each page's entries together, in MkDocs' order of its
    pages. If it does not, no page's entries are kept; and a build that copied pages fails
    (with no cache left) rather than guess where their entries go."""
    from site_builder.outputs.page_cache import Entry
    from site_builder.site.fingerprints import Fingerprinter

    reuse = incremental.PageReuse.open(tmp_path, "key", Fingerprinter())
    reuse.order = [("a/index.html", "a/"), ("b/index.html", "b/")]
    reuse.cache.current = {"a/index.html": Entry(), "b/index.html": Entry()}
    ordered = [{"location": "a/"}, {"location": "a/#x"}, {"location": "b/"}]
    assert reuse.place_search_entries(ordered) == ordered
    assert reuse.cache.current["a/index.html"].search == ordered[:2]
    reuse.cache.current = {"a/index.html": Entry(), "b/index.html": Entry()}
    mixed = [{"location": "b/"}, {"location": "a/"}]
    assert reuse.place_search_entries(mixed) == mixed
    assert all(entry.search is None for entry in reuse.cache.current.values())
    reuse.copied = {"b/index.html": None}  # type: ignore[dict-item]
    reuse.cache.current["b/index.html"].search = [{"location": "b/"}]
    with pytest.raises(incremental.SearchOrderLost):
        reuse.place_search_entries([{"location": "c/"}])
    reuse.close()


def test_with_another_plugin_every_page_goes_through_mkdocs(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin the cache does not know may read any page during the build: no page is
    copied then, and the kept ones are replayed through MkDocs."""
    monkeypatch.setattr(plugin, "PLUGINS_THAT_ALLOW_COPYING", frozenset({"material/search"}))
    pages = _first_build(builds)
    assert builds.run("site-cached") == (0, pages)
    site = builds.site.base / "site-cached"
    assert all(page.stat().st_nlink == 1 for page in site.rglob("*.html"))
    builds.assert_same("no page copied")


def test_a_kept_page_written_in_place_after_its_build_is_rendered_again(
    builds: Builds,
) -> None:
    """A site's pages are the cache's files (hard links): a tool that writes into one in
    place changes the kept page too, which the next build must notice."""
    pages = _first_build(builds)
    written = builds.site.base / "site-cached" / "tin-tuc" / "bai-2" / "index.html"
    assert written.stat().st_nlink > 1, "the written page was not kept as a link"
    written.write_text(written.read_text("utf-8").replace("</body>", "<p>Sửa tay</p></body>"))
    assert builds.run("site-cached") == (1, pages - 1)
    assert "Sửa tay" not in written.read_text("utf-8")
    builds.assert_same("a page written in place")


def test_a_navigation_title_taken_from_a_heading_is_followed(builds: Builds) -> None:
    config = builds.site.base / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("- Trang chủ: index.md", "- index.md"), "utf-8"
    )
    builds.assert_same("a navigation page titled by its heading")
    builds.site.write("index.md", "# Trang đầu của huyện\n")
    builds.assert_same("its heading changed")
    assert "Trang đầu của huyện" in (
        builds.site.base / "site-cached" / "tin-tuc" / "bai-1" / "index.html"
    ).read_text("utf-8")


@pytest.mark.parametrize("part", ["_code_digest", "_libraries"])
def test_another_version_of_the_code_or_a_library_renders_everything(
    builds: Builds, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    pages = _first_build(builds)
    monkeypatch.setattr(build_key, part, lambda: "another version")
    assert builds.run("site-cached") == (pages, 0)


def test_builds_in_processes_of_their_own_equal_a_clean_one(builds: Builds) -> None:
    """`mkdocs build` as CI runs it, in a process of its own: there the page keys' digests
    are made by a forked copy of the build (site/digests_ahead.py), which this process,
    holding other tests' threads, may not fork. A retitled article after a first build
    gives the site a clean build gives."""

    def build(out: str, **environment: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", out],
            cwd=builds.site.base,
            env={**os.environ, **environment},
            capture_output=True,
            check=True,
        )

    build("site-cached")
    _set_field(_articles(builds.site)[1], "title", "Tiêu đề mới của bài")
    build("site-cached")
    build("site-plain", **{NO_CACHE_VARIABLE: "1"})
    assert any((builds.site.base / ".cache/pages").glob(f"*/{MANIFEST}"))
    assert_same_tree(
        builds.site.base / "site-plain", builds.site.base / "site-cached", "own processes"
    )


def test_the_process_freezes_what_is_left_when_it_exits_and_not_before(tmp_path: Path) -> None:
    """A build's process does not walk its site again while it exits (see `long_lived`);
    the handler is registered once, and runs before the handlers registered earlier."""
    script = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from site_builder.mkdocs_adapter.long_lived import freeze_at_exit\n"
        "before = atexit._ncallbacks()\n"
        "freeze_at_exit(); freeze_at_exit()\n"
        "print('frozen before exit:', gc.get_freeze_count() > 0)\n"
        "print('handlers added:', atexit._ncallbacks() - before)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert ran.stdout.splitlines() == [
        "frozen before exit: False",
        "handlers added: 1",
        "frozen at exit: True",
    ]


@pytest.mark.parametrize(
    "inputs",
    [
        {"links": {}, "images": {}},
        {"images": {}, "links": {}},
        {"links": {"../a.md": None}, "images": {}},
        {"links": {}, "images": {"anh/x.jpg": "ab12"}},
        {"links": {"b.md": ["tin-tuc/b/", False]}, "images": {"ảnh/đ.jpg": "cd"}},
    ],
)
def test_what_a_page_looked_up_is_keyed_by_its_canonical_json(inputs: dict[str, Any]) -> None:
    """The text a theme step's key holds of what the Markdown step looked up: JSON with
    sorted keys, however the dict was made (the pages that looked up nothing have it
    written once)."""
    expected = json.dumps(inputs, sort_keys=True, ensure_ascii=False)
    assert incremental._inputs_text(inputs) == expected
    assert incremental._inputs_text(json.loads(json.dumps(inputs))) == expected


def test_the_recorders_known_pages_are_mkdocs_own_after_any_change() -> None:
    """The pages `LookupRecorder` knows equal what MkDocs' `Files` finds by asking every
    file, in the same order, after files are added, removed, added again (which moves
    them last), included or excluded, and left out."""

    copied: list[str] = []

    class Copied(File):
        def copy_file(self, dirty: bool = False) -> None:
            copied.append(self.src_uri)

    def file(path: str, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        return Copied(path, "/docs", "/site", use_directory_urls=True, inclusion=inclusion)

    def copies(files: Files, inclusion: Callable[[InclusionLevel], bool]) -> list[str]:
        copied.clear()
        files.copy_static_files(inclusion=inclusion)
        return list(copied)

    def plain(files: LookupRecorder, inclusion: Callable[[InclusionLevel], bool]) -> list[File]:
        return [f for f in files if f.is_documentation_page() and inclusion(f.inclusion)]

    def drafts(level: InclusionLevel) -> bool:
        return level is InclusionLevel.DRAFT

    def assert_as_mkdocs(files: LookupRecorder) -> None:
        for inclusion in (InclusionLevel.is_included, InclusionLevel.is_in_serve, drafts):
            assert files.documentation_pages(inclusion=inclusion) == plain(files, inclusion)
            assert files.documentation_pages() == plain(files, InclusionLevel.is_included)
            every = [f for f in Files.__iter__(files) if f.is_documentation_page()]
            assert files.every_page(inclusion) == [f for f in every if inclusion(f.inclusion)]
            assert copies(files, inclusion) == copies(Files(files), inclusion)
        plain_files = Files(Files.__iter__(files))
        assert incremental.every_included_page(files) == plain_files.documentation_pages()
        assert incremental.every_included_page(plain_files) == plain_files.documentation_pages()

    files = LookupRecorder(
        [file("index.md"), file("a.png"), file("tin-tuc/b.md"), file("c.css"), file("d.md")]
    )
    assert_as_mkdocs(files)
    files.append(file("e.md"))
    files.append(file("f.jpg"))
    assert_as_mkdocs(files)
    files.remove(files.src_uris["tin-tuc/b.md"])
    assert_as_mkdocs(files)
    again = files.src_uris["index.md"]
    files.remove(again)
    files.append(again)
    assert [f.src_uri for f in files.documentation_pages()][-1] == "index.md"
    assert_as_mkdocs(files)
    with pytest.warns(DeprecationWarning):  # MkDocs replaces a file of the same path
        files.append(file("d.md"))
    assert_as_mkdocs(files)
    files.src_uris["d.md"].inclusion = InclusionLevel.EXCLUDED
    files.src_uris["e.md"].inclusion = InclusionLevel.DRAFT
    files.src_uris["f.jpg"].inclusion = InclusionLevel.EXCLUDED
    assert_as_mkdocs(files)
    files.left_out.add("index.md")
    assert_as_mkdocs(files)
    files._src_uris["g.md"] = file("g.md")  # a plugin writing into the mapping itself
    assert_as_mkdocs(files)
