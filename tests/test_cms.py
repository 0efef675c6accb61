"""The browser editor's config.yml: generated from the schema, every field, every option."""

from __future__ import annotations

from typing import Any

import yaml

from site_builder.content import schema
from site_builder.content.loader import Layout
from site_builder.outputs.cms import admin_page, cms_config, config_yaml

from .conftest import FixtureSite, build, make_buildable

WIDGETS = {
    schema.Kind.TEXT: {"string", "text"},
    schema.Kind.DATE: {"datetime"},
    schema.Kind.BOOL: {"boolean"},
    schema.Kind.YEAR: {"number"},
    schema.Kind.SLUG: {"string"},
    schema.Kind.TEXTS: {"list"},
    schema.Kind.ADDRESSES: {"list"},
    schema.Kind.TERM: {"select"},
    schema.Kind.TERMS: {"select"},
    schema.Kind.MODEL_REFS: {"relation"},
    schema.Kind.IMAGE: {"image"},
    schema.Kind.CHOICE: {"select"},
    schema.Kind.RECORDS: {"list"},
}


def check_fields(
    fields: list[dict[str, Any]], specs: tuple[schema.FieldSpec, ...], site: FixtureSite
) -> None:
    content = site.load()
    assert [f["name"] for f in fields] == [spec.name for spec in specs]
    for field, spec in zip(fields, specs, strict=True):
        assert field["required"] is spec.required, spec.name
        assert field["widget"] in WIDGETS[spec.kind], spec.name
        if spec.vocabulary:
            assert field["options"] == content.data.vocabularies[spec.vocabulary].names()
            assert field["multiple"] is (spec.kind is schema.Kind.TERMS)
        if spec.kind is schema.Kind.CHOICE:
            assert field["options"] == ["tập thể", "cá nhân"]
        if spec.kind is schema.Kind.RECORDS:
            check_fields(field["fields"], spec.fields, site)


def test_config_matches_the_schema(site: FixtureSite) -> None:
    layout = Layout(site.content)
    config = cms_config(layout, site.load().data, "trung-tam/dam-ha", "main", "https://x.vn/")
    loaded = yaml.safe_load(config_yaml(config))
    assert loaded == config
    assert loaded["backend"] == {"name": "github", "repo": "trung-tam/dam-ha", "branch": "main"}
    assert loaded["local_backend"] is False
    assert loaded["publish_mode"] == "editorial_workflow"  # each article a pull request
    articles, models = loaded["collections"]
    assert articles["folder"] == "content/tin-tuc" and models["folder"] == "content/mo-hinh"
    check_fields(articles["fields"][:-1], schema.ARTICLE.fields, site)
    check_fields(models["fields"][:-1], schema.MODEL.fields, site)
    assert articles["fields"][-1]["widget"] == models["fields"][-1]["widget"] == "markdown"
    [relation] = [f for f in articles["fields"] if f["name"] == "models"]
    assert relation["collection"] == models["name"]
    assert loaded["media_folder"] == "content/anh" and loaded["public_folder"] == "/anh"


def test_local_editing_saves_straight_to_the_files(site: FixtureSite) -> None:
    """Without a repository (`npx decap-server` beside `make serve`) there are no pull
    requests to review: the editor writes the files it is given."""
    config = cms_config(Layout(site.content), site.load().data, "", "main", "")
    assert "publish_mode" not in config and config["local_backend"] is True


def test_the_local_editor_loads_at_once() -> None:
    """Without a repository the editor talks to `npx decap-server`: no token to ask for."""
    page = admin_page("Trang <thử>")
    assert '<script src="decap-cms.js"></script>' in page and "sb-token" not in page
    assert "<title>Soạn bài – Trang &lt;thử&gt;</title>" in page


def test_date_format_is_one_the_checker_reads(site: FixtureSite) -> None:
    from site_builder.text.vietnamese import parse_date

    assert parse_date("26/11/2026 08:30").hour == 8  # the CMS writes DD/MM/YYYY HH:mm


def test_build_writes_the_editor(site: FixtureSite) -> None:
    make_buildable(site)
    result = build(site.base, "--strict", GITHUB_REPOSITORY="trung-tam/dam-ha")
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((site.base / "site/admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "trung-tam/dam-ha"
    page = (site.base / "site/admin/index.html").read_text(encoding="utf-8")
    assert 'script.src = "decap-cms.js"' in page  # loaded once a token is given
    assert '<input id="sb-token" type="password"' in page
    assert '<meta name="robots" content="noindex">' in page
    assert (site.base / "site/admin/decap-cms.js").stat().st_size > 1_000_000  # from the repo
