"""Facts about the photos in content/, read from their headers only."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

_ROTATED = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter
_EXIF_ORIENTATION = 274


@lru_cache(maxsize=4096)
def _size(path: str, mtime_ns: int) -> tuple[int, int] | None:
    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(_EXIF_ORIENTATION) in _ROTATED:
                width, height = height, width
            return width, height
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) as displayed (EXIF rotation applied), or None if it is no image.

    Only the header is read, and the answer is cached per file version, so a rebuild in
    `mkdocs serve` does not open every photo again.
    """
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    return _size(str(path), mtime)
