"""The names of the figures the statistics compute, so that a data file can refer to them.

`reported_totals.yml` pairs each officially reported figure with one of these keys, and the
statistics page shows the two side by side. Award keys depend on the levels in levels.yml.
"""

from __future__ import annotations

from collections.abc import Iterable

from .entities import AwardKind

MODELS_TOTAL = "models.total"
MODELS_EFFECTIVE = "models.effective"
MODELS_ALL_LEVELS = "models.registered_all_levels"
MODELS_DISTRICT_WIDE = "models.district_wide"
AWARDS_TOTAL = "awards.total"
ARTICLES_TOTAL = "articles.total"
COMMUNES_TOTAL = "communes.total"
COMMUNES_NEW_COUNTRYSIDE = "communes.new_countryside"

FIXED_METRICS = (
    MODELS_TOTAL,
    MODELS_EFFECTIVE,
    MODELS_ALL_LEVELS,
    MODELS_DISTRICT_WIDE,
    AWARDS_TOTAL,
    ARTICLES_TOTAL,
    COMMUNES_TOTAL,
    COMMUNES_NEW_COUNTRYSIDE,
)


def award_metric(level_slug: str, kind: str) -> str:
    """Awards given at one level to collectives or individuals: `awards.tinh.ca-nhan`."""
    return f"awards.{level_slug}.{kind}"


def metric_keys(level_slugs: Iterable[str]) -> list[str]:
    """Every metric key, in the order the README lists them."""
    awards = [award_metric(level, kind) for level in level_slugs for kind in AwardKind]
    return [*FIXED_METRICS, *awards]
