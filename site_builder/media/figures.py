"""A Python-Markdown extension for news photos: figures with captions, lazy images.

A journalist writes a photo on a line of its own, the caption in the brackets:

    ![Nhân dân tích cực tham gia xây dựng NTM](/anh/ntm.jpg)

and gets `<figure><picture>...</picture><figcaption>...</figcaption></figure>`: the photo's
smaller copies (media/photos.py) offered by `srcset` and `sizes`, WebP first, with its width and
height set (no jump while the page loads on a phone) and lazy loading, except for a first
photo near the top of a page without a cover, which is what the reader sees first. An
article's first paragraph, its lead, is marked so that it can be set apart.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..content.paths import in_content
from ..content.photo_files import image_size
from ..text.vietnamese import credit_in_title, credit_line
from .photos import Photo, Variant

LEAD_CLASS = "sb-lead"
CREDIT_CLASS = "sb-credit"
"""The credit under a caption ("Ảnh: ..."), as the templates print a cover's."""
CONTENT_SIZES = "(min-width: 60em) 46rem, calc(100vw - 1.6rem)"
"""How wide a photo in the text is shown: the full column on phones, at most ~46rem."""
_EAGER_WITHIN = 3
"""A first photo among the first blocks of a page without a cover is loaded at once."""


@dataclass
class PageContext:
    """What the extension needs to know of the page being rendered."""

    content_root: Path
    src_uri: str
    mark_lead: bool = False
    page_url: str = ""
    photos: Mapping[str, Photo] = field(default_factory=dict)
    has_cover: bool = False
    images_read: dict[str, ImageFacts] = field(default_factory=dict)
    """What the figures learnt of each image of the page: a rendering kept in a cache
    stays valid while every image still gives the same facts (see `image_facts`)."""

    def relative_to_source(self, url: str) -> str:
        """A site URL as a link from the page's Markdown file, which MkDocs then checks
        and turns into a link from the page's own URL."""
        return posixpath.relpath(url, posixpath.dirname(self.src_uri) or ".")

    def relative_to_page(self, url: str) -> str:
        """A site URL as a link from the built page (for `srcset`, which MkDocs leaves
        alone)."""
        return posixpath.relpath(url, self.page_url.rstrip("/") or ".")

    def image_uri(self, src: str) -> str | None:
        """The path inside content/ of an image `src`, or None for anything else."""
        if "://" in src or src.startswith(("//", "data:")):
            return None
        return in_content(src.split("#")[0], self.src_uri)

    def facts(self, uri: str) -> ImageFacts:
        """The image's facts, noted as read by this page."""
        facts = self.images_read[uri] = image_facts(self.content_root, self.photos, uri)
        return facts


ImageFacts = tuple[Photo | None, tuple[int, int] | None]
"""What a page's HTML takes from an image: its published photo, or else its file's size."""


def image_facts(content_root: Path, photos: Mapping[str, Photo], uri: str) -> ImageFacts:
    """The photo published for the content image `uri`, or the size of its file (for an
    image that is not a photo, such as an SVG drawing, or one that could not be read)."""
    photo = photos.get(uri)
    if photo is not None:
        return photo, None
    return None, image_size(content_root / uri)


class _Figures(Treeprocessor):
    def __init__(self, md: Markdown, extension: FigureExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        lead_done = page is None or not page.mark_lead
        eager: etree.Element | None = None
        for position, element in enumerate(list(root)):
            if _is_lone_image(element):
                if eager is None and position < _EAGER_WITHIN and page and not page.has_cover:
                    eager = element[0]
                _to_figure(element)
            elif not lead_done and element.tag == "p":
                element.set("class", LEAD_CLASS)
                lead_done = True
        for parent in list(root.iter()):
            for index, image in enumerate(list(parent)):
                if image.tag == "img":
                    _lighten(parent, index, image, page, eager=image is eager)


def _lighten(
    parent: etree.Element, index: int, image: etree.Element, page: PageContext | None, eager: bool
) -> None:
    """Size and lazy-load an image; a content photo becomes a <picture> of its copies."""
    image.set("loading", "eager" if eager else "lazy")
    image.set("decoding", "async")
    if eager:
        image.set("fetchpriority", "high")
    uri = page.image_uri(image.get("src", "")) if page else None
    photo, size = page.facts(uri) if page and uri else (None, None)
    if page is None or photo is None:
        if size is not None:
            image.set("width", str(size[0]))
            image.set("height", str(size[1]))
        return
    picture = etree.Element("picture")
    for copies in photo.sources():
        source = etree.SubElement(picture, "source")
        if copies.media:
            source.set("media", copies.media)
        source.set("type", copies.media_type)
        source.set("srcset", _srcset(copies.variants, page))
        source.set("sizes", CONTENT_SIZES)
    image.set("src", page.relative_to_source(photo.fallback.url))
    image.set("srcset", _srcset(photo.srcset("image/jpeg"), page))
    image.set("sizes", CONTENT_SIZES)
    image.set("width", str(photo.width))
    image.set("height", str(photo.height))
    picture.tail, image.tail = image.tail, None
    parent.remove(image)
    picture.append(image)
    parent.insert(index, picture)


def _srcset(variants: Sequence[Variant], page: PageContext) -> str:
    return ", ".join(f"{page.relative_to_page(v.url)} {v.width}w" for v in variants)


def _is_lone_image(element: etree.Element) -> bool:
    children = list(element)
    return (
        element.tag == "p"
        and len(children) == 1
        and children[0].tag == "img"
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
    )


def _to_figure(paragraph: etree.Element) -> None:
    """A photo on a line of its own becomes a figure: its caption is its title, else its
    alt text; a title that names who took it ("Ảnh: Quốc Nghị") is its credit instead."""
    image = paragraph[0]
    title = image.get("title") or ""
    credit = credit_in_title(title)
    caption = (title if credit is None else "") or image.get("alt") or ""
    paragraph.tag = "figure"
    if caption or credit:
        figcaption = etree.SubElement(paragraph, "figcaption")
        figcaption.text = caption
        image.attrib.pop("title", None)
        if credit:
            figcaption.text = f"{caption} " if caption else ""
            line = etree.SubElement(figcaption, "span", {"class": CREDIT_CLASS})
            line.text = credit_line(credit)


class FigureExtension(Extension):
    """Register once; the plugin sets `page` before each page is rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.page: PageContext | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Figures(md, self), "sb_figures", 5)
