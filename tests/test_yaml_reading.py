"""The quick construction of front matter gives what PyYAML's own constructor gives.

Front matter is read by one walk over the node tree (values and line numbers together);
anything that walk does not know goes through PyYAML. Both roads must agree on the value,
the line of every key and item, and the keys written twice.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import frontmatter
from site_builder.frontmatter import FrontMatterLoader, YamlTree, parse_yaml

SCALARS = [
    "Xây dựng vườn mẫu", "'Đầm Hà: 10 năm'", '"có \\"ngoặc\\""', "2015", "0x1F", "1_000",
    "0o17", "-3", "1.5", "1e3", ".inf", "-.Inf", ".nan", "yes", "No", "ON", "off", "true",
    "False", "~", "null", "", "2020-02-10", "10/02/2020 08:30", "!!str 12", "!!int '7'",
    "!!float 2", "!!set {a, b}", "!!binary aGk=", "!riêng x", "!rieng x", "[Quảng Tân, Quảng Lợi]",
    "{a: 1, a: 2}", "[]", "{}", "|\n    hai\n    dòng", ">-\n    gấp\n    dòng",
]  # fmt: skip
KEYS = ["title", "date", "tags", "2015", "true", "~", "title", "'khóa có dấu'", "<<", "? [a]"]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A few keys, each with a scalar, a block list or a nested mapping."""
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5)):
        shape = draw(st.sampled_from(["scalar", "list", "mapping"]))
        prefix = key if key.startswith("?") else f"{key}:"
        if key.startswith("?"):
            lines.append(f"{key}\n: {draw(st.sampled_from(SCALARS))}")
        elif shape == "scalar":
            lines.append(f"{prefix} {draw(st.sampled_from(SCALARS))}")
        elif shape == "list":
            items = draw(st.lists(st.sampled_from(SCALARS), min_size=1, max_size=3))
            lines.append(prefix + "".join(f"\n  - {item}" for item in items))
        else:
            pairs = draw(st.lists(st.sampled_from(KEYS[:4]), min_size=1, max_size=3))
            values = [draw(st.sampled_from(SCALARS)) for _ in pairs]
            lines.append(
                prefix + "".join(f"\n  {k}: {v}" for k, v in zip(pairs, values, strict=True))
            )
    return "\n".join(lines)


def _by_pyyaml(source: str) -> tuple[object, dict[object, int], list[int]] | str:
    """PyYAML's constructor and the line walk, as before the quick road existed."""
    loader = FrontMatterLoader(source)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root)
    except (yaml.YAMLError, TypeError, ValueError) as error:
        return type(error).__name__
    finally:
        loader.dispose()
    lines = frontmatter._line_index(root, 2)
    return data, lines, sorted(2 + n.start_mark.line for n in loader.shortened)


def _quick(source: str) -> tuple[object, dict[object, int], list[int]] | str | None:
    loader = FrontMatterLoader(source)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        return type(error).__name__
    finally:
        loader.dispose()
    quick = frontmatter._quick_tree(root, 2) if root is not None else None
    if quick is None:
        return None
    tree, shortened = quick
    return tree.data, tree.lines, sorted(2 + n.start_mark.line for n in shortened)


def _same(a: object, b: object) -> bool:
    """Equal, counting NaN equal to NaN."""
    return repr(a) == repr(b)


@settings(max_examples=400, deadline=None)
@given(front_matter())
def test_quick_reading_agrees_with_pyyaml(source: str) -> None:
    quick = _quick(source)
    if quick is None:  # left to PyYAML: nothing to compare
        return
    expected = _by_pyyaml(source)
    if isinstance(quick, str):  # not YAML at all: both roads stop at the same error
        assert quick == expected
        return
    assert not isinstance(expected, str), (source, expected)
    assert _same(quick[0], expected[0]) and quick[2] == expected[2], source
    if not expected[2]:  # with a key written twice, the old walk's lines depended on order
        assert quick[1] == expected[1], source


@pytest.mark.parametrize(
    "source",
    ["a: !!set {x, y}", "base: &b {x: 1}\nnext:\n  <<: *b", "a: !!binary aGk=", "? [a, b]\n: c"],
)
def test_what_the_quick_road_does_not_know_goes_to_pyyaml(source: str) -> None:
    assert _quick(source) is None


def test_plain_front_matter_takes_the_quick_road_with_its_lines() -> None:
    source = "title: Vườn mẫu\nstarted: 2015\nawards:\n  - year: 2020\n    level: Huyện\ndraft: no"
    assert _quick(source) is not None
    tree, problems = parse_yaml(source, "x.md", first_line=2)
    assert problems == [] and isinstance(tree, YamlTree)
    assert tree.data == {
        "title": "Vườn mẫu",
        "started": 2015,
        "awards": [{"year": 2020, "level": "Huyện"}],
        "draft": False,
    }
    assert tree.line_of("awards", 0, "level") == 6 and tree.line_of("draft") == 7
