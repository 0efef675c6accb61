"""Photos as figures with captions, lazy images with their size, the lead paragraph."""

from __future__ import annotations

from pathlib import Path

import markdown
from PIL import Image

from site_builder.content.photo_files import image_size
from site_builder.media.figures import CONTENT_SIZES, FigureExtension, PageContext
from site_builder.media.photos import Photo, Variant


def render(text: str, page: PageContext | None) -> str:
    extension = FigureExtension()
    extension.page = page
    return markdown.markdown(text, extensions=[extension])


def make_photo(path: Path, size: tuple[int, int], orientation: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, "white")
    exif = Image.Exif()
    if orientation:
        exif[274] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())


def test_lone_image_becomes_a_figure_with_its_size(tmp_path: Path) -> None:
    make_photo(tmp_path / "anh/ntm.jpg", (640, 480))
    page = PageContext(tmp_path, "tin-tuc/2020/bai.md", mark_lead=True)
    html = render(
        "Đoạn mở đầu.\n\n![Nhân dân tích cực tham gia xây dựng NTM](/anh/ntm.jpg)\n\nĐoạn hai.",
        page,
    )
    assert '<p class="sb-lead">Đoạn mở đầu.</p>' in html
    assert "<figure><img" in html
    assert 'alt="Nhân dân tích cực tham gia xây dựng NTM"' in html
    # The first photo near the top of a page without a cover is what the reader sees first.
    assert 'loading="eager"' in html and 'fetchpriority="high"' in html
    assert 'width="640"' in html and 'height="480"' in html
    assert "<figcaption>Nhân dân tích cực tham gia xây dựng NTM</figcaption></figure>" in html
    assert "<p>Đoạn hai.</p>" in html


def test_title_is_the_caption_when_given_and_relative_paths_resolve(tmp_path: Path) -> None:
    make_photo(tmp_path / "tin-tuc/anh/a.jpg", (300, 200))
    html = render('![Ảnh](anh/a.jpg "Chú thích <dài>")', PageContext(tmp_path, "tin-tuc/bai.md"))
    assert "<figcaption>Chú thích &lt;dài&gt;</figcaption>" in html
    assert 'width="300"' in html
    assert "sb-lead" not in html


def test_image_inside_text_stays_inline_and_unknown_files_get_no_size(tmp_path: Path) -> None:
    html = render("Chữ ![a](/anh/khong-co.jpg) chữ", PageContext(tmp_path, "bai.md"))
    assert "<figure>" not in html and 'loading="lazy"' in html and "width=" not in html
    outside = render("![a](../../etc/passwd)", PageContext(tmp_path, "bai.md"))
    assert "width=" not in outside


def test_rotated_photo_reports_its_displayed_size(tmp_path: Path) -> None:
    make_photo(tmp_path / "a.jpg", (400, 300), orientation=6)
    assert image_size(tmp_path / "a.jpg") == (300, 400)
    (tmp_path / "b.jpg").write_bytes(b"not a photo")
    assert image_size(tmp_path / "b.jpg") is None


def test_photo_with_copies_becomes_a_picture_with_srcset(tmp_path: Path) -> None:
    variants = tuple(
        Variant(f"_anh/abc/ntm-{width}.{ext}", width, width * 3 // 4, media)
        for width in (480, 960, 1600)
        for ext, media in (("webp", "image/webp"), ("jpg", "image/jpeg"))
    )
    photo = Photo("anh/ntm.jpg", 4000, 3000, variants)
    page = PageContext(
        tmp_path,
        "tin-tuc/2020/bai.md",
        page_url="tin-tuc/bai/",
        photos={"anh/ntm.jpg": photo},
        has_cover=True,
    )
    html = render("Mở đầu.\n\n![Vườn mẫu](/anh/ntm.jpg)\n\nHết.", page)
    assert "<figure><picture><source " in html and "</picture><figcaption>Vườn mẫu" in html
    webp = "../../_anh/abc/ntm-480.webp 480w, ../../_anh/abc/ntm-960.webp 960w"
    assert f'<source media="(max-width: 37.5em)" sizes="{CONTENT_SIZES}" srcset="{webp}" ' in html
    assert f'srcset="{webp}, ../../_anh/abc/ntm-1600.webp 1600w" type="image/webp"' in html
    assert html.index("37.5em") < html.index("1600.webp")  # phones match the first source
    # src is written from the Markdown file (MkDocs checks it and makes it page-relative).
    assert 'src="../../_anh/abc/ntm-960.jpg"' in html
    assert 'width="4000"' in html and 'height="3000"' in html
    assert 'loading="lazy"' in html  # the page has a cover above it


def test_phones_get_no_separate_source_when_no_copy_is_wider_than_theirs() -> None:
    variants = tuple(
        Variant(f"_anh/abc/nho-{width}.{ext}", width, width, media)
        for width in (480, 800)
        for ext, media in (("webp", "image/webp"), ("jpg", "image/jpeg"))
    )
    [source] = Photo("anh/nho.jpg", 800, 800, variants).sources()
    assert source.media == "" and [v.width for v in source.variants] == [480, 800]


def test_a_title_that_names_who_took_the_photo_is_its_credit(tmp_path: Path) -> None:
    make_photo(tmp_path / "anh/a.jpg", (300, 200))
    page = PageContext(tmp_path, "bai.md")
    html = render('![Bà con làm đường <thôn>](/anh/a.jpg "ảnh : Quốc Nghị & cộng sự")', page)
    assert (
        '<figcaption>Bà con làm đường &lt;thôn&gt; <span class="sb-credit">Ảnh: Quốc Nghị '
        "&amp; cộng sự</span></figcaption>"
    ) in html
    assert 'alt="Bà con làm đường &lt;thôn&gt;"' in html and "title=" not in html
    only_credit = render('![](/anh/a.jpg "Ảnh: Quốc Nghị")', page)
    assert '<figcaption><span class="sb-credit">Ảnh: Quốc Nghị</span></figcaption>' in only_credit
    # Any other title is the caption, as before.
    assert "<figcaption>Ảnh đẹp</figcaption>" in render('![a](/anh/a.jpg "Ảnh đẹp")', page)
