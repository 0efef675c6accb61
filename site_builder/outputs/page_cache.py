"""The page cache: what the last build rendered, kept so the next one renders only what changed.

A page is made in two steps, and each is kept apart, under a key that digests everything
that step read (see the MkDocs adapter's `incremental.py` for the keys):
  - its Markdown turned into HTML (`Rendered`: the content, its table of contents, title
    and anchors), which depends on the page's source and the links and photos it names;
  - the whole page from the theme, which also depends on its view, its listing, the
    navigation and the site's settings.
An article whose listing changed is put in the theme again without parsing its Markdown;
an article nothing of which changed is copied from the cache.

Never a stale page: the manifest of keys is removed when a build starts and written again
only when it ends, so a build that fails or is stopped leaves no cache and the next build
is a clean one. A cache written by another version of the code, of a library or of the
settings carries another build key, and is not used at all.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1
MANIFEST = "manifest.json"


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


class PageCache:
    """One folder per kind of build (`mkdocs build`, `mkdocs serve`), so that previewing
    drafts does not throw away the cache of the published site."""

    def __init__(self, folder: Path, build_key: str, entries: dict[str, Entry]) -> None:
        self.folder = folder
        self.build_key = build_key
        self.previous = entries
        self.current: dict[str, Entry] = {}
        self.why_not = ""
        self._folders: set[Path] = set()

    @classmethod
    def open(cls, folder: Path, build_key: str) -> PageCache:
        """The cache in `folder`, emptied unless it was written under `build_key`. Its
        manifest is removed at once: until this build ends well, there is no cache."""
        entries: dict[str, Entry] = {}
        why_not = ""
        manifest = folder / MANIFEST
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("build") != build_key:
                why_not = "mã nguồn, thư viện hoặc cấu hình đã thay đổi"
            else:
                entries = {dest: Entry(**entry) for dest, entry in data["pages"].items()}
        except FileNotFoundError:
            why_not = "chưa có bộ nhớ đệm"
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            why_not = "bộ nhớ đệm không đọc được"
        manifest.unlink(missing_ok=True)
        if why_not and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        cache = cls(folder, build_key, entries)
        cache.why_not = why_not
        return cache

    def entry(self, dest: str) -> Entry | None:
        """What the last build kept of the page written at `dest`."""
        return self.previous.get(dest)

    def load_rendered(self, dest: str) -> Rendered | None:
        entry = self.previous.get(dest)
        try:
            assert entry is not None
            data = json.loads(self._path("markdown", entry.render).read_text(encoding="utf-8"))
            return Rendered(**data)
        except (AssertionError, OSError, ValueError, TypeError):
            return None

    def publish_output(self, dest: str, target: Path) -> bool:
        """Put the kept page at `target`: a hard link (a directory entry, not a copy of its
        bytes), or a copy where no link can be made. False if the page is not kept."""
        entry = self.previous.get(dest)
        if entry is None:
            return False
        return link_or_copy(self._path("pages", entry.output), target)

    def has_output(self, dest: str) -> bool:
        entry = self.previous.get(dest)
        return entry is not None and self._path("pages", entry.output).is_file()

    def load_output(self, dest: str) -> str | None:
        entry = self.previous.get(dest)
        try:
            assert entry is not None
            return self._path("pages", entry.output).read_text(encoding="utf-8")
        except (AssertionError, OSError, ValueError):
            return None

    def keep_rendered(
        self, dest: str, key: str, inputs: dict[str, Any], rendered: Rendered
    ) -> None:
        """Keep a page's Markdown step, rendered in this build."""
        self._write(self._path("markdown", key), json.dumps(asdict(rendered), ensure_ascii=False))
        self.current[dest] = Entry(render=key, inputs=inputs, anchors=rendered.anchors)

    def reuse_rendered(self, dest: str) -> None:
        """The page's Markdown step came from the cache and stays in it."""
        previous = self.previous[dest]
        self.current[dest] = Entry(
            render=previous.render, inputs=previous.inputs, anchors=previous.anchors
        )

    def keep_output(self, dest: str, key: str, html: str | None) -> None:
        """Keep the page as written (None: it was copied from the cache as it is)."""
        entry = self.current.get(dest)
        if entry is None:
            return  # its Markdown step was not kept: neither is the page
        if html is not None:
            path = self._path("pages", key)
            if not path.is_file():  # a page is named by its key: the same key, the same page
                self._write(path, html)
        entry.output = key

    def forget(self, dest: str) -> None:
        """A page that must be rendered again next time (it logged a warning)."""
        self.current.pop(dest, None)

    def save(self) -> None:
        """Write the manifest of this build's pages, and drop the kept files no page of
        this build names (each key belongs to one page)."""
        for dest, previous in self.previous.items():
            current = self.current.get(dest) or Entry()
            if previous.render and previous.render != current.render:
                self._path("markdown", previous.render).unlink(missing_ok=True)
            if previous.output and previous.output != current.output:
                self._path("pages", previous.output).unlink(missing_ok=True)
        pages = {dest: asdict(entry) for dest, entry in self.current.items()}
        data = {"format": FORMAT, "build": self.build_key, "pages": pages}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.folder / MANIFEST)

    def _path(self, kind: str, key: str) -> Path:
        """A kept file, named by its key (which names one page): a page written again under
        a new key is a new file, so a site built earlier that links to the old one keeps
        its page. 256 folders, made once, rather than one folder per page."""
        suffix = ".json" if kind == "markdown" else ".html"
        return self.folder / kind / key[:2] / (key + suffix)

    def _write(self, path: Path, text: str) -> None:
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        path.write_text(text, encoding="utf-8")


def link_or_copy(kept: Path, target: Path) -> bool:
    """Publish a kept file at `target` as a hard link (a directory entry, not a copy of its
    bytes), or as a copy where no link can be made (another file system). False if the
    kept file is missing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(kept, target)
    except FileExistsError:
        target.unlink()
        return link_or_copy(kept, target)
    except FileNotFoundError:
        return False
    except OSError:
        shutil.copyfile(kept, target)
    return True
