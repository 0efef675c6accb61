"""A Python-Markdown extension for news photos: figures with captions, lazy images.

A journalist writes a photo on a line of its own, the caption in the brackets:

    ![Nhân dân tích cực tham gia xây dựng NTM](/anh/ntm.jpg)

and gets `<figure><img ...><figcaption>...</figcaption></figure>`. Every image is lazy-loaded
with its width and height set (no jump while the page loads on a phone), and an article's
first paragraph, its lead, is marked so that it can be set apart.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .images import image_size

LEAD_CLASS = "sb-lead"


@dataclass
class PageContext:
    """What the extension needs to know of the page being rendered."""

    content_root: Path
    src_uri: str
    mark_lead: bool = False

    def image_path(self, src: str) -> Path | None:
        """The file behind an image `src` inside content/, or None for anything else."""
        if "://" in src or src.startswith(("//", "data:")):
            return None
        base = "" if src.startswith("/") else posixpath.dirname(self.src_uri)
        resolved = posixpath.normpath(posixpath.join(base, src.lstrip("/").split("#")[0]))
        return None if resolved.startswith("..") else self.content_root / resolved


class _Figures(Treeprocessor):
    def __init__(self, md: Markdown, extension: FigureExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        lead_done = page is None or not page.mark_lead
        for element in list(root):
            if _is_lone_image(element):
                _to_figure(element)
            elif not lead_done and element.tag == "p":
                element.set("class", LEAD_CLASS)
                lead_done = True
        for image in root.iter("img"):
            image.set("loading", "lazy")
            image.set("decoding", "async")
            path = page.image_path(image.get("src", "")) if page else None
            size = image_size(path) if path is not None else None
            if size is not None:
                image.set("width", str(size[0]))
                image.set("height", str(size[1]))


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
    image = paragraph[0]
    caption = image.get("title") or image.get("alt") or ""
    paragraph.tag = "figure"
    if caption:
        figcaption = etree.SubElement(paragraph, "figcaption")
        figcaption.text = caption
        image.attrib.pop("title", None)


class FigureExtension(Extension):
    """Register once; the plugin sets `page` before each page is rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.page: PageContext | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Figures(md, self), "sb_figures", 5)
