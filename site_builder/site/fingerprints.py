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
import marshal
import operator
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from enum import Enum
from pathlib import PurePath
from typing import Any

from .views import Image

PhotoLookup = Callable[[str], object]
"""The photo (or None) published for a content image URL."""


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The fields of a dataclass as a tuple, read in one call."""
    if len(names) == 1:
        single = operator.attrgetter(names[0])
        return lambda value: (single(value),)
    return operator.attrgetter(*names) if names else (lambda value: ())


_PLAIN = frozenset({str, int, float, bool, type(None)})
"""The types whose values `marshal` writes as they are, each with a mark of its own type
(it refuses subclasses, such as Markup or an IntEnum: those are encoded with their type)."""

_MARSHAL_VERSION = 2
"""The last version of `marshal` that writes a value the same way however many references
to it there are and whether it is interned (version 3 marks shared objects)."""


def _text(value: str) -> bytes:
    text = value.encode()
    return b"s%d:%s" % (len(text), text)


def _scalar(value: object) -> bytes:
    return f"{type(value).__name__}:{value!r}".encode()


Encoder = Callable[[Any], bytes]


class Fingerprinter:
    """Digests values for one build. Frozen views are shared by many pages (an article's
    view is in its page, its listings and its neighbours' "related"): each is encoded once
    and remembered by identity, which is safe because the index keeps them alive until
    the build ends.

    Each type is encoded by a function chosen once per type (a dataclass's made for its
    fields): at 10,000 articles the views hold about 600,000 fields, and keying every page
    is a part of every build with the page cache."""

    def __init__(self, photo: PhotoLookup | None = None) -> None:
        self._photo = photo
        self._known: dict[int, bytes] = {}
        """The encoding of each view met, by identity."""
        self._kept: list[object] = [()]
        """The views met, kept alive so that no other object takes one's identity."""
        self._encoders: dict[type, Encoder] = {
            str: _text,
            tuple: self._sequence,
            list: self._sequence,
            type(None): _scalar,
            bool: _scalar,
            int: _scalar,
            float: _scalar,
        }
        # The empty tuple, one object in the interpreter, is a third of the sequences views
        # hold (no tags, no related articles...).
        self._known[id(())] = self._sequence(())

    def digest(self, *values: object) -> str:
        """A hex digest of the values, in order."""
        return hashlib.blake2b(self._encode(values), digest_size=20).hexdigest()

    @staticmethod
    def of_digests(first: str, second: str) -> str:
        """A hex digest of two of `digest`'s: their text joined (each is 40 characters, so
        the joint is unambiguous), without encoding them as values: the last step of every
        page's theme key, 13,000 of them at 10,000 articles."""
        return hashlib.blake2b(f"{first}{second}".encode(), digest_size=20).hexdigest()

    def _encode(self, value: object) -> bytes:
        encoder = self._encoders.get(type(value))
        if encoder is None:
            encoder = self._encoders[type(value)] = self._encoder_for(type(value))
        return encoder(value)

    def _encoder_for(self, kind: type) -> Encoder:
        if dataclasses.is_dataclass(kind):
            return self._dataclass_encoder(kind)
        return self._encode_other

    def _sequence(self, value: tuple[object, ...] | list[object]) -> bytes:
        """The items written by `marshal` in one call: plain values as they are, any other
        as its encoding (bytes, which no plain value is)."""
        encode = self._encode
        known = self._known.get
        return b"[" + marshal.dumps(
            [item if type(item) in _PLAIN else known(id(item)) or encode(item) for item in value],
            _MARSHAL_VERSION,
        )

    def _field(self, value: object) -> bytes:
        """A view's field: a tuple is remembered by identity, as the view is (a view made
        from another shares its tuples: an article's view and the shorter one its
        neighbours' "related" boxes show)."""
        if type(value) is not tuple:
            return self._encode(value)
        encoded = self._sequence(value)
        self._known[id(value)] = encoded
        self._kept.append(value)
        return encoded

    def _encode_other(self, value: object) -> bytes:
        """Everything but the plain types and dataclasses, which have encoders of their own."""
        if isinstance(value, str):  # Markup and other subclasses: their type tells
            text = value.encode()
            return b"%s:%d:%s" % (type(value).__name__.encode(), len(text), text)
        if isinstance(value, Enum):  # one object per member: found by identity from then on
            encoded = f"{type(value).__name__}.{value.name}".encode()
            self._known[id(value)] = encoded
            self._kept.append(value)
            return encoded
        if isinstance(value, bool | int | float):
            return _scalar(value)
        if isinstance(value, tuple | list):
            return self._sequence(value)
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

    def _dataclass_encoder(self, kind: type) -> Encoder:
        """The encoder of one dataclass: its name and fields, remembered by identity; a
        long encoding is replaced by its digest, so that a page's key stays small however
        many views it holds."""
        name = b"(" + kind.__qualname__.encode()
        fields = _getter(tuple(f.name for f in dataclasses.fields(kind)))
        known = self._known
        known_get = known.get
        kept = self._kept
        encode = self._field
        photo = self._photo if issubclass(kind, Image) else None
        plain = _PLAIN
        dumps = marshal.dumps

        def encode_dataclass(value: object) -> bytes:
            encoded = known_get(id(value))
            if encoded is not None:
                return encoded
            # As `_sequence`, inline: 60,000 views at 10,000 articles, met 370,000 times.
            parts = [
                item if type(item) in plain else known_get(id(item)) or encode(item)
                for item in fields(value)
            ]
            if photo is not None:
                parts.append(encode(photo(value.url)))  # type: ignore[attr-defined]
            encoded = name + dumps(parts, _MARSHAL_VERSION)
            if len(encoded) > 64:
                encoded = b"#" + hashlib.blake2b(encoded, digest_size=20).digest()
            known[id(value)] = encoded
            kept.append(value)
            return encoded

        return encode_dataclass
