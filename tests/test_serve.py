"""Live preview: `mkdocs serve` picks up new articles, data files and errors, and stays up."""

from __future__ import annotations

import gc
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from site_builder.mkdocs_adapter.preview import PollingPause, PreviewFolder
from site_builder.mkdocs_adapter.watcher import can_be_notified, read_mounts

from .conftest import FixtureSite, make_buildable

TIMEOUT = 60.0
RENDERED = re.compile(r"Bộ nhớ đệm trang: (\d+) trang dựng lại")
QUICK = re.compile(r"Xem trước nhanh: (\d+) trang dựng lại")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"mkdocs serve never showed {what}")


NOTIFIED = "Xem trước: tệp vừa lưu được biết ngay (inotify)"


@pytest.fixture(params=[False, True], ids=["notified", "polling"])
def served(
    site: FixtureSite, request: pytest.FixtureRequest
) -> Iterator[tuple[FixtureSite, str, Path]]:
    """`mkdocs serve` on the fixture site, told of saves by inotify (the fixture is on a
    local disk of Linux) or, with `watch_by_polling: true`, by MkDocs' polling."""
    make_buildable(site)
    polling: bool = request.param
    if polling:
        config = site.base / "mkdocs.yml"
        config.write_text(
            config.read_text("utf-8").replace(
                "page_size: 10", "page_size: 10\n      watch_by_polling: true"
            ),
            "utf-8",
        )
    port = free_port()
    log = site.base / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site.base,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(lambda: fetch(base + "tin-tuc/") is not None, "the first build")
            wait_for(lambda: "Serving on" in log.read_text("utf-8"), "the server")
            assert (NOTIFIED in log.read_text("utf-8")) is (not polling and _linux_disk(site))
            yield site, base, log
        finally:
            server.terminate()
            server.wait(timeout=20)


def _linux_disk(site: FixtureSite) -> bool:
    """Whether the fixture is where inotify is used (CI's and this machine's disks are)."""
    return can_be_notified([str(site.content)], read_mounts())


def test_serve_rebuilds_on_changes_and_survives_errors(
    served: tuple[FixtureSite, str, Path],
) -> None:
    site, base, log = served
    site.article("bai-moi", replace={"title: Bài tổng kết": "title: Bài vừa viết xong"})
    wait_for(lambda: "Bài vừa viết xong" in (fetch(base + "tin-tuc/") or ""), "the new article")
    assert "Bài vừa viết xong" in (fetch(base + "tin-tuc/bai-moi/") or "")

    categories = site.content / "_data/categories.yml"
    categories.write_text(categories.read_text(encoding="utf-8") + "- name: Thể thao\n", "utf-8")
    wait_for(lambda: fetch(base + "chuyen-muc/the-thao/") is not None, "the new category page")

    site.article("hong", replace={"date: 10/02/2020": "date: 30/02/2020"})
    wait_for(lambda: "SB112" in log.read_text(encoding="utf-8"), "the coded error")
    assert "content/tin-tuc/hong.md:3" in log.read_text(encoding="utf-8")
    assert "Bài vừa viết xong" in (fetch(base + "tin-tuc/") or "")  # still serving


def test_a_save_renders_again_only_the_pages_it_changed(
    served: tuple[FixtureSite, str, Path],
) -> None:
    site, base, log = served
    article = site.content / "tin-tuc" / "bai-tong-ket.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nMột câu vừa thêm.\n", "utf-8")
    wait_for(
        lambda: "Một câu vừa thêm" in (fetch(base + "tin-tuc/bai-tong-ket/") or ""), "the edit"
    )
    rebuilds = [int(n) for n in RENDERED.findall(log.read_text(encoding="utf-8"))]
    assert rebuilds[0] > 10  # the first build renders every page
    assert QUICK.findall(log.read_text(encoding="utf-8")) == ["1"]  # the save: the article

    article.write_text(
        article.read_text(encoding="utf-8").replace("title: Bài tổng kết", "title: Bài đã đổi tên"),
        "utf-8",
    )
    wait_for(lambda: "Bài đã đổi tên" in (fetch(base + "tin-tuc/") or ""), "the new title")
    assert "Bài đã đổi tên" in (fetch(base + "tin-tuc/bai-tong-ket/") or "")
    assert "Một câu vừa thêm" in (fetch(base + "tin-tuc/bai-tong-ket/") or "")


def test_the_previous_preview_is_moved_out_at_once_and_deleted_in_the_background(
    tmp_path: Path,
) -> None:
    preview = tmp_path / "mkdocs_preview"
    (preview / "tin-tuc" / "bai-1").mkdir(parents=True)
    (preview / "tin-tuc" / "bai-1" / "index.html").write_text("cũ", "utf-8")
    (preview / "sitemap.xml").write_text("<urlset/>", "utf-8")
    beside = tmp_path / "other.txt"
    beside.write_text("giữ nguyên", "utf-8")
    folder = PreviewFolder()
    folder.empty(preview)
    assert preview.is_dir() and not any(preview.iterdir())  # empty before the build starts
    for deleter in folder.deleters:
        deleter.wait(timeout=TIMEOUT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs_preview", "other.txt"]
    assert beside.read_text("utf-8") == "giữ nguyên"
    folder.empty(preview)  # an empty folder: nothing to move, no process
    assert folder.deleters == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "mkdocs_preview",
        "other.txt",
    ]


def test_the_watcher_does_not_walk_during_a_build_and_finds_a_save_made_meanwhile(
    tmp_path: Path,
) -> None:
    """MkDocs' watcher, as `mkdocs serve` makes it (a polling observer), here polling
    every 50 ms: paused, it reports nothing; resumed, it reports the save made meanwhile."""
    saved = tmp_path / "bai.md"
    saved.write_text("trước", "utf-8")
    changes: list[str] = []

    class Recorder(FileSystemEventHandler):
        def on_modified(self, event: FileSystemEvent) -> None:
            if not event.is_directory:
                changes.append(str(event.src_path))

    observer = PollingObserver(timeout=0.05)
    observer.schedule(Recorder(), str(tmp_path), recursive=True)
    observer.start()
    pause = PollingPause()
    pause.watch(observer)
    try:
        time.sleep(0.3)  # the first walk, which later ones are compared with
        pause.begin()
        assert pause.held  # one lock per watched folder
        saved.write_text("trong lúc dựng, dài hơn", "utf-8")
        time.sleep(0.5)  # ten polling intervals
        assert changes == []
        pause.end()
        wait_for(lambda: str(saved) in changes, "the save made during the build")
    finally:
        pause.end()
        observer.stop()
        observer.join(timeout=TIMEOUT)


def test_a_save_frees_the_site_the_build_before_made(
    site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's plugin lives from one save to the next: the pages and navigation of
    the build before are freed when a save's build starts, even though MkDocs' objects
    refer to each other and only the collector frees them (here it never runs by itself)."""
    make_buildable(site)
    monkeypatch.chdir(site.base)
    monkeypatch.setenv("SITE_BUILDER_NOW", "2026-11-26 12:00")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    serve_url = "http://127.0.0.1:8000/"

    def save() -> MkDocsConfig:
        config = load_config(str(site.base / "mkdocs.yml"), site_dir=str(site.base / "preview"))
        config.site_url = serve_url
        return config

    collecting = gc.isenabled()
    gc.disable()
    config = save()
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config, serve_url=serve_url)
        plugin = config.plugins["site-builder"]
        first = weakref.ref(plugin.nav)  # type: ignore[attr-defined]
        mkdocs_build(save(), serve_url=serve_url)
        assert first() is None
        # What the configuration gave before the save's build started is kept.
        assert "Đầm Hà" in plugin.publisher.description  # type: ignore[attr-defined]
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # as the other tests expect
        if collecting:
            gc.enable()
