"""The fast roads to front matter (yaml_fast.py) give what PyYAML's own constructor gives.

Flat front matter is read line by line; other YAML by one walk over the node tree (values
and line numbers together); anything neither knows goes through PyYAML. Every road must
agree on the value, the line of every key and item, and the keys written twice, and the
switch that turns the fast roads off changes nothing but the time.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_builder.content import frontmatter, loader, yaml_fast, yaml_tree
from site_builder.content.frontmatter import parse_yaml
from site_builder.content.yaml_tree import FrontMatterLoader, YamlTree

from .conftest import GOOD_ARTICLE, GOOD_MODEL, FixtureSite

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
    lines = yaml_tree.line_index(root, 2)
    return data, lines, sorted(2 + n.start_mark.line for n in loader.shortened)


def _quick(source: str) -> tuple[object, dict[object, int], list[int]] | str | None:
    loader = FrontMatterLoader(source)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        return type(error).__name__
    finally:
        loader.dispose()
    quick = yaml_fast.quick_tree(root, 2) if root is not None else None
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


# --- flat front matter, read line by line without PyYAML ------------------------------

FLAT_KEYS = ["title", "tags", "_x", "Title", "on", "yes", "null", "2015", "a b", "khóa", "title "]
FLAT_SEPARATORS = [": ", ":", ":   ", ":\t", " : "]
FLAT_VALUES = [
    *SCALARS[:24], "Xây dựng: vườn mẫu", "a # chú thích", "a#b", "a:b", "a:", ":a", "-5", "- a",
    "?a", "C#", "a\u00a0", "\u00a0a", "x   ", "1:20", "=", "<<", "*a", "&a b", "!a", "%a", "@a",
    "`a", "|", ">", "'it''s'", "'a \"b\"'", "\"a 'b'\"", '"a \\" b"', "'unclosed", '"unclosed',
    '""', "''", "'", '"', "'a' b", '"a" # c', '"a\\tb"', "'a\\b'", "'a' # c", "[a, b]", "[a,b]",
    "[ a , b ]", "[a, [b]]", "[a, ]", "[,]", "[ ]", "['a', \"b\"]", "[1, 2.5, yes, ~, 0x1F]",
    "[a: b]", "[a #b]", "[-a]", "[*a]", "[a] b", "[Quảng Tân, Đầm Hà]", "{a: 1}", "a\u2028b",
    "a\x85b", "\ufeffa", "a\x07",
]  # fmt: skip
FLAT_LINES = [
    "# chú thích", "  # chú thích thụt vào", "", "   ", "  tiếp dòng trước", "---x", "-",
    "- a", "  - a", "    - b", "  - [a]", "  - a: b", "  -  'x'", "- 'y' ", "\t- a",
]  # fmt: skip


GOOD_KEYS = ["title", "date", "author", "category", "tags", "communes", "cover", "draft"]
GOOD_SCALARS = ["Xây dựng vườn mẫu", "Đầm Hà", "10/02/2020 08:30", "2015", "'Đầm Hà: 10 năm'",
                '"Tin số 1: đường quê"', "no", "~"]  # fmt: skip
GOOD_LISTS = ["[Quảng Tân, Quảng Lợi]", "[]", "[2015, Đầm Hà]"]


@st.composite
def flat_front_matter(draw: st.DrawFn) -> str:
    """Front matter of the flat kind, with now and then a line just outside its forms."""
    keys = draw(st.lists(st.sampled_from(GOOD_KEYS * 4 + FLAT_KEYS), max_size=5, unique=True))
    lines = []
    for key in keys or ["title"]:
        separator = draw(st.sampled_from([": "] * 20 + FLAT_SEPARATORS))
        scalars = st.sampled_from(GOOD_SCALARS * 8 + FLAT_VALUES)
        if draw(st.booleans()):
            value = draw(scalars | st.sampled_from(GOOD_LISTS))
            lines.append(f"{key}{separator}{value}")
            continue
        lines.append(f"{key}:")
        indent = draw(st.sampled_from(["", "  ", "    "]))
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            lines.append(f"{indent}- {draw(scalars)}")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        where = draw(st.integers(min_value=0, max_value=len(lines)))
        lines.insert(where, draw(st.sampled_from(FLAT_LINES)))
    return "\n".join(lines)


@settings(max_examples=1500, deadline=None)
@given(flat_front_matter())
@example("title: a:")  # the sharpest edges, whatever the draw
@example("title: 0x_")
@example("title: a # chú thích")
@example("title: a: b")
@example('title: "a\\tb"')
@example("tags:\n  - a\n    - b")
@example("tags: [a, b]\n  - c")
@example("tags:\n  - a\ntitle: x\n  - b")
def test_the_line_reader_agrees_with_pyyaml(source: str) -> None:
    flat = yaml_fast.flat_tree(source, 2)
    if flat is None:  # left to PyYAML
        return
    expected = _by_pyyaml(source)
    assert not isinstance(expected, str), (source, expected)  # PyYAML reads it too
    assert _same(flat.data, expected[0]), source
    assert flat.lines == expected[1], source
    assert expected[2] == [], source  # no key written twice gets through


TEMPLATE_FRONT_MATTERS = {
    "article": GOOD_ARTICLE,
    "model-without-awards": GOOD_MODEL[: GOOD_MODEL.index("awards:")] + "---\n",
    "article-with-item-lists": GOOD_ARTICLE.replace(
        "tags: [tổng kết]", "tags:\n  - tổng kết\n  - vườn mẫu"
    ),
}
"""Front matter as journalists write it from the templates: one field per line."""


@pytest.mark.parametrize("text", TEMPLATE_FRONT_MATTERS.values(), ids=TEMPLATE_FRONT_MATTERS)
def test_template_front_matter_takes_the_line_reader(text: str) -> None:
    source = text[4 : text.index("\n---\n", 3)]
    flat = yaml_fast.flat_tree(source, 2)
    assert flat is not None and flat.data == _by_pyyaml(source)[0]  # type: ignore[index]


def test_nested_and_unusual_front_matter_goes_to_pyyaml() -> None:
    for source in [
        "awards:\n  - year: 2020\n    level: Huyện",
        "title: dòng một\n  dòng hai",
        "title: 'có ''nháy'''",
        'title: "có \\"ngoặc\\""',
        "title: a\ntitle: b",
        "tags: [a, [b]]",
        "draft:\tyes",
    ]:
        assert yaml_fast.flat_tree(source, 2) is None, source


def _loaded(site: FixtureSite) -> tuple[object, ...]:
    """What loading gives: every entity and every problem, as comparable values."""
    content = site.load()
    return (
        content.articles,
        content.models,
        content.problems,
        content.rejected,
        {
            uri: (d.data, d.body, d.tree.lines if d.tree else None)
            for uri, d in content.documents.items()
        },
    )


def test_the_switch_turns_the_fast_roads_off_and_changes_nothing(
    site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SITE_BUILDER_PLAIN_YAML=1 reads everything with PyYAML's constructor alone, and the
    content loads to the same entities, documents and problems as with the fast roads."""
    site.article("danh-sach", replace={"tags: [tổng kết]": "tags:\n  - tổng kết\n  - vườn mẫu"})
    site.article("hai-lan", replace={"author: Quốc Nghị": "author: Quốc Nghị\nauthor: Lần hai"})
    site.article("sai", replace={"title: Bài tổng kết": 'title: "chưa đóng'})
    site.model("co-the", replace={"started: 2012": "started: !!int '2012'"})
    fast = _loaded(site)

    roads = {"flat": 0, "quick": 0}

    def counted(name: str, road: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object) -> object:
            roads[name] += 1
            return road(*args)

        return call

    monkeypatch.setattr(frontmatter, "flat_tree", counted("flat", frontmatter.flat_tree))
    monkeypatch.setattr(frontmatter, "quick_tree", counted("quick", frontmatter.quick_tree))
    monkeypatch.setenv(frontmatter.PLAIN_YAML_VARIABLE, "1")
    loader._PARSED.clear()
    assert _loaded(site) == fast
    assert roads == {"flat": 0, "quick": 0}
    monkeypatch.delenv(frontmatter.PLAIN_YAML_VARIABLE)
    loader._PARSED.clear()
    assert _loaded(site) == fast
    assert roads["flat"] > 0 and roads["quick"] > 0  # the model's awards take the quick road
