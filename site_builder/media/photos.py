"""Photos for phones: every content photo becomes a few smaller copies, made once.

Journalists upload what their phones take: 3-8 MB JPEGs, 4000 px wide, with EXIF that may
hold the place it was taken. Readers get, through `<picture>`/`srcset`, the smallest copy
that fills their screen: WebP at 480, 960 and 1600 px (never wider than the original),
with JPEG copies for browsers without WebP. The EXIF orientation is applied to the pixels
first and then no metadata is written, so GPS and camera data never reach the site.

Work is cached by the photo's content: a folder per SHA-256, kept between builds (and by
CI between runs), so an unchanged photo is never decoded again, whatever its name.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import posixpath
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from ..content.pass_cache import PassCache
from ..content.photo_files import MAX_PIXELS, is_quarter_turned
from ..content.problems import Problem
from ..content.strict import StrictAttributes

WIDTHS = (480, 960, 1600)
FORMATS = (("webp", "image/webp"), ("jpg", "image/jpeg"))
WEBP_QUALITY = 72
JPEG_QUALITY = 78
VARIANTS_DIR = "_anh"
"""Where the copies are published: `_anh/<hash>/<name>-<width>.<ext>`."""
PIPELINE_VERSION = f"1:{WIDTHS}:{WEBP_QUALITY}:{JPEG_QUALITY}"
"""Part of the cache key: changing a width or a quality makes every copy anew."""


@dataclass(frozen=True)
class Variant(StrictAttributes):
    """One copy of a photo, at a URL relative to the site's root."""

    url: str
    width: int
    height: int
    media_type: str


PHONE_MEDIA = "(max-width: 37.5em)"
"""Screens up to 600 CSS px wide: phones, held upright or sideways."""
PHONE_MAX_WIDTH = 960
"""The widest copy offered to phones. A 360-px phone with a 3x screen would otherwise pick
the 1600-px copy, about three times the bytes of the 960-px one, for a difference its
screen barely shows."""


@dataclass(frozen=True)
class Source(StrictAttributes):
    """One `<source>` of a photo's `<picture>`: copies of one type, for screens matching
    `media` (empty: every screen)."""

    media_type: str
    media: str
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class Photo(StrictAttributes):
    """A content photo and its copies; `width`/`height` as displayed (rotation applied)."""

    src_uri: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    key: str = ""
    """The hash of the photo's content and the pipeline's settings (its cache folder)."""

    def srcset(self, media_type: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.media_type == media_type)

    def sources(self) -> tuple[Source, ...]:
        """The `<source>` elements, in the order the browser tries them: WebP for phones
        (no copy wider than PHONE_MAX_WIDTH), then WebP for every screen. Browsers without
        WebP use the `<img>`'s JPEG `srcset`."""
        webp = self.srcset("image/webp")
        for_phones = tuple(v for v in webp if v.width <= PHONE_MAX_WIDTH)
        every_screen = Source("image/webp", "", webp)
        if not for_phones or for_phones == webp:
            return (every_screen,)
        return (Source("image/webp", PHONE_MEDIA, for_phones), every_screen)

    @property
    def fallback(self) -> Variant:
        """The JPEG for `src`: the one nearest 960 px, which suits most screens."""
        jpegs = self.srcset("image/jpeg")
        return min(jpegs, key=lambda v: (abs(v.width - 960), -v.width))

    @property
    def largest(self) -> Variant:
        """The widest JPEG: the one shared as the page's picture (Open Graph)."""
        return max(self.srcset("image/jpeg"), key=lambda v: v.width)


@dataclass(frozen=True)
class PhotoFailure:
    """A photo that could not be made into copies, and why (in Vietnamese)."""

    src_uri: str
    reason: str


def failure_problem(failure: PhotoFailure, display_path: str) -> Problem:
    """A photo that could not be made smaller, as a warning for the journalist."""
    message = (
        f"Không thu nhỏ được ảnh: {failure.reason}. Ảnh vẫn được đăng nguyên bản (nặng với "
        "người đọc trên điện thoại); hãy mở ảnh trên máy, lưu lại dạng .jpg và tải lên lại."
    )
    return Problem(display_path, 1, "SB127", message)


@dataclass
class PhotoSet:
    """Every processed photo by its path in content/, the files to publish, the failures."""

    photos: dict[str, Photo]
    files: dict[str, Path]
    """Published path (relative to the site) -> the cached file to copy there."""
    failures: list[PhotoFailure]
    processed: int = 0
    """How many photos were decoded in this run (the rest came from the cache)."""


def variant_widths(width: int) -> tuple[int, ...]:
    """The copy widths for a photo `width` px wide: never upscaled, at least one copy."""
    below = tuple(w for w in WIDTHS if w < width)
    return below if width > WIDTHS[-1] else (*below, width)


def prepare_photos(
    content_root: Path, src_uris: Iterable[str], cache_dir: Path, workers: int | None = None
) -> PhotoSet:
    """Make (or find in the cache) the copies of every photo in `src_uris`.

    Photos missing from the cache are processed in parallel threads: Pillow releases the
    interpreter lock while it decodes, resizes and encodes.
    """
    result = PhotoSet({}, {}, [])
    pending: list[tuple[str, Path, Path]] = []
    for src_uri in src_uris:
        path = content_root / src_uri
        try:
            folder = cache_dir / _content_key(path)
        except OSError as error:
            result.failures.append(PhotoFailure(src_uri, f"không đọc được tệp ({error.strerror})"))
            continue
        manifest = _cached(folder)
        if manifest is None:
            pending.append((src_uri, path, folder))
        else:
            _add(result, src_uri, folder, manifest)
    workers = workers or min(4, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = pool.map(lambda job: _process(job[1], job[2]), pending)
        for (src_uri, _, folder), outcome in zip(pending, outcomes, strict=True):
            if isinstance(outcome, str):
                result.failures.append(PhotoFailure(src_uri, outcome))
                continue
            result.processed += 1
            _add(result, src_uri, folder, outcome)
    _KEYS.end_pass()
    return result


_KEYS: PassCache[tuple[str, int, int], str] = PassCache()
"""Cache keys by (path, size, modification time), kept across the rebuilds of
`mkdocs serve`: an unchanged photo is not read and hashed again at every save."""


def _content_key(path: Path) -> str:
    """The cache key of a photo: its content and the pipeline's settings, hashed."""
    status = path.stat()
    stamp = (str(path), status.st_size, status.st_mtime_ns)
    key = _KEYS.get(stamp)
    if key is None:
        key = hashlib.sha256(PIPELINE_VERSION.encode() + path.read_bytes()).hexdigest()[:20]
        _KEYS.put(stamp, key)
    return key


def _add(result: PhotoSet, src_uri: str, folder: Path, manifest: dict[str, Any]) -> None:
    stem = _safe_stem(src_uri)
    base = posixpath.join(VARIANTS_DIR, folder.name)
    variants = []
    for width, height, extension, media_type in manifest["variants"]:
        url = f"{base}/{stem}-{width}.{extension}"
        variants.append(Variant(url, width, height, media_type))
        result.files[url] = folder / f"{width}.{extension}"
    result.photos[src_uri] = Photo(
        src_uri, manifest["width"], manifest["height"], tuple(variants), folder.name
    )


def _safe_stem(src_uri: str) -> str:
    """The photo's file name without extension, kept in the copies' URLs for readability."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in stem) or "anh"


def _cached(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest if the folder is complete (the manifest is written last)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _process(path: Path, folder: Path) -> dict[str, Any] | str:
    """Decode, orient, resize and encode one photo into `folder`: its manifest, or the
    reason it failed."""
    try:
        copies, width, height = render_copies(path.read_bytes())
    except OSError as error:
        return f"không đọc được tệp ({error.strerror})"
    except _PhotoError as error:
        return str(error)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    variants = []
    for (copy_width, copy_height, extension, media_type), encoded in copies:
        (staging / f"{copy_width}.{extension}").write_bytes(encoded)
        variants.append([copy_width, copy_height, extension, media_type])
    manifest = {"width": width, "height": height, "variants": variants}
    (staging / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    try:
        staging.rename(folder)  # atomic: another build never sees half a folder
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # another process made it first
    return manifest


class _PhotoError(Exception):
    """A photo Pillow cannot read, or one too large to decode safely."""


def render_copies(
    data: bytes,
) -> tuple[list[tuple[tuple[int, int, str, str], bytes]], int, int]:
    """Every copy of the photo in `data` as encoded bytes, and its displayed size."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            stored_width, stored_height = image.size
            if stored_width * stored_height > MAX_PIXELS:
                raise _PhotoError(
                    f"ảnh {stored_width}×{stored_height} điểm ảnh, quá lớn để xử lý; "
                    "hãy thu nhỏ ảnh (dưới 50 triệu điểm ảnh)"
                )
            rotated = is_quarter_turned(image)
            width, height = (stored_height, stored_width) if rotated else image.size
            widths = variant_widths(width)
            scale = widths[-1] / width
            if image.format == "JPEG":
                # Decode straight at the nearest size above the largest copy: 4x faster.
                image.draft(
                    "RGB", (math.ceil(stored_width * scale), math.ceil(stored_height * scale))
                )
            upright = ImageOps.exif_transpose(image)
            rgb = upright.convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as error:
        raise _PhotoError("tệp không phải ảnh đọc được (có thể bị hỏng khi tải lên)") from error
    copies = []
    for copy_width in widths:
        copy_height = max(1, round(height * copy_width / width))
        resized = (
            rgb
            if rgb.size == (copy_width, copy_height)
            else rgb.resize((copy_width, copy_height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        for extension, media_type in FORMATS:
            buffer = io.BytesIO()
            if extension == "webp":
                resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
            else:
                resized.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            copies.append(((copy_width, copy_height, extension, media_type), buffer.getvalue()))
    return copies, width, height
