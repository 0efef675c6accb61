"""Work done by a forked copy of the build on the machine's other core.

A build runs on one core; the machines it runs on (CI's, this one) have two. A copy of the
build made by `os.fork` shares the build's memory, and with it every value the build has
made, so it can do part of what the build would do next with the same code on the same
values, while the build does the rest. Two parts of a build use one
(`digests_ahead.py`, and the MkDocs adapter's `theme_copy.py`).

The copy writes its answer (plain values, `marshal`led) into a temporary file and ends at
once; the build reads it when it needs it. Through a pipe, the copy would wait, alive and
sharing the build's memory, until the build read its answer.

Sharing is not free: while the copy lives, the first write of either process to a page of
the memory they share copies that page. Python's collector writes into every object it
walks, so the objects alive when the copy is made are frozen out of its walks
(`gc.freeze`, as Python's documentation advises before a fork): until the last copy is
done, or, when others were frozen before (the build's long-lived objects, see the MkDocs
adapter's `long_lived.py`), until whoever froze those gives them back.

There is no copy where the platform has no `fork`, nor in a process running other threads
(`mkdocs serve`), whose copy could inherit a lock another thread holds: the caller then does
the work itself, as it does when a copy fails.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import signal
import tempfile
import threading
from collections.abc import Callable

_live_copies = 0
"""Copies not yet done with: the build's objects stay frozen out of the collector until the
last one is."""
_thaw_when_done = False
"""Whether nothing was frozen before the first of the live copies: then they thaw it all."""


def can_fork() -> bool:
    """Whether a copy of this process can be forked safely: the platform forks, and no
    other thread runs (whose locks the copy would inherit held)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class ForkedTask:
    """`work()` in a forked copy of the process, from the moment this is made; its answer
    (a value `marshal` can write) is read with `answer()`."""

    def __init__(self, work: Callable[[], object], name: str) -> None:
        self._pid = 0
        self._answer_file = ""
        self.started = False
        """Whether a copy was forked (`can_fork`, and a temporary file to answer in)."""
        if not can_fork():
            return
        try:
            handle, self._answer_file = tempfile.mkstemp(prefix=f"site-builder-{name}-")
        except OSError:  # nowhere to answer: the caller does the work itself
            return
        _freeze()
        pid = os.fork()
        if pid == 0:  # the copy: work, answer, and leave without any of the build's ends
            _answer(handle, work)
        os.close(handle)
        self._pid = pid
        self.started = True

    def answer(self) -> object | None:
        """The copy's answer, waiting for it to end; None if there is no copy or it failed."""
        if not self._pid:
            self._remove_answer()
            return None
        try:
            if self._end_copy() != 0:
                return None
            with open(self._answer_file, "rb") as answer:
                value: object = marshal.load(answer)
            return value
        except (OSError, EOFError, ValueError, TypeError):
            return None
        finally:
            self._remove_answer()

    def close(self) -> None:
        """Stop the copy if it still runs (a build that ended before it asked)."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            self._end_copy()
        self._remove_answer()

    def _end_copy(self) -> int:
        """Wait for the copy to end; its exit code."""
        pid, self._pid = self._pid, 0
        try:
            _, status = os.waitpid(pid, 0)
        finally:
            _thaw()
        return os.waitstatus_to_exitcode(status)

    def _remove_answer(self) -> None:
        if self._answer_file:
            with contextlib.suppress(OSError):
                os.unlink(self._answer_file)
            self._answer_file = ""


def _freeze() -> None:
    global _live_copies, _thaw_when_done
    if _live_copies == 0:
        _thaw_when_done = gc.get_freeze_count() == 0
    _live_copies += 1
    gc.freeze()


def _thaw() -> None:
    global _live_copies
    _live_copies -= 1
    if _live_copies == 0 and _thaw_when_done:
        gc.unfreeze()


def _answer(handle: int, work: Callable[[], object]) -> None:
    """In the copy: do the work, write its answer and end the process. `os._exit` leaves
    without running the build's exit handlers or flushing its buffers, which are the
    build's own."""
    code = 1
    try:
        answer = marshal.dumps(work())  # type: ignore[arg-type]  # ValueError: no answer
        with os.fdopen(handle, "wb") as out:
            out.write(answer)
        code = 0
    finally:
        os._exit(code)
