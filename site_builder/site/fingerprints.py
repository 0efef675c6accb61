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
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._encoders: dict[type, Encoder] = {
            str: _text,
            tuple: self._sequence,
            list: self._sequence,
            type(None): _scalar,
            bool: _scalar,
            int: _scalar,
            float: _scalar,
        }

    def digest(self, *values: object) -> str:
        """A hex digest of the values, in order."""
        return hashlib.blake2b(self._encode(values), digest_size=20).hexdigest()

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
        encoders = self._encoders
        encode = self._encode
        return (
            b"["
            + b",".join(
                [
                    encoder(item) if (encoder := encoders.get(type(item))) else encode(item)
                    for item in value
                ]
            )
            + b"]"
        )

    def _encode_other(self, value: object) -> bytes:
        """Everything but the plain types and dataclasses, which have encoders of their own."""
        if isinstance(value, str):  # Markup and other subclasses: their type tells
            text = value.encode()
            return b"%s:%d:%s" % (type(value).__name__.encode(), len(text), text)
        if isinstance(value, Enum):
            return f"{type(value).__name__}.{value.name}".encode()
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
        name = kind.__qualname__.encode()
        fields = _getter(tuple(f.name for f in dataclasses.fields(kind)))
        memo = self._memo
        encoders = self._encoders
        encode = self._encode
        photo = self._photo if issubclass(kind, Image) else None

        def encode_dataclass(value: object) -> bytes:
            known = memo.get(id(value))
            if known is not None:
                return known[1]
            parts = [name]
            for item in fields(value):
                encoder = encoders.get(type(item))
                parts.append(encoder(item) if encoder is not None else encode(item))
            if photo is not None:
                parts.append(encode(photo(value.url)))  # type: ignore[attr-defined]
            encoded = b"(" + b",".join(parts) + b")"
            if len(encoded) > 64:
                encoded = b"#" + hashlib.blake2b(encoded, digest_size=20).digest()
            memo[id(value)] = (value, encoded)  # the value is kept, so its id is not reused
            return encoded

        return encode_dataclass
