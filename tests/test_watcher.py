"""The preview's watcher (site_builder/mkdocs_adapter/watcher.py): the kernel tells of a
save on local disks of Linux; elsewhere MkDocs' polling stays, and a build that reads the
files never counts as a save."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from site_builder.mkdocs_adapter import plugin as plugin_module
from site_builder.mkdocs_adapter import watcher
from site_builder.mkdocs_adapter.plugin import SiteBuilderPlugin
from site_builder.mkdocs_adapter.preview import PollingPause
from site_builder.mkdocs_adapter.watcher import (
    ChangesOnly,
    can_be_notified,
    file_system_of,
    read_mounts,
    use_notified_watcher,
)

from .conftest import FixtureSite, make_buildable

LOCAL = [("/", "ext4")]


def test_the_file_system_is_the_longest_mount_point_holding_the_path(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    mounts = [("/", "ext4"), (str(tmp_path), "tmpfs"), (str(shared), "9p")]
    assert file_system_of(str(tmp_path / "a.md"), mounts) == "tmpfs"
    assert file_system_of(str(shared / "tin-tuc" / "a.md"), mounts) == "9p"
    assert file_system_of(str(tmp_path) + "x", mounts) == "ext4"  # a sibling, not inside
    assert file_system_of("/anywhere", []) is None


def test_only_existing_paths_on_local_disks_of_linux_are_notified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher.sys, "platform", "linux")
    assert can_be_notified([str(tmp_path)], LOCAL)
    assert can_be_notified([str(tmp_path)], [("/", "overlay")])
    for shared in ("9p", "nfs", "cifs", "virtiofs", "fuse.sshfs", "fakeowner", "vboxsf"):
        assert not can_be_notified([str(tmp_path)], [("/", shared)]), shared
    assert not can_be_notified([str(tmp_path), str(tmp_path / "missing")], LOCAL)
    monkeypatch.setattr(watcher.sys, "platform", "darwin")
    assert not can_be_notified([str(tmp_path)], LOCAL)


def test_the_mount_table_is_read_with_its_escapes(tmp_path: Path) -> None:
    table = tmp_path / "mounts"
    table.write_text(
        "/dev/vda / ext4 rw,relatime 0 0\nshare /mnt/Tin\\040tuc 9p rw 0 0\nbroken\n",
        "utf-8",
    )
    assert read_mounts(table) == [("/", "ext4"), ("/mnt/Tin tuc", "9p")]
    assert read_mounts(tmp_path / "missing") == []


def _server(tmp_path: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def _wants_rebuild(server: LiveReloadServer, within: float) -> bool:
    with server._rebuild_cond:
        server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)
        wanted = server._want_rebuild
        server._want_rebuild = False
    return wanted


@pytest.fixture
def watched(tmp_path: Path) -> tuple[LiveReloadServer, Path, Path]:
    docs = tmp_path / "content"
    (docs / "tin-tuc").mkdir(parents=True)
    article = docs / "tin-tuc" / "bai.md"
    article.write_text("---\ntitle: Bài\n---\nThân bài.\n", "utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Thử\n", "utf-8")
    server = _server(tmp_path)
    server.watch(str(docs))
    server.watch(str(config))
    server.watch(str(docs))  # watched twice, as MkDocs counts
    return server, article, config


@pytest.fixture
def notified(
    watched: tuple[LiveReloadServer, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[LiveReloadServer, Path, Path]]:
    """The watched paths, given to the inotify observer as on a Linux machine's disk."""
    server = watched[0]
    monkeypatch.setattr(watcher.sys, "platform", "linux")
    assert use_notified_watcher(server, [], LOCAL)
    server.observer.start()
    try:
        yield watched
    finally:
        server.observer.stop()
        server.observer.join()


def test_a_save_is_told_at_once_and_a_read_is_not_a_save(
    notified: tuple[LiveReloadServer, Path, Path],
) -> None:
    server, article, config = notified
    assert isinstance(server.observer, ChangesOnly)
    assert server._watched_paths == {str(article.parents[1]): 2, str(config): 1}
    time.sleep(0.2)
    article.read_text("utf-8")  # what every build does to every file
    config.read_text("utf-8")
    assert not _wants_rebuild(server, 0.6)
    article.write_text("---\ntitle: Bài đã sửa\n---\nThân bài.\n", "utf-8")
    assert _wants_rebuild(server, 2.0)
    config.write_text("site_name: Thử lại\n", "utf-8")
    assert _wants_rebuild(server, 2.0)
    (article.parent / "moi.md").write_text("Mới.\n", "utf-8")
    assert _wants_rebuild(server, 2.0)
    article.rename(article.parent / "doi-ten.md")
    assert _wants_rebuild(server, 2.0)
    server.unwatch(str(config))
    assert str(config) not in server._watched_paths


def test_polling_stays_where_the_kernel_would_not_tell(
    watched: tuple[LiveReloadServer, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, _, config = watched
    monkeypatch.setattr(watcher.sys, "platform", "linux")
    polling = server.observer
    assert not use_notified_watcher(server, [], [("/", "9p")])
    assert not use_notified_watcher(server, [str(config.parent / "missing")], LOCAL)
    assert server.observer is polling
    assert len(server._watch_refs) == 2


def test_polling_comes_back_when_inotify_cannot_watch(
    watched: tuple[LiveReloadServer, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, article, config = watched
    monkeypatch.setattr(watcher.sys, "platform", "linux")

    def no_watch_left(*args: object, **kwargs: object) -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(ChangesOnly, "schedule", no_watch_left)
    polled = {watch.path for watch in server.observer._watches}
    assert not use_notified_watcher(server, [], LOCAL)
    assert isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(article.parents[1]): 2, str(config): 1}
    assert set(server._watch_refs) == set(server._watched_paths)
    assert {watch.path for watch in server.observer._watches} == polled


def test_the_pause_of_builds_leaves_a_notified_watcher_alone(
    notified: tuple[LiveReloadServer, Path, Path],
) -> None:
    server, article, _ = notified
    pause = PollingPause()
    pause.watch(server.observer)
    try:
        pause.begin()
        assert pause.held == []
        article.write_text("Sửa trong lúc dựng.\n", "utf-8")
        assert _wants_rebuild(server, 2.0)
    finally:
        pause.end()


@pytest.mark.parametrize("polling", [False, True])
def test_the_preview_watches_by_polling_when_told_to(
    site: FixtureSite, monkeypatch: pytest.MonkeyPatch, polling: bool
) -> None:
    """`watch_by_polling: true` keeps MkDocs' polling watcher, and the pause of builds holds
    it; otherwise, on a local disk of Linux, the plugin gives the server inotify's."""
    make_buildable(site)
    config_file = site.base / "mkdocs.yml"
    text = config_file.read_text("utf-8").replace(
        "page_size: 10", f"page_size: 10\n      watch_by_polling: {str(polling).lower()}"
    )
    config_file.write_text(text, "utf-8")
    monkeypatch.setattr(plugin_module, "read_mounts", lambda: LOCAL)
    monkeypatch.setattr(watcher.sys, "platform", "linux")
    config = load_config(str(config_file))
    config.plugins.on_startup(command="serve", dirty=False)
    server = _server(site.base)
    server.watch(config.docs_dir)
    plugin = config.plugins["site-builder"]
    assert isinstance(plugin, SiteBuilderPlugin)
    try:
        config.plugins.on_serve(server, config=config, builder=lambda: None)
        assert isinstance(server.observer, PollingObserver) is polling
        assert (plugin.polling.observer is server.observer) is polling
    finally:
        config.plugins.on_shutdown()


def test_a_linked_folder_inside_is_polled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """inotify would watch the link, not the folder it points to, where saves happen."""
    monkeypatch.setattr(watcher.sys, "platform", "linux")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    docs = tmp_path / "content" / "tin-tuc"
    docs.mkdir(parents=True)
    assert can_be_notified([str(tmp_path / "content")], LOCAL)
    (docs / "2020").symlink_to(elsewhere, target_is_directory=True)
    assert not can_be_notified([str(tmp_path / "content")], LOCAL)
