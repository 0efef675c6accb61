"""The photo pipeline: phone photos become small, upright copies without metadata, once."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw

from site_builder.content.photo_files import MAX_PHOTO_BYTES, photo_file_findings, photo_state
from site_builder.media.cache_pruning import prune_photo_cache
from site_builder.media.photos import PhotoSet, prepare_photos, variant_widths
from site_builder.media.share_images import ShareImageSet

from .conftest import FixtureSite, build, make_buildable


def phone_photo(width: int = 4000, height: int = 3000, orientation: int = 6) -> bytes:
    """A JPEG as a phone saves it: stored sideways with an EXIF orientation, a GPS position
    and a red mark in the stored top-left corner (to see where it ends up)."""
    image = Image.new("RGB", (width, height), (40, 120, 60))
    ImageDraw.Draw(image).rectangle((0, 0, width // 4, height // 4), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[274] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[1], gps[2] = "N", (21.0, 20.0, 30.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def test_a_4000_px_phone_photo_becomes_upright_copies_without_exif(tmp_path: Path) -> None:
    (tmp_path / "anh").mkdir()
    original = phone_photo()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    (tmp_path / "anh/vuon.jpg").write_bytes(original)
    result = prepare_photos(tmp_path, ["anh/vuon.jpg"], tmp_path / "cache")
    assert result.failures == [] and result.processed == 1
    photo = result.photos["anh/vuon.jpg"]
    assert (photo.width, photo.height) == (3000, 4000)  # as displayed: portrait
    sizes = sorted((v.width, v.height, v.media_type) for v in photo.variants)
    assert sizes == [
        (480, 640, "image/jpeg"), (480, 640, "image/webp"),
        (960, 1280, "image/jpeg"), (960, 1280, "image/webp"),
        (1600, 2133, "image/jpeg"), (1600, 2133, "image/webp"),
    ]  # fmt: skip
    for variant in photo.variants:
        data = result.files[variant.url].read_bytes()
        with Image.open(io.BytesIO(data)) as copy:
            assert copy.size == (variant.width, variant.height)
            assert len(copy.getexif()) == 0 and "exif" not in copy.info, variant.url
            # Orientation 6: the stored top-left corner is shown at the top right.
            rgb = copy.convert("RGB")
            top_right = rgb.getpixel((copy.width - 5, 5))
            top_left = rgb.getpixel((5, 5))
            assert isinstance(top_right, tuple) and isinstance(top_left, tuple)
            assert top_right[0] > 200 and top_right[1] < 60, variant.url
            assert top_left[0] < 100, variant.url
    webp = photo.srcset("image/webp")
    assert [v.url.rsplit("/", 1)[1] for v in webp] == [
        "vuon-480.webp", "vuon-960.webp", "vuon-1600.webp",
    ]  # fmt: skip
    assert sum(len(result.files[v.url].read_bytes()) for v in webp) < len(original) / 3


def test_the_cache_is_hit_whatever_the_name_and_a_change_is_seen(tmp_path: Path) -> None:
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh/a.jpg").write_bytes(phone_photo(1200, 900, 1))
    cache = tmp_path / "cache"
    first = prepare_photos(tmp_path, ["anh/a.jpg"], cache)
    assert first.processed == 1
    (tmp_path / "anh/b.jpg").write_bytes((tmp_path / "anh/a.jpg").read_bytes())
    again = prepare_photos(tmp_path, ["anh/a.jpg", "anh/b.jpg"], cache)
    assert again.processed == 0 and set(again.photos) == {"anh/a.jpg", "anh/b.jpg"}
    (tmp_path / "anh/a.jpg").write_bytes(phone_photo(1000, 900, 1))
    assert prepare_photos(tmp_path, ["anh/a.jpg"], cache).processed == 1


def test_copies_are_never_wider_than_the_original() -> None:
    assert variant_widths(4000) == (480, 960, 1600)
    assert variant_widths(1600) == (480, 960, 1600)
    assert variant_widths(1000) == (480, 960, 1000)
    assert variant_widths(300) == (300,)


def test_a_broken_photo_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "hong.jpg").write_bytes(b"\xff\xd8\xff not really a photo")
    result = prepare_photos(tmp_path, ["hong.jpg", "khong-co.jpg"], tmp_path / "cache")
    assert result.photos == {}
    assert [f.src_uri for f in result.failures] == ["khong-co.jpg", "hong.jpg"]
    state = photo_state(tmp_path / "hong.jpg")
    assert state is not None
    assert [code for code, _ in photo_file_findings(state, "hong.jpg", ".jpg")] == ["SB127"]


def test_check_reports_heavy_photos_and_missing_captions(site: FixtureSite) -> None:
    heavy = site.write("anh/nang.jpg", phone_photo(400, 300, 1))
    with heavy.open("ab") as file:
        file.write(b"\0" * MAX_PHOTO_BYTES)  # still a readable JPEG, now over the limit
    site.write("anh/nhe.jpg", phone_photo(400, 300, 1))
    body = (
        "\n\nMở đầu.\n\n![](/anh/nhe.jpg)\n\n![Ảnh nặng](/anh/nang.jpg)\n\n"
        "`![](/anh/vi-du.jpg)` chỉ là ví dụ.\n\n![Ảnh ngoài](https://example.com/a.jpg)\n"
    )
    path = site.article("anh")
    path.write_text(path.read_text("utf-8") + body, "utf-8")
    problems = [(p.code, p.line) for p in site.problems("content/tin-tuc/anh.md")]
    assert problems == [("SB126", 20), ("SB125", 22), ("SB118", 26)]


def test_build_publishes_copies_not_originals_and_reuses_the_cache(site: FixtureSite) -> None:
    site.write("anh/vuon.jpg", phone_photo(2000, 1500, 1))
    path = site.article("anh", cover="/anh/vuon.jpg", cover_caption="Vườn mẫu")
    path.write_text(path.read_text("utf-8") + "\n![Lối đi](/anh/vuon.jpg)\n", "utf-8")
    make_buildable(site)
    first = build(site.base, "--strict")
    assert first.returncode == 0, first.stderr
    assert "1 ảnh mới được thu nhỏ" in first.stderr
    built = site.base / "site"
    assert not (built / "anh/vuon.jpg").exists()
    copies = sorted(p.name for p in built.glob("_anh/*/*") if p.parent.name != "chia-se")
    assert copies == [
        "vuon-1600.jpg", "vuon-1600.webp", "vuon-480.jpg", "vuon-480.webp",
        "vuon-960.jpg", "vuon-960.webp",
    ]  # fmt: skip
    assert (site.base / ".cache/photos").is_dir()
    second = build(site.base, "--strict")
    assert second.returncode == 0 and "ảnh mới được thu nhỏ" not in second.stderr


def test_a_build_keeps_in_the_cache_only_what_it_published(site: FixtureSite) -> None:
    """A replaced photo and a changed title leave no files behind in the cache that CI
    carries from run to run; what is not the cache's own is left alone."""
    site.write("anh/vuon.jpg", phone_photo(1200, 900, 1))
    site.article("anh", cover="/anh/vuon.jpg", cover_caption="Vườn mẫu")
    make_buildable(site)
    assert build(site.base, "--strict").returncode == 0
    cache = site.base / ".cache/photos"
    before = {path.name for path in cache.iterdir()} | set(os.listdir(cache / "chia-se"))
    (cache / "ghi-chu.txt").write_text("không phải của bộ nhớ đệm", "utf-8")
    (cache / "chia-se/.tmp-dang-ve").write_bytes(b"")
    site.write("anh/vuon.jpg", phone_photo(1200, 900, 3))  # another photo, the same name
    site.article("bai-tong-ket", {"title: Bài tổng kết": "title: Bài tổng kết, sửa tiêu đề"})
    second = build(site.base, "--strict")
    assert second.returncode == 0, second.stderr
    published = site.base / "site/_anh"
    assert {p.name for p in cache.iterdir() if p.is_dir() and p.name != "chia-se"} == {
        p.name for p in published.iterdir() if p.name != "chia-se"
    }
    assert set(os.listdir(cache / "chia-se")) == set(os.listdir(published / "chia-se")) | {
        ".tmp-dang-ve"
    }
    assert (cache / "ghi-chu.txt").is_file()
    after = {path.name for path in cache.iterdir()} | set(os.listdir(cache / "chia-se"))
    removed = before - after
    assert len(removed) == 3  # the old photo's copies, its crop, the old title's card
    assert "Bộ nhớ đệm ảnh: xóa 3 bản sao ảnh và ảnh chia sẻ" in second.stderr


def test_pruning_leaves_what_changed_since_the_build_began(tmp_path: Path) -> None:
    """A preview may be making a photo's copies or a card beside a build: what was
    written after the build began is not the build's to remove."""
    cache = tmp_path / "photos"
    old, new = cache / ("a" * 20), cache / ("b" * 20)
    old.mkdir(parents=True)
    (cache / "chia-se").mkdir()
    (cache / "chia-se" / f"{'c' * 20}.png").write_bytes(b"")
    started = time.time_ns()
    os.utime(old, ns=(started - 10**9, started - 10**9))
    os.utime(cache / "chia-se" / f"{'c' * 20}.png", ns=(started - 10**9, started - 10**9))
    new.mkdir()
    os.utime(new, ns=(started + 10**9, started + 10**9))
    removed = prune_photo_cache(cache, PhotoSet({}, {}, []), ShareImageSet(), started)
    assert removed == 2
    assert sorted(p.name for p in cache.iterdir()) == ["b" * 20, "chia-se"]
    assert prune_photo_cache(tmp_path / "none", PhotoSet({}, {}, []), ShareImageSet(), 0) == 0
