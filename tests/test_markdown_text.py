"""The default summary: the lead paragraph of a body, as plain text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.text.markdown import lead_paragraph, plain_text


def test_the_lead_comes_after_the_headline_photo_and_headings() -> None:
    body = (
        "![Đường quê sáng đèn](../anh/den.jpg)\n\n"
        "## Thắp sáng đường quê\n\n"
        "Hội **Cựu chiến binh** xã [Quảng Tân](../mo-hinh/vuon-mau.md) lắp\n"
        "đèn <em>năng lượng mặt trời</em> {: .lead }\n\n"
        "Đoạn thứ hai không thuộc phần tóm tắt.\n"
    )
    assert lead_paragraph(body) == ("Hội Cựu chiến binh xã Quảng Tân lắp đèn năng lượng mặt trời")


def test_code_tables_and_quotes_are_not_a_lead() -> None:
    body = "```\nmã nguồn\n\ncòn mã\n```\n\n| a | b |\n\n> trích dẫn\n\nĐoạn   mở\tđầu. \n"
    assert lead_paragraph(body) == "Đoạn mở đầu."


def test_a_body_without_prose_has_an_empty_lead() -> None:
    assert lead_paragraph("") == ""
    assert lead_paragraph("# Tiêu đề\n\n![ảnh](a.jpg)") == ""


def _plain_text_by_definition(markdown: str) -> str:
    """Every pattern on every text, then whitespace collapsed by str.split."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\{[:#.][^}]*\}", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())


MARKDOWN_PIECES = st.lists(
    st.sampled_from(
        [
            "Đầm",
            "Hà",
            " ",
            "  ",
            "\t",
            "\n",
            "\u00a0",
            "\u2003",
            "\x1f",
            "[",
            "]",
            "(",
            ")",
            "!",
            "<",
            ">",
            "{",
            "}",
            ":",
            ".",
            "#",
            "*",
            "_",
            "`",
            "a",
            "ư",
        ]
    )
    | st.text(max_size=4),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(MARKDOWN_PIECES)
def test_plain_text_skips_no_pattern_that_could_match(markdown: str) -> None:
    # plain_text runs a pattern only when its opening character is present and collapses
    # whitespace only when the text needs it; the result must be that of running them all.
    assert plain_text(markdown) == _plain_text_by_definition(markdown)
