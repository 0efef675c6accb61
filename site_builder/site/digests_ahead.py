"""Digests a build will need later, made ahead of time by a forked copy of the build.

Keying a page for the page cache digests what the theme shows of it besides its content:
its view, the listing it is part of, its share image. At 10,000 articles that is 13,000
digests over some 600,000 fields, 1.5 to 1.9 s of a build that changed one article, spent
by one core while the machine's second core waits. The values are all made once the core
has indexed the content and the share images are known, and do not change after; the
build needs their digests only later, when it keys the pages, after an equal amount of
other work (redirects, open data, MkDocs' navigation).

So a copy of the build made by `os.fork` (which shares the parent's memory until either
writes to it) digests every value meanwhile, writes the digests into a temporary file and
ends; the build reads them when it first needs one. (Through a pipe, the copy would wait,
alive and sharing the build's memory, until the build read its answer: at 1,000 articles
the answer already exceeds a pipe's 64 kB.)

The copy uses the same code on the same values, so its digests are the ones the build
would make; should it fail, or should a digest be asked for that it was not given, the
build makes the digest itself. There is no fork where the platform has none, nor in a
process running other threads (`mkdocs serve`), where a forked copy could inherit a lock
held by another thread: there every digest is made when it is first asked for, as before.

The copy is not free: while it lives, the first write of either process to a page of the
memory they share copies that page, and Python writes into every object it reads (its
count of references), so work that walks the whole index costs more meanwhile. The search
plan, which does, is made before the fork: at 10,000 articles it took 0.36-0.55 s there
against 1.0-1.2 s after it.

A test compares the digests made in a copy with those made in the process, and the page
cache's tests compare the pages of builds that use it with those of clean builds.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from .fingerprints import Fingerprinter

Item = TypeVar("Item")


def can_fork() -> bool:
    """Whether a copy of this process can be forked safely: the platform forks, and no
    other thread runs (whose locks the copy would inherit held)."""
    return hasattr(os, "fork") and threading.active_count() == 1


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
        self._answers: dict[str, str] | None = None
        self._pid = 0
        self._answer_file = ""
        if fork and items and can_fork():
            self._fork(items)
        else:
            self._answers = {}

    def digest(self, key: str, item: Item) -> str:
        """The digest of `value_of(item)`: the copy's, or made here when it has none."""
        if self._answers is None:
            self._answers = self._collect()
        answer = self._answers.get(key)
        if answer is None:
            answer = self._fingerprints.digest(self._value_of(item))
        return answer

    def close(self) -> None:
        """Stop the copy if it still runs (a build that ended before it asked)."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            self._end_copy()
        self._remove_answer()
        if self._answers is None:
            self._answers = {}

    def _fork(self, items: Mapping[str, Item]) -> None:
        try:
            handle, self._answer_file = tempfile.mkstemp(prefix="site-builder-digests-")
        except OSError:  # nowhere to answer: the build makes its digests itself
            self._answers = {}
            return
        pid = os.fork()
        if pid == 0:  # the copy: digest, answer, and leave without any of the build's ends
            _answer(handle, items, self._value_of, self._fingerprints)
        os.close(handle)
        self._pid = pid

    def _collect(self) -> dict[str, str]:
        """The copy's answers (waiting for it to end); none if it failed."""
        try:
            if self._end_copy() != 0:
                return {}
            with open(self._answer_file, "rb") as answer:
                answers = marshal.load(answer)
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        finally:
            self._remove_answer()
        return answers if isinstance(answers, dict) else {}

    def _end_copy(self) -> int:
        """Wait for the copy to end; its exit code."""
        pid, self._pid = self._pid, 0
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def _remove_answer(self) -> None:
        if self._answer_file:
            with contextlib.suppress(OSError):
                os.unlink(self._answer_file)
            self._answer_file = ""


def _answer(
    handle: int,
    items: Mapping[str, Item],
    value_of: Callable[[Item], object],
    fingerprints: Fingerprinter,
) -> None:
    """In the copy: write the digests of every item and end the process. The collector is
    stopped (its walks would copy every page of memory the copy shares with the build),
    and `os._exit` leaves without running the build's exit handlers or flushing its
    buffers, which are the build's own."""
    code = 1
    try:
        gc.disable()
        answers = {key: fingerprints.digest(value_of(item)) for key, item in items.items()}
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(answers))
        code = 0
    finally:
        os._exit(code)
