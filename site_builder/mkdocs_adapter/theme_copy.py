"""The theme step of a share of the pages, made by a forked copy of the build.

After `on_env`, MkDocs puts every page in its template, one after the other, on one core:
at 1,000 articles, 1,400 pages and a third of a clean build, while the machine's second
core waits. A page outside the navigation is needed by nothing else in the build but
Material's search (the same pages the page cache may copy, see `incremental.py`), so a
copy of the build forked at the end of `on_env` (`site/forked_task.py`) can make a share
of them with MkDocs' own code, every plugin hook included, while the build makes the
rest:

  - the build leaves the copy's pages out of the files it walks, as it does the copied
    ones (`LookupRecorder`); links to them still resolve;
  - the copy writes its pages into the site, checks the anchors they link to (every
    page's are known once `on_env` comes), links its pages into the page cache, and
    answers with each page's search entries, its key and stamp in the cache, and the
    messages it logged;
  - the build logs those messages as its own (so `--strict` counts them), keeps the pages
    in its cache, and puts their search entries where a build that made every page would
    (`PageReuse.place_search_entries`).

Should the copy fail, the build makes its pages itself in `on_post_build`, as the copy
would have. Below `LEAST_PAGES` pages (a build that changed one article) a fork costs
more than it saves.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

LEAST_PAGES = 100
"""Below this many pages to put in the theme, no copy is forked."""

SHARE = 0.5
"""The copy's share of the pages it may make."""

SEARCH_PLUGINS = ("material/search", "search")

LogLine = tuple[str, int, str, str]
"""A message logged in the copy: its logger's name, level, level's name and text."""


def copy_share(pages: Sequence[Page], share: float = SHARE) -> list[Page]:
    """The pages the copy makes: every other one, so that each has its share of each kind
    (articles, listings, terms), whose costs differ."""
    return [
        page for index, page in enumerate(pages) if int((index + 1) * share) > int(index * share)
    ]


def search_entries(config: MkDocsConfig) -> list[Any] | None:
    """The list Material's search plugin adds each page's entries to, [] without search,
    or None when a search plugin keeps its entries elsewhere (no page is made by a copy)."""
    names = [name for name in SEARCH_PLUGINS if name in config.plugins]
    if not names:
        return []
    index = getattr(config.plugins[names[0]], "search_index", None)
    entries = getattr(index, "entries", None)
    return entries if isinstance(entries, list) else None


class PageMaker:
    """What MkDocs' loop after `on_env` does to a page, for the pages given: in the copy,
    or in the build when the copy failed."""

    def __init__(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Environment,
        entries: list[Any],
    ) -> None:
        self.config = config
        self.files = files
        self.nav = nav
        self.env = env
        self.entries = entries
        self.doc_files: Sequence[File] = []

    def make(self, pages: Sequence[Page]) -> dict[str, list[Any]]:
        """Put each page in its template and write it, then check the anchors its links
        name, as MkDocs' build does; each page's search entries, by its address, taken
        out of the search plugin's list (the build places them)."""
        made: dict[str, list[Any]] = {}
        for page in pages:
            start = len(self.entries)
            _build_page(page, self.config, self.doc_files, self.nav, self.env)
            made[page.file.dest_uri] = _as_written(self.entries[start:])
            del self.entries[start:]
        log_level = self.config.validation.links.anchors
        for page in pages:
            page.validate_anchor_links(files=self.files, log_level=log_level)
        return made


def _as_written(entries: list[Any]) -> list[Any]:
    """The entries as Material writes them into its index (JSON, any other value as text)."""
    return json.loads(json.dumps(entries, default=str)) if entries else []


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[LogLine] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.levelname, record.getMessage()))


@contextmanager
def logged_lines(keep: Sequence[logging.Handler]) -> Iterator[list[LogLine]]:
    """In the copy: MkDocs' messages noted for the build to log, not printed (with the
    handlers in `keep`, such as the page cache's watch for warnings)."""
    logger = logging.getLogger("mkdocs")
    lines = _Lines()
    logger.handlers = [*keep, lines]
    logger.propagate = False
    yield lines.lines


def log_again(lines: Sequence[LogLine]) -> None:
    """In the build: the copy's messages, through the build's own handlers."""
    for name, level, level_name, text in lines:
        record = logging.makeLogRecord(
            {"name": name, "levelno": level, "levelname": level_name, "msg": text}
        )
        logging.getLogger(name).handle(record)
