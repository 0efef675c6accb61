"""The page cache: what the last build rendered, kept so the next one renders only what changed.

A page is made in two steps, and each is kept apart, under a key that digests everything
that step read (see the MkDocs adapter's `incremental.py` for the keys):
  - its Markdown turned into HTML (`Rendered`: the content, its table of contents, title
    and anchors), which depends on the page's source and the links and photos it names;
  - the whole page from the theme, which also depends on its view, its listing, the
    navigation and the site's settings.
An article whose listing changed is put in the theme again without parsing its Markdown;
an article nothing of which changed is copied from the cache.

Where each step is kept, so that keeping costs a build almost nothing:
  - the Markdown steps in one SQLite file (`markdown.sqlite`, Python's own `sqlite3`),
    written in one transaction: a file per page cost a file's creation per page, and on
    this machine's disk that was the largest part of what the cache added to a build;
  - the pages as the files MkDocs wrote into the site, hard-linked into the cache when
    the build ends (one directory entry, no second copy of their bytes). A page published
    again from the cache is a link to the same file. MkDocs empties the site's folder
    before it writes (removing directory entries, never writing into a kept file); any
    other writing into a site's page in place is noticed by its size and time, kept in
    the manifest, and the page is rendered again.

Never a stale page: the manifest of keys is removed before a build changes the cache
(`claim`) and written again only when it ends, so a build that fails or is stopped after
leaves no cache and the next build is a clean one. A cache written by another version of
the code, of a library or of the settings carries another build key, and is not used.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

StrPath = str | os.PathLike[str]
"""A path, as `os` takes it: a string spares building a `Path` for each of many files."""

FORMAT = 3
MANIFEST = "manifest.marshal"
"""Python's `marshal`, not JSON: the manifest of 13,000 pages at 10,000 articles is written
at every build, in 0.015 s where JSON's encoder took 0.08-0.11 s, and read as fast as JSON
(it holds JSON's own values). Its format is part of Python, which can read older versions;
anything it cannot read is an unreadable cache, a clean build."""
MARSHAL_VERSION = 4
"""The newest version of `marshal`'s format, which Python has written since 3.4."""
RENDERS = "markdown.sqlite"


@dataclass(frozen=True)
class Rendered:
    """What MkDocs' Markdown step leaves on a page, in plain values."""

    content: str
    toc: list[dict[str, Any]]
    """The table of contents as Python-Markdown's tokens (name, id, level, children)."""
    title: str | None
    anchors: list[str]
    links_to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)
    """Links to anchors in other pages, by the target's source path, for MkDocs' check."""


@dataclass
class Entry:
    """The keys of one page's two steps, and the inputs its Markdown step looked up."""

    render: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    output: str = ""
    anchors: list[str] = field(default_factory=list)
    """The page's anchors, for MkDocs' check of links to them when the page is copied."""
    stamp: list[int] = field(default_factory=list)
    """The kept page's size and modification time (ns): another value means the file
    was written in place since, and is not used."""
    search: list[dict[str, Any]] | None = None
    """What Material's search indexed of the page (its entries in `search_index.json`),
    so that a page search reads can be copied too; None when not known."""

    def as_saved(self) -> dict[str, Any]:
        """The entry for the manifest. Its values are JSON's own (lists, dicts, text and
        numbers, as Material's search entries are), so its fields are handed over as they
        are: `dataclasses.asdict` copied every
        entry's inputs deeply, half a second of a build at 10,000 pages."""
        return vars(self)


class _RenderStore:
    """The Markdown steps, by key, in one SQLite table. New ones are written in batches
    inside one transaction, committed when the build ends well."""

    BATCH = 256

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The build runs in the thread that opened the cache, but `mkdocs serve` builds
        # again in another thread: each build opens its own connection. Two builds of one
        # folder at once take turns at the file rather than fail.
        self.connection = sqlite3.connect(path, timeout=60, check_same_thread=False)
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
            " WITHOUT ROWID"
        )
        self.waiting: list[tuple[str, str]] = []

    def get(self, key: str) -> str | None:
        self._flush()
        row = self.connection.execute("SELECT data FROM rendered WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, key: str, data: str) -> None:
        self.waiting.append((key, data))
        if len(self.waiting) >= self.BATCH:
            self._flush()

    def drop(self, keys: Iterable[str]) -> None:
        self._flush()
        self.connection.executemany("DELETE FROM rendered WHERE key = ?", ((k,) for k in keys))

    def commit(self) -> None:
        self._flush()
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()

    def _flush(self) -> None:
        if self.waiting:
            self.connection.executemany(
                "INSERT OR REPLACE INTO rendered (key, data) VALUES (?, ?)", self.waiting
            )
            self.waiting.clear()


class PageCache:
    """One folder per kind of build (`mkdocs build`, `mkdocs serve`), so that previewing
    drafts does not throw away the cache of the published site."""

    def __init__(self, folder: Path, build_key: str, entries: dict[str, Entry]) -> None:
        self.folder = folder
        self.build_key = build_key
        self.previous = entries
        self.current: dict[str, Entry] = {}
        self.why_not = ""
        self.renders = _RenderStore(folder / RENDERS)
        self._written: dict[str, str] = {}
        """Pages written by this build, by address: their key, linked into the cache when
        the build ends (MkDocs writes a page after the last hook that sees it)."""
        self._folders: set[Path] = set()
        self._pages = os.path.join(folder, "pages")
        self._checked: set[str] = set()
        """Pages whose kept file was found as it was written, in this build (a replayed
        page is asked for when it is planned and again when its HTML is read)."""

    @classmethod
    def open(cls, folder: Path, build_key: str) -> PageCache:
        """The cache in `folder`, emptied unless it was written under `build_key`. Its
        manifest stays until the build `claim`s the cache: a build that fails before
        (its content checked, say) leaves the cache as it found it."""
        entries: dict[str, Entry] = {}
        why_not = ""
        manifest = folder / MANIFEST
        try:
            data = marshal.loads(manifest.read_bytes())
            if data.get("format") != FORMAT or data.get("build") != build_key:
                why_not = "mã nguồn, thư viện hoặc cấu hình đã thay đổi"
            else:
                entries = {dest: Entry(**entry) for dest, entry in data["pages"].items()}
        except FileNotFoundError:
            why_not = "chưa có bộ nhớ đệm"
        except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
            why_not = "bộ nhớ đệm không đọc được"
        if why_not and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        try:
            cache = cls(folder, build_key, entries)
        except sqlite3.Error:
            shutil.rmtree(folder, ignore_errors=True)
            cache, why_not = cls(folder, build_key, {}), "bộ nhớ đệm không đọc được"
        cache.why_not = why_not
        return cache

    def claim(self) -> None:
        """Remove the manifest before the build changes anything the cache holds: until
        this build ends well, there is no cache."""
        (self.folder / MANIFEST).unlink(missing_ok=True)

    def kept_outputs(self) -> dict[str, str]:
        """Every page the last build kept, by its address: where it is kept."""
        return {
            dest: self._path(entry.output) for dest, entry in self.previous.items() if entry.output
        }

    def entry(self, dest: str) -> Entry | None:
        """What the last build kept of the page written at `dest`."""
        return self.previous.get(dest)

    def load_rendered(self, dest: str) -> Rendered | None:
        entry = self.previous.get(dest)
        try:
            data = self.renders.get(entry.render) if entry else None
            return None if data is None else Rendered(**json.loads(data))
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def has_output(self, dest: str) -> bool:
        """Whether the page is kept, as it was written."""
        if dest in self._checked:
            return True
        entry = self.previous.get(dest)
        if entry is None or not entry.output:
            return False
        try:
            found = os.stat(self.kept_page(dest))
        except OSError:
            return False
        if [found.st_size, found.st_mtime_ns] != entry.stamp:
            return False
        self._checked.add(dest)
        return True

    def load_output(self, dest: str) -> str | None:
        if not self.has_output(dest):
            return None
        try:
            with open(self.kept_page(dest), encoding="utf-8") as kept:
                return kept.read()
        except (OSError, ValueError):
            return None

    def keep_rendered(
        self, dest: str, key: str, inputs: dict[str, Any], rendered: Rendered
    ) -> None:
        """Keep a page's Markdown step, rendered in this build."""
        self.renders.put(key, json.dumps(vars(rendered), ensure_ascii=False))
        self.current[dest] = Entry(render=key, inputs=inputs, anchors=rendered.anchors)

    def reuse_rendered(self, dest: str) -> None:
        """The page's Markdown step came from the cache and stays in it."""
        previous = self.previous[dest]
        self.current[dest] = Entry(
            render=previous.render, inputs=previous.inputs, anchors=previous.anchors
        )

    def keep_output(self, dest: str, key: str, written: bool) -> None:
        """Keep the page: `written` by this build at `dest` in the site (linked into the
        cache by `save`), or else published from the cache as it is."""
        entry = self.current.get(dest)
        if entry is None:
            return  # its Markdown step was not kept: neither is the page
        entry.output = key
        if written:
            self._written[dest] = key
        else:  # copied or replayed: only a page the last build kept is
            previous = self.previous[dest]
            entry.stamp = previous.stamp
            entry.search = previous.search  # a replayed page's are noted again at the end

    def adopt_output(self, dest: str, key: str, stamp: list[int]) -> None:
        """Keep the page another process wrote and linked into the cache (`link_written`)."""
        entry = self.current.get(dest)
        if entry is not None:
            entry.output = key
            entry.stamp = list(stamp)

    def forget(self, dest: str) -> None:
        """A page that must be rendered again next time (it logged a warning)."""
        self.current.pop(dest, None)
        self._written.pop(dest, None)

    def save(self, site_dir: Path) -> None:
        """Link the pages this build wrote into the cache, write the manifest of this
        build's pages, and drop what no page of this build names (each key belongs to
        one page)."""
        self.link_written(site_dir)
        stale_renders = set()
        for dest, previous in self.previous.items():
            current = self.current.get(dest) or Entry()
            if previous.render and previous.render != current.render:
                stale_renders.add(previous.render)
            if previous.output and previous.output != current.output:
                Path(self._path(previous.output)).unlink(missing_ok=True)
        self.renders.drop(stale_renders - {entry.render for entry in self.current.values()})
        self.renders.commit()
        self.renders.close()
        pages = {dest: entry.as_saved() for dest, entry in self.current.items()}
        data = {"format": FORMAT, "build": self.build_key, "pages": pages}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / (MANIFEST + ".tmp")
        temporary.write_bytes(marshal.dumps(data, MARSHAL_VERSION))
        os.replace(temporary, self.folder / MANIFEST)

    def link_written(self, site_dir: Path) -> dict[str, tuple[str, list[int]]]:
        """Link the pages this process wrote into the cache; each one's key and stamp (a
        forked copy of the build hands them to the build: `adopt_output`)."""
        linked = {}
        for dest, key in self._written.items():
            self._keep_page(dest, key, site_dir / dest)
            entry = self.current.get(dest)
            if entry is not None:
                linked[dest] = (key, entry.stamp)
        self._written.clear()
        return linked

    def close(self) -> None:
        """A build that did not end well: nothing is committed (and no manifest written)."""
        self.renders.close()

    def _keep_page(self, dest: str, key: str, written: Path) -> None:
        kept = Path(self._path(key))
        if kept.parent not in self._folders:
            kept.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(kept.parent)
        entry = self.current[dest]
        if not link_or_copy(written, kept, make_folder=False):
            del self.current[dest]  # MkDocs wrote nothing (an empty page)
            return
        found = kept.stat()
        entry.stamp = [found.st_size, found.st_mtime_ns]

    def kept_page(self, dest: str) -> str:
        """Where the last build's page at `dest` is kept."""
        return self._path(self.previous[dest].output)

    def _path(self, key: str) -> str:
        """A kept page, named by its key (which names one page): a page written again
        under a new key is a new file, so a site built earlier that links to the old one
        keeps its page. 256 folders, made once, rather than one folder per page. A string:
        a build asks for 26,000 of them, and pathlib's joins took 0.3 s at 10,000 articles
        (`os.path.join`'s, 0.05 s: a key is a digest, a name of its own)."""
        return f"{self._pages}{os.sep}{key[:2]}{os.sep}{key}.html"


def link_or_copy(kept: StrPath, target: StrPath, make_folder: bool = True) -> bool:
    """Publish a kept file at `target` as a hard link (a directory entry, not a copy of its
    bytes), or as a copy where no link can be made (another file system). A file already
    at `target` is replaced. False if the kept file is missing."""
    if make_folder:
        _make_folder(os.path.dirname(target))
    try:
        os.link(kept, target)
    except FileExistsError:
        os.unlink(target)
        return link_or_copy(kept, target, make_folder=False)
    except FileNotFoundError:
        return False
    except OSError:
        shutil.copyfile(kept, target)
    return True


def _make_folder(folder: str) -> None:
    """`folder` and its parents, in one call when its parent exists (as for most of a
    site's pages, each in its own folder): 12,000 of them at every build of a large archive."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
