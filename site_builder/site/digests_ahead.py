"""Digests a build will need later, made ahead of time by a forked copy of the build.

Keying a page for the page cache digests what the theme shows of it besides its content:
its view, the listing it is part of, its share image. At 10,000 articles that is 13,000
digests over some 600,000 fields, 1.5 to 1.9 s of a build that changed one article, spent
by one core while the machine's second core waits. The views and listings are all made
once the core has indexed the content, and do not change after; the
build needs their digests only later, when it keys the pages, after an equal amount of
other work (share images, redirects, open data, MkDocs' navigation).

So a forked copy of the build (`forked_task.py`) digests every value meanwhile; the build
reads the digests when it first needs one.

The copy uses the same code on the same values, so its digests are the ones the build
would make; should it fail, or should a digest be asked for that it was not given, the
build makes the digest itself; so it does where no copy can be forked (`mkdocs serve`).

The copy is not free: while it lives, the first write of either process to a page of the
memory they share copies that page, and Python writes into every object it reads (its
count of references), so work that walks the whole index costs more meanwhile. The search
plan, which does, is made before the fork: at 10,000 articles it took 0.36-0.55 s there
against 1.0-1.2 s after it.

A test compares the digests made in a copy with those made in the process, and the page
cache's tests compare the pages of builds that use it with those of clean builds.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from .fingerprints import Fingerprinter
from .forked_task import ForkedTask

Item = TypeVar("Item")


class DigestsAhead(Generic[Item]):
    """The digest of `value_of(item)` for each of `items`, by its key, made by a forked
    copy of the process from the moment this is made (or, without one, when asked)."""

    def __init__(
        self,
        fingerprints: Fingerprinter,
        items: Mapping[str, Item],
        value_of: Callable[[Item], object],
        fork: bool = True,
    ) -> None:
        self._fingerprints = fingerprints
        self._value_of = value_of
        self._answers: dict[str, str] | None = {}
        self._copy: ForkedTask | None = None
        if fork and items:
            copy = ForkedTask(lambda: self._digest_all(items), "digests")
            if copy.started:
                self._copy, self._answers = copy, None

    def digest(self, key: str, item: Item) -> str:
        """The digest of `value_of(item)`: the copy's, or made here when it has none."""
        if self._answers is None:
            assert self._copy is not None
            answers = self._copy.answer()
            self._answers = answers if isinstance(answers, dict) else {}
        answer = self._answers.get(key)
        if answer is None:
            answer = self._fingerprints.digest(self._value_of(item))
        return answer

    def close(self) -> None:
        """Stop the copy if it still runs (a build that ended before it asked)."""
        if self._copy is not None:
            self._copy.close()
        if self._answers is None:
            self._answers = {}

    def _digest_all(self, items: Mapping[str, Item]) -> dict[str, str]:
        """In the copy: every digest. The collector is off: its walks would copy every
        page of memory the copy shares with the build, and digesting makes no cycles."""
        gc.disable()
        return {key: self._fingerprints.digest(self._value_of(item)) for key, item in items.items()}
