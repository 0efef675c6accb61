"""The fast roads to front matter values: the same values, lines and problems as PyYAML's
constructor (`yaml_tree.py`), in less time.

- `flat_tree` reads flat front matter (one `key: value`, a one-line `[list]` or `- item`
  lines per line: every article written from the template) with string methods, without
  PyYAML's node tree; any other line sends the whole text to PyYAML.
- `quick_tree` makes values and line index in one walk over PyYAML's node tree, for the
  plain YAML that nested front matter is (awards); a tag or a merge key goes to PyYAML's
  constructor.

Both exist for the benchmark (README, "Performance"); `SITE_BUILDER_PLAIN_YAML=1` turns them
off (`frontmatter.fast_roads_enabled`), so a YAML question can be asked of PyYAML alone.
Property tests hold both roads to PyYAML's own constructor.
"""

from __future__ import annotations

import re
import sys

import yaml

from .yaml_tree import FrontMatterLoader, LineIndex, PathPart, YamlTree, cached_resolve

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL, _FLOAT = (
    f"{_TAG}{name}" for name in ("str", "int", "bool", "null", "float")
)
_SEQ, _MAP = f"{_TAG}seq", f"{_TAG}map"
_NUMBERS = yaml.constructor.SafeConstructor()
"""PyYAML's reading of numbers, which has rules of its own (0x1F, 1_000, .inf)."""


class _NotPlain(Exception):
    """A node the quick construction leaves to PyYAML's full constructor."""


def quick_tree(root: yaml.Node, first_line: int) -> tuple[YamlTree, list[yaml.MappingNode]] | None:
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


def flat_tree(source: str, first_line: int) -> YamlTree | None:
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
            if cached_resolve(yaml.ScalarNode, key, (True, False)) != _STR:
                return None  # yes:, null: ... are not text keys
            # One string for each key name across all files: the reading store then keeps
            # (and unpickles) one, not one for each of 10,000 front matters.
            key = sys.intern(key)
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
    tag = cached_resolve(yaml.ScalarNode, written, (True, False))
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
