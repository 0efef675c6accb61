"""Split a Markdown file into its YAML front matter and body, remembering line numbers.

Problems must point at the line a journalist has to change, so every value is kept with
the line of its key or list item, to answer "which line is `awards[1].year` on?".
`parse_yaml` picks the road: flat front matter (one key per line, as nearly every article
has) is read line by line, other plain YAML by one walk over PyYAML's node tree (both in
`yaml_fast.py`), anything else by PyYAML's constructor (`yaml_tree.py`). With
`SITE_BUILDER_PLAIN_YAML=1` every text takes PyYAML's road.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from ..text.vietnamese import nfc
from .problems import Problem
from .yaml_fast import flat_tree, quick_tree
from .yaml_tree import (
    FrontMatterLoader,
    PathPart,
    YamlTree,
    duplicate_key_problems,
    has_alias,
    line_index,
    where_written,
    yaml_message,
)

FENCE = "---"
PLAIN_YAML_VARIABLE = "SITE_BUILDER_PLAIN_YAML"
"""Set to 1, every front matter and data file is read by PyYAML's constructor alone."""


def fast_roads_enabled() -> bool:
    """Whether the fast readers (`yaml_fast.py`) may answer before PyYAML's constructor."""
    return os.environ.get(PLAIN_YAML_VARIABLE) != "1"


@dataclass(frozen=True)
class Document:
    """A file's front matter (as a dict) and body, with the lines they came from."""

    data: dict[object, object]
    body: str
    body_line: int
    tree: YamlTree | None = None
    source_digest: str = ""
    """A digest of the file's bytes, when the loader read it: everything above follows from
    them, so a page cache may key the document by it (see `content.loader`)."""

    @property
    def has_front_matter(self) -> bool:
        return self.tree is not None

    def line_of(self, *path: PathPart) -> int:
        return self.tree.line_of(*path) if self.tree is not None else 1


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to NFC text with LF line ends; a UTF-8 BOM is accepted silently."""
    try:
        text = raw.decode("utf-8")  # not "utf-8-sig": its BOM check is Python code
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = (
            "Tệp không được lưu ở mã UTF-8 nên tiếng Việt sẽ bị lỗi font. Hãy mở tệp, chọn "
            "Lưu thành (Save As) và chọn mã hóa (Encoding) là UTF-8, rồi lưu lại."
        )
        return None, [Problem(path, line, "SB101", message)]
    if text.startswith("\ufeff"):
        text = text[1:]
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n")), []


_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)
"""A line of '---' or '...', trailing spaces allowed (what `line.rstrip()` accepts)."""


def split(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Separate the front matter from the body and parse it with the safe loader only.
    The closing fence is searched for, not found by cutting the whole file into lines."""
    first_end = text.find("\n")
    if text[: first_end if first_end >= 0 else len(text)].rstrip() != FENCE:
        return Document(data={}, body=text, body_line=1), []
    closing = _CLOSING_FENCE.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        message = (
            "Phần thông tin đầu bài (front matter) mở bằng dòng '---' nhưng không có dòng "
            "'---' đóng lại. Hãy thêm một dòng chỉ có '---' ngay sau trường cuối cùng."
        )
        return None, [Problem(path, 1, "SB104", message)]
    source = text[first_end + 1 : max(closing.start() - 1, first_end + 1)]
    if "\t" in source:
        problems = _tab_problems(source.split("\n"), path)
        if problems:
            return None, problems
    body_line = text.count("\n", 0, closing.start()) + 2
    return _parse(source, text[closing.end() + 1 :], body_line, path)


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar, whatever it holds (JSON's escaping is valid
    YAML): for the front matter the site writes itself."""
    return json.dumps(text, ensure_ascii=False)


def _tab_problems(yaml_lines: Sequence[str], path: str) -> list[Problem]:
    message = (
        "Dòng này thụt đầu dòng bằng phím Tab. YAML chỉ chấp nhận dấu cách: hãy xóa Tab "
        "và thụt vào bằng dấu cách (2 dấu cách cho mỗi cấp)."
    )
    return [
        Problem(path, number, "SB106", message)
        for number, line in enumerate(yaml_lines, 2)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]


def parse_yaml(
    source: str, path: str, first_line: int = 1
) -> tuple[YamlTree | None, list[Problem]]:
    """Parse YAML with the safe loader; any failure is a coded problem, never an exception."""
    fast = fast_roads_enabled()
    flat = flat_tree(source, first_line) if fast else None
    if flat is not None:
        return flat, []
    loader = FrontMatterLoader(source)
    try:
        root = loader.get_single_node()
        quick = (
            quick_tree(root, first_line)
            if fast and root is not None and "*" not in source
            else None
        )
        if quick is not None:
            tree, shortened = quick
            return tree, duplicate_key_problems(tree, shortened, path)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = where_written(error)
        line = first_line + mark.line if mark is not None else first_line
        return None, [Problem(path, line, "SB105", yaml_message(error))]
    except (yaml.YAMLError, RecursionError, TypeError, ValueError):
        return None, [Problem(path, first_line, "SB105", yaml_message(None))]
    finally:
        loader.dispose()
    # An alias is written "*name": without a "*" the walk that finds them is not needed.
    if "*" in source and has_alias(root):
        message = (
            "Không dùng neo và bí danh YAML (dấu & và *) trong thông tin đầu bài: hãy viết "
            "thẳng giá trị vào từng trường."
        )
        return None, [Problem(path, first_line, "SB124", message)]
    tree = YamlTree(data, line_index(root, first_line), first_line)
    return tree, duplicate_key_problems(tree, loader.shortened, path)


def _parse(
    source: str, body: str, body_line: int, path: str
) -> tuple[Document | None, list[Problem]]:
    tree, problems = parse_yaml(source, path, first_line=2)
    if tree is None:
        return None, problems
    if tree.data is None:
        tree = YamlTree({}, tree.lines, tree.first_line)
    if not isinstance(tree.data, dict):
        message = (
            "Phần thông tin đầu bài phải là các dòng dạng 'tên_trường: giá trị' "
            "(ví dụ 'title: Tiêu đề bài'). Hãy viết lại theo mẫu trong README."
        )
        return None, [Problem(path, 2, "SB107", message)]
    return Document(tree.data, body, body_line, tree), problems
