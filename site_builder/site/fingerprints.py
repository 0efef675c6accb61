"""Stable digests of what a page is made from, so that an unchanged page is not rendered again.

A digest is the same in every process and on every machine for equal values: dataclasses
by their type and fields, sets in sorted order, dates as ISO text. A value of a type the
encoder does not know is an error, never its `repr`: a `repr` with a memory address would
make every build look changed, and one that leaves out a field would hide a change.

A view shows photos by their URL (`Image`); what the reader gets also depends on the
photo's copies (sizes, file names), so an Image is digested with the photo it names.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from enum import Enum
from pathlib import PurePath

from .views import Image

PhotoLookup = Callable[[str], object]
"""The photo (or None) published for a content image URL."""


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The fields of a dataclass as a tuple, read in one call."""
    if len(names) == 1:
        single = operator.attrgetter(names[0])
        return lambda value: (single(value),)
    return operator.attrgetter(*names) if names else (lambda value: ())


class Fingerprinter:
    """Digests values for one build. Frozen views are shared by many pages (an article's
    view is in its page, its listings and its neighbours' "related"): each is encoded once
    and remembered by identity, which is safe because the index keeps them alive until
    the build ends."""

    def __init__(self, photo: PhotoLookup | None = None) -> None:
        self._photo = photo
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._fields: dict[type, tuple[bytes, Callable[[object], tuple[object, ...]]]] = {}

    def digest(self, *values: object) -> str:
        """A hex digest of the values, in order."""
        return hashlib.blake2b(self._encode(values), digest_size=20).hexdigest()

    def _encode(self, value: object) -> bytes:
        kind = type(value)
        if kind is str:
            text = value.encode()  # type: ignore[attr-defined]
            return b"s%d:%s" % (len(text), text)
        if kind in self._fields:
            return self._dataclass(value)
        if kind is tuple or kind is list:
            return b"[" + b",".join([self._encode(item) for item in value]) + b"]"  # type: ignore[attr-defined]
        if value is None or kind is bool or kind is int or kind is float:
            return f"{kind.__name__}:{value!r}".encode()
        return self._encode_other(value)

    def _encode_other(self, value: object) -> bytes:
        """Everything but the plain types, which `_encode` answers first (the common case)."""
        if isinstance(value, str):  # Markup and other subclasses: their type tells
            text = value.encode()
            return b"%s:%d:%s" % (type(value).__name__.encode(), len(text), text)
        if isinstance(value, Enum):
            return f"{type(value).__name__}.{value.name}".encode()
        if isinstance(value, bool | int | float):
            return f"{type(value).__name__}:{value!r}".encode()
        if isinstance(value, tuple | list):
            return b"[" + b",".join([self._encode(item) for item in value]) + b"]"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._dataclass(value)
        if isinstance(value, datetime | date | time):
            return f"{type(value).__name__}:{value.isoformat()}".encode()
        if isinstance(value, Mapping):
            items = sorted(
                self._encode(key) + b"=" + self._encode(item) for key, item in value.items()
            )
            return b"{" + b",".join(items) + b"}"
        if isinstance(value, set | frozenset):
            return b"set{" + b",".join(sorted(self._encode(item) for item in value)) + b"}"
        if isinstance(value, PurePath):
            return b"path:" + value.as_posix().encode()
        if isinstance(value, bytes):
            return b"bytes:" + hashlib.blake2b(value, digest_size=20).digest()
        raise TypeError(f"cannot fingerprint a {type(value).__qualname__}")

    def _dataclass(self, value: object) -> bytes:
        known = self._memo.get(id(value))
        if known is not None:
            return known[1]
        kind = type(value)
        layout = self._fields.get(kind)
        if layout is None:
            names = tuple(f.name for f in dataclasses.fields(kind))  # type: ignore[arg-type]
            layout = self._fields[kind] = (kind.__qualname__.encode(), _getter(names))
        name, fields = layout
        encode = self._encode
        parts = [name, *[encode(item) for item in fields(value)]]
        if isinstance(value, Image) and self._photo is not None:
            parts.append(encode(self._photo(value.url)))
        encoded = b"(" + b",".join(parts) + b")"
        if len(encoded) > 64:
            encoded = b"#" + hashlib.blake2b(encoded, digest_size=20).digest()
        self._memo[id(value)] = (value, encoded)  # the value is kept, so its id is not reused
        return encoded
