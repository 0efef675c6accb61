"""What the core makes in `on_files` lives until the build ends: Python's collector need not
walk it again and again.

A full collection walks every object alive; at 10,000 articles the build holds about half
a million, made in `on_files`, and later hooks (keying pages, MkDocs' rendering) make
enough new ones to start four full collections, which found nothing to free and took
1.9 s of a 20 s build with the page cache. Frozen after `on_files`, those objects are no
longer walked: the same collections took 0.8 s. The rest of `on_files` (share images,
open data, the search plan) started one more full collection over the loaded content; frozen
as soon as the content is indexed and listed too, full collections take 0.4 s.

Frozen objects are not freed while frozen, so they are released when the build ends, well
or not; `mkdocs serve` then frees the whole site before making the next one.

The youngest generation is collected less often during a build, too: Python collects it
once 700 more objects it tracks were made than freed, and outside the paused load and index
a build that changed one article at 10,000 keeps about half a million more (MkDocs' 24,000
files, the share images, the pages' keys), almost all until the build ends: 685 collections
of it, and 59 of the next generation over everything they kept, took 0.2-0.25 s of a 5-6 s
build. At 20,000, 21 collections took 0.1-0.12 s. Cycles a build makes and drops (a page's
Markdown instance) wait at most 20,000 objects longer to be freed.
"""

from __future__ import annotations

import atexit
import gc

YOUNG_GENERATION_DURING_A_BUILD = 20_000
"""New objects between two collections of the youngest generation while a build runs (700
by default)."""


class LongLivedObjects:
    """Freezes the objects alive at the points of a build it is told, until the build ends;
    and collects the youngest generation less often meanwhile (`begin`)."""

    def __init__(self) -> None:
        self._frozen = False
        self._thresholds: tuple[int, int, int] | None = None
        """The collector's thresholds before `begin`, while a build runs."""

    def begin(self) -> None:
        """A build begins: collect the youngest generation less often until it ends."""
        if self._thresholds is None:
            young, *older = self._thresholds = gc.get_threshold()
            if young:  # 0 turns automatic collection off: left so
                gc.set_threshold(max(young, YOUNG_GENERATION_DURING_A_BUILD), *older)

    def freeze(self) -> None:
        """Leave everything alive now out of the collector's walks. Not when something
        else in the process froze objects: releasing ours would release theirs too."""
        if self._frozen or gc.get_freeze_count() == 0:
            gc.freeze()
            self._frozen = True

    def release(self) -> None:
        """Give the objects frozen by `freeze` back to the collector, and its thresholds."""
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None


_exit_registered = False


def freeze_at_exit() -> None:
    """Spare the process's end the walks of everything still alive.

    When `mkdocs build` returns, Python's finalisation runs full collections over every
    object left (at 10,000 articles the site's: 1.8 to 1.9 s between the build's end and the
    process's, a tenth of a build with the page cache, which CI waits for); frozen, they
    are not walked (0.06 to 0.08 s). It is done by an exit handler, never earlier, so a
    process that builds again (`mkdocs serve`, the tests) frees each build's site as
    before. Objects frozen at exit are not collected, which Python never promises for
    what is alive at exit anyway: the files the build wrote were closed, and the exit
    handlers registered before it (logging's flush among them) still run after it."""
    global _exit_registered
    if not _exit_registered:
        atexit.register(gc.freeze)
        _exit_registered = True
