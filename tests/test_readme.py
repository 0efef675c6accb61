"""The README is the contract with journalists and CI: it must match the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.content import schema
from site_builder.content.loader import Layout, load_content
from site_builder.content.problems import CODES
from site_builder.site.taxonomies import RESERVED_SLUGS

from .conftest import FIXTURE_DATA, GOOD_MODEL, REPO, photo_bytes

README = (REPO / "README.md").read_text(encoding="utf-8")


def _documented_fields(heading: str) -> list[str]:
    section = README.split(heading, 1)[1]
    table = section.split("\n\n", 2)[1]
    return re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)


@pytest.mark.parametrize(
    ("heading", "fields"),
    [
        ("#### Article fields", schema.ARTICLE.fields),
        ("#### Model fields", schema.MODEL.fields),
        ("Each entry of `awards`:", schema.AWARD_FIELDS),
    ],
)
def test_every_field_is_documented_in_order(
    heading: str, fields: tuple[schema.FieldSpec, ...]
) -> None:
    assert _documented_fields(heading) == [spec.name for spec in fields]


def test_every_problem_code_is_documented_with_its_severity() -> None:
    documented = dict(
        re.findall(r"^\| (SB\d{3}) \| (error|warning) \|", README, flags=re.MULTILINE)
    )
    assert documented == {code: severity.value for code, (severity, _) in CODES.items()}


def test_the_two_setup_commands_and_ci_agree() -> None:
    assert "make serve" in README and "make test" in README
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^serve:", makefile, flags=re.MULTILINE)
    assert re.search(r"^test:", makefile, flags=re.MULTILINE)
    assert "127.0.0.1:8000" in makefile
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")


def test_readme_examples_pass_the_checker(tmp_path: Path) -> None:
    """The two examples a journalist copies must pass `check` (against the fixture data files,
    so that an editor's change to content/ never turns the maintainers' CI red)."""
    examples = re.findall(r"```markdown\n(---\n.*?)```", README, flags=re.DOTALL)
    assert len(examples) == 2
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_DATA, content / "_data")
    (content / "mo-hinh").mkdir()
    (content / "mo-hinh" / "xay-dung-vuon-mau.md").write_text(GOOD_MODEL, encoding="utf-8")
    (content / "anh").mkdir()
    (content / "anh" / "quang-lam.jpg").write_bytes(photo_bytes())
    (content / "tin-tuc").mkdir()
    (content / "tin-tuc" / "vi-du.md").write_text(examples[0], encoding="utf-8")
    (content / "mo-hinh" / "vi-du.md").write_text(examples[1], encoding="utf-8")
    loaded = load_content(Layout(content, display_base=tmp_path), RESERVED_SLUGS)
    assert [p.code for p in loaded.problems] == ["SB204"]  # the totals' source article is absent
    assert [a.slug for a in loaded.articles] == ["vi-du"]
    assert "vi-du" in {m.slug for m in loaded.models}
