"""A cache that lives from one pass over the content to the next, and no longer.

`mkdocs serve` rebuilds the whole site in the same process at every save, so what a pass
learnt of an unchanged file (its parsed front matter, a photo's hash) can serve the next
pass. Only the entries a pass used are kept for the next one: a renamed or deleted file
leaves the cache at the end of the pass that no longer sees it, so the cache never holds
more than one pass's files, however long the preview runs.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class PassCache(Generic[K, V]):
    def __init__(self) -> None:
        self._previous: dict[K, V] = {}
        self._current: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        """The value kept for `key` by this pass or the one before, and keep it for the next."""
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            value = self._current[key] = self._previous[key]
            return value
        return None

    def put(self, key: K, value: V) -> None:
        self._current[key] = value

    def end_pass(self) -> None:
        """What this pass used is what the next one may find; the rest is dropped."""
        self._previous, self._current = self._current, {}

    def clear(self) -> None:
        self._previous, self._current = {}, {}

    def __len__(self) -> int:
        return len(self._previous.keys() | self._current.keys())
