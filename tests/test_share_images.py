"""Share images: 1,200×630 for every article and profile, a cover cropped or a card drawn,
under 300 kB, cached by content, and named in the Open Graph tags."""

from __future__ import annotations

import io
import random
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from site_builder.media import share_images
from site_builder.media.share_images import (
    BACKGROUND,
    BOLD,
    MAX_BYTES,
    MEDIUM,
    CardText,
    ShareRequest,
    crop_cover,
    draw_card,
    fit_title,
    prepare_share_images,
)

from .conftest import REPO, FixtureSite, build, make_buildable, photo_bytes

SITE = "Trung tâm TT&VH Đầm Hà"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VOWELS = "aăâeêioôơuưy"


def vietnamese_letters() -> list[str]:
    """Every letter of Vietnamese, lower and upper case: 12 vowels × 6 tones, and đ."""
    lower = [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES]
    letters = [*lower, "đ"]
    return [*letters, *(letter.upper() for letter in letters)]


def card(title: str) -> CardText:
    return CardText(title, "Dân vận khéo", "Thứ Năm, 26/11/2026", SITE)


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("font", [BOLD, MEDIUM], ids=lambda path: path.stem)
def test_the_font_draws_every_vietnamese_letter(font: Path) -> None:
    """No letter falls back to the empty box a font draws for a character it lacks."""
    face = ImageFont.truetype(str(font), 40)

    def drawn(char: str) -> Image.Image:
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 10), char, 255, face)
        return image

    missing = drawn("\ue000")  # a private-use character: no font has it
    letters = vietnamese_letters()
    assert len(letters) == 146
    lacking = [c for c in letters if ImageChops.difference(drawn(c), missing).getbbox() is None]
    assert lacking == []


def test_the_card_is_in_the_site_colours() -> None:
    css = (REPO / "theme_overrides/assets/site-builder.css").read_text(encoding="utf-8")
    [primary] = re.findall(r"--md-primary-fg-color: #([0-9a-f]{6});", css)[:1]
    assert bytes.fromhex(primary) == bytes(BACKGROUND)
    image = decoded(draw_card(card("Một tiêu đề"))).convert("RGB")
    assert image.getpixel((5, 5)) == BACKGROUND  # the background
    assert (255, 255, 255) in {colour for _, colour in image.getcolors(256) or []}  # the text


def test_a_card_is_1200_by_630_and_small() -> None:
    data = draw_card(card("Cựu chiến binh Đầm Hà thắp sáng đường quê ở ba thôn vùng cao"))
    assert decoded(data).size == (1200, 630)
    assert data.startswith(b"\x89PNG") and len(data) < MAX_BYTES


def test_a_longer_title_wraps_and_shrinks_without_breaking_a_word() -> None:
    short = "Vườn mẫu ở Quảng Tân"
    long = " ".join(["Hội nghị tổng kết mười năm phong trào thi đua Dân vận khéo"] * 3)
    short_face, short_lines = fit_title(short)
    long_face, long_lines = fit_title(long)
    assert short_lines == [short]
    assert long_face.size < short_face.size and len(long_lines) > 2
    assert " ".join(long_lines) == long  # every word, in order, none cut
    assert all(long_face.width(line) <= share_images.TEXT_WIDTH for line in long_lines)


def test_a_title_too_long_even_when_small_ends_on_a_whole_word() -> None:
    words = ("Đầm Hà tiếp tục đẩy mạnh phong trào thi đua Dân vận khéo " * 12).split()
    face, lines = fit_title(" ".join(words))
    assert face.size == share_images.TITLE_SIZES[-1]
    assert lines[-1].endswith("…")
    shown = " ".join(lines).removesuffix("…").split()
    assert shown == words[: len(shown)]  # a prefix of whole words
    bottom = share_images.TITLE_TOP + (len(lines) - 1) * round(face.size * 1.2) + face.size
    assert bottom <= share_images.TITLE_BOTTOM


def test_only_a_word_wider_than_the_card_is_split() -> None:
    address = "https://example.org/" + "a" * 150
    face, lines = fit_title(f"Xem {address} nhé")
    assert face.size == share_images.SMALLEST_SIZES[-1]
    assert "".join(lines).replace(" ", "") == f"Xem{address}nhé"
    assert lines[0] == "Xem" and lines[1].startswith("https://") and lines[-1].endswith(" nhé")


def test_a_cover_is_cropped_around_its_centre_to_1200_by_630() -> None:
    """A wide photo: red in its middle third, blue at the sides, which the crop drops."""
    photo = Image.new("RGB", (4000, 1000), "blue")
    photo.paste((200, 0, 0), (1333, 0, 2667, 1000))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG")
    cropped = decoded(crop_cover(buffer.getvalue())).convert("RGB")
    assert cropped.size == (1200, 630)
    red, _, blue = cropped.getpixel((600, 315))
    assert red > 150 and blue < 80
    assert cropped.getpixel((30, 315))[2] > 150  # 1905 px of the middle, some blue kept


def test_a_turned_phone_photo_is_cropped_upright() -> None:
    """Stored 800×1200 with orientation 6 (turned a quarter): displayed 1200×800."""
    photo = Image.new("RGB", (800, 1200), "green")
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=exif)
    assert decoded(crop_cover(buffer.getvalue())).size == (1200, 630)


def test_a_noisy_photo_still_stays_under_300_kb() -> None:
    """Noise is the worst case for JPEG: the quality is lowered until the crop fits."""
    rng = random.Random(7)
    noise = Image.frombytes("RGB", (1600, 900), rng.randbytes(1600 * 900 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    assert len(crop_cover(buffer.getvalue())) < MAX_BYTES


def test_images_are_cached_by_content(tmp_path: Path) -> None:
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh/a.jpg").write_bytes(photo_bytes(1600, 1000))
    requests = [
        ShareRequest("a.md", card("Có ảnh"), "Ảnh", "anh/a.jpg", "key-a"),
        ShareRequest("b.md", card("Không ảnh"), "Không ảnh"),
    ]
    cache = tmp_path / "cache"
    first = prepare_share_images(requests, tmp_path, cache)
    assert first.made == 2
    assert first.images["a.md"].url.endswith(".jpg") and first.images["b.md"].url.endswith(".png")
    again = prepare_share_images(requests, tmp_path, cache)
    assert again.made == 0 and again.images == first.images
    renamed = [requests[0], ShareRequest("b.md", card("Tiêu đề mới"), "Tiêu đề mới")]
    changed = prepare_share_images(renamed, tmp_path, cache)
    assert changed.made == 1 and changed.images["b.md"].url != first.images["b.md"].url
    fresh = prepare_share_images(requests, tmp_path, tmp_path / "other-cache")
    for url, path in first.files.items():
        assert Path(path).read_bytes() == Path(fresh.files[url]).read_bytes()  # == a fresh drawing


def test_an_unreadable_cover_gets_a_card(tmp_path: Path) -> None:
    (tmp_path / "hong.jpg").write_bytes(b"not a photo")
    request = ShareRequest("a.md", card("Ảnh hỏng"), "Ảnh hỏng", "hong.jpg", "key")
    result = prepare_share_images([request], tmp_path, tmp_path / "cache")
    assert result.images["a.md"].url.endswith(".png")


HOSTILE = '"><script>alert(1)</script> “Đầm Hà” & co'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = FixtureSite(tmp_path_factory.mktemp("share"))
    site.write("anh/vuon.jpg", photo_bytes(2000, 1500))
    site.article("co-anh", cover="/anh/vuon.jpg", cover_caption=f"'{HOSTILE}'")
    site.article("tieu-de-la", {"title: Bài tổng kết": f"title: '{HOSTILE}'"})
    make_buildable(site)
    result = build(site.base, "--strict")
    assert result.returncode == 0, result.stderr
    return site.base / "site"


def meta(page: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)


@pytest.mark.parametrize(
    "url", ["tin-tuc/bai-tong-ket", "tin-tuc/co-anh", "tin-tuc/tieu-de-la", "mo-hinh/vuon-mau"]
)
def test_every_article_and_profile_is_shared_with_a_1200_by_630_image(
    built: Path, url: str
) -> None:
    page = (built / url / "index.html").read_text(encoding="utf-8")
    [address] = meta(page, "og:image")
    assert address.startswith("http://127.0.0.1:8000/_anh/chia-se/")
    path = built / address.removeprefix("http://127.0.0.1:8000/")
    with Image.open(path) as image:
        assert image.size == (1200, 630)
    assert path.stat().st_size < MAX_BYTES
    assert meta(page, "og:image:width") == ["1200"] and meta(page, "og:image:height") == ["630"]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "og:image:alt")[0]


def test_the_alt_text_is_the_caption_or_the_title_escaped(built: Path) -> None:
    escaped = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; “Đầm Hà” &amp; co"
    for url in ("tin-tuc/co-anh", "tin-tuc/tieu-de-la"):
        page = (built / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in page
        assert meta(page, "og:image:alt") == [escaped]


def test_a_cover_is_shared_as_its_crop(built: Path) -> None:
    page = (built / "tin-tuc/co-anh/index.html").read_text(encoding="utf-8")
    [address] = meta(page, "og:image")
    assert address.endswith(".jpg")
    with Image.open(built / address.removeprefix("http://127.0.0.1:8000/")) as image:
        assert image.getpixel((600, 315))[1] > 100  # the fixture's sea-green photo


def test_other_pages_keep_a_summary_card(built: Path) -> None:
    page = (built / "thong-ke/index.html").read_text(encoding="utf-8")
    assert meta(page, "og:image") == [] and meta(page, "twitter:card") == ["summary"]


@pytest.mark.parametrize("mode", ["--clean", "--dirty"])
def test_share_images_are_published_whatever_the_editors_patterns_leave_out(
    tmp_path: Path, mode: str
) -> None:
    """The pages name their share image: an `exclude_docs` that matches the share images'
    folder leaves them published, by the build's own process or (`--dirty`) by MkDocs."""
    site = FixtureSite(tmp_path)
    make_buildable(site)
    config = site.base / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + "exclude_docs: |\n  _anh/\n  *.png\n  *.jpg\n", "utf-8"
    )
    result = build(site.base, mode)
    assert result.returncode == 0, result.stderr
    page = (site.base / "site/tin-tuc/bai-tong-ket/index.html").read_text(encoding="utf-8")
    [address] = meta(page, "og:image")
    with Image.open(site.base / "site" / address.removeprefix("http://127.0.0.1:8000/")) as image:
        assert image.size == (1200, 630)
