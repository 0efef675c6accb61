"""The preview's quick path: a save that edits articles or profiles shows in a second or
two, and the whole preview follows in the background.

MkDocs rebuilds the whole site after every save of `mkdocs serve`: at 10,000 articles,
18 to 20 s before the editor sees the edit. When a save only edits the Markdown of
articles and profiles that exist (no file added, removed or renamed; no data file, photo,
template or setting changed), the plugin instead:

1. reads and checks the saved files again, and indexes the site again (the rest of the
   content, and the articles, profiles and views made of it, are taken from the build
   before: `load_content(previous=...)`, `build_site_index(previous=...)`);
2. renders, with MkDocs' own page steps and the configuration, navigation and templates
   of the build before, the pages that show the saved files (`site.showing`): their own
   pages, the listings they appear or appeared on, the pages of the models they name (of
   the articles that name a saved profile), the statistics when their figures changed;
   MkDocs then reloads the browsers;
3. starts a full build of the preview in a process of its own (`catch_up.py`, on the
   other core), into a folder beside the preview, whose files replace the preview's when
   it ends: what the quick path does not render (a listing whose items moved one place,
   the count beside a term, related articles, the sitemap, the search index, the feeds)
   follows some seconds later.
   A save before it ends stops it, and its own quick path starts another.

A page the quick path renders is the page the full build makes, byte for byte
(tests/test_quick_preview.py). Anything else, or any doubt (a saved file the checks
reject, a changed address, draft state or set of listings, a full build that failed), is a
full build, as MkDocs always does.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .incremental import LookupRecorder
from .preview import PreviewFolder

log = logging.getLogger("mkdocs.plugins.site_builder.quick_preview")

Stamps = dict[str, tuple[int, int]]
"""Every watched file by path: its modification time (ns) and size."""

_STOP_SECONDS = 10.0
"""How long a stopped full build may take to end before it is killed."""


def watched_roots(config: MkDocsConfig) -> list[str]:
    """What a save may change that a build reads: the content, the configuration file, the
    theme's overrides and whatever `watch:` adds. Not the installed themes' folders (some
    13,000 files, 0.1 s a walk): they change with their package's version, which the page
    cache's key holds, and MkDocs' watcher does not watch them either by default."""
    custom = [config.theme.custom_dir] if config.theme.custom_dir else []
    roots = [config.docs_dir, *custom, *config.watch]
    if config.config_file_path:
        roots.append(config.config_file_path)
    return [os.path.abspath(root) for root in roots]


def take_stamps(roots: Iterable[str]) -> Stamps:
    """Stat every file under `roots` (a root may be a file): some 12,000 files at 10,000
    articles, in about 0.1 s."""
    stamps: Stamps = {}
    pending = list(roots)
    while pending:
        path = pending.pop()
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir():
                        pending.append(entry.path)
                    else:
                        _stamp(stamps, entry.path, entry.stat)
        except NotADirectoryError:
            _stamp(stamps, path, functools.partial(os.stat, path))
        except OSError:
            continue
    return stamps


def _stamp(stamps: Stamps, path: str, stat: Callable[[], os.stat_result]) -> None:
    try:
        status = stat()
    except OSError:
        return
    stamps[path] = (status.st_mtime_ns, status.st_size)


@dataclass
class LastBuild:
    """What a build of the preview leaves for the quick path: MkDocs' configuration, files,
    navigation and templates, and the watched files as they were when it began."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    stamps: Stamps

    def saved_pages(self, now: Stamps) -> set[str] | None:
        """The source paths of the Markdown files in content/ edited since, or None when
        anything else changed: a file added, removed or renamed, any other file."""
        before = self.stamps
        changed = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
        docs = os.path.abspath(self.config.docs_dir) + os.sep
        sources = set()
        for path in changed:
            if path not in before or path not in now:
                return None
            if not (path.startswith(docs) and path.endswith(".md")):
                return None
            sources.add(path[len(docs) :].replace(os.sep, "/"))
        return sources

    @functools.cached_property
    def pages(self) -> Sequence[File]:
        """Every page of the preview (a quick save adds and removes none), the ones the
        build copied from the page cache too: MkDocs' list of them leaves those out."""
        if isinstance(self.files, LookupRecorder):
            return self.files.every_page(InclusionLevel.is_in_serve)
        return self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)

    def pages_at(self, urls: Iterable[str]) -> list[File]:
        """The pages published at `urls`."""
        wanted = set(urls)
        return [file for file in self.pages if file.url in wanted]

    def render(self, files: Iterable[File]) -> int:
        """Render and write the pages of `files` as MkDocs' build does, with the page
        objects of the navigation for its pages (whose titles, neighbours and active state
        the theme shows) and new ones for the others, as MkDocs makes them."""
        in_navigation = {page.file.src_uri for page in self.nav.pages}
        count = 0
        for file in files:
            if not InclusionLevel.is_in_serve(file.inclusion):  # type: ignore[no-untyped-call]
                continue
            page = file.page
            if page is None or file.src_uri not in in_navigation:
                page = Page(None, file, self.config)
            _populate_page(page, self.config, self.files)
            excluded = file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
            _build_page(page, self.config, self.pages, self.nav, self.env, excluded=excluded)
            count += 1
        return count


class CatchUpBuild:
    """The full build of the preview that follows a quick one, in a process of its own,
    into a folder beside the preview whose files replace the preview's when it ends."""

    def __init__(self, config: MkDocsConfig, preview: PreviewFolder) -> None:
        self.served = Path(config.site_dir)
        self.command = [
            sys.executable,
            "-m",
            "site_builder.mkdocs_adapter.catch_up",
            os.path.abspath(config.config_file_path or "mkdocs.yml"),
            str(config.site_url or ""),
            "--strict" if config.strict else "--no-strict",
            "--directory-urls" if config.use_directory_urls else "--no-directory-urls",
            f"--server={os.getpid()}",
        ]
        self.preview = preview
        self.lock = threading.Lock()
        """Held by whatever writes the preview's files: a build, or the swap after one."""
        self.failed = False
        """The last full build failed: the next build (asked for at once, `on_failure`) is
        MkDocs' own, in the server's process, where the reason is reported."""
        self.on_failure: Callable[[], None] = lambda: None
        self._generation = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._waiter: threading.Thread | None = None

    def start(self) -> None:
        """Start a full build of the preview (with `lock` held)."""
        self.stop()
        staging = Path(tempfile.mkdtemp(prefix=f"{self.served.name}-next-", dir=self.served.parent))
        process = subprocess.Popen(
            [*self.command, str(staging)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._process = process
        waiter = threading.Thread(
            target=self._finish, args=(process, staging, self._generation), daemon=True
        )
        waiter.start()
        self._waiter = waiter

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the last full build started to end and its files to be in place."""
        if self._waiter is not None:
            self._waiter.join(timeout)

    def stop(self) -> None:
        """Stop the full build under way, if any: what it would write is older than the
        save being built (with `lock` held, or when the preview ends)."""
        self._generation += 1
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _finish(self, process: subprocess.Popen[bytes], staging: Path, generation: int) -> None:
        """When the build ends: its files replace the preview's, unless another save came
        since; or, if it failed, the next save is a full build in the server's process."""
        _, errors = process.communicate()
        with self.lock:
            current = generation == self._generation
            if current and process.returncode == 0:
                self.preview.replace_with(self.served, staging)
                log.info("Bản xem trước đã được dựng lại toàn bộ.")
            elif current:
                self.failed = True
                why = errors.decode("utf-8", "replace").strip().splitlines()[-3:]
                log.warning(
                    "Bản xem trước chưa dựng lại toàn bộ được ở nền; đang dựng lại toàn bộ "
                    "ngay, lỗi trong nội dung (nếu có) sẽ được báo ở đây kèm mã lỗi. Chi tiết: "
                    + " ".join(why)
                )
            self.preview.discard(staging)
        if current and process.returncode != 0:
            self.on_failure()


class QuickPreview:
    """Takes the place of MkDocs' builder in `mkdocs serve`: a save the plugin can show
    quickly (`quick_save`) is followed by a full build in another process; any other save
    is built by MkDocs, as it always is."""

    def __init__(
        self,
        server: LiveReloadServer,
        builder: Callable[[], None],
        quick_save: Callable[[], bool],
        catch_up: CatchUpBuild,
    ) -> None:
        self.server = server
        self.builder = builder
        self.quick_save = quick_save
        self.catch_up = catch_up
        catch_up.on_failure = self.rebuild_soon

    def build(self) -> None:
        with self.catch_up.lock:
            self.catch_up.stop()
            if not self.catch_up.failed and self.quick_save():
                self.catch_up.start()
                return
            self.catch_up.failed = False
            self.builder()

    def rebuild_soon(self) -> None:
        """Ask MkDocs' server for a build, as a save does (the server has no public way)."""
        condition = getattr(self.server, "_rebuild_cond", None)
        if condition is None or not hasattr(self.server, "_want_rebuild"):
            return
        with condition:
            self.server._want_rebuild = True
            condition.notify_all()

    def close(self) -> None:
        """Stop the full build under way and let it delete its folder (the preview ends)."""
        with self.catch_up.lock:
            self.catch_up.stop()
        self.catch_up.wait(_STOP_SECONDS)
