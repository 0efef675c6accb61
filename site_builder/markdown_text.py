"""Plain-text views of a Markdown body, for summaries that a journalist did not write."""

from __future__ import annotations

import re

_SKIP_LINE = re.compile(r"^\s*(#|!\[|<|>|\||```|~~~|[-*_]{3,}\s*$|\[TOC\]|\{)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")


def lead_paragraph(body: str) -> str:
    """The first paragraph of prose, stripped of Markdown: the default summary of a page.

    Headings, images, block quotes, tables, code and HTML blocks are skipped, because a
    news report opens with its headline photo and then the lead paragraph.
    """
    paragraph: list[str] = []
    in_code = False
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        if not stripped:
            if paragraph:
                break
            continue
        if not paragraph and _SKIP_LINE.match(stripped):
            continue
        paragraph.append(stripped)
    return plain_text(" ".join(paragraph))


def plain_text(markdown: str) -> str:
    """Inline Markdown to text: links keep their words, images, tags and emphasis go."""
    text = _IMAGE.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _ATTRIBUTES.sub("", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())
