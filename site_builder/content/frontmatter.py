"""Split a Markdown file into its YAML front matter and body, remembering line numbers.

Problems must point at the line a journalist has to change, so every value is kept with
the line of its key or list item, to answer "which line is `awards[1].year` on?". Flat
front matter (one key per line, as nearly every article has) is read line by line; any
other YAML is composed by PyYAML into a node tree (which carries positions), and one walk
over it makes the values and the lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ..text.vietnamese import nfc
from .problems import Problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterLoader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader (the C one when built), minus its date resolver.

    Dates stay strings so that the schema reads them with its own rules and reports an
    impossible date such as 2020-02-30 as a coded problem, not as a loader crash.

    It also notes each mapping that came out shorter than it was written: a key written
    twice, which PyYAML would otherwise drop silently. Noting it while constructing spares
    a second walk over every tree.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.shortened: list[yaml.MappingNode] = []
        # Called for every node while composing; keys and list values repeat across files.
        self.resolve = _cached_resolve

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            self.shortened.append(node)
        return mapping

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers: nothing to track (see `_cached_resolve`)."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track (see `_cached_resolve`)."""


@lru_cache(maxsize=16384)
def _cached_resolve(kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
    """PyYAML's tag resolution without its path resolvers, which we never register. The
    composer calls it for every node; keys and many values repeat across files."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            resolvers = FrontMatterLoader.yaml_implicit_resolvers.get(
                value[:1] if value else "", ()
            )
            for tag, pattern in resolvers:
                if pattern.match(value):
                    return str(tag)
        return str(FrontMatterLoader.DEFAULT_SCALAR_TAG)
    if kind is yaml.SequenceNode:
        return str(FrontMatterLoader.DEFAULT_SEQUENCE_TAG)
    return str(FrontMatterLoader.DEFAULT_MAPPING_TAG)


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

FENCE = "---"

PathPart = str | int
LineIndex = dict[tuple[PathPart, ...], int]


@dataclass(frozen=True)
class YamlTree:
    """Parsed YAML values, and the line on which each key or list item was written.

    The lines are taken from PyYAML's node tree once, and the tree is dropped: thousands
    of kept trees (two position objects per node) cost memory and slowed every garbage
    collection of a large build.
    """

    data: object
    lines: LineIndex = field(compare=False, repr=False, default_factory=dict)
    first_line: int = 1

    def line_of(self, *path: PathPart) -> int:
        """The file line of a value (`line_of("awards", 1, "year")`), or of its nearest parent."""
        line = self.lines.get((), self.first_line)
        for depth in range(1, len(path) + 1):
            found = self.lines.get(path[:depth])
            if found is None:
                break
            line = found
        return line


def _line_index(root: yaml.Node | None, first_line: int) -> LineIndex:
    """Every key's and list item's line, by its path; a key written twice keeps its last
    line, as PyYAML keeps its last value. Only called on alias-free trees."""
    if root is None:
        return {}
    lines: LineIndex = {(): first_line + root.start_mark.line}
    stack: list[tuple[tuple[PathPart, ...], yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    child = (*path, key_node.value)
                    lines[child] = first_line + key_node.start_mark.line
                    stack.append((child, value_node))
        elif isinstance(node, yaml.SequenceNode):
            for position, item in enumerate(node.value):
                child = (*path, position)
                lines[child] = first_line + item.start_mark.line
                stack.append((child, item))
    return lines


@dataclass(frozen=True)
class Document:
    """A file's front matter (as a dict) and body, with the lines they came from."""

    data: dict[object, object]
    body: str
    body_line: int
    tree: YamlTree | None = None

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
    flat = _flat_tree(source, first_line)
    if flat is not None:
        return flat, []
    loader = FrontMatterLoader(source)
    try:
        root = loader.get_single_node()
        quick = _quick_tree(root, first_line) if root is not None and "*" not in source else None
        if quick is not None:
            tree, shortened = quick
            return tree, _duplicate_key_problems(tree, shortened, path)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = _where_written(error)
        line = first_line + mark.line if mark is not None else first_line
        return None, [Problem(path, line, "SB105", _yaml_message(error))]
    except (yaml.YAMLError, RecursionError, TypeError, ValueError):
        return None, [Problem(path, first_line, "SB105", _yaml_message(None))]
    finally:
        loader.dispose()
    # An alias is written "*name": without a "*" the walk that finds them is not needed.
    if "*" in source and _has_alias(root):
        message = (
            "Không dùng neo và bí danh YAML (dấu & và *) trong thông tin đầu bài: hãy viết "
            "thẳng giá trị vào từng trường."
        )
        return None, [Problem(path, first_line, "SB124", message)]
    tree = YamlTree(data, _line_index(root, first_line), first_line)
    return tree, _duplicate_key_problems(tree, loader.shortened, path)


_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL, _FLOAT = (
    f"{_TAG}{name}" for name in ("str", "int", "bool", "null", "float")
)
_SEQ, _MAP = f"{_TAG}seq", f"{_TAG}map"
_NUMBERS = yaml.constructor.SafeConstructor()
"""PyYAML's reading of numbers, which has rules of its own (0x1F, 1_000, .inf)."""


class _NotPlain(Exception):
    """A node the quick construction leaves to PyYAML's full constructor."""


def _quick_tree(root: yaml.Node, first_line: int) -> tuple[YamlTree, list[yaml.MappingNode]] | None:
    """Values and line index in one walk over an alias-free tree, for the plain YAML that
    front matter is (text, numbers, yes/no, lists, mappings): PyYAML's generic constructor
    took as long as composing. Anything else (a tag such as !!set, a merge key) returns None
    and goes through PyYAML's constructor, which gives the same values or the same error."""
    lines: LineIndex = {(): first_line + root.start_mark.line}
    shortened: list[yaml.MappingNode] = []
    try:
        data = _quick_value(root, (), lines, shortened, first_line)
    except (_NotPlain, TypeError, ValueError, KeyError):
        return None
    return YamlTree(data, lines, first_line), shortened


def _quick_value(
    node: yaml.Node,
    path: tuple[PathPart, ...],
    lines: LineIndex,
    shortened: list[yaml.MappingNode],
    first_line: int,
) -> object:
    tag = node.tag
    if type(node) is yaml.ScalarNode:
        return _quick_scalar(node)
    if tag == _SEQ and type(node) is yaml.SequenceNode:
        items = []
        for position, item in enumerate(node.value):
            child = (*path, position)
            lines[child] = first_line + item.start_mark.line
            if item.tag == _STR and type(item) is yaml.ScalarNode:  # most items: text
                items.append(item.value)
            else:
                items.append(_quick_value(item, child, lines, shortened, first_line))
        return items
    if tag == _MAP and type(node) is yaml.MappingNode:
        mapping: dict[object, object] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _NotPlain
            key = _quick_scalar(key_node)
            child = (*path, key_node.value)
            lines[child] = first_line + key_node.start_mark.line
            if value_node.tag == _STR and type(value_node) is yaml.ScalarNode:
                mapping[key] = value_node.value  # most values: text, taken as it is
            else:
                mapping[key] = _quick_value(value_node, child, lines, shortened, first_line)
        if len(mapping) < len(node.value):
            shortened.append(node)
        return mapping
    raise _NotPlain


# --- Flat front matter, read line by line ----------------------------------------------
#
# Nearly every front matter is one key per line with a short value, a one-line [list] or a
# list of "- item" lines. Such text is read here without building PyYAML's node tree,
# which took some 40% of the time of loading the content. Every line must be in one of the
# forms below, or the whole text goes to PyYAML; the values, the lines and the types
# (numbers, yes/no, ~) are those PyYAML gives, as tests/test_yaml_reading.py checks.

_FLAT_ITEM_LINE = re.compile(r"( *)- +(.+)")
_FLAT_UNSAFE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters outside the plain text this reader knows: tabs, control characters, YAML's
other line breaks (NEL, U+2028, U+2029) and the byte-order mark. PyYAML reads those."""
_PLAIN_FIRST_UNSAFE = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters that give a plain scalar's first character another meaning in YAML."""
_FLOW_UNSAFE = re.compile(r"[:#\[\]{}'\"]")
"""Characters that end or nest a plain item inside a one-line [list], or quote it."""
_FLOW_FIRST_UNSAFE = frozenset("-?!&*|>%@`")
"""Characters that give a [list] item's first character another meaning."""
_TYPED_FIRST = frozenset(FrontMatterLoader.yaml_implicit_resolvers)
"""First characters of the plain scalars that PyYAML may read as something other than
text (digits, signs, y/n/t/f/o for yes/no, ~ ...)."""
_NOT_FLAT = object()
"""A value this reader leaves to PyYAML."""


def _flat_tree(source: str, first_line: int) -> YamlTree | None:
    """The values and lines of flat front matter, or None for anything else. Written for
    speed (string methods, no regex per key line): it runs on every file of every build."""
    if _FLAT_UNSAFE.search(source):
        return None
    data: dict[object, object] = {}
    lines: LineIndex = {}
    open_key: str | None = None  # a key written without a value: "- item" lines may follow
    items: list[object] | None = None
    item_indent = 0
    for number, line in enumerate(source.split("\n"), first_line):
        if line[-1:] == " ":
            line = line.rstrip(" ")
        first = line[:1]
        if not first or first == "#":
            continue
        if first != " " and first != "-":  # "key: value" or "key:"
            key, colon, rest = line.partition(":")
            if not colon or not key.isidentifier() or not key.isascii() or key in data:
                return None
            if _cached_resolve(yaml.ScalarNode, key, (True, False)) != _STR:
                return None  # yes:, null: ... are not text keys
            value: object = None
            if rest:
                if rest[0] != " ":
                    return None
                value = _flat_value(rest.lstrip(" "))
                if value is _NOT_FLAT:
                    return None
                open_key = None
                if type(value) is list:
                    for position in range(len(value)):
                        lines[(key, position)] = number
            else:
                open_key, items = key, None
            if not data:
                lines[()] = number
            lines[(key,)] = number
            data[key] = value
            continue
        if line.lstrip(" ")[:1] == "#":
            continue
        item_line = _FLAT_ITEM_LINE.fullmatch(line)
        if item_line is None or open_key is None:
            return None
        indent, written = item_line.groups()
        if items is None:
            items, item_indent = [], len(indent)
            data[open_key] = items
        elif len(indent) != item_indent:
            return None
        value = _flat_scalar(written)
        if value is _NOT_FLAT:
            return None
        lines[(open_key, len(items))] = number
        items.append(value)
    if not data:
        return None
    return YamlTree(data, lines, first_line)


def _flat_value(written: str) -> object:
    """A value on the key's own line: a scalar or a one-line [list]."""
    if written[0] == "[" and written[-1] == "]":
        inside = written[1:-1]
        if not inside.strip(" "):
            return []
        if _FLOW_UNSAFE.search(inside):
            return _NOT_FLAT
        values = []
        for item in inside.split(","):
            item = item.strip(" ")
            if not item or item[0] in _FLOW_FIRST_UNSAFE:
                return _NOT_FLAT
            value = _plain_scalar(item)
            if value is _NOT_FLAT:
                return _NOT_FLAT
            values.append(value)
        return values
    return _flat_scalar(written)


def _flat_scalar(written: str) -> object:
    """One scalar written on one line (never empty, no outer spaces): quoted without
    escapes, or plain."""
    first = written[0]
    if first == '"' or first == "'":
        inside = written[1:-1]
        if len(written) < 2 or written[-1] != first or first in inside or "\\" in inside:
            return _NOT_FLAT
        return inside
    if first in _PLAIN_FIRST_UNSAFE or ": " in written or " #" in written or written[-1] == ":":
        return _NOT_FLAT
    return _plain_scalar(written)


def _plain_scalar(written: str) -> object:
    """A plain scalar's value, typed by PyYAML's own resolver and number rules."""
    if written[0] not in _TYPED_FIRST:
        return written  # no implicit type starts with this character: text
    tag = _cached_resolve(yaml.ScalarNode, written, (True, False))
    if tag == _STR:
        return written
    try:
        return _quick_scalar(yaml.ScalarNode(tag, written))
    except (_NotPlain, ValueError, TypeError, KeyError):  # "0x_" looks like a number
        return _NOT_FLAT


def _quick_scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return yaml.SafeLoader.bool_values[node.value.lower()]
    if tag == _INT:
        return _NUMBERS.construct_yaml_int(node)
    if tag == _FLOAT:
        return _NUMBERS.construct_yaml_float(node)
    raise _NotPlain


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


def _where_written(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """The line a journalist must fix. An unclosed quote or bracket is only noticed at the
    end of the front matter; the line that opened it is the one to show."""
    opened_at = (
        error.context_mark
        if error.context and any(word in error.context for word in ("quoted", "flow"))
        else None
    )
    return opened_at or error.problem_mark or error.context_mark


def _yaml_message(error: yaml.MarkedYAMLError | None) -> str:
    if isinstance(error, yaml.constructor.ConstructorError):
        return (
            "Giá trị dùng thẻ YAML (bắt đầu bằng !! hoặc !) không được phép. Hãy xóa thẻ và "
            "chỉ ghi giá trị, ví dụ: title: Tiêu đề bài."
        )
    detail = f" (chi tiết: {error.problem})" if error is not None and error.problem else ""
    return (
        "Phần YAML (thông tin đầu bài, hoặc tệp dữ liệu) viết sai cú pháp"
        + detail
        + ". Thường gặp: thiếu dấu "
        "cách sau dấu hai chấm, dấu ngoặc kép không đóng, hoặc giá trị có dấu ':' mà không "
        "đặt trong ngoặc kép. Hãy sửa dòng này theo mẫu trong README."
    )


def _duplicate_key_problems(
    tree: YamlTree, mappings: list[yaml.MappingNode], path: str
) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; the journalist should know."""
    problems = []
    for node in mappings:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            if key_node.value in seen:
                message = (
                    f"Trường '{key_node.value}' được khai báo hai lần; chỉ giá trị sau cùng "
                    "được dùng. Hãy xóa một trong hai dòng."
                )
                line = tree.first_line + key_node.start_mark.line
                problems.append(Problem(path, line, "SB108", message))
            seen.add(key_node.value)
    return problems


def _has_alias(root: yaml.Node | None) -> bool:
    """Whether a node is reached twice, which is what an alias makes the composer do.

    Front matter needs no aliases, and refusing them keeps "billion laughs" documents
    harmless to every later step.
    """
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for pair in node.value for value in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False
