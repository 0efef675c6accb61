"""Hostile and broken input: never a traceback, never a lost good page, nothing executed."""

from __future__ import annotations

import filecmp
import json
import string
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.cli import main
from site_builder.content import schema
from site_builder.content.problems import CODES

from .conftest import GOOD_ARTICLE, FixtureSite, build, make_buildable

FIELDS = [spec.name for spec in (*schema.ARTICLE.fields, *schema.MODEL.fields)] + ["khac", ""]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.dates()
    | st.datetimes()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_file(text: bytes) -> None:
    """Load a fixture site plus one hostile article; the good article must survive."""
    with tempfile.TemporaryDirectory() as folder:
        site = FixtureSite(Path(folder))
        site.write("tin-tuc/hostile.md", text)
        content = site.load()
        assert {p.code for p in content.problems} <= set(CODES)
        assert "bai-tong-ket" in {a.slug for a in content.articles}
        if "tin-tuc/hostile.md" in content.rejected:
            assert any(p.is_error and p.path.endswith("hostile.md") for p in content.problems)


@FAST
@given(st.binary(max_size=600))
def test_any_bytes(raw: bytes) -> None:
    check_file(raw)
    check_file(b"---\n" + raw + b"\n---\nBody\n")


@FAST
@given(VALUES)
def test_any_yaml_document(value: object) -> None:
    document = yaml.safe_dump(value, allow_unicode=True)
    check_file(f"---\n{document}---\nNội dung\n".encode())


@FAST
@given(st.sampled_from(FIELDS), VALUES)
def test_any_value_in_any_field(field: str, value: object) -> None:
    line = yaml.safe_dump({field: value}, allow_unicode=True)
    check_file(GOOD_ARTICLE.replace("---\n\n", line + "---\n\n", 1).encode())


@FAST
@given(st.text(alphabet=string.printable + "ĐđâăơưếầữỹÀ\t\r\u00a0\ufeff", max_size=300))
def test_check_command_on_any_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = FixtureSite(Path(folder))
        site.write("tin-tuc/a.md", text)
        site.write("mo-hinh/b.md", text)
        assert main(["check", str(site.content), "--format", "json"]) in (0, 1)


HOSTILE = {
    "script.md": {"title": "title: \"<script>alert('x')</script>\""},
    "img.md": {"author: Quốc Nghị": "author: '\"><img src=x onerror=alert(1)>'"},
    "jinja.md": {"title": 'title: "{{ 7 * 7 }} {% raw %}x{% endraw %} {{ config }}"'},
}


def hostile_files(site: FixtureSite) -> None:
    """One file per attack of the issue; the first three are valid, the rest rejected."""
    for name, change in HOSTILE.items():
        if "title" in change:
            site.article(name[:-3], replace={"title: Bài tổng kết": change["title"]})
        else:
            site.article(name[:-3], replace=change)
    site.article("js-cover", cover='"javascript:alert(1)"', cover_caption="x")
    site.article("passwd", cover="../../etc/passwd", cover_caption="x")
    site.write(
        "tin-tuc/tag.md",
        GOOD_ARTICLE.replace(
            "author: Quốc Nghị", "author: !!python/object/apply:os.system ['touch /tmp/pwned']"
        ),
    )
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    site.write("tin-tuc/laughs.md", f"---\n{laughs}title: *i\n---\nx\n")
    site.write("tin-tuc/huge.md", GOOD_ARTICLE + "x" * 10_000_000)
    data = site.content / "_data"
    site.write(
        "_data/organisations.yml",
        (data / "organisations.yml").read_text(encoding="utf-8")
        + '- name: "<img src=x onerror=alert(2)> & Trung tâm"\n  publisher: true\n',
    )
    site.write(
        "_data/communes.yml",
        (data / "communes.yml").read_text(encoding="utf-8")
        + "- name: Quảng Lợi\n  type: xã\n  ended: 31/12/2019\n  became: [quang-tan]\n"
        "  source: \"<script>alert('s')</script>\"\n",
    )


def test_each_attack_is_rejected_with_a_code_or_inert(site: FixtureSite) -> None:
    hostile_files(site)
    content = site.load()
    codes = {p.path.rsplit("/", 1)[1]: p.code for p in content.problems}
    assert codes == {
        "js-cover.md": "SB118",
        "passwd.md": "SB118",
        "tag.md": "SB105",
        "laughs.md": "SB124",
        "huge.md": "SB109",
    }
    assert not Path("/tmp/pwned").exists()
    published = {a.slug for a in content.articles}
    assert {"script", "img", "jinja", "bai-tong-ket"} <= published


def test_attacks_are_inert_in_every_output(site: FixtureSite) -> None:
    hostile_files(site)
    make_buildable(site)
    result = build(site.base)
    assert result.returncode == 0, result.stderr
    for output in (site.base / "site").rglob("*"):
        if output.suffix not in (".html", ".xml", ".json", ".yml"):
            continue
        text = output.read_text(encoding="utf-8-sig")
        markers = ("<script>alert", "<img src=x", ">49<", " 49 ")
        if output.name == "config.yml":
            # The editor's config holds the data lists' names as YAML strings, which the
            # editor shows as text; a name is data there, not markup.
            markers = ("<script>alert", ">49<", " 49 ")
        for marker in markers:
            assert marker not in text, (output, marker)
    home = (site.base / "site/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; Trung tâm" in home  # name and footer
    articles = json.loads((site.base / "site/data/articles.json").read_text(encoding="utf-8"))
    assert "<script>alert('x')</script>" in {a["title"] for a in articles}  # data kept as written
    page = (site.base / "site/tin-tuc/jinja/index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }} {% raw %}x{% endraw %} {{ config }}" in page


def test_nothing_good_is_lost_next_to_bad_files(tmp_path: Path) -> None:
    """The site built from good files only, and from the same plus bad ones, is the same."""
    good = FixtureSite(tmp_path / "good")
    mixed = FixtureSite(tmp_path / "mixed")
    for site in (good, mixed):
        site.article("tot", replace={"title: Bài tổng kết": "title: Bài tốt"})
        make_buildable(site)
    mixed.article("hong-ngay", replace={"date: 10/02/2020": "date: 30/02/2020"})
    mixed.model("hong-mo-hinh", replace={"status: Hiệu quả, có sức lan tỏa": "status: Xấu"})
    mixed.write("tin-tuc/rong.md", "")
    mixed.write("tin-tuc/nhi-phan.md", bytes(range(256)))
    assert build(good.base, "--strict").returncode == 0
    assert build(mixed.base).returncode == 0
    comparison = filecmp.dircmp(good.base / "site", mixed.base / "site")
    assert _differences(comparison) == []


def _differences(comparison: filecmp.dircmp[str]) -> list[str]:
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files]
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found
