"""An old system's HTML as this site's Markdown: what readers read is kept (headings, lists,
quotes, tables, code, emphasis, links), what could run or load from elsewhere is not.

Why markdownify: it walks a BeautifulSoup tree, so the same tree that is cleaned here is the
one converted, and each element's conversion can be replaced (lists and code are written the
way Python-Markdown reads them). html2text works on a stream of parser events and cannot be
told about a tree cleaned beforehand.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from markdownify import MarkdownConverter

from .images import ImageFetcher
from .items import Note

DROPPED_WITH_CONTENT = (
    "script",
    "style",
    "noscript",
    "template",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "object",
    "applet",
    "embed",
    "svg",
    "math",
    "canvas",
    "audio",
    "video",
    "frameset",
    "frame",
    "link",
    "meta",
    "base",
)
"""Elements whose content is no text for a reader, or could run or load something."""
_DROPPED = frozenset(DROPPED_WITH_CONTENT)
EMBED_HOSTS = {
    "youtube.com": "Video",
    "youtube-nocookie.com": "Video",
    "youtu.be": "Video",
    "facebook.com": "Bài đăng Facebook",
    "vimeo.com": "Video",
}
"""Embeds that become a plain link (a page never loads another site's frame)."""
SAFE_SCHEMES = ("http", "https", "mailto", "tel", "")


@dataclass
class Converted:
    """A body as Markdown, the plain text before `<!--more-->` when there was one (the
    summary the author chose), and the notes."""

    markdown: str
    lead: str = ""
    notes: list[Note] = field(default_factory=list)


def plain_text(markup: str) -> str:
    """Markup stripped and entities decoded, whitespace collapsed: for titles and summaries.
    Text with neither tag nor entity is not parsed (most titles)."""
    if "<" in markup or "&" in markup:
        markup = BeautifulSoup(markup, "html.parser").get_text(" ")
    return " ".join(markup.split())


def convert(markup: str, source_url: str = "", images: ImageFetcher | None = None) -> Converted:
    """The body's Markdown; every element dropped or changed is noted with `source_url`.
    With `images`, each image is fetched into the content folder and becomes a figure;
    without, or when it cannot be fetched, it is left out and noted."""
    notes: list[Note] = []
    markup = _shortcodes(markup, notes, source_url)
    before, more, after = _split_more(markup)
    markdown = _to_markdown(before + after, notes, source_url, images)
    return Converted(markdown, plain_text(before) if more else "", notes)


_CAPTION = re.compile(r"\[(?:wp_)?caption\b[^\]]*\](.*?)\[/(?:wp_)?caption\]", re.DOTALL)
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL)
_MEDIA = re.compile(
    r"\[(gallery|audio|video|playlist)\b[^\]]*\](?:.*?\[/\1\])?", re.DOTALL | re.IGNORECASE
)
_IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _shortcodes(markup: str, notes: list[Note], source_url: str) -> str:
    """WordPress shortcodes as the HTML they stand for: a captioned image becomes a figure
    (handled with the other images), an embed a link; a gallery or a player is noted and
    left out. Other text in brackets is left as text."""

    def caption(match: re.Match[str]) -> str:
        inner = match.group(1)
        image = _IMAGE_TAG.search(inner)
        text = _IMAGE_TAG.sub("", inner).strip()
        if image is None:
            return f"<p>{text}</p>"
        return f"<figure>{image.group(0)}<figcaption>{text}</figcaption></figure>"

    def embed(match: re.Match[str]) -> str:
        url = html.escape(match.group(1).strip())
        _note(
            notes,
            "IM102",
            f"Nội dung nhúng được thay bằng liên kết {match.group(1).strip()}.",
            source_url,
        )
        return f'<p><a href="{url}">{url}</a></p>'

    def media(match: re.Match[str]) -> str:
        _note(
            notes,
            "IM101",
            f"Đã bỏ [{match.group(1).lower()}] (thư viện ảnh hoặc trình phát chưa nhập được).",
            source_url,
        )
        return ""

    markup = _CAPTION.sub(caption, markup)
    markup = _EMBED.sub(embed, markup)
    return _MEDIA.sub(media, markup)


def _split_more(markup: str) -> tuple[str, bool, str]:
    match = re.search(r"<!--\s*more\b.*?-->", markup, re.IGNORECASE | re.DOTALL)
    if not match:
        return markup, False, ""
    return markup[: match.start()], True, markup[match.end() :]


def _to_markdown(
    markup: str, notes: list[Note], source_url: str, images: ImageFetcher | None
) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    _clean(soup, notes, source_url, images)
    text = _Converter(heading_style="ATX", escape_misc=True).convert_soup(soup)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _note(notes: list[Note], code: str, message: str, source_url: str) -> None:
    notes.append(Note(code, message, source_url))


def _clean(
    soup: BeautifulSoup, notes: list[Note], source_url: str, images: ImageFetcher | None
) -> None:
    """One walk over the tree: comments out, unsafe elements out (noted), frames, images
    and unsafe links handled. Elements are collected first, then changed: a tree is not
    edited while it is walked."""
    comments, dropped, frames, pictures, links = [], [], [], [], []
    for node in soup.descendants:
        if isinstance(node, Comment):
            comments.append(node)  # block-editor markers and the like: structure, not text
        elif isinstance(node, Tag):
            if node.name in _DROPPED:
                dropped.append(node)
            elif node.name == "iframe":
                frames.append(node)
            elif node.name == "img":
                pictures.append(node)
            elif node.name == "a":
                links.append(node)
    for comment in comments:
        comment.extract()
    for tag in dropped:
        if tag.decomposed:
            continue  # inside another dropped element
        _note(
            notes,
            "IM101",
            f"Đã bỏ phần tử <{tag.name}> (không an toàn hoặc không phải nội dung đọc được).",
            source_url,
        )
        tag.decompose()
    for frame in frames:
        if not frame.decomposed:
            _embed_as_link(frame, notes, source_url)
    for image in pictures:
        if not image.decomposed:
            _place_image(image, notes, source_url, images)
    for link in links:
        href = str(link.get("href", "")).strip()
        if not link.decomposed and urlsplit(href).scheme.lower() not in SAFE_SCHEMES:
            _note(
                notes, "IM104", f"Đã bỏ liên kết không an toàn '{href[:60]}' (giữ chữ).", source_url
            )
            link.unwrap()


def _embed_as_link(frame: Tag, notes: list[Note], source_url: str) -> None:
    src = str(frame.get("src", "")).strip()
    host = urlsplit(src).hostname or ""
    label = next((name for domain, name in EMBED_HOSTS.items() if host.endswith(domain)), None)
    if label and urlsplit(src).scheme in ("http", "https"):
        paragraph = BeautifulSoup("", "html.parser").new_tag("p")
        link = BeautifulSoup("", "html.parser").new_tag("a", href=src)
        link.string = f"{label}: {src}"
        paragraph.append(link)
        frame.replace_with(paragraph)
        _note(
            notes, "IM102", f"Nội dung nhúng ({label}) được thay bằng liên kết {src}.", source_url
        )
        return
    _note(notes, "IM101", f"Đã bỏ khung nhúng <iframe> từ '{src[:60]}'.", source_url)
    frame.decompose()


def _place_image(
    image: Tag, notes: list[Note], source_url: str, images: ImageFetcher | None
) -> None:
    """A fetched image becomes a figure of its own (its caption, else its alt text, as the
    caption); an image not fetched is left out with its caption, and listed."""
    figure = image.find_parent(["figure"])
    caption = figure.find("figcaption") if figure else None
    caption_text = caption.get_text(" ", strip=True) if caption else str(image.get("alt", ""))
    src = str(image.get("src", "")).strip()
    path, reason = images.fetch(src) if images else (None, "chưa tải ảnh về (--fetch-images)")
    if path is None:
        _note(
            notes,
            "IM103",
            f"Ảnh đã bỏ, {reason}: {src}"
            + (f" (chú thích: {caption_text})" if caption_text else ""),
            source_url,
        )
        (figure or image).decompose()
        return
    paragraph = BeautifulSoup("", "html.parser").new_tag("p")
    paragraph.append(BeautifulSoup("", "html.parser").new_tag("img", src=path, alt=caption_text))
    (figure or image).replace_with(paragraph)
    if not caption_text:
        _note(notes, "IM115", f"Ảnh {src} không có chú thích; hãy thêm chú thích.", source_url)


class _Converter(MarkdownConverter):
    """markdownify, writing lists and code the way Python-Markdown reads them: a nested list
    four spaces in; code as an escaped `<pre>` block, since the site has no fenced-code
    extension and an indented block after a list would join the list."""

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start", "1"))
            first = int(start) if start.isdigit() else 1
            marker = f"{first + len(el.find_previous_siblings('li'))}."
        else:
            marker = "-"
        head, _, rest = text.partition("\n")
        body = "\n".join(f"    {line}" if line.strip() else "" for line in rest.split("\n"))
        return f"{marker.ljust(3)} {head}" + (f"\n{body}" if rest else "") + "\n"

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        code = el.get_text().strip("\n")
        if not code:
            return ""
        return f"\n\n<pre><code>{html.escape(code, quote=False)}</code></pre>\n\n"
