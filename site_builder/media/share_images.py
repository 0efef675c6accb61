"""The picture a shared link shows: 1,200×630, the shape Facebook and Zalo crop a link to.

An article or a profile with a photo above its text is shared with that photo cropped to
1.91:1 around its centre. One without gets a card drawn here: the category (or the model's
field) above the title, the date and the site's name below, white on the site's red, in Be
Vietnam Pro (`fonts/`, SIL Open Font License), a typeface drawn for Vietnamese, whose every
letter with its stacked marks (ầ, ẫ, ự) exists as a glyph of its own.

Both are cached by content, as the photos' copies are: a card by its texts, colours and
fonts, a crop by its photo. An unchanged page costs one hash, and a changed title gives a
new file name, which also makes Facebook read the new picture instead of its cached one.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from ..content.photo_files import MAX_PIXELS
from ..content.strict import StrictAttributes

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300_000
"""Above this size some clients show no picture at all; every share image stays below."""
SHARE_DIR = "_anh/chia-se"
"""Where share images are published: `_anh/chia-se/<hash>.<png|jpg>`."""
SHARE_CACHE_DIR = "chia-se"
"""Where they are kept, in the photo cache."""
BACKGROUND = (0xB7, 0x1C, 0x1C)
"""The site's red (`--md-primary-fg-color` in theme_overrides/assets/site-builder.css; a
test keeps the two equal). White on it has a contrast of 6.6:1."""
FONTS = Path(__file__).parent / "fonts"
BOLD = FONTS / "BeVietnamPro-Bold.ttf"
MEDIUM = FONTS / "BeVietnamPro-Medium.ttf"
CARD_VERSION = "2"
"""Part of every card's cache key: bump it when the layout below changes."""
CROP_VERSION = "1:82"
"""Part of every crop's cache key: the size and the JPEG quality."""

MARGIN = 72
TEXT_WIDTH = WIDTH - 2 * MARGIN
KICKER_TOP, KICKER_SIZE = 64, 30
TITLE_TOP, TITLE_BOTTOM = 132, 500
TITLE_SIZES = (72, 66, 60, 56, 52, 48, 44, 40)
"""Sizes tried for the title, largest first; the first at which it fits is kept."""
SMALLEST_SIZES = (36, 32, 28)
"""Further sizes, used only for a single word too wide for the card at 40 px (an address).
A word wider than the card even at 28 px is the one thing ever broken across lines."""
LINE_HEIGHT = 1.2
RULE_Y, FOOTER_TOP, FOOTER_SIZE = 528, 552, 28
ELLIPSIS = "…"

# Shades of the card, as mixes of the background (0) and white (255).
TITLE_SHADE, FOOTER_SHADE, KICKER_SHADE, RULE_SHADE = 255, 240, 215, 120


@dataclass(frozen=True)
class CardText(StrictAttributes):
    """What a generated card says: plain text, already NFC."""

    title: str
    kicker: str
    date: str
    site_name: str


@dataclass(frozen=True)
class ShareRequest(StrictAttributes):
    """A page that needs a share image: `cover` is the path in content/ of its photo (whose
    copies are `cover_key`, the photo pipeline's content hash), or empty for a card."""

    page: str
    card: CardText
    alt: str
    cover: str = ""
    cover_key: str = ""


@dataclass(frozen=True)
class ShareImage(StrictAttributes):
    """A page's share image, at a URL relative to the site's root."""

    url: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT


@dataclass
class ShareImageSet:
    """The share image of each page (by its source path) and the files to publish."""

    images: dict[str, ShareImage] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Published path (relative to the site) -> the cached file to copy there (a path as
    text: MkDocs takes it as text, and 11,000 `Path`s cost 0.1 s of every build at 10,000
    articles)."""
    made: int = 0
    """How many images were drawn or cropped in this run (the rest came from the cache)."""


def prepare_share_images(
    requests: Iterable[ShareRequest], content_root: Path, cache_dir: Path
) -> ShareImageSet:
    """The share image of every request, made once and then found in `cache_dir`.

    A cover that cannot be read gives the page a card instead: the photo's own problem is
    already reported by the photo pipeline."""
    result = ShareImageSet()
    folder = cache_dir / SHARE_CACHE_DIR
    # One listing of the folder rather than a look-up per image (11,000 at 10,000 articles).
    kept = set(os.listdir(folder)) if folder.is_dir() else set()
    folder_text = os.fspath(folder)
    for request in requests:
        image = None
        if request.cover:
            cover = content_root / request.cover
            crop = partial(_crop_file, cover)
            image = _from_cache_or(
                result, folder_text, kept, _crop_key(request), "jpg", request.alt, crop
            )
        if image is None:
            draw = partial(draw_card, request.card)
            key = _card_key(request.card)
            image = _from_cache_or(result, folder_text, kept, key, "png", request.alt, draw)
        if image is not None:
            result.images[request.page] = image
    return result


def _from_cache_or(
    result: ShareImageSet,
    folder: str,
    kept: set[str],
    key: str,
    extension: str,
    alt: str,
    make: Callable[[], bytes],
) -> ShareImage | None:
    """The cached image `key` (its name among the `kept` files of `folder`), or the one
    `make()` returns, stored under `key`."""
    name = f"{key}.{extension}"
    cached = os.path.join(folder, name)
    if name not in kept:
        try:
            data = make()
        except (OSError, _UnreadablePhoto):
            return None
        _store(Path(cached), data)
        kept.add(name)
        result.made += 1
    url = f"{SHARE_DIR}/{name}"
    result.files[url] = cached
    return ShareImage(url, alt)


def _store(path: Path, data: bytes) -> None:
    """Write atomically: a build running beside this one never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, staging = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
    os.replace(staging, path)


def _crop_file(path: Path) -> bytes:
    return crop_cover(path.read_bytes())


def _crop_key(request: ShareRequest) -> str:
    return _digest([CROP_VERSION, request.cover_key or request.cover])


def _card_key(card: CardText) -> str:
    return _digest(
        [
            CARD_VERSION,
            _fonts_digest(),
            BACKGROUND,
            card.title,
            card.kicker,
            card.date,
            card.site_name,
        ]
    )


_KEY_TEXT = json.JSONEncoder(ensure_ascii=False)
"""`json.dumps(parts, ensure_ascii=False)`, made once rather than for each of 11,000 keys."""


def _digest(parts: Sequence[object]) -> str:
    text = _KEY_TEXT.encode(parts)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@cache
def _fonts_digest() -> str:
    """The fonts are part of a card's key: a new version of the typeface redraws them."""
    return hashlib.sha256(BOLD.read_bytes() + MEDIUM.read_bytes()).hexdigest()[:12]


class _UnreadablePhoto(Exception):
    """A cover Pillow cannot read, or too large to decode safely."""


def crop_cover(data: bytes, quality: int = 82) -> bytes:
    """The photo in `data`, upright, cropped around its centre to 1.91:1 and resized to
    1,200×630, as a JPEG under MAX_BYTES (the quality is lowered until it is)."""
    try:
        with Image.open(io.BytesIO(data)) as photo:
            if photo.width * photo.height > MAX_PIXELS:
                raise _UnreadablePhoto
            if photo.format == "JPEG":
                photo.draft("RGB", (WIDTH, HEIGHT))  # decode at the nearest size above
            upright = ImageOps.exif_transpose(photo).convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as error:
        raise _UnreadablePhoto from error
    cropped = ImageOps.fit(upright, (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    while True:
        buffer = io.BytesIO()
        cropped.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() < MAX_BYTES or quality <= 40:
            return buffer.getvalue()
        quality -= 8


def draw_card(card: CardText) -> bytes:
    """A PNG card for a page without a photo. The title takes the largest size at which it
    fits its box, a little above the box's middle; a title too long even at the smallest
    ends on a whole word and "…"."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    kicker = _Face.of(MEDIUM, KICKER_SIZE)
    kicker.draw(canvas, MARGIN, KICKER_TOP, _fit_line(card.kicker.upper(), kicker), KICKER_SHADE)
    title, lines = fit_title(card.title)
    step = round(title.size * LINE_HEIGHT)
    top = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - _height(len(lines), title.size)) // 3
    for number, line in enumerate(lines):
        title.draw(canvas, MARGIN, top + number * step, line, TITLE_SHADE)
    ImageDraw.Draw(canvas).line((MARGIN, RULE_Y, WIDTH - MARGIN, RULE_Y), RULE_SHADE, 2)
    footer = _Face.of(MEDIUM, FOOTER_SIZE)
    date = _fit_line(card.date, footer, TEXT_WIDTH // 3)
    footer.draw(canvas, MARGIN, FOOTER_TOP, date, FOOTER_SHADE)
    name_face = _Face.of(BOLD, FOOTER_SIZE)
    room = TEXT_WIDTH - footer.width(date) - MARGIN // 2
    name = _fit_line(card.site_name, name_face, room)
    name_face.draw(canvas, WIDTH - MARGIN - name_face.width(name), FOOTER_TOP, name, TITLE_SHADE)
    return _as_png(canvas)


def fit_title(title: str) -> tuple[_Face, list[str]]:
    """The face and the lines of a title: the largest size at which its words wrap into
    the title's box, never breaking a word."""
    words = title.split()
    room = TITLE_BOTTOM - TITLE_TOP
    face = _Face.of(BOLD, TITLE_SIZES[0])
    for size in TITLE_SIZES:
        face = _Face.of(BOLD, size)
        lines = wrap(words, face, TEXT_WIDTH)
        if lines is not None and _height(len(lines), size) <= room:
            return face, lines
    for size in (TITLE_SIZES[-1], *SMALLEST_SIZES):
        face = _Face.of(BOLD, size)
        if all(face.width(word) <= TEXT_WIDTH for word in words):
            break
    pieces = [piece for word in words for piece in _split_overlong(word, face, TEXT_WIDTH)]
    lines = wrap(pieces, face, TEXT_WIDTH) or []
    fitting = max(1, (room - face.size) // round(face.size * LINE_HEIGHT) + 1)
    if len(lines) > fitting:
        lines = lines[:fitting]
        lines[-1] = _with_ellipsis(lines[-1], face, TEXT_WIDTH)
    return face, lines


def _height(count: int, size: int) -> int:
    return (count - 1) * round(size * LINE_HEIGHT) + size


def wrap(words: Sequence[str], face: _Face, width: int) -> list[str] | None:
    """Words in lines no wider than `width`, each as full as it can be; None if a single
    word is wider."""
    lines: list[str] = []
    space = face.width(" ")
    line, line_width = "", 0.0
    for word in words:
        word_width = face.width(word)
        if word_width > width:
            return None
        if line and line_width + space + word_width <= width:
            line, line_width = f"{line} {word}", line_width + space + word_width
            continue
        if line:
            lines.append(line)
        line, line_width = word, word_width
    if line:
        lines.append(line)
    return lines


def _split_overlong(word: str, face: _Face, width: int) -> list[str]:
    """A word as it is, or, if it is wider than `width` (a long address), the longest
    pieces of it that fit."""
    pieces = [""]
    for char in word:
        if pieces[-1] and face.width(pieces[-1] + char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _with_ellipsis(line: str, face: _Face, width: float) -> str:
    """The line ending in "…", dropping whole words from its end until it fits."""
    words = line.split()
    while len(words) > 1 and face.width(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    return " ".join(words) + ELLIPSIS


def _fit_line(text: str, face: _Face, width: float = TEXT_WIDTH) -> str:
    """A one-line text (kicker, date, site name) shortened to whole words and "…"."""
    if face.width(text) <= width:
        return text
    return _with_ellipsis(text, face, width)


SHADES = 16
"""Levels from the red to white in a card's PNG: a 4-bit palette, whose edges look as
smooth as 256 levels at this size and make files a quarter smaller (20 kB against 28)."""
_TO_SHADE = [round(value * (SHADES - 1) / 255) for value in range(256)]


def _as_png(canvas: Image.Image) -> bytes:
    """The drawing as an indexed PNG of SHADES colours, from the site's red to white."""
    indexed = canvas.point(_TO_SHADE).convert("P")
    palette: list[int] = []
    for shade in range(SHADES):
        palette.extend(round(c + (255 - c) * shade / (SHADES - 1)) for c in BACKGROUND)
    indexed.putpalette(palette)
    buffer = io.BytesIO()
    indexed.save(buffer, "PNG", bits=4, compress_level=6)
    return buffer.getvalue()


class _Face:
    """A font at one size, drawing text one glyph at a time from a cache of glyph masks.

    Pillow renders a whole string at each call and keeps no glyphs (five milliseconds a
    line, a card ~40 ms); a card only ever uses a few hundred glyphs, so each is rendered
    once per process and then pasted. The text is NFC and the font has a glyph for every
    Vietnamese letter, so a glyph per character is the whole layout (the basic layout
    Pillow would use applies no ligatures either)."""

    def __init__(self, path: Path, size: int) -> None:
        self.size = size
        self.font = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
        self.ascent = self.font.getmetrics()[0]
        self._glyphs: dict[str, tuple[float, int, int, Image.Image | None]] = {}

    @staticmethod
    @cache
    def of(path: Path, size: int) -> _Face:
        """The one face of a font at a size, so its glyphs are rendered once a process."""
        return _Face(path, size)

    def _glyph(self, char: str) -> tuple[float, int, int, Image.Image | None]:
        """(advance, left, top, mask) of a character, relative to its baseline origin."""
        glyph = self._glyphs.get(char)
        if glyph is None:
            advance = self.font.getlength(char)
            left, top, right, bottom = (int(v) for v in self.font.getbbox(char, anchor="ls"))
            mask = None
            if right > left and bottom > top:
                mask = Image.new("L", (right - left, bottom - top), 0)
                ImageDraw.Draw(mask).text((-left, -top), char, 255, self.font, anchor="ls")
            glyph = self._glyphs[char] = (advance, left, top, mask)
        return glyph

    def width(self, text: str) -> float:
        return math.fsum(self._glyph(char)[0] for char in text)

    def draw(self, canvas: Image.Image, x: float, top: int, text: str, shade: int) -> None:
        """Draw `text` with its line's top at `top` (the baseline one ascent lower)."""
        baseline = top + self.ascent
        for char in text:
            advance, left, glyph_top, mask = self._glyph(char)
            if mask is not None:
                canvas.paste(shade, (round(x) + left, baseline + glyph_top), mask)
            x += advance
