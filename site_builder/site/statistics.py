"""The movement in numbers, computed from the published content, never typed by hand.

One `Statistics` value feeds the statistics page, `data/stats.json`, `data/stats.csv` and
`site-builder stats`: the four can never disagree because they read the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from ..content import metrics
from ..content.data import SiteData, commune_status
from ..content.entities import AwardKind, ModelProfile
from ..content.strict import StrictAttributes, StrictNames
from ..text.vietnamese import format_month, format_short_date
from . import urls
from .views import ArticleView, ModelView, Taxonomy


class TableKey(StrEnum):
    """Every table of the statistics, by the key that the page, stats.json and stats.csv use."""

    MODELS_BY_FIELDS = "models.by_fields"
    MODELS_BY_LEVELS = "models.by_levels"
    MODELS_BY_STATUSES = "models.by_statuses"
    MODELS_BY_ORGANISATIONS = "models.by_organisations"
    MODELS_BY_COMMUNES = "models.by_communes"
    MODELS_BY_STARTED = "models.by_started"
    AWARDS_BY_LEVEL = "awards.by_level"
    AWARDS_BY_KIND = "awards.by_kind"
    ARTICLES_BY_YEAR = "articles.by_year"
    ARTICLES_BY_CATEGORIES = "articles.by_categories"
    ARTICLES_BY_MONTH = "articles.by_month"


@dataclass(frozen=True)
class CountRow(StrictAttributes):
    """One line of a table: what is counted, how many, and where to see them."""

    key: str
    label: str
    count: int
    url: str | None = None


@dataclass(frozen=True)
class CountTable(StrictAttributes):
    key: TableKey
    title: str
    unit: str
    rows: tuple[CountRow, ...]
    exclusive: bool = True
    """Each item is counted in one row only, so the rows add up to a meaningful total.
    Not so for fields or communes: a model can belong to several."""

    @property
    def total(self) -> int | None:
        return sum(row.count for row in self.rows) if self.exclusive else None


@dataclass(frozen=True)
class ReportedRow(StrictAttributes):
    """An officially reported figure beside the figure computed from the profiles."""

    key: str
    label: str
    reported: int
    metric: str | None
    computed: int | None

    @property
    def coverage(self) -> float | None:
        """computed / reported, the share of the reported figure that has a page here."""
        if self.computed is None or self.reported == 0:
            return None
        return self.computed / self.reported


@dataclass(frozen=True)
class CommuneRow(StrictAttributes):
    slug: str
    name: str
    url: str
    kind: str
    new_countryside: bool
    year: int | None
    note: str
    models: int
    assessed: bool
    """A xã, assessed against the standard (a thị trấn is not)."""
    known: bool = True
    """Whether the data file says how the unit stands (a unit of 2025 may not yet)."""


@dataclass(frozen=True)
class CommunesAsOf(StrictAttributes):
    """The communes that existed on one day and how they stood: the map changed in 2020 and
    2025, so a figure such as "7/8 xã đạt chuẩn" is true only of its own day."""

    day: date
    rows: tuple[CommuneRow, ...]

    @property
    def day_label(self) -> str:
        return format_short_date(self.day)

    @property
    def assessed(self) -> int:
        return sum(1 for row in self.rows if row.assessed)

    @property
    def met(self) -> int:
        return sum(1 for row in self.rows if row.assessed and row.new_countryside)

    @property
    def unknown(self) -> int:
        return sum(1 for row in self.rows if row.assessed and not row.known)


@dataclass(frozen=True)
class Statistics(StrictAttributes):
    metrics: Mapping[str, int]
    tables: tuple[CountTable, ...]
    communes: tuple[CommuneRow, ...]
    """The units counted in the `communes.*` metrics: those of `communes_day`."""
    reported_period: str | None
    reported_source_url: str | None
    reported: tuple[ReportedRow, ...]
    communes_by_period: tuple[CommunesAsOf, ...] = ()
    """The communes as of the last day of each period of the map, and as of today."""
    communes_day: date | None = None
    """The day the `communes.*` metrics count: the date of the article the reported totals
    come from, so that the computed figure is set beside a figure of the same map."""

    @property
    def effective_share(self) -> float | None:
        total = self.metrics[metrics.MODELS_TOTAL]
        return self.metrics[metrics.MODELS_EFFECTIVE] / total if total else None

    def table(self, key: str) -> CountTable:
        """The table with this key; a key that names no table (a template's typo) raises
        ValueError naming it, rather than rendering nothing."""
        wanted = TableKey(key)
        return next(table for table in self.tables if table.key is wanted)


class _Published(NamedTuple):
    """What the statistics count: the published views and the taxonomies that group them."""

    articles: Sequence[ArticleView]
    models: Sequence[ModelView]
    taxonomies: Mapping[str, Taxonomy]


def compute_statistics(
    articles: Sequence[ArticleView],
    models: Sequence[ModelView],
    taxonomies: Mapping[str, Taxonomy],
    data: SiteData,
    today: date,
) -> Statistics:
    """Every figure of the statistics page, from the views the index built in this build."""
    return _compute(_Published(articles, models, taxonomies), data, today)


def _compute(index: _Published, data: SiteData, today: date) -> Statistics:
    models = [view.model for view in index.models]
    articles = [view.article for view in index.articles]
    level_slugs = [term.slug for term in data.vocabularies["levels"].terms]
    effective = {
        term.slug
        for term in data.vocabularies["statuses"].terms
        if term.attributes.get("effective")
    }
    awards = [award for model in models for award in model.awards]
    award_counts = Counter((award.level.slug, award.kind.value) for award in awards)
    by_period = _communes_by_period(index, data, today)
    communes_day = _reported_day(index, data) or today
    communes = _communes(index, data, communes_day)
    values: dict[str, int] = {
        metrics.MODELS_TOTAL: len(models),
        metrics.MODELS_EFFECTIVE: sum(1 for m in models if m.status.slug in effective),
        metrics.MODELS_ALL_LEVELS: sum(
            1 for m in models if level_slugs and set(level_slugs) <= {t.slug for t in m.levels}
        ),
        metrics.MODELS_DISTRICT_WIDE: sum(1 for m in models if m.district_wide),
        metrics.AWARDS_TOTAL: len(awards),
        metrics.ARTICLES_TOTAL: len(articles),
        metrics.COMMUNES_TOTAL: communes.assessed,
        metrics.COMMUNES_NEW_COUNTRYSIDE: communes.met,
        **{
            metrics.award_metric(level, kind): award_counts[(level, kind)]
            for level in level_slugs
            for kind in AwardKind
        },
    }
    tables = (
        *_model_tables(index),
        *_award_tables(index, award_counts),
        _started_table(models),
        *_article_tables(index),
    )
    period, source_url, reported = _reported(data, values, index)
    return Statistics(
        StrictNames(values),
        tables,
        communes.rows,
        period,
        source_url,
        reported,
        by_period,
        communes_day,
    )


def _term_table(
    index: _Published, key: str, table: TableKey, title: str, *, models: bool, exclusive: bool
) -> CountTable:
    rows = tuple(
        CountRow(entry.slug, entry.name, len(entry.models if models else entry.articles), entry.url)
        for entry in index.taxonomies[key].terms
    )
    unit = "mô hình" if models else "bài viết"
    return CountTable(table, title, unit, rows, exclusive)


_MODEL_TABLES = (
    ("fields", TableKey.MODELS_BY_FIELDS, "Mô hình theo lĩnh vực", False),
    ("levels", TableKey.MODELS_BY_LEVELS, "Mô hình theo cấp đăng ký", False),
    ("statuses", TableKey.MODELS_BY_STATUSES, "Mô hình theo tình trạng", True),
    ("organisations", TableKey.MODELS_BY_ORGANISATIONS, "Mô hình theo tổ chức thực hiện", True),
)
"""Models counted by the terms of a taxonomy: its key, the table, its title, and whether each
model sits in one row only (so that the rows add up)."""


def _model_tables(index: _Published) -> Iterable[CountTable]:
    for key, table, title, exclusive in _MODEL_TABLES:
        yield _term_table(index, key, table, title, models=True, exclusive=exclusive)
    by_commune = _term_table(
        index,
        "communes",
        TableKey.MODELS_BY_COMMUNES,
        "Mô hình theo địa bàn",
        models=True,
        exclusive=False,
    )
    district_wide = sum(1 for view in index.models if view.model.district_wide)
    rows = (*by_commune.rows, CountRow("toan-huyen", "Toàn huyện", district_wide))
    yield CountTable(by_commune.key, by_commune.title, by_commune.unit, rows, exclusive=False)


def _award_tables(index: _Published, counts: Counter[tuple[str, str]]) -> Iterable[CountTable]:
    levels = index.taxonomies["award_levels"].terms
    yield CountTable(
        TableKey.AWARDS_BY_LEVEL,
        "Khen thưởng theo cấp",
        "lượt khen thưởng",
        tuple(
            CountRow(
                entry.slug,
                f"Cấp {entry.name.lower()}",
                sum(counts[(entry.slug, kind)] for kind in AwardKind),
                entry.url,
            )
            for entry in levels
        ),
    )
    yield CountTable(
        TableKey.AWARDS_BY_KIND,
        "Khen thưởng tập thể và cá nhân",
        "lượt khen thưởng",
        tuple(
            CountRow(
                kind, kind.label.capitalize(), sum(n for (_, k), n in counts.items() if k == kind)
            )
            for kind in AwardKind
        ),
    )


def _started_table(models: list[ModelProfile]) -> CountTable:
    years = Counter(model.started for model in models if model.started is not None)
    rows = [CountRow(str(year), str(year), years[year]) for year in sorted(years)]
    unknown = sum(1 for model in models if model.started is None)
    if unknown:
        rows.append(CountRow("chua-ro", "Chưa rõ năm", unknown))
    return CountTable(
        TableKey.MODELS_BY_STARTED, "Mô hình theo năm bắt đầu", "mô hình", tuple(rows)
    )


def _article_tables(index: _Published) -> Iterable[CountTable]:
    years: Counter[int] = Counter()
    months: Counter[tuple[int, int]] = Counter()
    for view in index.articles:
        years[view.article.date.year] += 1
        months[(view.article.date.year, view.article.date.month)] += 1
    yield CountTable(
        TableKey.ARTICLES_BY_YEAR,
        "Bài viết theo năm",
        "bài viết",
        tuple(
            CountRow(str(year), str(year), years[year], urls.archive_year(year))
            for year in sorted(years)
        ),
    )
    yield CountTable(
        TableKey.ARTICLES_BY_MONTH,
        "Bài viết theo tháng",
        "bài viết",
        tuple(
            CountRow(f"{y}-{m:02d}", format_month(y, m), months[(y, m)], urls.archive_month(y, m))
            for (y, m) in sorted(months)
        ),
    )
    yield _term_table(
        index,
        "categories",
        TableKey.ARTICLES_BY_CATEGORIES,
        "Bài viết theo chuyên mục",
        models=False,
        exclusive=True,
    )


def _communes(index: _Published, data: SiteData, day: date) -> CommunesAsOf:
    """The units that existed on `day` (all units, for a list without periods)."""
    lineage = data.vocabularies["communes"].lineage
    rows = []
    for entry in index.taxonomies["communes"].terms:
        assert entry.term is not None
        if not lineage.period(entry.term).contains(day):
            continue
        status = commune_status(entry.term)
        rows.append(
            CommuneRow(
                slug=entry.slug,
                name=entry.term.name,
                url=entry.url,
                kind=status.kind,
                new_countryside=status.met,
                year=status.year,
                note=status.note,
                models=len(entry.models),
                assessed=status.assessed,
                known=status.known,
            )
        )
    return CommunesAsOf(day, tuple(rows))


def _communes_by_period(index: _Published, data: SiteData, today: date) -> tuple[CommunesAsOf, ...]:
    """The last day before each change of the map, then today; oldest first."""
    changes = data.vocabularies["communes"].lineage.changes
    days = sorted({change.day - timedelta(days=1) for change in changes if change.day <= today})
    return tuple(_communes(index, data, day) for day in (*days, today))


def _reported_day(index: _Published, data: SiteData) -> date | None:
    reported = data.reported
    if reported is None or reported.source is None:
        return None
    source = next((v for v in index.articles if v.article.slug == reported.source), None)
    return source.article.date.date() if source else None


def _reported(
    data: SiteData, values: Mapping[str, int], index: _Published
) -> tuple[str | None, str | None, tuple[ReportedRow, ...]]:
    reported = data.reported
    if reported is None:
        return None, None, ()
    published = {view.article.slug for view in index.articles}
    source_url = urls.article(reported.source) if reported.source in published else None
    rows = tuple(
        ReportedRow(
            figure.key,
            figure.label,
            figure.value,
            figure.computed,
            values.get(figure.computed) if figure.computed else None,
        )
        for figure in reported.figures
    )
    return reported.period, source_url, rows
