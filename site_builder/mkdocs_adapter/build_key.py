"""The build key: the digest of what any page may depend on besides its own inputs.

The page cache (`incremental.py`) and the kept readings (`content/reading_store.py`) are
used only by a build with the same key: this package's files (code, templates, fonts),
every installed library's version, the Python version, MkDocs' settings (what `!ENV` gave
them included), the configuration file's bytes, the theme's overrides and the data files.
Any change to one of them is a clean build.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

_NOT_SHOWN = frozenset({"site_dir", "config_file_path"})
"""Settings no page shows: building into another folder keeps the cache, and so does naming
the configuration file another way (`mkdocs serve -f mkdocs.yml` reads it first by the name
typed, then at every save by its absolute path); the file's content is digested."""


def build_key(config: MkDocsConfig, mode: str, data_files: Iterable[Path]) -> str:
    """The digest of what any page may depend on besides its own inputs."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (
        _code_digest(),
        _libraries(),
        sys.version,
        mkdocs.__version__,
        mkdocs.__file__ or "",
        mode,
        repr(_plain({k: v for k, v in config.items() if k not in _NOT_SHOWN})),
    ):
        digest.update(part.encode() + b"\0")
    if config.config_file_path:
        digest.update(_file_digest(Path(config.config_file_path)))
    custom = config.theme.custom_dir
    for path in _files_under(Path(custom)) if custom else ():
        digest.update(path.as_posix().encode() + b"\0" + _file_digest(path))
    for path in sorted(data_files):
        digest.update(path.as_posix().encode() + b"\0" + _file_digest(path))
    return digest.hexdigest()


@functools.cache
def _code_digest() -> str:
    """This package's files (code, templates, fonts), once per process."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=20)
    for path in _files_under(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + _file_digest(path))
    return digest.hexdigest()


@functools.cache
def _libraries() -> str:
    """Every installed distribution and its version, once per process."""
    found = {
        (str(dist.metadata["Name"] or "").lower(), dist.version)
        for dist in importlib.metadata.distributions()
    }
    return repr(sorted(found))


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts
    )


def _file_digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
    except OSError:
        return b"unreadable"


def _plain(value: object, depth: int = 0) -> object:
    """MkDocs' settings as plain values, for the build key. An object with no value of its
    own (a default `repr` with its address) is named by its type, so that the key is the
    same from one process to the next; a plugin by its type and its settings."""
    if depth > 8:
        return "..."
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, BasePlugin):
        return (type(value).__qualname__, _plain(dict(value.config.items()), depth + 1))
    if isinstance(value, Mapping):
        return sorted((str(key), _plain(item, depth + 1)) for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item, depth + 1) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if type(value).__repr__ is object.__repr__:
        return type(value).__qualname__
    return repr(value)
