"""The site index, built from fixture content without MkDocs."""

from __future__ import annotations

from datetime import datetime

import pytest

from site_builder.site.index import build_site_index
from site_builder.site.listings import PageSizes, build_listings
from site_builder.site.taxonomies import TAXONOMIES, TaxonomySpec, free_term
from site_builder.site.views import ArticleView

from .conftest import FixtureSite


def fill(site: FixtureSite) -> None:
    """Five more articles over two years, two categories, tags spelt two ways."""
    dated = [
        ("a1", "05/01/2019", "Kinh tế", "[Vườn mẫu]", "[Dực Yên]"),
        ("a2", "05/01/2019", "Kinh tế", "[vườn mẫu]", "[]"),
        ("a3", "20/03/2020 09:00", "Nông thôn mới", "[]", "[Quảng Lâm]"),
        ("a4", "2020-03-20 08:00", "Nông thôn mới", "[]", "[]"),
        ("a5", "2018-12-31", "Kinh tế", "[]", "[]"),
    ]
    for name, date, category, tags, communes in dated:
        site.article(
            name,
            replace={
                "title: Bài tổng kết": f"title: Bài {name}",
                "date: 10/02/2020": f"date: {date}",
                "category: Dân vận khéo": f"category: {category}",
                "tags: [tổng kết]": f"tags: {tags}",
                "communes: [Quảng Tân]": f"communes: {communes}",
                "models: [vuon-mau]": "models: []",
            },
        )
    site.model(
        "ngay-chu-nhat-xanh",
        replace={
            "title: Xây dựng vườn mẫu": "title: Ngày Chủ nhật xanh",
            "organisation: UBND xã Quảng Tân": "organisation: Hội LHPN huyện",
            "communes: [Quảng Tân]": "district_wide: true",
            "levels: [Xã, Huyện]": "levels: [Huyện]",
            "status: Hiệu quả, có sức lan tỏa": "status: Đang triển khai",
            "fields: [Sản xuất – kinh doanh]": "fields: [Xã hội, Văn hóa]",
            "    level: Huyện": "    level: Tỉnh",
        },
    )


def test_articles_newest_first_with_stable_ties(site: FixtureSite) -> None:
    fill(site)
    index = build_site_index(site.load())
    assert [v.article.slug for v in index.articles] == [
        "a3", "a4", "bai-tong-ket", "a1", "a2", "a5",
    ]  # fmt: skip


def test_news_pages(site: FixtureSite) -> None:
    fill(site)
    listings = build_listings(build_site_index(site.load()), 4)
    first, second = listings["tin-tuc/"], listings["tin-tuc/trang/2/"]
    assert first.articles is not None and second.articles is not None
    assert [v.article.slug for v in first.articles.items] == ["a3", "a4", "bai-tong-ket", "a1"]
    assert [v.article.slug for v in second.articles.items] == ["a2", "a5"]
    assert second.title == "Tin tức (trang 2)"
    assert "tin-tuc/trang/3/" not in listings


def test_taxonomy_terms_in_vietnamese_order_with_counts(site: FixtureSite) -> None:
    fill(site)
    index = build_site_index(site.load())
    listings = build_listings(index, 10)
    communes = index.taxonomies["communes"]
    assert [(t.name, t.count) for t in communes.terms] == [
        ("Dực Yên", 1),
        ("Quảng Lâm", 1),
        ("Quảng Tân", 2),  # one article and one model
        ("Thị trấn Đầm Hà", 0),
    ]
    categories = index.taxonomies["categories"]
    assert [(t.name, t.count) for t in categories.terms] == [
        ("Dân vận khéo", 1), ("Kinh tế", 3), ("Nông thôn mới", 2),
    ]  # fmt: skip
    assert listings["chuyen-muc/"].links[1].url == "chuyen-muc/kinh-te/"


def test_tags_merge_spellings_that_slug_alike(site: FixtureSite) -> None:
    fill(site)
    tags = build_site_index(site.load()).taxonomies["tags"]
    assert [(t.slug, t.name, t.count) for t in tags.terms] == [
        ("tong-ket", "tổng kết", 1),
        ("vuon-mau", "Vườn mẫu", 2),
    ]


def test_model_facets_and_backlinks(site: FixtureSite) -> None:
    fill(site)
    index = build_site_index(site.load())
    listings = build_listings(index, 10)
    by_slug = {view.model.slug: view for view in index.models}
    assert [v.model.slug for v in index.models] == ["ngay-chu-nhat-xanh", "vuon-mau"]
    assert [a.article.slug for a in by_slug["vuon-mau"].backlinks] == ["bai-tong-ket"]
    assert by_slug["ngay-chu-nhat-xanh"].backlinks == ()
    fields = {t.slug: [c.model.slug for c in t.models] for t in index.taxonomies["fields"].terms}
    assert fields == {
        "an-ninh": [],
        "san-xuat-kinh-doanh": ["vuon-mau"],
        "van-hoa": ["ngay-chu-nhat-xanh"],
        "xa-hoi": ["ngay-chu-nhat-xanh"],
    }
    awards = {t.slug: t.count for t in index.taxonomies["award_levels"].terms}
    assert awards == {"tinh": 1, "huyen": 1, "xa": 0}
    organisation = listings["to-chuc/ubnd-xa-quang-tan/"]
    assert [c.model.slug for c in organisation.models] == ["vuon-mau"]
    assert organisation.articles is not None
    assert [v.article.slug for v in organisation.articles.items] == ["bai-tong-ket"]
    models = listings["mo-hinh/"]
    assert [g.title for g in models.groups] == ["Sản xuất – kinh doanh", "Văn hóa", "Xã hội"]


def test_archives_by_year_and_month(site: FixtureSite) -> None:
    fill(site)
    listings = build_listings(build_site_index(site.load()), 10)
    archive = listings["luu-tru/"]
    assert [g.title for g in archive.groups] == ["Năm 2020", "Năm 2019", "Năm 2018"]
    assert [(link.title, link.count) for link in archive.groups[0].links] == [
        ("Tháng 3/2020", 2), ("Tháng 2/2020", 1),
    ]  # fmt: skip
    month = listings["luu-tru/2019/01/"]
    assert month.articles is not None and month.compact
    assert [v.article.slug for v in month.articles.items] == ["a1", "a2"]
    # A year page is its months with their counts: it never grows with the archive.
    year = listings["luu-tru/2020/"]
    assert year.articles is None
    assert [(link.url, link.count) for link in year.links] == [
        ("luu-tru/2020/03/", 2), ("luu-tru/2020/02/", 1),
    ]  # fmt: skip


def test_summaries_and_compact_lists_have_their_own_page_sizes(site: FixtureSite) -> None:
    fill(site)
    sizes = PageSizes(summaries=1, compact=2)
    listings = build_listings(build_site_index(site.load()), sizes)
    news = [url for url in listings if url.startswith("tin-tuc/")]
    assert len(news) == 6 and not listings["tin-tuc/"].compact
    category = listings["chuyen-muc/dan-van-kheo/"]
    assert category.articles is not None and len(category.articles.items) == 1
    assert not category.compact
    commune = listings["xa/quang-tan/"]
    assert commune.compact and commune.articles is not None
    assert len(commune.articles.items) == min(2, commune.articles.total_items)
    with pytest.raises(ValueError):
        PageSizes(summaries=0)


def test_drafts_only_when_asked(site: FixtureSite) -> None:
    site.article("nhap", draft="true")
    content = site.load()
    assert "nhap" not in {v.article.slug for v in build_site_index(content).articles}
    with_drafts = build_site_index(content, include_unpublished=True)
    assert "nhap" in {v.article.slug for v in with_drafts.articles}


def test_home_lists_latest_news_and_featured_effective_models(site: FixtureSite) -> None:
    fill(site)
    home = build_listings(build_site_index(site.load()), 10)[""]
    assert home.articles is not None and len(home.articles.items) == 6
    assert [c.model.slug for c in home.models] == ["vuon-mau"]  # the other is not effective
    assert home.links[0].url == "tin-tuc/"


def test_theme_is_the_newest_one_not_after_the_build_year(site: FixtureSite) -> None:
    content = site.load()
    this_year = build_site_index(content).theme
    assert this_year is not None and this_year.year == 2020  # the fixture's newest theme
    earlier = build_site_index(content, now=datetime(2019, 6, 1)).theme
    assert earlier is not None and earlier.year == 2019
    assert build_site_index(content, now=datetime(2018, 6, 1)).theme is None


def test_related_articles_share_a_model_tag_commune_or_category(site: FixtureSite) -> None:
    fill(site)
    index = build_site_index(site.load())
    related = {
        view.article.slug: [r.article.slug for r in view.related]
        for view in index.by_source.values()
        if isinstance(view, ArticleView)
    }
    assert related["a1"] == ["a2", "a5"]  # the tag "vườn mẫu" first, then the category
    assert related["a3"] == ["a4"]  # same category only
    assert "bai-tong-ket" not in related["bai-tong-ket"]


def test_a_taxonomy_is_one_declaration(site: FixtureSite) -> None:
    """Two taxonomies declared here and nowhere else: models by the year they started (terms
    named where used) and articles by the fields of the models they report on (terms from
    fields.yml). Each gets an index page, a page per term with its members, a link on the
    home page, and a place among the models' filters."""
    fill(site)
    started = TaxonomySpec(
        "started",
        "Năm bắt đầu",
        "Bắt đầu năm",
        "mo-hinh/nam/",
        None,
        model_terms=lambda model: (free_term(str(model.started)),) if model.started else (),
        facet_rank=7,
    )
    article_fields = TaxonomySpec(
        "article_fields",
        "Bài viết theo lĩnh vực",
        "Lĩnh vực",
        "bai-viet/linh-vuc/",
        "fields",
        article_terms=lambda article, models: (f for model in models for f in model.fields),
        compact=True,
    )
    index = build_site_index(site.load(), taxonomies=(*TAXONOMIES, started, article_fields))
    listings = build_listings(index, 10)

    assert [link.url for link in listings["mo-hinh/nam/"].links] == ["mo-hinh/nam/2012/"]
    year = listings["mo-hinh/nam/2012/"]
    assert year.title == "Bắt đầu năm: 2012" and year.articles is None
    assert [card.model.slug for card in year.models] == ["ngay-chu-nhat-xanh", "vuon-mau"]
    field = listings["bai-viet/linh-vuc/san-xuat-kinh-doanh/"]
    assert field.compact and field.articles is not None
    assert [view.article.slug for view in field.articles.items] == ["bai-tong-ket"]
    assert listings["bai-viet/linh-vuc/van-hoa/"].articles is not None  # every term has a page
    home = listings[""]
    assert {"mo-hinh/nam/", "bai-viet/linh-vuc/"} <= {link.url for link in home.links}
    facets = [title for title, _ in listings["mo-hinh/"].facets]
    assert facets[-1] == "Năm bắt đầu" and "Bài viết theo lĩnh vực" not in facets
