"""Images of imported items, brought into `content/anh/nhap/` (`--fetch-images`), so that a
published page never loads an image from the old site and readers get the small copies the
photo pipeline makes of every photo in `content/`.

A file is named by a hash of its address: the same image is fetched once, however many
items use it, and a second run finds it already there.
"""

from __future__ import annotations

import hashlib
import io
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from ..content.photo_files import MAX_PIXELS

FOLDER = "anh/nhap"
MAX_DOWNLOAD_BYTES = 30_000_000
"""A phone photo is a few MB; a larger download is refused rather than kept."""
TIMEOUT_SECONDS = 30
_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
"""The formats the photo pipeline makes copies of; a GIF or an SVG is not fetched."""


class ImageFetcher:
    """Downloads images into the content folder, once each; says why when it cannot."""

    def __init__(self, content_root: Path, *, dry_run: bool = False) -> None:
        self.folder = content_root / FOLDER
        self.dry_run = dry_run
        self._done: dict[str, tuple[str | None, str]] = {}

    def fetch(self, url: str) -> tuple[str | None, str]:
        """The image's path on the site ("/anh/nhap/3f2a….jpg"), or None and the reason."""
        if url not in self._done:
            self._done[url] = self._fetch(url)
        return self._done[url]

    def _fetch(self, url: str) -> tuple[str | None, str]:
        if urlsplit(url).scheme not in ("http", "https"):
            return None, "địa chỉ ảnh không phải http(s)"
        stem = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        for known in _SUFFIX.values():
            if (self.folder / f"{stem}{known}").is_file():
                return f"/{FOLDER}/{stem}{known}", ""
        if self.dry_run:
            return f"/{FOLDER}/{stem}.jpg", ""
        try:
            data = _download(url)
        except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
            return None, f"không tải được ({getattr(error, 'reason', error)})"
        if data is None:
            return None, f"ảnh lớn hơn {MAX_DOWNLOAD_BYTES // 1_000_000} MB"
        suffix = _photo_suffix(data)
        if suffix is None:
            return None, "tệp tải về không phải ảnh JPEG, PNG hoặc WebP dùng được"
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{stem}{suffix}").write_bytes(data)
        return f"/{FOLDER}/{stem}{suffix}", ""


def _download(url: str) -> bytes | None:
    request = urllib.request.Request(url, headers={"User-Agent": "site-builder import"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        data: bytes = response.read(MAX_DOWNLOAD_BYTES + 1)
    return None if len(data) > MAX_DOWNLOAD_BYTES else data


def _photo_suffix(data: bytes) -> str | None:
    """The file's suffix from what it is, not from its address; None for anything else."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.verify()
            return _SUFFIX.get(str(image.format))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
