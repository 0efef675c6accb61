"""A load after a save, and the index after it, keep what the save did not touch: the very
articles, profiles and views of the load and index before (what makes the preview's
quick path fast), and nothing a fresh load and index would make differently."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from site_builder.content.loader import ContentSet, Layout, load_content
from site_builder.site.index import SiteIndex, build_site_index
from site_builder.site.listings import PageSizes, build_listings
from site_builder.site.publishing import State
from site_builder.site.showing import (
    SavedSite,
    Showing,
    pages_showing,
    recounted,
    site_after_save,
)
from site_builder.site.taxonomies import RESERVED_SLUGS
from site_builder.site.views import ArticleView

from .conftest import FixtureSite
from .test_site_index import fill

NOW = datetime(2026, 11, 26, 12, 0)


def _load(site: FixtureSite, previous: ContentSet | None = None, *changed: Path) -> ContentSet:
    layout = Layout(site.content, display_base=site.base)
    saved = [path.relative_to(site.content).as_posix() for path in changed]
    return load_content(layout, RESERVED_SLUGS, previous=previous, changed=saved)


def _index(content: ContentSet, previous: SiteIndex | None = None) -> SiteIndex:
    return build_site_index(content, now=NOW, include_unpublished=True, previous=previous)


def _edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    return path


class Saved:
    """A load and its index, one file saved, and the load and index that kept the rest."""

    def __init__(self, site: FixtureSite, src_uri: str, old: str, new: str) -> None:
        fill(site)
        self.before = _load(site)
        self.index = _index(self.before)
        saved = _edit(site.content / src_uri, old, new)
        self.after = _load(site, self.before, saved)
        self.kept_index = _index(self.after, self.index)

    def articles_kept(self) -> dict[str, bool]:
        old = {article.src_uri: article for article in self.before.articles}
        return {a.src_uri: a is old.get(a.src_uri) for a in self.after.articles}

    def views_kept(self) -> dict[str, bool]:
        old = {view.article.src_uri: view for view in self.index.articles}
        return {
            v.article.src_uri: v is old.get(v.article.src_uri) for v in self.kept_index.articles
        }


def assert_as_fresh(site: FixtureSite, content: ContentSet, index: SiteIndex) -> None:
    """The kept load and index equal, in value, a load and an index made from nothing."""
    fresh = _load(site)
    assert content.articles == fresh.articles
    assert content.models == fresh.models
    assert content.problems == fresh.problems
    fresh_index = _index(fresh)
    assert index.articles == fresh_index.articles
    assert index.models == fresh_index.models
    assert dict(index.by_source) == dict(fresh_index.by_source)
    assert index.taxonomies == fresh_index.taxonomies
    assert index.statistics == fresh_index.statistics


def test_an_edited_article_is_made_again_and_the_others_are_kept(site: FixtureSite) -> None:
    saved = Saved(site, "tin-tuc/a1.md", "title: Bài a1", "title: Bài a1 đã sửa")
    assert saved.articles_kept() == {
        src_uri: src_uri != "tin-tuc/a1.md" for src_uri in saved.articles_kept()
    }
    assert all(new is old for new, old in zip(saved.after.models, saved.before.models, strict=True))
    assert saved.views_kept() == saved.articles_kept()
    assert_as_fresh(site, saved.after, saved.kept_index)


def test_a_saved_profile_makes_again_the_views_of_the_articles_naming_it(
    site: FixtureSite,
) -> None:
    saved = Saved(site, "mo-hinh/vuon-mau.md", "title: Xây dựng vườn mẫu", "title: Vườn mẫu mới")
    assert all(saved.articles_kept().values())
    naming = [view for view in saved.kept_index.articles if view.models]
    assert [view.article.src_uri for view in naming] == ["tin-tuc/bai-tong-ket.md"]
    assert naming[0].models[0].model.title == "Vườn mẫu mới"
    assert saved.views_kept() == {
        src_uri: src_uri != "tin-tuc/bai-tong-ket.md" for src_uri in saved.views_kept()
    }
    assert_as_fresh(site, saved.after, saved.kept_index)


def test_articles_are_made_again_when_other_profiles_are_published(site: FixtureSite) -> None:
    """An article keeps only the profiles that are published: when a profile's address
    changes, every article is made again."""
    saved = Saved(site, "mo-hinh/vuon-mau.md", "title: Xây", "slug: vuon-mau-moi\ntitle: Xây")
    assert not any(saved.articles_kept().values())
    assert any(problem.code == "SB114" for problem in saved.after.problems)
    assert_as_fresh(site, saved.after, saved.kept_index)


def test_a_later_time_makes_again_the_views_whose_state_changed(site: FixtureSite) -> None:
    """A scheduled article whose time has come is published: its view is made again."""
    fill(site)
    site.article("hen-gio", replace={"date: 10/02/2020": "date: 01/12/2026 08:00"})
    before = _load(site)
    index = _index(before)
    saved = _edit(site.content / "tin-tuc/a2.md", "title: Bài a2", "title: Bài a2 mới")
    after = _load(site, before, saved)
    later = build_site_index(
        after, now=datetime(2026, 12, 2), include_unpublished=True, previous=index
    )

    def scheduled(index: SiteIndex) -> ArticleView:
        return next(view for view in index.articles if view.article.slug == "hen-gio")

    assert scheduled(index).state is State.SCHEDULED
    assert scheduled(later).state is State.PUBLISHED
    fresh = build_site_index(_load(site), now=datetime(2026, 12, 2), include_unpublished=True)
    assert later.articles == fresh.articles


def test_quick_loads_in_a_row_stay_as_fresh(site: FixtureSite) -> None:
    """Each load starts from the one before, as the preview's saves do."""
    fill(site)
    content = _load(site)
    index = _index(content)
    edits = [
        ("tin-tuc/a3.md", "category: Nông thôn mới", "category: Kinh tế"),
        ("mo-hinh/vuon-mau.md", "status: Hiệu quả, có sức lan tỏa", "status: Đang triển khai"),
        ("tin-tuc/a2.md", "models: []", "models: [vuon-mau]"),
        ("tin-tuc/a3.md", "category: Kinh tế", "category: Dân vận khéo"),
        ("mo-hinh/vuon-mau.md", "title: Xây dựng vườn mẫu", "title: Vườn mẫu Quảng Tân"),
    ]
    for src_uri, old, new in edits:
        saved = _edit(site.content / src_uri, old, new)
        content = _load(site, content, saved)
        index = _index(content, index)
        assert_as_fresh(site, content, index)


def _after_save(
    site: FixtureSite, src_uri: str, old: str, new: str
) -> tuple[Any, SavedSite | None]:
    """The preview's site before a save of `src_uri`, and `site_after_save`'s answer."""
    fill(site)
    layout = Layout(site.content, display_base=site.base)
    content = _load(site)
    index = _index(content)
    listings = build_listings(index, PageSizes())
    _edit(site.content / src_uri, old, new)
    before = (content, index, listings)
    return before, site_after_save(layout, before, {src_uri}, PageSizes(), NOW)


def test_a_save_of_the_text_alone_keeps_the_index_and_shows_its_own_page(
    site: FixtureSite,
) -> None:
    # Not the lead, from which an article without `summary:` takes its summary.
    (_, index, listings), after = _after_save(site, "tin-tuc/a1.md", "Nội dung.", "Nội dung mới.")
    assert after is not None
    assert after.index is index and after.listings is listings
    assert after.shown == Showing(frozenset({"tin-tuc/a1.md"}), frozenset())


def test_a_retitled_article_shows_on_its_listings(site: FixtureSite) -> None:
    (_, index, listings), after = _after_save(
        site, "tin-tuc/a1.md", "title: Bài a1", "title: Bài a1 đã sửa"
    )
    assert after is not None and after.index is not index
    assert after.shown.entities == {"tin-tuc/a1.md"}
    assert "" in after.shown.listings and "tin-tuc/" in after.shown.listings  # home, news
    assert after.shown == pages_showing(after.index, after.listings, {"tin-tuc/a1.md"}) | (
        pages_showing(index, listings, {"tin-tuc/a1.md"})
    ) | recounted(listings, after.listings)
    assert_as_fresh(site, after.content, after.index)


def test_a_save_that_moves_a_page_needs_a_full_build(site: FixtureSite) -> None:
    (_, _, _), after = _after_save(
        site, "tin-tuc/a1.md", "title: Bài a1", "title: Bài a1\nslug: bai-moi"
    )
    assert after is None
