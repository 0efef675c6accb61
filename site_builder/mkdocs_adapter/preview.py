"""What `mkdocs serve` does at every save that the plugin can take off the save's path.

MkDocs empties its preview folder before every rebuild: at 10,000 articles some 25,000
files and folders, four seconds of each save before a page is made. The plugin moves the
previous site out of the folder instead (a rename per top-level entry, next to the folder,
on the same file system) and deletes it in a separate process, on another core, while the
build goes on; MkDocs then finds the folder empty. Nothing of the previous site stays in
the folder, so the preview is exactly what the build writes. And MkDocs' watcher does not
walk content/ while a save's build runs (`PollingPause`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from threading import Lock

from watchdog.observers.polling import PollingEmitter

_LONGEST_WALK = 10.0
"""Seconds to wait for a walk under way: longer, and the build goes on beside it."""
_LOCK_TYPE = type(Lock())

_DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


class PreviewFolder:
    """Empties the preview's folder before each rebuild. A deleter that has ended is
    waited for at the next save; one still running when the preview stops ends by itself
    (it is in a session of its own, so Ctrl-C does not stop it halfway)."""

    def __init__(self) -> None:
        self.deleters: list[subprocess.Popen[bytes]] = []

    def empty(self, folder: Path) -> None:
        """Move what `folder` holds aside and delete it in the background. Anything that
        cannot be moved (another file system, a file in use) is left for MkDocs to
        delete, as it always does."""
        self._forget_ended()
        try:
            entries = os.listdir(folder)
        except OSError:
            return
        if not entries:
            return
        try:
            aside = tempfile.mkdtemp(prefix=f"{folder.name}-old-", dir=folder.parent)
        except OSError:
            return
        for name in entries:
            try:
                os.rename(folder / name, os.path.join(aside, name))
            except OSError:
                continue
        self.discard(Path(aside))

    def replace_with(self, folder: Path, built: Path) -> None:
        """Put what `built` holds in place of what `folder` holds: a rename per top-level
        entry each way, so the preview lacks its files for a moment only. What cannot be
        renamed is copied."""
        self.empty(folder)
        for name in os.listdir(folder):  # what could not be moved aside
            _remove(folder / name)
        for name in os.listdir(built):
            try:
                os.rename(built / name, folder / name)
            except OSError:
                _copy(built / name, folder / name)

    def discard(self, folder: Path) -> None:
        """Delete `folder` in a process of its own."""
        self._forget_ended()
        self.deleters.append(
            subprocess.Popen(
                [sys.executable, "-c", _DELETE, str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )

    def _forget_ended(self) -> None:
        self.deleters = [deleter for deleter in self.deleters if deleter.poll() is None]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    else:
        shutil.copy2(source, target)


class PollingPause:
    """Stops MkDocs' watcher from walking the watched folders while a save's build runs.

    The preview's watcher polls: every half second it lists and stats every file under
    content/ (11,000 files and 0.15 s a walk at 10,000 articles), in a thread that takes
    turns with the build for the interpreter, to find changes that can only start another
    build once this one is over. Each of watchdog's polling emitters walks while holding
    a lock of its own; the plugin holds those locks from the start of a build to its end.
    An emitter keeps its last walk to compare the next with, so a file saved during the
    build is still found by the first walk after it, and the preview builds again, as it
    would have. A watcher without such locks (another watchdog) or that does not poll
    (`watcher.py`) is left as it is."""

    def __init__(self) -> None:
        self.observer: object | None = None
        self.held: list[Lock] = []

    def watch(self, observer: object) -> None:
        """The watcher of `mkdocs serve` (known from `on_serve`, after the first build)."""
        self.observer = observer

    def begin(self) -> None:
        """Wait for the walks under way to end, and let no other start."""
        if self.observer is None or self.held:
            return
        for emitter in list(getattr(self.observer, "emitters", ())):
            if not isinstance(emitter, PollingEmitter):
                continue  # a watcher told of changes by the kernel does not walk
            lock = getattr(emitter, "_lock", None)
            if isinstance(lock, _LOCK_TYPE) and lock.acquire(timeout=_LONGEST_WALK):
                self.held.append(lock)

    def end(self) -> None:
        """Let the watcher walk again."""
        while self.held:
            self.held.pop().release()
