"""The editable data files in content/_data: the lists that front matter values come from.

Journalists and editors own these lists (a new commune, a new category, next year's work
theme); code holds none of them. Each list entry has a `name`, an optional `slug` and
`aliases`, and the few attributes its list needs.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from ..text.vietnamese import collation_key, is_slug, slugify
from .entities import SourceRef, Term
from .frontmatter import decode, parse_yaml
from .lifespans import EMPTY_LINEAGE, Lineage, Period, build_lineage, read_day
from .metrics import metric_keys
from .paths import is_web_address
from .problems import Problem, shorten
from .strict import StrictAttributes
from .yaml_tree import YamlTree

AttributeCheck = Callable[[object], str | None]
"""Returns None when the value is acceptable, else what to write instead (Vietnamese)."""


MIN_YEAR, MAX_YEAR = 1945, 2100
"""The years a model, an award or a commune's new-countryside standard can carry (SB121)."""


def _bool_or_year(value: object) -> str | None:
    if isinstance(value, bool) or (isinstance(value, int) and MIN_YEAR <= value <= MAX_YEAR):
        return None
    return "ghi năm đạt chuẩn (ví dụ 2019), hoặc true nếu đã đạt mà chưa rõ năm, false nếu chưa đạt"


def _text(value: object) -> str | None:
    return None if isinstance(value, str) and value.strip() else "ghi một đoạn chữ"


def _bool(value: object) -> str | None:
    return None if isinstance(value, bool) else "ghi true hoặc false"


def _day(value: object) -> str | None:
    if read_day(value) is not None:
        return None
    return "ghi ngày dạng ngày/tháng/năm, ví dụ 01/07/2025"


def _list_of(item_ok: Callable[[str], bool], hint: str) -> AttributeCheck:
    """A check of a non-empty list of strings, each of which `item_ok` accepts."""

    def check(value: object) -> str | None:
        items = value if isinstance(value, list) else None
        if items and all(isinstance(item, str) and item_ok(item) for item in items):
            return None
        return hint

    return check


_texts = _list_of(
    lambda item: bool(item.strip()), "ghi danh sách, mỗi mục một dòng bắt đầu bằng '- '"
)


def _email(value: object) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    name, at, domain = text.partition("@")
    if name and at and "." in domain and not any(c.isspace() or c in '<>"' for c in text):
        return None
    return "ghi một địa chỉ thư điện tử, ví dụ ten@coquan.gov.vn"


def _web_address(value: object) -> str | None:
    if isinstance(value, str) and is_web_address(value.strip()):
        return None
    return "ghi địa chỉ web bắt đầu bằng http:// hoặc https://, ví dụ https://chinhphu.vn"


PUBLISHER_ATTRIBUTES: Mapping[str, AttributeCheck] = {
    "publisher": _bool,
    "photo_credits": _bool,
    "owner": _text,
    "address": _text,
    "phone": _text,
    "email": _email,
    "responsible": _text,
    "responsible_position": _text,
    "licence": _text,
    "functions": _texts,
    "units": _texts,
    "name_en": _text,
    "owner_en": _text,
}
"""What the publisher's entry may say of the body that runs the site (the "Giới thiệu",
"Liên hệ" and English pages, the footer): each only when a source confirms it."""


_slugs = _list_of(is_slug, "ghi danh sách mã (slug) của các đơn vị kế tiếp, ví dụ [quang-tan-2025]")


LIFESPAN: Mapping[str, AttributeCheck] = {
    "began": _day,
    "ended": _day,
    "became": _slugs,
    "source": _text,
}
"""What an entry that begins and ends may add (see `lifespans.py`): its first and last day,
the entries it became, and the legal text of that change."""


def _one_of(*choices: str) -> AttributeCheck:
    def check(value: object) -> str | None:
        if isinstance(value, str) and value.strip() in choices:
            return None
        return "ghi một trong các giá trị: " + ", ".join(choices)

    return check


UNIT_KINDS = ("xã", "thị trấn", "phường", "đặc khu", "huyện")
"""The kinds of administrative unit `communes.yml` may name (`type:`)."""


@dataclass(frozen=True)
class ListSpec:
    """What one data file holds: its key, its Vietnamese label, and its extra attributes."""

    key: str
    file: str
    label: str
    required: Mapping[str, AttributeCheck] = field(default_factory=dict)
    optional: Mapping[str, AttributeCheck] = field(default_factory=dict)
    file_required: bool = True
    """False: a site without the file has an empty list (and no SB201)."""

    @property
    def has_lifespans(self) -> bool:
        """Whether its entries may begin and end, so that two of them may share a name."""
        return "became" in self.optional


LIST_SPECS: tuple[ListSpec, ...] = (
    ListSpec(
        "communes",
        "communes.yml",
        "xã, thị trấn",
        required={"type": _one_of(*UNIT_KINDS)},
        optional={"new_countryside": _bool_or_year, "note": _text, **LIFESPAN},
    ),
    ListSpec(
        "organisations",
        "organisations.yml",
        "tổ chức, đơn vị",
        optional={"note": _text, **PUBLISHER_ATTRIBUTES, **LIFESPAN},
    ),
    ListSpec("fields", "fields.yml", "lĩnh vực"),
    ListSpec("levels", "levels.yml", "cấp đăng ký"),
    ListSpec(
        "statuses",
        "statuses.yml",
        "tình trạng mô hình",
        optional={"effective": _bool, "note": _text},
    ),
    ListSpec("categories", "categories.yml", "chuyên mục", optional={"description": _text}),
    # Journalists as their author pages show them; one missing here still has a page, named
    # as the article writes it (site/taxonomies.py, "authors").
    ListSpec(
        "authors",
        "authors.yml",
        "tác giả",
        optional={"unit": _text, "role": _text},
        file_required=False,
    ),
    # Related bodies' sites, which a state body's site links to (the footer, the site map).
    ListSpec(
        "links",
        "links.yml",
        "liên kết website",
        required={"url": _web_address},
        optional={"note": _text, "source": _text},
        file_required=False,
    ),
)
THEMES_FILE = "themes.yml"
REPORTED_FILE = "reported_totals.yml"
_ENTRY_KEYS = {"name", "slug", "aliases"}


@dataclass(frozen=True)
class Vocabulary:
    """One editable list, looked up forgivingly: "Quảng Tân", "quang tan", "quang-tan".

    A name may mean several entries of a list whose entries begin and end (the old and the
    new xã Quảng Tân); `candidates` gives them all, and the content's date picks one
    (`lifespans.resolve`)."""

    key: str
    label: str
    file: str
    terms: tuple[Term, ...]
    lineage: Lineage = EMPTY_LINEAGE
    _named: dict[str, tuple[Term, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _slugs: dict[str, tuple[Term]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        named: dict[str, dict[str, Term]] = {}
        for term in self.terms:
            self._slugs.setdefault(term.slug, (term,))
            for name in (slugify(term.name), *map(slugify, term.aliases)):
                named.setdefault(name, {}).setdefault(term.slug, term)
        self._named.update((name, tuple(terms.values())) for name, terms in named.items())

    def candidates(self, value: str) -> tuple[Term, ...]:
        """The entries a written value may mean: those of that name or alias, else the one
        whose slug it is ("quang-tan-2025" picks the new unit); one dict look-up each. The
        tuples are the vocabulary's own, the same object for the same entries (the lineage
        remembers its answers by them)."""
        key = slugify(value)
        named = self._named.get(key)
        return named if named is not None else self._slugs.get(key, ())

    def find(self, value: str) -> Term | None:
        """The entry a value means when no date tells entries of one name apart: the one
        that began last."""
        found = self.candidates(value)
        return max(found, key=lambda t: self.lineage.period(t).began or date.min) if found else None

    def suggestions(self, value: str) -> list[str]:
        names = {slugify(term.name): term.name for term in self.terms}
        close = difflib.get_close_matches(slugify(value), list(names), n=3, cutoff=0.6)
        return [names[slug] for slug in close]

    def names(self) -> list[str]:
        return sorted(dict.fromkeys(term.name for term in self.terms), key=collation_key)

    def labels(self) -> list[str]:
        """Each entry as an editor picks it: its name, with its period when it has one
        ("Quảng Lâm (đến 30/06/2025)"), A to Z, entries of one name oldest first."""
        return [self.label_of(term) for term in self._ordered()]

    def _ordered(self) -> list[Term]:
        return sorted(
            self.terms,
            key=lambda t: (collation_key(t.name), self.lineage.period(t).began or date.min),
        )

    def choices(self) -> list[tuple[str, str]]:
        """What the browser editor offers: each label with the value it writes, the name,
        or the slug when entries share the name (the date still checks the choice)."""
        shared = {name for name, terms in self._named.items() if len(terms) > 1}
        return [
            (self.label_of(term), term.slug if slugify(term.name) in shared else term.name)
            for term in self._ordered()
        ]

    def label_of(self, term: Term) -> str:
        period = self.lineage.period(term).label
        return f"{term.name} ({period})" if period else term.name


@dataclass(frozen=True)
class Theme(StrictAttributes):
    """The year's work theme ("Chủ đề công tác năm ..."), shown as a banner on every page."""

    year: int
    text: str


@dataclass(frozen=True)
class CommuneStatus(StrictAttributes):
    """A commune's standing against the new-countryside standard, as communes.yml gives it:
    `new_countryside` is the year it met the standard, `true` when the year is unknown,
    `false` (or nothing) when it has not."""

    kind: str
    met: bool
    year: int | None
    note: str
    known: bool = True
    """False when the data file says nothing: a unit formed in 2025 whose standing is not
    confirmed is not shown as failing the standard."""

    @property
    def assessed(self) -> bool:
        """Only a xã is assessed against the standard; a thị trấn (town) is not."""
        return self.kind == "xã"


def commune_status(term: Term) -> CommuneStatus:
    """The one reading of a commune's entry that the statistics and its page both show."""
    met = term.attributes.get("new_countryside")
    return CommuneStatus(
        kind=str(term.attributes.get("type", "")),
        met=bool(met),
        year=met if isinstance(met, int) and not isinstance(met, bool) else None,
        note=str(term.attributes.get("note", "")),
        known=met is not None,
    )


@dataclass(frozen=True)
class ReportedFigure:
    """A total the district reported officially, to be shown beside the computed one."""

    key: str
    label: str
    value: int
    computed: str | None = None
    """The metric (see `metrics.py`) this figure is compared with, if any."""


@dataclass(frozen=True)
class ReportedTotals:
    period: str
    source: str | None
    figures: tuple[ReportedFigure, ...]
    source_ref: SourceRef | None = None


@dataclass(frozen=True)
class SiteData:
    vocabularies: Mapping[str, Vocabulary]
    themes: tuple[Theme, ...] = ()
    reported: ReportedTotals | None = None

    def publisher_at(self, day: date) -> Term | None:
        """The publisher's entry of that day: `organisations.yml` marks each name the
        information center has had with `publisher: true`, and its period says when."""
        return next((term for term, period in self._publishers if period.contains(day)), None)

    def publishers_before(self, day: date) -> tuple[Term, ...]:
        """The publisher's entries that had ended by `day`, newest first: its earlier names."""
        ended = [(period.ended, term) for term, period in self._publishers if period.ended]
        return tuple(
            term for end, term in sorted(ended, key=lambda pair: pair[0], reverse=True) if end < day
        )

    @cached_property
    def _publishers(self) -> tuple[tuple[Term, Period], ...]:
        """Looked up once: every article without `unit:` asks for the name of its day."""
        organisations = self.vocabularies.get("organisations")
        if organisations is None:
            return ()
        return tuple(
            (term, organisations.lineage.period(term))
            for term in organisations.terms
            if term.attributes.get("publisher")
        )

    def author(self, written: str) -> Term:
        """The author an article names: the entry of `authors.yml` with that name or alias
        (any spelling that folds to it), else a term of the name as written."""
        authors = self.vocabularies.get("authors")
        listed = authors.find(written) if authors is not None and written.strip() else None
        return listed if listed is not None else Term(slugify(written), written)

    def byline_unit_at(self, day: date) -> str | None:
        """How a byline names the publisher on that day: its short name, else its name."""
        publisher = self.publisher_at(day)
        if publisher is None:
            return None
        return publisher.short_name

    def theme_for(self, year: int) -> Theme | None:
        """The newest theme not later than `year`."""
        earlier = [theme for theme in self.themes if theme.year <= year]
        return max(earlier, key=lambda theme: theme.year) if earlier else None


class _DataFile:
    """One data file being read: its display path and the problems found in it."""

    def __init__(self, folder: Path, name: str, display_folder: str) -> None:
        self.path = folder / name
        self.display = f"{display_folder}/{name}"
        self.problems: list[Problem] = []

    def report(self, line: int, code: str, message: str) -> None:
        self.problems.append(Problem(self.display, line, code, message))

    def read(self) -> YamlTree | None:
        if not self.path.is_file():
            self.report(
                1,
                "SB201",
                f"Thiếu tệp dữ liệu {self.display}. Hãy khôi phục tệp này "
                "từ lịch sử kho (git) hoặc tạo lại theo hướng dẫn trong README.",
            )
            return None
        text, problems = decode(self.path.read_bytes(), self.display)
        self.problems.extend(problems)
        if text is None:
            return None
        tree, problems = parse_yaml(text, self.display)
        self.problems.extend(problems)
        return tree


def load_site_data(folder: Path, display_folder: str) -> tuple[SiteData, list[Problem]]:
    """Read every data file; a broken one yields problems and an empty list, never a crash."""
    problems: list[Problem] = []
    vocabularies = {}
    for spec in LIST_SPECS:
        source = _DataFile(folder, spec.file, display_folder)
        if not spec.file_required and not source.path.is_file():
            vocabularies[spec.key] = Vocabulary(spec.key, spec.label, source.display, ())
            continue
        vocabularies[spec.key] = _read_vocabulary(spec, source)
        problems.extend(source.problems)
    themes_file = _DataFile(folder, THEMES_FILE, display_folder)
    themes = _read_themes(themes_file)
    reported_file = _DataFile(folder, REPORTED_FILE, display_folder)
    levels = [term.slug for term in vocabularies["levels"].terms]
    reported = _read_reported(reported_file, metric_keys(levels))
    problems += themes_file.problems + reported_file.problems
    return SiteData(vocabularies, themes, reported), problems


def _entries(source: _DataFile, what: str) -> tuple[YamlTree | None, list[object]]:
    tree = source.read()
    if tree is None:
        return None, []
    if tree.data is None:
        return tree, []
    if not isinstance(tree.data, list):
        source.report(
            1,
            "SB202",
            f"Tệp {source.display} phải là một danh sách {what}, mỗi "
            "mục bắt đầu bằng dấu gạch ngang '- '. Xem mẫu ở đầu tệp.",
        )
        return tree, []
    return tree, tree.data


def _read_vocabulary(spec: ListSpec, source: _DataFile) -> Vocabulary:
    tree, entries = _entries(source, spec.label)
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries):
        assert tree is not None
        term = _read_term(spec, source, tree, index, entry)
        if term is None:
            continue
        # Entries that begin and end may share a name in different periods (SB209 checks
        # the periods); their slugs, which make their addresses, stay unique.
        keys = (term.slug,) if spec.has_lifespans else (term.slug, *map(slugify, term.aliases))
        clashes = [slug for slug in keys if slug in seen]
        if clashes:
            source.report(
                tree.line_of(index),
                "SB203",
                f"Mục '{term.name}' trùng tên hoặc mã với mục '{seen[clashes[0]]}' "
                "ở trên. Hãy xóa một mục hoặc đổi tên cho khác nhau"
                + (
                    " (hoặc ghi 'slug:' khác cho đơn vị mới cùng tên)."
                    if spec.has_lifespans
                    else "."
                ),
            )
            continue
        seen.update({slug: term.name for slug in keys})
        terms.append(term)
    lineage = EMPTY_LINEAGE
    if spec.has_lifespans:
        lineage, problems = build_lineage(terms, source.display)
        source.problems.extend(problems)
    return Vocabulary(spec.key, spec.label, source.display, tuple(terms), lineage)


def _read_term(
    spec: ListSpec, source: _DataFile, tree: YamlTree, index: int, entry: object
) -> Term | None:
    line = tree.line_of(index)
    if (
        not isinstance(entry, dict)
        or not isinstance(entry.get("name"), str)
        or not entry["name"].strip()
    ):
        source.report(
            line,
            "SB202",
            f"Mỗi mục trong {source.display} cần có dòng 'name: ...' "
            "ghi tên đầy đủ (ví dụ '- name: Quảng Tân').",
        )
        return None
    name = entry["name"].strip()
    slug = entry.get("slug", slugify(name))
    aliases = entry.get("aliases", [])
    if isinstance(aliases, str):
        aliases = [aliases]
    problems_before = len(source.problems)
    if not isinstance(slug, str) or not slug or slugify(slug) != slug:
        source.report(
            tree.line_of(index, "slug"),
            "SB202",
            f"Mã (slug) của '{name}' chỉ được "
            f"gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ '{slugify(name)}'.",
        )
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        source.report(
            tree.line_of(index, "aliases"),
            "SB202",
            f"'aliases' của '{name}' phải là "
            "danh sách tên gọi khác, ví dụ: aliases: [Hội LHPN huyện].",
        )
    attributes = _read_attributes(spec, source, tree, index, entry, name)
    if len(source.problems) > problems_before:
        return None
    ref = SourceRef(source.display, line)
    return Term(str(slug), name, tuple(a.strip() for a in aliases), attributes, ref)


def _read_attributes(
    spec: ListSpec,
    source: _DataFile,
    tree: YamlTree,
    index: int,
    entry: dict[object, object],
    name: str,
) -> dict[str, object]:
    attributes: dict[str, object] = {}
    for key, check in [*spec.required.items(), *spec.optional.items()]:
        if key not in entry:
            if key in spec.required:
                source.report(
                    tree.line_of(index),
                    "SB202",
                    f"Mục '{name}' thiếu dòng '{key}:' ({check(None)}).",
                )
            continue
        hint = check(entry[key])
        if hint is not None:
            source.report(
                tree.line_of(index, key),
                "SB202",
                f"Giá trị '{key}' của '{name}' không hợp lệ: hãy {hint}.",
            )
            continue
        value = entry[key]
        attributes[key] = value.strip() if isinstance(value, str) else value
    known = _ENTRY_KEYS | set(spec.required) | set(spec.optional)
    for written in entry:
        if written not in known:
            source.report(
                tree.line_of(index, str(written)),
                "SB202",
                f"Mục '{name}' có dòng '{shorten(written)}' "
                f"không dùng được ở {source.display}; các dòng hợp lệ: "
                + ", ".join(sorted(known))
                + ".",
            )
    return attributes


def _read_themes(source: _DataFile) -> tuple[Theme, ...]:
    tree, entries = _entries(source, "chủ đề công tác năm")
    themes: dict[int, Theme] = {}
    for index, entry in enumerate(entries):
        assert tree is not None
        year = entry.get("year") if isinstance(entry, dict) else None
        text = entry.get("theme") if isinstance(entry, dict) else None
        if (
            not isinstance(year, int)
            or isinstance(year, bool)
            or not isinstance(text, str)
            or not text.strip()
        ):
            source.report(
                tree.line_of(index),
                "SB202",
                "Mỗi mục chủ đề cần hai dòng 'year:' "
                "(năm, ví dụ 2020) và 'theme:' (nội dung chủ đề công tác năm).",
            )
        elif year in themes:
            source.report(
                tree.line_of(index),
                "SB203",
                f"Năm {year} đã có chủ đề ở trên; mỗi năm chỉ có một chủ đề. Hãy xóa một mục.",
            )
        else:
            themes[year] = Theme(year, text.strip())
    return tuple(sorted(themes.values(), key=lambda theme: theme.year))


def _read_reported(source: _DataFile, metrics: list[str]) -> ReportedTotals | None:
    tree = source.read()
    if tree is None or tree.data is None:
        return None
    data = tree.data
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("period"), str)
        or not isinstance(data.get("figures"), list)
    ):
        source.report(
            1,
            "SB202",
            f"Tệp {source.display} cần các dòng 'period:' (giai đoạn, ví "
            "dụ 2009–2019), 'source:' (mã bài viết nguồn) và danh sách 'figures:'.",
        )
        return None
    figures: list[ReportedFigure] = []
    for index, item in enumerate(data["figures"]):
        key = item.get("key") if isinstance(item, dict) else None
        label = item.get("label") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if (
            not isinstance(key, str)
            or not isinstance(label, str)
            or isinstance(value, bool)
            or not isinstance(value, int)
            or value < 0
        ):
            source.report(
                tree.line_of("figures", index),
                "SB202",
                "Mỗi số liệu cần 'key:' "
                "(mã, ví dụ models_built), 'label:' (tên số liệu) và 'value:' (số "
                "nguyên không âm, không có dấu chấm ngăn cách).",
            )
            continue
        computed = item.get("computed")
        if computed is not None and computed not in metrics:
            source.report(
                tree.line_of("figures", index, "computed"),
                "SB205",
                f"'computed: {shorten(computed)}' không phải là một số liệu mà trang web "
                "tính được. Hãy chọn một trong: " + ", ".join(metrics) + ", hoặc xóa dòng này.",
            )
            computed = None
        figures.append(ReportedFigure(key, label.strip(), value, computed))
    source_slug = data.get("source")
    if source_slug is not None and not isinstance(source_slug, str):
        source.report(
            tree.line_of("source"),
            "SB202",
            "'source:' là mã (slug) của bài viết nguồn, ví dụ tong-ket-10-nam-dan-van-kheo.",
        )
        source_slug = None
    ref = SourceRef(source.display, tree.line_of("source"))
    return ReportedTotals(data["period"].strip(), source_slug, tuple(figures), ref)
