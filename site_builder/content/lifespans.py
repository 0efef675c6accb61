"""Entries of a data list that begin and end: administrative units and organisations.

The archive outlives reorganisations. Xã Quảng Lợi ended on 31/12/2019; the xã Quảng Tân
formed on 01/07/2025 is not the xã Quảng Tân of 2019, though it carries its name. So an
entry of `communes.yml` or `organisations.yml` may say when it began, when it ended and
which entries it became; the units it was formed from are read off the others' `became`,
so each change is written once, on the units it ended. A name written in an article is
resolved to the entry that existed on the article's date (`resolve`), and the history
pages are drawn from the `Lineage` of the list.

Nothing here reads files: the data lists hand their terms in, and problems come back as
values with the file and line of the entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from ..text.vietnamese import collation_key, format_short_date, parse_date, slugify
from .entities import Term
from .problems import Problem

_Report = Callable[[Term, str, str], None]

LIFESPAN_KEYS = ("began", "ended", "became", "source")
"""The attributes a data list entry uses to say when it existed and what it became."""


@dataclass(frozen=True)
class Period:
    """The days an entry existed, both ends included; None: not known (or still today)."""

    began: date | None = None
    ended: date | None = None

    def contains(self, day: date) -> bool:
        return (self.began is None or self.began <= day) and (
            self.ended is None or day <= self.ended
        )

    def overlaps(self, other: Period) -> bool:
        starts_before_other_ends = (
            self.began is None or other.ended is None or self.began <= other.ended
        )
        ends_after_other_starts = (
            self.ended is None or other.began is None or other.began <= self.ended
        )
        return starts_before_other_ends and ends_after_other_starts

    @property
    def known(self) -> bool:
        return self.began is not None or self.ended is not None

    @property
    def label(self) -> str:
        """How a page and the editor's list name the period: "từ 01/07/2025"."""
        if self.began and self.ended:
            return f"{format_short_date(self.began)} – {format_short_date(self.ended)}"
        if self.began:
            return f"từ {format_short_date(self.began)}"
        if self.ended:
            return f"đến {format_short_date(self.ended)}"
        return ""


def read_day(value: object) -> date | None:
    """A data file's date (`01/07/2025` or `2025-07-01`), or None when it cannot be read."""
    try:
        return parse_date(value).date()
    except ValueError:
        return None


def period_of(term: Term) -> Period:
    return Period(read_day(term.attributes.get("began")), read_day(term.attributes.get("ended")))


def successor_slugs(term: Term) -> tuple[str, ...]:
    became = term.attributes.get("became", ())
    return tuple(str(slug) for slug in became) if isinstance(became, (list, tuple)) else ()


@dataclass(frozen=True)
class Change:
    """One reorganisation: on `day` the units `before` ended and `after` took their place."""

    day: date
    before: tuple[Term, ...]
    after: tuple[Term, ...]
    source: str

    @property
    def day_label(self) -> str:
        return format_short_date(self.day)


@dataclass(frozen=True)
class Lineage:
    """Every entry's period, successors and predecessors, and the changes in time order."""

    periods: Mapping[str, Period]
    successors: Mapping[str, tuple[Term, ...]]
    predecessors: Mapping[str, tuple[Term, ...]]
    changes: tuple[Change, ...]
    _ending: Mapping[str, Change] = field(default_factory=dict, repr=False, compare=False)
    _resolved: dict[
        tuple[int, date | None, date | None], tuple[tuple[Term, ...], Term, str | None]
    ] = field(default_factory=dict, repr=False, compare=False)
    """Answers of `resolve`: thousands of articles name a few units on a few thousand days."""

    @property
    def timed(self) -> bool:
        """Whether any entry of the list has a period or a successor: its names then resolve
        by the content's date; a list without any keeps the plain look-up."""
        return bool(self.changes) or any(period.known for period in self.periods.values())

    def period(self, term: Term) -> Period:
        return self.periods.get(term.slug, Period())

    def resolve(self, candidates: tuple[Term, ...], span: Period) -> tuple[Term, str | None]:
        """The entry a name means for content of `span` (an article's day, a model's years),
        and the code of a warning when none of the entries of that name existed then:
        SB128, all had ended; SB129, none had begun. `candidates` are the entries the name
        could mean (one, or the old and the new unit of one name), as the vocabulary keeps
        them, so that the answer can be remembered by their identity."""
        key = (id(candidates), span.began, span.ended)
        cached = self._resolved.get(key)
        if cached is None or cached[0] is not candidates:  # an id is only unique while alive
            cached = self._resolved[key] = (candidates, *self._resolve(candidates, span))
        return cached[1], cached[2]

    def _resolve(self, candidates: tuple[Term, ...], span: Period) -> tuple[Term, str | None]:
        by_start = sorted(candidates, key=lambda term: self.period(term).began or date.min)
        existing = [term for term in by_start if self.period(term).overlaps(span)]
        if existing:
            return existing[0], None
        ended = [
            term
            for term in by_start
            if (period := self.period(term)).ended and span.began and period.ended < span.began
        ]
        return (ended[-1], "SB128") if ended else (by_start[0], "SB129")

    def alive_terms(self, terms: Sequence[Term], day: date) -> tuple[Term, ...]:
        """The entries that existed on `day` (every entry without a period did)."""
        return tuple(term for term in terms if self.period(term).contains(day))

    def change_ending(self, term: Term) -> Change | None:
        return self._ending.get(term.slug)

    def change_forming(self, term: Term) -> Change | None:
        return next((change for change in self.changes if term in change.after), None)

    def ancestors(self, term: Term) -> tuple[Term, ...]:
        """Every unit this one was formed from, directly or through earlier changes, nearest
        first; each once."""
        seen: dict[str, Term] = {}
        frontier = list(self.predecessors.get(term.slug, ()))
        while frontier:
            current = frontier.pop(0)
            if current.slug in seen or current.slug == term.slug:
                continue
            seen[current.slug] = current
            frontier.extend(self.predecessors.get(current.slug, ()))
        return tuple(seen.values())


EMPTY_LINEAGE = Lineage(MappingProxyType({}), MappingProxyType({}), MappingProxyType({}), ())


def build_lineage(terms: Sequence[Term], display: str) -> tuple[Lineage, list[Problem]]:
    """The list's history, and a coded problem for each entry that contradicts it."""
    problems: list[Problem] = []
    by_slug = {term.slug: term for term in terms}
    periods = {term.slug: period_of(term) for term in terms}

    def report(term: Term, code: str, message: str) -> None:
        line = term.source.line if term.source else 1
        problems.append(Problem(term.source.path if term.source else display, line, code, message))

    successors: dict[str, tuple[Term, ...]] = {}
    for term in terms:
        period = periods[term.slug]
        if period.began and period.ended and period.ended < period.began:
            report(
                term,
                "SB208",
                f"'{term.name}' có ngày kết thúc ({format_short_date(period.ended)}) trước ngày "
                f"bắt đầu ({format_short_date(period.began)}). Hãy sửa lại 'began:' hoặc 'ended:'.",
            )
        named = successor_slugs(term)
        if not named:
            continue
        missing = [slug for slug in named if slug not in by_slug]
        for slug in missing:
            report(
                term,
                "SB206",
                f"'{term.name}' ghi 'became: {slug}' nhưng không có mục nào có mã (slug) "
                f"'{slug}' trong {display}. Hãy ghi đúng mã của đơn vị kế tiếp, hoặc thêm "
                "đơn vị đó vào tệp.",
            )
        if period.ended is None:
            report(
                term,
                "SB210",
                f"'{term.name}' ghi 'became:' (đã trở thành đơn vị khác) nhưng chưa ghi ngày: "
                "hãy thêm dòng 'ended: dd/mm/yyyy' (ngày cuối cùng đơn vị còn tồn tại).",
            )
        successors[term.slug] = tuple(by_slug[slug] for slug in named if slug in by_slug)
    for slug in _in_cycles(successors):
        report(
            by_slug[slug],
            "SB207",
            f"'{by_slug[slug].name}' nằm trong một vòng lặp 'became:': theo các dòng 'became:', "
            "đơn vị này sau nhiều lần sắp xếp lại trở thành chính nó. Hãy kiểm tra lại các dòng "
            "'became:' của những đơn vị liên quan.",
        )
        successors.pop(slug, None)
    _check_overlapping_names(terms, periods, report)
    valid = {slug: after for slug, after in successors.items() if periods[slug].ended and after}
    changes, ending = _changes(valid, by_slug, periods)
    predecessors: dict[str, list[Term]] = {}
    for slug, after in valid.items():
        for successor in after:
            predecessors.setdefault(successor.slug, []).append(by_slug[slug])
    lineage = Lineage(
        MappingProxyType(periods),
        MappingProxyType(valid),
        MappingProxyType({slug: tuple(terms) for slug, terms in predecessors.items()}),
        changes,
        MappingProxyType(ending),
    )
    return lineage, problems


def _in_cycles(successors: Mapping[str, tuple[Term, ...]]) -> list[str]:
    """The entries from which following `became:` comes back to themselves."""
    looping: list[str] = []
    for start, after in successors.items():
        frontier = [term.slug for term in after]
        seen: set[str] = set()
        while frontier:
            slug = frontier.pop()
            if slug == start:
                looping.append(start)
                break
            if slug not in seen:
                seen.add(slug)
                frontier.extend(term.slug for term in successors.get(slug, ()))
    return looping


def _check_overlapping_names(
    terms: Sequence[Term], periods: Mapping[str, Period], report: _Report
) -> None:
    """Two entries may share a name (the old and the new xã Quảng Tân) only when their
    periods do not overlap: otherwise a name in an article could mean either."""
    by_name: dict[str, list[Term]] = {}
    for term in terms:
        for name in dict.fromkeys((slugify(term.name), *map(slugify, term.aliases))):
            by_name.setdefault(name, []).append(term)
    reported: set[tuple[str, str]] = set()
    for named in by_name.values():
        for index, later in enumerate(named):
            for earlier in named[:index]:
                pair = (earlier.slug, later.slug)
                if pair in reported or not periods[earlier.slug].overlaps(periods[later.slug]):
                    continue
                reported.add(pair)
                report(
                    later,
                    "SB209",
                    f"'{later.name}' trùng tên với '{earlier.name}' ở trên và hai thời kỳ tồn tại "
                    "chồng lên nhau, nên không biết một bài viết nói về đơn vị nào. Hai đơn vị "
                    "cùng tên phải có 'began:'/'ended:' không trùng nhau (ví dụ đơn vị cũ "
                    "'ended: 30/06/2025', đơn vị mới 'began: 01/07/2025').",
                )


def _changes(
    successors: Mapping[str, tuple[Term, ...]],
    by_slug: Mapping[str, Term],
    periods: Mapping[str, Period],
) -> tuple[tuple[Change, ...], dict[str, Change]]:
    """Group the units that ended on the same day into the same successors, under the same
    source: one change each, in time order."""
    grouped: dict[tuple[date, tuple[str, ...], str], list[Term]] = {}
    for slug, after in successors.items():
        ended = periods[slug].ended
        assert ended is not None
        source = str(by_slug[slug].attributes.get("source", ""))
        key = (ended + timedelta(days=1), tuple(term.slug for term in after), source)
        grouped.setdefault(key, []).append(by_slug[slug])
    changes = tuple(
        Change(
            day,
            tuple(sorted(before, key=lambda term: collation_key(term.name))),
            tuple(by_slug[slug] for slug in after),
            source,
        )
        for (day, after, source), before in sorted(grouped.items(), key=lambda item: item[0])
    )
    ending = {term.slug: change for change in changes for term in change.before}
    return changes, ending


def warning_text(code: str, term: Term, lineage: Lineage, when: str) -> str:
    """The message of a name resolved with a warning (SB128, SB129), in Vietnamese; `when`
    names the content's time ("ngày 10/01/2026")."""
    if code == "SB128":
        return _ended_message(term, lineage, when)
    began = lineage.period(term).began
    earlier = ", ".join(t.name for t in lineage.predecessors.get(term.slug, ()))
    hint = f" Trước đó là: {earlier}; hãy ghi tên đơn vị của thời điểm ấy." if earlier else ""
    return (
        f"'{term.name}' chỉ có từ {format_short_date(began) if began else '?'}, còn nội dung "
        f"này thuộc {when}: khi đó đơn vị chưa được thành lập.{hint}"
    )


def _ended_message(term: Term, lineage: Lineage, when: str) -> str:
    ended = lineage.period(term).ended
    assert ended is not None
    change = lineage.change_ending(term)
    if change is None:
        return (
            f"'{term.name}' chỉ tồn tại đến {format_short_date(ended)}, còn nội dung này thuộc "
            f"{when}. Hãy kiểm tra lại tên đơn vị."
        )
    after = ", ".join(successor.name for successor in change.after)
    source = f" ({change.source})" if change.source else ""
    return (
        f"'{term.name}' không còn từ {change.day_label}: từ ngày đó thuộc '{after}'{source}. "
        f"Nội dung này thuộc {when}, nên ghi '{after}'; nếu nội dung nói về thời trước sắp xếp "
        "thì giữ tên cũ."
    )
