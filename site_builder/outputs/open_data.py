"""Machine-readable exports of the site: JSON for tools, CSV (UTF-8 with BOM) for Excel.

Every export is built from the same site index and statistics as the pages, so a number in
`data/stats.json` is the number on the statistics page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from ..content.data import Vocabulary
from ..content.entities import Term
from ..site import urls
from ..site.index import SiteIndex
from ..site.statistics import Statistics
from ..site.taxonomies import TAXONOMY_BY_KEY
from ..site.views import ArticleView, ModelView
from .structured_data import script_json, script_json_lines

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _term(term: Term) -> dict[str, str]:
    return {"slug": term.slug, "name": term.name}


def model_record(view: ModelView) -> dict[str, Any]:
    model = view.model
    return {
        "slug": model.slug,
        "title": model.title,
        "url": view.url,
        "organisation": _term(model.organisation),
        "communes": [_term(term) for term in model.communes],
        "district_wide": model.district_wide,
        "fields": [_term(term) for term in model.fields],
        "levels": [_term(term) for term in model.levels],
        "status": _term(model.status),
        "started": model.started,
        "awards": [
            {
                "by": award.by,
                "level": _term(award.level),
                "year": award.year,
                "kind": award.kind.value,
                "recipient": award.recipient,
            }
            for award in model.awards
        ],
        "summary": model.summary,
        "image": model.image,
        "articles": [backlink.article.slug for backlink in view.backlinks],
    }


def article_record(view: ArticleView) -> dict[str, Any]:
    article = view.article
    return {
        "slug": article.slug,
        "title": article.title,
        "url": view.url,
        "date": article.date.isoformat(),
        "author": article.author,
        "unit": article.unit,
        "category": _term(article.category),
        "tags": list(article.tags),
        "communes": [_term(term) for term in article.communes],
        "models": list(article.models),
        "summary": article.summary,
        "cover": article.cover,
        "cover_caption": article.cover_caption,
        "cover_credit": article.cover_credit,
        "source": article.origin.name if article.origin else "",
        "source_url": article.origin.url if article.origin else "",
    }


def stats_record(statistics: Statistics) -> dict[str, Any]:
    return {
        "metrics": dict(statistics.metrics),
        "effective_share": statistics.effective_share,
        "tables": [
            {
                "key": table.key,
                "title": table.title,
                "unit": table.unit,
                "total": table.total,
                "rows": [
                    {"key": row.key, "label": row.label, "count": row.count, "url": row.url}
                    for row in table.rows
                ],
            }
            for table in statistics.tables
        ],
        "communes": [
            {
                "slug": row.slug,
                "name": row.name,
                "url": row.url,
                "type": row.kind,
                "new_countryside": row.new_countryside,
                "new_countryside_year": row.year,
                "models": row.models,
            }
            for row in statistics.communes
        ],
        "reported": {
            "period": statistics.reported_period,
            "source_url": statistics.reported_source_url,
            "figures": [
                {
                    "key": row.key,
                    "label": row.label,
                    "reported": row.reported,
                    "metric": row.metric,
                    "computed": row.computed,
                }
                for row in statistics.reported
            ],
        },
    }


def _json(value: object) -> str:
    """JSON with <, > and & escaped (still the same JSON), so that no journalist's text can
    become markup even if a page ever embeds the file."""
    return script_json(value, indent=2) + "\n"


def _json_list(records: Sequence[object]) -> str:
    """A list of records, one per line (see `script_json_lines`), escaped as `_json`."""
    return script_json_lines(records) + "\n"


def _cell(value: object) -> str:
    """Text for a spreadsheet cell; a leading = + - @ is quoted so Excel runs no formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM: the only way Excel opens Vietnamese CSV correctly by double-click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _names(terms: Iterable[Term]) -> str:
    return "; ".join(term.name for term in terms)


def models_csv(index: SiteIndex) -> bytes:
    header = [
        "slug",
        "title",
        "url",
        "organisation",
        "communes",
        "district_wide",
        "fields",
        "levels",
        "status",
        "started",
        "awards",
        "articles",
        "summary",
    ]
    rows = (
        [
            view.model.slug,
            view.model.title,
            view.url,
            view.model.organisation.name,
            _names(view.model.communes),
            "có" if view.model.district_wide else "không",
            _names(view.model.fields),
            _names(view.model.levels),
            view.model.status.name,
            view.model.started,
            len(view.model.awards),
            len(view.backlinks),
            view.model.summary,
        ]
        for view in index.models
    )
    return _csv(header, rows)


def stats_csv(statistics: Statistics) -> bytes:
    rows: list[list[object]] = [
        ["metrics", key, key, value, ""] for key, value in statistics.metrics.items()
    ]
    for table in statistics.tables:
        rows += [[table.key, row.key, row.label, row.count, ""] for row in table.rows]
    rows += [
        ["reported", row.key, row.label, row.reported, row.computed] for row in statistics.reported
    ]
    return _csv(["table", "key", "label", "value", "computed"], rows)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def units_record(places: Vocabulary) -> dict[str, Any]:
    """The administrative units with their periods and the changes between them."""
    lineage = places.lineage
    base = TAXONOMY_BY_KEY["communes"].url_base
    units = []
    for term in places.terms:
        period = lineage.period(term)
        ending = lineage.change_ending(term)
        units.append(
            {
                "slug": term.slug,
                "name": term.name,
                "type": term.attributes.get("type"),
                "url": urls.term(base, term.slug),
                "began": _iso(period.began),
                "ended": _iso(period.ended),
                "formed_from": [t.slug for t in lineage.predecessors.get(term.slug, ())],
                "became": [t.slug for t in lineage.successors.get(term.slug, ())],
                "source": ending.source if ending else None,
            }
        )
    changes = [
        {
            "date": change.day.isoformat(),
            "source": change.source,
            "before": [t.slug for t in change.before],
            "after": [t.slug for t in change.after],
        }
        for change in lineage.changes
    ]
    return {"units": units, "changes": changes}


def units_csv(places: Vocabulary) -> bytes:
    header = ["slug", "name", "type", "url", "began", "ended", "formed_from", "became", "source"]
    rows = (
        [
            unit["slug"],
            unit["name"],
            unit["type"],
            unit["url"],
            unit["began"],
            unit["ended"],
            "; ".join(unit["formed_from"]),
            "; ".join(unit["became"]),
            unit["source"],
        ]
        for unit in units_record(places)["units"]
    )
    return _csv(header, rows)


def planned_exports(
    index: SiteIndex, statistics: Statistics
) -> dict[str, Callable[[], str | bytes]]:
    """Every export by its path in the built site, made when called (see
    outputs/site_files.py)."""
    places = index.places
    return {
        "data/models.json": lambda: _json_list([model_record(view) for view in index.models]),
        "data/articles.json": lambda: _json_list([article_record(view) for view in index.articles]),
        "data/stats.json": lambda: _json(stats_record(statistics)),
        "data/models.csv": lambda: models_csv(index),
        "data/stats.csv": lambda: stats_csv(statistics),
        **(
            {
                "data/units.json": lambda: _json(units_record(places)),
                "data/units.csv": lambda: units_csv(places),
            }
            if places is not None
            else {}
        ),
    }
