"""The full build of the preview that follows a quick one (see `quick_preview.py`).

Run by `mkdocs serve`'s process as
`python -m site_builder.mkdocs_adapter.catch_up CONFIG SERVE_URL --[no-]strict
--[no-]directory-urls --server PID SITE_DIR`: it builds the preview as `mkdocs serve` does (drafts
shown, addresses under the preview's URL) into SITE_DIR, with the settings the server
was given, and exits 0 when the build succeeded. Only errors are printed. If the server's
process (PID) ends first, even before this one has started (killed, so that it could not
stop this one), the build stops and its folder is deleted: nothing is left writing the
page cache or the disk unseen.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .preview import PreviewFolder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catch_up", description=__doc__)
    parser.add_argument("config_file")
    parser.add_argument("serve_url")
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--directory-urls", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--server", type=int, help="the process id of `mkdocs serve`")
    parser.add_argument("site_dir")
    arguments = parser.parse_args(argv)
    server = arguments.server or os.getppid()
    if os.getppid() != server:
        # The server ended before this process began. Not left to the thread below: the
        # main thread's exit (its settings file gone with the server, say) could cut the
        # thread short, leaving the folder behind.
        PreviewFolder().discard(Path(arguments.site_dir))
        return 1
    threading.Thread(
        target=_end_with_parent, args=(server, arguments.site_dir), daemon=True
    ).start()
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    config = load_config(
        arguments.config_file,
        site_dir=arguments.site_dir,
        strict=arguments.strict,
        use_directory_urls=arguments.directory_urls,
    )
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = arguments.serve_url
    try:
        build(config, serve_url=arguments.serve_url)
    finally:
        config.plugins.on_shutdown()
    return 0


def _end_with_parent(parent: int, site_dir: str) -> None:
    """Exit, deleting the folder being built, once the server's process has ended."""
    while os.getppid() == parent:
        time.sleep(0.2)
    PreviewFolder().discard(Path(site_dir))  # a process that starts as this one ends
    os._exit(1)


if __name__ == "__main__":
    sys.exit(main())
