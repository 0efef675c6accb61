"""A second builder, proven: ProperDocs (a maintained fork of MkDocs 1.x that loads MkDocs
plugins) builds the same site, byte for byte but for the generator tag.

Material for MkDocs reaches end of life on 5 May 2027 and MkDocs 2.0 drops plugins; this is
the road the project can take without rewriting its core (README, "After Material's end of
life").
"""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import FixtureSite, build, make_buildable, photo_bytes

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _tree(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, the generator tag blanked out."""
    return {
        path.relative_to(site_dir).as_posix(): GENERATOR_TAG.sub(b"", path.read_bytes())
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_same_site(site: FixtureSite) -> None:
    make_buildable(site)
    site.write("anh/vuon.jpg", photo_bytes(1200, 800))
    site.article(
        "co-anh",
        replace={"Nội dung.": "![Vườn mẫu ở Quảng Tân](/anh/vuon.jpg)"},
        cover="/anh/vuon.jpg",
        cover_caption="Vườn mẫu",
    )
    site.article("hong", replace={"date: 10/02/2020": "date: 30/02/2020"})
    with_mkdocs = build(site.base, "--site-dir", "site-mkdocs")
    with_properdocs = build(site.base, "--site-dir", "site-properdocs", generator="properdocs")
    assert with_mkdocs.returncode == 0, with_mkdocs.stderr
    assert with_properdocs.returncode == 0, with_properdocs.stderr
    assert "SB112 content/tin-tuc/hong.md:3:" in with_properdocs.stderr

    mkdocs_tree = _tree(site.base / "site-mkdocs")
    properdocs_tree = _tree(site.base / "site-properdocs")
    assert "tin-tuc/co-anh/index.html" in mkdocs_tree
    assert sorted(mkdocs_tree) == sorted(properdocs_tree)
    differing = [path for path in mkdocs_tree if mkdocs_tree[path] != properdocs_tree[path]]
    assert differing == []
    tags = GENERATOR_TAG.findall((site.base / "site-properdocs/index.html").read_bytes())
    assert tags and b"ProperDocs" in tags[0]  # the second build really was ProperDocs'


def test_properdocs_strict_build_fails_on_bad_content(site: FixtureSite) -> None:
    make_buildable(site)
    site.article("hong", replace={"date: 10/02/2020": "date: 30/02/2020"})
    for quiet in ((), ("-q",)):
        result = build(site.base, *quiet, "--strict", generator="properdocs")
        assert result.returncode == 1, quiet
        assert "SB112 content/tin-tuc/hong.md:3:" in result.stderr
