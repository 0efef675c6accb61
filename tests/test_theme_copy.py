"""A share of the pages put in the theme by a forked copy of the build
(mkdocs_adapter/theme_copy.py), and open data and feeds written by another
(`published_files.OutputFiles`): the site is the one a build without them makes, byte for
byte, and the page cache keeps the copy's pages; failed copies leave their work to the
build; what the copy logs, the build logs, and `--strict` counts.

The builds run in processes of their own, as CI runs them: pytest's process may hold other
tests' threads, beside which nothing is forked. Every page may be made by the copy here
(`LEAST_PAGES` is 1): the fixture has far fewer pages than a fork pays for.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest

from site_builder.mkdocs_adapter.plugin import NO_CACHE_VARIABLE
from site_builder.mkdocs_adapter.theme_copy import copy_share, search_entries

from .conftest import REPO
from .test_incremental import (
    REPORT,
    Builds,
    _articles,
    _set_field,
    assert_same_tree,
    incremental_site,
)

RUNNER = """
import logging, os, sys
sys.path.insert(0, sys.argv[1])
from site_builder.mkdocs_adapter import theme_copy
from site_builder.mkdocs_adapter.plugin import SiteBuilderPlugin
theme_copy.LEAST_PAGES = 1
build_process = os.getpid()
mode = sys.argv[2]
if mode == "failing copies":
    from site_builder.site import forked_task
    def fail(handle, work):
        os._exit(3)
    forked_task._answer = fail
if mode == "copy that warns":
    context_of = SiteBuilderPlugin.on_page_context
    warned = []
    def context_and_warning(self, context, /, **kwargs):
        context = context_of(self, context, **kwargs)
        if os.getpid() != build_process and not warned:
            warned.append(kwargs["page"].file.src_uri)
            logging.getLogger("mkdocs.plugins.test").warning(
                "Cảnh báo thử ở trang %s", warned[0]
            )
        return context
    SiteBuilderPlugin.on_page_context = context_and_warning
from mkdocs.__main__ import cli
cli(sys.argv[3:])
"""

builds = pytest.fixture(incremental_site, name="builds")
"""The site test_incremental builds."""

MADE_IN_COPY = re.compile(r"(\d+) trang dựng song song")
WARNING = re.compile(r"Cảnh báo thử ở trang (\S+)")


def build(
    builds: Builds, out: str, mode: str = "", *options: str, cache: bool = True
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` into `out`, in a process of its own."""
    environment = {k: v for k, v in os.environ.items() if k != NO_CACHE_VARIABLE}
    if not cache:
        environment[NO_CACHE_VARIABLE] = "1"
    return subprocess.run(
        [sys.executable, "-c", RUNNER, str(REPO), mode, "build", "-d", out, *options],
        cwd=builds.site.base,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def counts(ran: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    """Pages rendered, copied from the cache, made by the copy (the build's report)."""
    assert ran.returncode == 0, ran.stderr
    report = REPORT.search(ran.stderr)
    assert report is not None, ran.stderr
    made = MADE_IN_COPY.search(ran.stderr)
    return int(report[1]), int(report[2]), int(made[1]) if made else 0


def test_the_copy_s_pages_are_the_pages_a_build_without_it_makes(builds: Builds) -> None:
    rendered, copied, in_copy = counts(build(builds, "site-cached"))
    assert copied == 0 and 0 < in_copy < rendered
    build(builds, "site-plain", cache=False).check_returncode()
    assert_same_tree(builds.site.base / "site-plain", builds.site.base / "site-cached", "clean")
    # The cache kept every page the copy made, with its search entries: nothing changed,
    # every page is copied.
    assert counts(build(builds, "site-cached")) == (0, rendered, 0)
    _set_field(_articles(builds.site)[1], "title", "Tiêu đề mới của bài")
    build(builds, "site-cached").check_returncode()
    build(builds, "site-plain", cache=False).check_returncode()
    assert_same_tree(builds.site.base / "site-plain", builds.site.base / "site-cached", "retitled")


def test_failed_copies_leave_their_work_to_the_build(builds: Builds) -> None:
    """Every forked copy fails: the one making pages, the one writing open data and feeds
    (`published_files.OutputFiles`), the one digesting what pages show."""
    rendered, copied, in_copy = counts(build(builds, "site-cached", "failing copies"))
    assert (copied, in_copy) == (0, 0)
    build(builds, "site-plain", cache=False).check_returncode()
    assert_same_tree(builds.site.base / "site-plain", builds.site.base / "site-cached", "failed")
    assert counts(build(builds, "site-cached")) == (0, rendered, 0)


def test_what_the_copy_logs_the_build_logs_and_strict_counts(builds: Builds) -> None:
    ran = build(builds, "site-cached", "copy that warns")
    rendered, _, in_copy = counts(ran)
    warned = WARNING.findall(ran.stderr)
    assert len(warned) == 1 and in_copy > 0, ran.stderr
    # The page that warned is not kept: the next build renders it again, and only it.
    assert counts(build(builds, "site-cached")) == (1, rendered - 1, 0)
    strict = build(builds, "site-strict", "copy that warns", "--strict")
    assert strict.returncode != 0
    assert "Aborted with 1 warnings in strict mode" in strict.stdout + strict.stderr
    assert len(WARNING.findall(strict.stderr)) == 1


def test_the_copy_takes_every_other_page() -> None:
    pages = list(range(7))
    assert copy_share(pages) == [1, 3, 5]  # type: ignore[arg-type]
    assert copy_share(pages, 1.0) == pages  # type: ignore[arg-type]
    assert copy_share(pages, 0.0) == []  # type: ignore[arg-type]


def test_the_copy_needs_a_search_plugin_whose_entries_it_can_take() -> None:
    def config(**plugins: object) -> object:
        return SimpleNamespace(plugins=plugins)

    entries: list[object] = []
    material = SimpleNamespace(search_index=SimpleNamespace(entries=entries))
    assert search_entries(config()) == []  # type: ignore[arg-type]
    assert search_entries(config(**{"material/search": material})) is entries  # type: ignore[arg-type]
    # MkDocs' own search plugin keeps its entries elsewhere: no page is made by a copy.
    own = SimpleNamespace(search_index=SimpleNamespace(_entries=[]))
    assert search_entries(config(search=own)) is None  # type: ignore[arg-type]
