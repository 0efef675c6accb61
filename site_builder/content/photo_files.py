"""Rules about the photo files in content/: which files are photos, how heavy and how large
one may be, and its displayed size, read from its header only.

`site-builder check` applies them without decoding a photo; the photo pipeline
(`media/photos.py`) applies the same limits when it makes the copies.
"""

from __future__ import annotations

import stat
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .problems import Finding

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
"""Raster photos made into copies; a GIF (maybe animated) is published as it is."""
MAX_PHOTO_BYTES = 10_000_000
"""A photo heavier than this is flagged: it slows every clone of the repository, and no
phone photo needs it (a 12 MP photo is 3-8 MB)."""
MAX_PIXELS = 50_000_000
"""Larger images are refused rather than decoded (a 50 MP photo already takes 150 MB)."""
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
"""EXIF orientations that turn the picture a quarter: its width and height swap."""
_EXIF_ORIENTATION = 274


def is_photo(src_uri: str) -> bool:
    return src_uri.lower().endswith(PHOTO_SUFFIXES)


def is_quarter_turned(image: Image.Image) -> bool:
    """Whether the photo is shown turned a quarter (its EXIF orientation), so that its
    displayed width is its stored height."""
    return image.getexif().get(_EXIF_ORIENTATION) in _QUARTER_TURNS


@lru_cache(maxsize=4096)
def _size(path: str, mtime_ns: int) -> tuple[int, int] | None:
    try:
        with Image.open(path) as image:
            width, height = image.size
            if is_quarter_turned(image):
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


PhotoState = tuple[int, tuple[int, int] | None]
"""What the checks read of a photo file: its size in bytes and, for a raster photo, its
displayed size (None when its header does not read as an image, or it is a GIF)."""


def photo_state(path: Path) -> PhotoState | None:
    """What the checks read of the file at `path`; None when there is no such file. A
    reading kept between builds (`reading_store.py`) holds the states its checks saw, and
    is taken again only while each photo's state is the same."""
    try:
        status = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    suffix = path.suffix.lower()
    dimensions = _size(str(path), status.st_mtime_ns) if suffix in PHOTO_SUFFIXES else None
    return status.st_size, dimensions


def photo_file_findings(state: PhotoState, written: str, suffix: str) -> list[Finding]:
    """What `site-builder check` can tell of a photo (its file's `photo_state`) without
    decoding it: its weight, and whether its header reads as an image small enough to
    process."""
    findings: list[Finding] = []
    size, dimensions = state
    if size > MAX_PHOTO_BYTES:
        megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
        message = (
            f"Ảnh '{written}' nặng {megabytes} MB, quá {MAX_PHOTO_BYTES // 1_000_000} MB. "
            "Trang web tự thu nhỏ ảnh cho người đọc, nhưng tệp gốc làm kho bài nặng thêm: hãy "
            "thu nhỏ ảnh (chiều rộng khoảng 2000–4000 điểm ảnh) rồi tải lên lại."
        )
        findings.append(("SB125", message))
    if suffix.lower() not in PHOTO_SUFFIXES:
        return findings
    if dimensions is None:
        message = (
            f"Không đọc được ảnh '{written}': tệp có thể bị hỏng khi tải lên hoặc không phải "
            "ảnh. Hãy mở ảnh trên máy, lưu lại dạng .jpg và tải lên lại."
        )
        findings.append(("SB127", message))
    elif dimensions[0] * dimensions[1] > MAX_PIXELS:
        message = (
            f"Ảnh '{written}' có {dimensions[0]}×{dimensions[1]} điểm ảnh, quá lớn để xử lý. "
            "Hãy thu nhỏ ảnh (dưới 50 triệu điểm ảnh) rồi tải lên lại."
        )
        findings.append(("SB127", message))
    return findings
