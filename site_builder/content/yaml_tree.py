"""PyYAML as front matter and data files use it: the safe loader without its date
resolver, and the tree of values with the line of each key and list item.

This is the reference road: whatever the fast roads (`yaml_fast.py`) read must equal what
PyYAML's own constructor gives here, as tests/test_yaml_reading.py checks.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

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
        self.resolve = cached_resolve

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            self.shortened.append(node)
        return mapping

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers: nothing to track (see `cached_resolve`)."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track (see `cached_resolve`)."""


@lru_cache(maxsize=16384)
def cached_resolve(kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
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

PathPart = str | int
LineIndex = dict[tuple[PathPart, ...], int]
Lines = Mapping[tuple[PathPart, ...], int]


@dataclass(frozen=True)
class YamlTree:
    """Parsed YAML values, and the line on which each key or list item was written.

    The lines are taken from PyYAML's node tree once, and the tree is dropped: thousands
    of kept trees (two position objects per node) cost memory and slowed every garbage
    collection of a large build.
    """

    data: object
    lines: Lines = field(compare=False, repr=False, default_factory=dict)
    first_line: int = 1

    def __reduce__(self) -> tuple[Callable[..., YamlTree], tuple[object, bytes, int]]:
        """Pickled (the reading store keeps every file's tree) with its lines as one
        `marshal`led string, read back when a line is first asked for: only a problem's
        report asks, and an article's dozen path tuples were 140,000 of the 540,000
        objects a build at 10,000 articles unpickled."""
        lines = self.lines
        blob = lines.blob if isinstance(lines, KeptLines) else marshal.dumps(dict(lines))
        return (_kept_tree, (self.data, blob, self.first_line))

    def line_of(self, *path: PathPart) -> int:
        """The file line of a value (`line_of("awards", 1, "year")`), or of its nearest parent."""
        line = self.lines.get((), self.first_line)
        for depth in range(1, len(path) + 1):
            found = self.lines.get(path[:depth])
            if found is None:
                break
            line = found
        return line


class KeptLines(Mapping[tuple[PathPart, ...], int]):
    """A kept tree's lines, read from their `marshal`led string when first asked for."""

    __slots__ = ("_lines", "blob")

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self._lines: LineIndex | None = None

    def _index(self) -> LineIndex:
        if self._lines is None:
            self._lines = marshal.loads(self.blob)
        return self._lines

    def __getitem__(self, path: tuple[PathPart, ...]) -> int:
        return self._index()[path]

    def __iter__(self) -> Iterator[tuple[PathPart, ...]]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


def _kept_tree(data: object, blob: bytes, first_line: int) -> YamlTree:
    return YamlTree(data, KeptLines(blob), first_line)


def line_index(root: yaml.Node | None, first_line: int) -> LineIndex:
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


def where_written(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """The line a journalist must fix. An unclosed quote or bracket is only noticed at the
    end of the front matter; the line that opened it is the one to show."""
    opened_at = (
        error.context_mark
        if error.context and any(word in error.context for word in ("quoted", "flow"))
        else None
    )
    return opened_at or error.problem_mark or error.context_mark


def yaml_message(error: yaml.MarkedYAMLError | None) -> str:
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


def duplicate_key_problems(
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


def has_alias(root: yaml.Node | None) -> bool:
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
