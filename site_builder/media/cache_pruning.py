"""The photo cache holds what the site publishes, not everything it ever published.

The cache (`.cache/photos`) is kept between builds, and by CI between runs: restored from
the newest run, saved again under a new key. A photo's copies are kept under the hash of
its content and a share card under the hash of its texts, so a replaced photo or a changed
title leaves its old files behind. Over years of daily edits that is thousands of files,
carried into every run and restored before every build.

So a build removes from the cache what it did not publish. Only the cache's own entries
(a folder or file named by a key), and only those not touched since the build started:
a preview (`mkdocs serve`, which also shows drafts) may be drawing a card or resizing a
photo in the same folder meanwhile. A preview never prunes. An entry a preview still
links to is served from the preview's own folder (a hard link keeps the file), and is
made again at its next save if it is needed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .photos import PhotoSet
from .share_images import SHARE_CACHE_DIR, ShareImageSet

PHOTO_ENTRY = re.compile(r"[0-9a-f]{20}")
"""A photo's folder of copies (`photos._content_key`)."""
SHARE_ENTRY = re.compile(r"[0-9a-f]{20}\.(png|jpg)")
"""A share card or a cropped cover (`share_images._from_cache_or`)."""


def prune_photo_cache(
    cache_dir: Path, photos: PhotoSet, share: ShareImageSet, started_ns: int
) -> int:
    """Remove the entries of `cache_dir` that this build did not publish and that were
    last changed before it started (`time.time_ns()`); how many were removed."""
    photo_folders = {path.parent.name for path in photos.files.values()}
    share_files = {os.path.basename(path) for path in share.files.values()}
    return _prune(cache_dir, PHOTO_ENTRY, photo_folders, started_ns) + _prune(
        cache_dir / SHARE_CACHE_DIR, SHARE_ENTRY, share_files, started_ns
    )


def _prune(folder: Path, entry_name: re.Pattern[str], kept: set[str], before_ns: int) -> int:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0  # no cache yet, or not readable: nothing to do
    removed = 0
    for entry in entries:
        if entry.name in kept or not entry_name.fullmatch(entry.name):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime_ns >= before_ns:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue  # removed meanwhile, or not ours to remove: left as it is
        removed += 1
    return removed
