"""When a piece of content is public: drafts, articles scheduled for later, expired notices.

Everything is decided against one `now` (Vietnam time) per build, so a build is
reproducible: set SITE_BUILDER_NOW to build the site as it will be on another day.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from ..content.entities import Article, ModelProfile
from ..text.vietnamese import VIETNAM_TZ, parse_date

NOW_VARIABLE = "SITE_BUILDER_NOW"


class State(StrEnum):
    PUBLISHED = "published"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    EXPIRED = "expired"


STATE_LABELS = {
    State.DRAFT: "Bản nháp",
    State.SCHEDULED: "Hẹn giờ đăng",
    State.EXPIRED: "Đã hết hạn",
}


def now_in_vietnam() -> datetime:
    """The build's "now", naive in Vietnam time; SITE_BUILDER_NOW overrides it."""
    fixed = os.environ.get(NOW_VARIABLE)
    if fixed:
        return parse_date(fixed)
    return datetime.now(VIETNAM_TZ).replace(tzinfo=None)


def state_of(entity: Article | ModelProfile, now: datetime) -> State:
    if entity.draft:
        return State.DRAFT
    if isinstance(entity, Article):
        if entity.date > now:
            return State.SCHEDULED
        if entity.expires is not None and entity.expires <= now:
            return State.EXPIRED
    return State.PUBLISHED


def next_scheduled(articles: Iterable[Article], now: datetime) -> Article | None:
    """The scheduled article that goes out first (drafts wait for an editor, not a date)."""
    waiting = [a for a in articles if state_of(a, now) is State.SCHEDULED]
    return min(waiting, key=lambda article: (article.date, article.src_uri), default=None)
