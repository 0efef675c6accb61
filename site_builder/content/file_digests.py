"""The digest of every Markdown file of the content, taken by a process of its own.

A build with kept readings (`reading_store.py`) reads and hashes every content file to
know which are unchanged: 11,000 files at 10,000 articles, 0.4-0.8 s of the build on the
development machine, most of it the file system's. A second process does it on the other
core from the start of the build, while MkDocs lists the site's files and the store is
unpickled; the store asks for the answer when it needs its first digest. A file the
process could not read is left out: the store reads it itself.

Run as `python -m site_builder.content.file_digests ROOT`: it writes, for every `.md` file
below ROOT, its path relative to ROOT ('/'-separated) and the digest of its bytes, all
separated by NUL characters.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path


def file_digest(raw: bytes) -> str:
    """The digest of a file's bytes, as the loader and the reading store know a file."""
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


class FileDigests:
    """One process digesting the content's Markdown files, started when it is made."""

    def __init__(self, root: Path) -> None:
        self._digests: dict[str, str] | None = None
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def get(self) -> Mapping[str, str]:
        """The digest of each file, by its path below the root; empty if the process
        failed (every file is then read by the store)."""
        if self._digests is None:
            out, _ = self.process.communicate()
            parts = out.split(b"\0") if self.process.returncode == 0 and out else []
            if len(parts) % 2:
                parts = []  # cut short: nothing of it is trusted
            self._digests = {
                os.fsdecode(path): digest.decode("ascii")
                for path, digest in zip(parts[0::2], parts[1::2], strict=True)
            }
        return self._digests

    def close(self) -> None:
        """Reap the process of a build that did not ask for its answer."""
        if self._digests is None:
            with contextlib.suppress(OSError):
                self.process.communicate()
            self._digests = {}


def _every_markdown_file(root: str) -> Iterator[tuple[str, str]]:
    """Each `.md` file below `root` (more than the loader reads: index pages, editors'
    pages), as its path and its path relative to `root`."""
    for directory, _, filenames in os.walk(root):
        for name in filenames:
            if name.endswith(".md"):
                path = os.path.join(directory, name)
                yield path, os.path.relpath(path, root).replace(os.sep, "/")


def main(arguments: Sequence[str]) -> int:
    out = []
    for path, relative in _every_markdown_file(arguments[0]):
        try:
            with open(path, "rb") as file:
                digest = file_digest(file.read())
        except OSError:
            continue
        out += [os.fsencode(relative), digest.encode("ascii")]
    sys.stdout.buffer.write(b"\0".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
