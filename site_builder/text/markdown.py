"""Plain-text views of a Markdown body, for summaries that a journalist did not write."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
    for line in _lines(body):
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


def _lines(text: str) -> Iterator[str]:
    """The lines of a text, one at a time: the lead is near the top, so the rest of a
    long body is never cut up (splitting every body took half the time of the summaries)."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def plain_text(markdown: str) -> str:
    """Inline Markdown to text: links keep their words, images, tags and emphasis go.
    Each pattern runs only when its opening character is there (most leads have none)."""
    text = markdown
    if "[" in text:
        text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    if "<" in text:
        text = _TAG.sub("", text)
    if "{" in text:
        text = _ATTRIBUTES.sub("", text)
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub("", text)
    return _single_spaced(text)


def _single_spaced(text: str) -> str:
    """Whitespace runs as one space, none at the ends. Text that is printable has no
    whitespace but the plain space (every other one is a separator or control
    character), so a text without double or outer spaces is already right."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())
