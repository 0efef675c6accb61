"""What `mkdocs serve` does at every save that the plugin can take off the save's path.

MkDocs empties its preview folder before every rebuild: at 10,000 articles some 25,000
files and folders, four seconds of each save before a page is made. The plugin moves the
previous site out of the folder instead (a rename per top-level entry, next to the folder,
on the same file system) and deletes it in a separate process, on another core, while the
build goes on; MkDocs then finds the folder empty. Nothing of the previous site stays in
the folder, so the preview is exactly what the build writes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

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
        self.deleters = [deleter for deleter in self.deleters if deleter.poll() is None]
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
        self.deleters.append(
            subprocess.Popen(
                [sys.executable, "-c", _DELETE, aside],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
