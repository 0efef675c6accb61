"""Templates and Python are tied by typed values: a template that asks for something the
site model does not have fails the build and names it, instead of rendering a hole."""

from __future__ import annotations

import shutil

import pytest

from site_builder.content.strict import StrictAttributes, StrictNames, UnknownNameError
from site_builder.site.listings import ListingKind
from site_builder.site.statistics import TableKey

from .conftest import REPO, FixtureSite, build, make_buildable

MISTAKES = {
    "a listing kind": (
        "sb/listing.html",
        'listing is sb_kind("home")',
        'listing is sb_kind("hom")',
        "'hom' is not a valid ListingKind",
    ),
    "a view's field": (
        "sb/article-head.html",
        "sb_view.article -%}",
        "sb_view.artcle -%}",
        "ArticleView has no 'artcle'; it has: article,",
    ),
    "a statistics table": (
        "sb/statistics.html",
        '"models.by_fields",',
        '"models.by_fieldz",',
        "'models.by_fieldz' is not a valid TableKey",
    ),
    "a figure": (
        "sb/statistics.html",
        'm["awards.total"]',
        'm["awards.totl"]',
        "No figure named 'awards.totl'; the figures are:",
    ),
    "a test": (
        "partials/content.html",
        "sb_view is sb_model",
        "sb_view is sb_modle",
        "No test named 'sb_modle'",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES)
def test_a_template_asking_for_what_does_not_exist_fails_the_build(
    site: FixtureSite, mistake: tuple[str, str, str, str]
) -> None:
    template, written, misspelt, message = mistake
    make_buildable(site)
    theme = site.base / "theme"
    shutil.copytree(REPO / "theme_overrides", theme, ignore=shutil.ignore_patterns("admin"))
    source = (theme / template).read_text(encoding="utf-8")
    assert written in source
    (theme / template).write_text(source.replace(written, misspelt, 1), encoding="utf-8")
    config = site.base / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(f"custom_dir: {(REPO / 'theme_overrides').as_posix()}", "custom_dir: theme"),
        encoding="utf-8",
    )
    result = build(site.base)
    assert result.returncode == 1
    assert message in result.stderr


def test_every_listing_kind_is_drawn_or_falls_to_the_term_layout() -> None:
    """listing.html names kinds by their values; each one it names exists, and the kinds it
    does not name are the lists of articles it draws in its last branch."""
    template = (REPO / "theme_overrides/sb/listing.html").read_text(encoding="utf-8")
    named = {kind for kind in ListingKind if f'sb_kind("{kind.value}")' in template}
    assert set(ListingKind) - named == {
        ListingKind.NEWS,
        ListingKind.ARCHIVE_MONTH,
        ListingKind.TERM,
    }


def test_strict_values_answer_known_names_and_name_the_unknown() -> None:
    figures = StrictNames({"models.total": 3})
    assert figures["models.total"] == 3 and figures.get("x") is None
    with pytest.raises(UnknownNameError, match="'x'"):
        figures["x"]
    assert TableKey("models.by_fields") is TableKey.MODELS_BY_FIELDS

    class Plain(StrictAttributes):
        shown = property(lambda self: 1)

    assert Plain().shown == 1
    assert not hasattr(Plain(), "__html__")  # Python's own probes still get AttributeError
    with pytest.raises(UnknownNameError, match="Plain has no 'hidden'; it has: shown"):
        Plain().hidden  # noqa: B018
