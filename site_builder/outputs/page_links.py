"""Kept files a build publishes (pages copied from the page cache, photo copies, share
images), linked into the site by a process of their own while the build goes on.

A build that copies 13,000 pages from the page cache makes a folder and a hard link for
each: the file system's work, 0.6-2.4 s of a build at 10,000 articles on the development
machine. A thread does not take it off the build: after every call into the file system
it waits for the interpreter, which the build holds. A second process does it on another
core, from a list of the links to make, and answers with the pages whose kept file was
missing; the build waits for it only when it needs the answer (for the pages, before
MkDocs writes into the site; for the photos, when the build ends).

Run as `python -m site_builder.outputs.page_links LIST`, LIST holding the pairs (kept
file, target) separated by NUL characters.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .page_cache import link_or_copy


class Linking:
    """One process publishing kept pages (`link_or_copy` each: a hard link, or a copy on
    another file system)."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        listed = "\0".join(path for pair in pairs for path in pair)
        with tempfile.NamedTemporaryFile("wb", suffix=".links", delete=False) as f:
            f.write(listed.encode(sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()))
        self.list_file = Path(f.name)
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(self.list_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def wait(self) -> list[str]:
        """The targets whose kept file was missing; OSError if the process failed."""
        try:
            out, err = self.process.communicate()
        finally:
            self.list_file.unlink(missing_ok=True)
        if self.process.returncode != 0:
            raise OSError(err.decode(errors="replace").strip() or "page links not made")
        return [os.fsdecode(target) for target in out.split(b"\0") if target]

    def wait_quietly(self) -> None:
        """Wait for the process of a build that failed: what it says no longer matters,
        only that it no longer writes into the site."""
        with contextlib.suppress(OSError):
            self.wait()


def link_all(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Make every link; the targets whose kept file was missing. Each folder is made
    once: the 11,000 share images of a 10,000-article archive share one folder, and
    asking to make it again for each was as many calls into the file system."""
    made: set[str] = set()
    lost = []
    for kept, target in pairs:
        folder = os.path.dirname(target)
        if not link_or_copy(kept, target, make_folder=folder not in made):
            lost.append(target)
        made.add(folder)
    return lost


def main(arguments: Sequence[str]) -> int:
    listed = Path(arguments[0]).read_bytes()
    paths = listed.split(b"\0") if listed else []
    pairs = [
        (os.fsdecode(kept), os.fsdecode(target))
        for kept, target in zip(paths[0::2], paths[1::2], strict=True)
    ]
    lost = link_all(pairs)
    sys.stdout.buffer.write(b"\0".join(os.fsencode(target) for target in lost))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
