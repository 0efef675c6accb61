"""The ways content is grouped, each declared once: its names, its address, its list of
terms, and which terms an article or a model belongs to.

Adding a taxonomy is one `TaxonomySpec` here (plus its data file when its terms come from
one, see README "Adding a taxonomy"): the index files every article and model under it, the
listings give it an index page and a page per term, the home page links it, and a facet
rank puts it among the filters of the models index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..content.entities import Article, ModelProfile, Term
from ..text.vietnamese import slugify
from . import urls

ArticleTerms = Callable[[Article, Sequence[ModelProfile]], Iterable[Term]]
"""The terms of an article, given the article and the published models it reports on."""
ModelTerms = Callable[[ModelProfile], Iterable[Term]]


@dataclass(frozen=True)
class TaxonomySpec:
    """A way of grouping content: its key, its Vietnamese names, where it lives, what its
    terms list."""

    key: str
    title: str
    """The taxonomy's own name: the heading of its index page and its link on the home page."""
    term_prefix: str
    """What a term page's heading starts with ("Chuyên mục: Dân vận khéo"); empty: the name."""
    url_base: str
    """The address of its index; each term lives one level below (`chuyen-muc/kinh-te/`)."""
    vocabulary: str | None
    """The data file list its terms come from; None: terms are named where they are used
    (tags, authors), and spellings that make the same slug are one term. An author listed
    in `authors.yml` is still such a term, with the list's name and attributes."""
    article_terms: ArticleTerms | None = None
    """None: its term pages list no articles."""
    model_terms: ModelTerms | None = None
    """None: its term pages list no models."""
    compact: bool = False
    """Whether its article lists are compact rows (date and title) rather than summaries."""
    facet_rank: int | None = None
    """Its place among the filters of the models index; None: not a filter."""
    titled_by_kind: bool = False
    """A term page's heading starts with the term's `type` from its data file ("Xã
    Quảng Tân"), unless the name already does ("Thị trấn Đầm Hà")."""

    @property
    def lists_articles(self) -> bool:
        return self.article_terms is not None

    @property
    def lists_models(self) -> bool:
        return self.model_terms is not None


@lru_cache(maxsize=65536)
def free_term(name: str) -> Term:
    """A term named where it is used (a tag): its slug made from its name."""
    return Term(slugify(name), name)


def article_tags(article: Article) -> Iterable[Term]:
    """An article's tags as terms; a tag that makes no slug (only punctuation) is none."""
    return (free_term(tag) for tag in article.tags if free_term(tag).slug)


TAXONOMIES: tuple[TaxonomySpec, ...] = (
    TaxonomySpec(
        "categories",
        "Chuyên mục",
        "Chuyên mục",
        "chuyen-muc/",
        "categories",
        article_terms=lambda article, models: (article.category,),
    ),
    TaxonomySpec(
        "tags",
        "Từ khóa",
        "Từ khóa",
        "tu-khoa/",
        None,
        article_terms=lambda article, models: article_tags(article),
        compact=True,
    ),
    TaxonomySpec(
        "communes",
        "Xã, thị trấn",
        "",
        "xa/",
        "communes",
        article_terms=lambda article, models: article.communes,
        model_terms=lambda model: model.communes,
        compact=True,
        facet_rank=4,
        titled_by_kind=True,
    ),
    TaxonomySpec(
        "organisations",
        "Tổ chức",
        "",
        "to-chuc/",
        "organisations",
        article_terms=lambda article, models: (model.organisation for model in models),
        model_terms=lambda model: (model.organisation,),
        compact=True,
        facet_rank=5,
    ),
    TaxonomySpec(
        "fields",
        "Lĩnh vực",
        "Lĩnh vực",
        f"{urls.MODELS}linh-vuc/",
        "fields",
        model_terms=lambda model: model.fields,
        facet_rank=1,
    ),
    TaxonomySpec(
        "levels",
        "Cấp đăng ký",
        "Đăng ký cấp",
        f"{urls.MODELS}cap/",
        "levels",
        model_terms=lambda model: model.levels,
        facet_rank=2,
    ),
    TaxonomySpec(
        "statuses",
        "Tình trạng",
        "Tình trạng",
        f"{urls.MODELS}tinh-trang/",
        "statuses",
        model_terms=lambda model: (model.status,),
        facet_rank=3,
    ),
    TaxonomySpec(
        "award_levels",
        "Khen thưởng",
        "Khen thưởng cấp",
        f"{urls.MODELS}khen-thuong/",
        "levels",
        model_terms=lambda model: (award.level for award in model.awards),
        facet_rank=6,
    ),
    TaxonomySpec(
        "authors",
        "Tác giả",
        "Tác giả",
        "tac-gia/",
        None,
        article_terms=lambda article, models: (
            (article.author_term,) if article.author_term and article.author_term.slug else ()
        ),
        # Date and title rows, 50 a page, as for tags and communes: a journalist of twenty
        # years has a thousand articles, and summaries would make 50 pages of them.
        compact=True,
    ),
)
TAXONOMY_BY_KEY = {spec.key: spec for spec in TAXONOMIES}
RESERVED_SLUGS = urls.reserved_slugs(spec.url_base for spec in TAXONOMIES)
"""What the loader refuses as an article's or a model's slug (SB115)."""
