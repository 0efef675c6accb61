"""Readings kept between builds: a file whose bytes did not change is not parsed or checked
again, even by a build in a new process (CI).

The preview keeps its last load in memory (`load_content(previous=...)`); `mkdocs build`
starts a new process every time, and reading, parsing and checking 11,000 files was the
largest part of a build that rendered one changed page. This store keeps each file's
reading (`FileReading`: its front matter and body, its checked values, its problems) in one
file, with the digest of the bytes it was read from and the state of every photo its
checks looked at. A reading is taken again only when the file's bytes have the same digest
and each of those photos reads the same; otherwise the file is read and checked anew.

Everything else a reading follows from (this package's code, the libraries, the data
lists, where content/ is as a problem names it) is in the key the store is opened with:
a store written under another key, or one that cannot be read, is not used, and the
loader reads every file as it would without it. Each of its files is replaced in one step
when a load ends, so a stopped build leaves the store of a build before; and as each
reading is kept with the digest of its bytes, the changes of one base read with another
give nothing stale.

The store is a pickle, read by this package only from its own cache folder (as the page
cache's manifest is). Its readings name the entries of the data lists (`Term`) by list
and position, and get back this load's own entries: the checks and the lineage of
communes find them by identity.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Generic, TypeVar

from .data import SiteData
from .entities import Term
from .file_digests import file_digest
from .photo_files import PhotoState, photo_state

FORMAT = "site-builder readings 2"
Reading = TypeVar("Reading")
"""What the loader makes of one file (`loader.FileReading`)."""
Photos = tuple[tuple[str, PhotoState | None], ...]
"""The photo files a reading's checks looked at, with what they read of each."""
Stored = dict[str, dict[str, tuple[str, Photos, Reading]]]
"""Readings by kind and src_uri, each with the digest of the bytes it was read from and
the photos its checks read."""


class ReadingStore(Generic[Reading]):
    """The readings of the last load, taken file by file where nothing they read changed,
    and the readings of this load, written for the next one when it ends.

    Two files: every reading (the base, 50 MB at 10,000 articles, 0.7 s to write) and the
    readings that differ from it (the changes). A build that changed a few files writes
    only the changes; the base is written again when they reach an eighth of it."""

    def __init__(
        self, path: Path, key: str, digests: Callable[[], Mapping[str, str]] | None = None
    ) -> None:
        """`digests`, when given, answers the digest of each file's bytes, taken by another
        process since the build began (`file_digests.py`); a file it leaves out is read."""
        self.path = path
        self._digests = digests
        self.changes_path = path.with_name(path.name + ".changes")
        self.key = key
        self.kept: Stored[Reading] = {}
        self.noted: Stored[Reading] = {}
        self.taken = 0
        self._base: dict[tuple[str, str], str] | None = None
        """The digest of each reading in the base, by kind and src_uri, if there is one."""
        self._photos: dict[str, PhotoState | None] = {}

    def begin(self, data: SiteData, context: str) -> None:
        """Read the store, unless it was written under another key or `context` (what the
        loader adds to the caller's key), or cannot be read: then nothing is kept."""
        self.key = hashlib.blake2b(f"{self.key}\0{context}".encode(), digest_size=20).hexdigest()
        stored = self._read(self.path, data)
        if not isinstance(stored, dict):
            return
        self._base = {
            (k, uri): d for k, readings in stored.items() for uri, (d, _, _) in readings.items()
        }
        # Changes are readings with their digests, as the base's: whatever base they were
        # written against, each is taken only for the bytes it was read from.
        changes = self._read(self.changes_path, data)
        if isinstance(changes, tuple):
            changed, removed = changes
            for kind, readings in changed.items():
                stored.setdefault(kind, {}).update(readings)
            for kind, src_uri in removed:
                stored.get(kind, {}).pop(src_uri, None)
        self.kept = stored

    def take(self, kind: str, src_uri: str, content_root: Path) -> Reading | None:
        """The kept reading of a file, if its bytes and the photos it looked at are as
        they were; None if it must be read again."""
        kept = self.kept.get(kind, {}).get(src_uri)
        if kept is None:
            return None
        digest, photos, reading = kept
        if self._read_digest(src_uri, content_root) != digest:
            return None
        if not all(self._photo(content_root, path) == state for path, state in photos):
            return None
        self.taken += 1
        return reading

    def _read_digest(self, src_uri: str, content_root: Path) -> str | None:
        """The digest of the file's bytes now (None if it cannot be read)."""
        known = self._digests().get(src_uri) if self._digests is not None else None
        if known is not None:
            return known
        try:
            with open(os.path.join(content_root, src_uri), "rb") as file:
                return file_digest(file.read())
        except OSError:
            return None

    def note(self, kind: str, src_uri: str, digest: str, photos: Photos, reading: Reading) -> None:
        """A reading of this load, kept for the next one: `digest` is that of the bytes it
        was read from."""
        self.noted.setdefault(kind, {})[src_uri] = (digest, photos, reading)

    def end(self, data: SiteData) -> None:
        """Write what this load read differently from the store, for the next load: the
        changes to the base, or a new base. A load that read nothing new writes nothing."""
        if self.taken == sum(map(len, self.noted.values())) and _same_files(self.kept, self.noted):
            return
        base = self._base or {}
        changed: Stored[Reading] = {}
        for kind, readings in self.noted.items():
            for src_uri, noted in readings.items():
                if base.get((kind, src_uri)) != noted[0]:
                    changed.setdefault(kind, {})[src_uri] = noted
        removed = sorted(base.keys() - {(k, uri) for k, r in self.noted.items() for uri in r})
        if (
            self._base is not None
            and len(removed) + sum(map(len, changed.values())) <= len(base) // 8
        ):
            self._write(self.changes_path, (changed, removed), data)
        elif self._write(self.path, self.noted, data):
            self.changes_path.unlink(missing_ok=True)

    def _read(self, path: Path, data: SiteData) -> object:
        """What a file of the store holds, if it was written under this key."""
        try:
            with open(path, "rb") as file:
                head = [file.readline().rstrip(b"\n").decode() for _ in range(2)]
                if head != [FORMAT, self.key]:
                    return None
                return _Reader(file, data).load()
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, LookupError, TypeError):
            return None
        except (AttributeError, ImportError):  # a class moved or renamed: another code
            return None

    def _write(self, path: Path, content: object, data: SiteData) -> bool:
        """Replace the file at `path` in one step; False if it could not be written."""
        buffer = io.BytesIO()
        buffer.write(f"{FORMAT}\n{self.key}\n".encode())
        _writer(buffer, data).dump(content)
        temporary = path.with_name(path.name + ".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(buffer.getbuffer())
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
            return False
        return True

    def _photo(self, content_root: Path, path: str) -> PhotoState | None:
        if path not in self._photos:
            self._photos[path] = photo_state(content_root / path)
        return self._photos[path]


def _same_files(kept: Stored[Any], noted: Stored[Any]) -> bool:
    return kept.keys() == noted.keys() and all(
        kept[kind].keys() == noted[kind].keys() for kind in kept
    )


def _data_term(list_key: str, position: int) -> Term:
    """Stands in the store for an entry of a data list; a reader answers with its own."""
    raise pickle.UnpicklingError("a data list's entry read without its data")


def _writer(file: BinaryIO, data: SiteData) -> pickle.Pickler:
    """A pickler writing the data lists' entries as references (list, position)."""
    positions = {
        id(term): (key, position)
        for key, vocabulary in data.vocabularies.items()
        for position, term in enumerate(vocabulary.terms)
    }

    def reduce_term(term: Term) -> str | tuple[Any, ...]:
        where = positions.get(id(term))
        return (_data_term, where) if where is not None else term.__reduce_ex__(5)

    pickler = pickle.Pickler(file, protocol=5)
    pickler.dispatch_table = {**copyreg.dispatch_table, Term: reduce_term}
    return pickler


class _Reader(pickle.Unpickler):
    """Reads the store, answering each reference to a data list's entry with the entry
    of this load's data."""

    def __init__(self, file: BinaryIO, data: SiteData) -> None:
        super().__init__(file)
        self.terms = {key: vocabulary.terms for key, vocabulary in data.vocabularies.items()}

    def find_class(self, module: str, name: str) -> Callable[..., Any]:
        if module == __name__ and name == _data_term.__name__:
            return self._data_term
        return super().find_class(module, name)  # type: ignore[no-any-return]

    def _data_term(self, list_key: str, position: int) -> Term:
        return self.terms[list_key][position]
