"""The content schema, written once: every front-matter field of an article and a model.

The checker, the build, the README's field table and (later) the CMS form all read these
specs, so a field is added in one place. `validate` collects every problem of a file
instead of stopping at the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import cached_property
from pathlib import Path

from ..text.vietnamese import (
    DateFormatError,
    ImpossibleDateError,
    credit_in_title,
    format_short_date,
    is_slug,
    parse_date,
    slugify,
)
from .data import MAX_YEAR, MIN_YEAR, SiteData
from .entities import AwardKind, OldAddress, Term
from .frontmatter import Document
from .lifespans import Period, warning_text
from .paths import in_content, is_web_address
from .photo_files import PhotoState, photo_file_findings, photo_state
from .problems import Finding, Problem, shorten
from .yaml_tree import PathPart

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
# Keys that MkDocs or Material read from front matter; allowed on any page.
THEME_KEYS = frozenset({"template", "hide", "search", "description", "icon", "subtitle"})


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    YEAR = "year"
    SLUG = "slug"
    TEXTS = "list of text"
    TERM = "one value from a list"
    TERMS = "values from a list"
    MODEL_REFS = "model slugs"
    IMAGE = "image path"
    CHOICE = "one of fixed values"
    RECORDS = "list of records"
    ADDRESSES = "old addresses of this site"


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field: its name, type, whether it is required, where values come from."""

    name: str
    label: str
    kind: Kind
    required: bool = False
    vocabulary: str | None = None
    example: str = ""
    help: str = ""
    choices: Mapping[str, str] = field(default_factory=dict)
    fields: tuple[FieldSpec, ...] = ()

    @cached_property
    def field_names(self) -> dict[str, None]:
        """The names of a record's own fields (see `Schema.field_names`)."""
        return dict.fromkeys(spec.name for spec in self.fields)

    @cached_property
    def converter(self) -> Converter:
        """How a value of this field is checked. Looked up once: every value of every file
        needs it, and an Enum key is hashed by a Python call."""
        return _CONVERTERS[self.kind]


Rule = Callable[[dict[str, object], "FileContext"], None]
"""A check across fields of one file, run after each field was checked on its own."""


@dataclass(frozen=True)
class Schema:
    key: str
    label: str
    fields: tuple[FieldSpec, ...]
    rules: tuple[Rule, ...] = ()

    @cached_property
    def field_names(self) -> dict[str, None]:
        """Its fields' names in order; a dict, as every key of every file is looked up."""
        return dict.fromkeys(spec.name for spec in self.fields)


def _caption_rule(image: str, caption: str) -> Rule:
    def check(values: dict[str, object], context: FileContext) -> None:
        if image in values and caption not in values:
            context.report(
                (image,),
                "SB122",
                f"Ảnh '{image}' chưa có chú thích. Hãy thêm dòng "
                f"'{caption}: ...' mô tả ảnh: người đọc khiếm thị và công cụ tìm kiếm "
                "cần nó.",
            )

    return check


def _credit_rule(image: str, credit: str) -> Rule:
    """A photo without its credit, when the publisher of the content's date asks for one
    (`photo_credits: true` in organisations.yml)."""

    def check(values: dict[str, object], context: FileContext) -> None:
        if image in values and not values.get(credit) and credits_required(values, context):
            context.report(
                (image,),
                "SB136",
                f"Ảnh '{image}' chưa ghi tác giả. Hãy thêm dòng '{credit}: ...' với tên người "
                "chụp, ví dụ 'Quốc Nghị (Trung tâm TT&VH Đầm Hà)': trang in “Ảnh: …” dưới "
                "chú thích.",
            )

    return check


def credits_required(values: Mapping[str, object], context: FileContext) -> bool:
    """Whether the publisher of the content's date asks for photo credits; for a profile,
    which has no date, the publisher as it is now (its entry that has not ended)."""
    moment = values.get("date")
    day = moment.date() if isinstance(moment, datetime) else date.max
    publisher = context.data.publisher_at(day)
    return publisher is not None and bool(publisher.attributes.get("photo_credits"))


def _source_url_rule(values: dict[str, object], context: FileContext) -> None:
    """The original's address is a link on the page: only a web address is linked."""
    address = values.get("source_url")
    if isinstance(address, str) and address and not is_web_address(address):
        del values["source_url"]
        context.report(
            ("source_url",),
            "SB135",
            f"'{shorten(address)}' ở trường 'source_url' (địa chỉ bài gốc) không phải địa chỉ "
            "web. Hãy ghi địa chỉ bắt đầu bằng http:// hoặc https://, hoặc bỏ dòng này; dòng "
            "“Nguồn: …” vẫn hiện, không có liên kết.",
        )


def _where_rule(values: dict[str, object], context: FileContext) -> None:
    data = context.document.data
    if not data.get("communes") and not data.get("district_wide"):
        context.report(
            ("title",),
            "SB123",
            "Hồ sơ chưa ghi mô hình triển khai ở đâu. Hãy thêm "
            "'communes: [tên xã]' hoặc 'district_wide: true' nếu triển khai toàn huyện.",
        )


def _updated_rule(values: dict[str, object], context: FileContext) -> None:
    """An update cannot come before the article was published (a day and month swapped);
    a correction note without an update time has no moment to show."""
    published, updated = values.get("date"), values.get("updated")
    if isinstance(published, datetime) and isinstance(updated, datetime) and updated < published:
        context.report(
            ("updated",),
            "SB134",
            f"Thời điểm cập nhật ({updated:%d/%m/%Y %H:%M}) sớm hơn ngày đăng "
            f"({published:%d/%m/%Y %H:%M}). Hãy kiểm tra lại ngày và tháng.",
        )
        del values["updated"]
    if "correction" in values and "updated" not in context.document.data:
        context.report(
            ("correction",),
            "SB110",
            "Có ghi chú đính chính nhưng thiếu thời điểm sửa. Hãy thêm dòng: "
            "updated: ngày/tháng/năm giờ:phút (ví dụ 12/02/2020 14:30)",
        )


class _NameInTime:
    """A name of a list whose entries begin and end, waiting for the file's date to say
    which entry it means (`_resolve_in_time`). A small slotted object compared by identity:
    one is made for nearly every file, and the resolved terms are deduplicated anyway."""

    __slots__ = ("at", "candidates", "vocabulary")

    def __init__(
        self, vocabulary: str, candidates: tuple[Term, ...], at: tuple[PathPart, ...]
    ) -> None:
        self.vocabulary = vocabulary
        self.candidates = candidates
        self.at = at


def _span_of(values: Mapping[str, object]) -> Period:
    """The time a file speaks of: an article's day, a model's years from `started`;
    unknown (any time) when the file gives none."""
    published = values.get("date")
    if isinstance(published, datetime):
        day = published.date()
        return Period(day, day)
    started = values.get("started")
    if isinstance(started, int):
        return Period(date(started, 1, 1))
    return Period()


def _describe_span(span: Period) -> str:
    """How a warning names the file's time ("ngày 10/01/2026")."""
    if span.began is not None and span.began == span.ended:
        return f"ngày {format_short_date(span.began)}"
    return f"mô hình bắt đầu năm {span.began.year}" if span.began else "thời gian không rõ"


def _resolve_in_time(values: dict[str, object], context: FileContext) -> None:
    """Each name of a place or a body becomes the entry that existed at the file's time
    (the old or the new xã Quảng Tân); a name of an entry that had ended, or not yet
    begun, is kept with a warning that says what to write (SB128, SB129). Only the fields
    `_term` marked are visited."""
    if not context.names_in_time:
        return
    span = _span_of(values)
    for key in context.names_in_time:
        value = values.get(key)
        if isinstance(value, _NameInTime):
            values[key] = _pick(value, span, context)
        elif isinstance(value, tuple):
            picked = (_pick(v, span, context) if isinstance(v, _NameInTime) else v for v in value)
            values[key] = tuple({term.slug: term for term in picked}.values())


def _pick(name: _NameInTime, span: Period, context: FileContext) -> Term:
    lineage = context.data.vocabularies[name.vocabulary].lineage
    term, code = lineage.resolve(name.candidates, span)
    if code is not None:
        context.report(name.at, code, warning_text(code, term, lineage, _describe_span(span)))
    return term


_COMMON_TAIL = (
    FieldSpec(
        "draft",
        "bản nháp",
        Kind.BOOL,
        example="false",
        help="true: chưa đăng. Bỏ dòng này hoặc ghi false để đăng.",
    ),
    FieldSpec(
        "slug",
        "đường dẫn",
        Kind.SLUG,
        example="thap-sang-duong-que",
        help="Tùy chọn. Mặc định lấy từ tên tệp. Chỉ chữ thường không dấu, số, gạch ngang.",
    ),
    FieldSpec(
        "aliases",
        "địa chỉ cũ",
        Kind.ADDRESSES,
        example="[/tin-tuc/ten-cu/]",
        help="Tùy chọn. Các địa chỉ trang này từng có (sau khi đổi tên tệp hoặc slug): "
        "người mở địa chỉ cũ được chuyển tới trang này.",
    ),
)

ARTICLE = Schema(
    "article",
    "bài viết",
    (
        FieldSpec(
            "title",
            "tiêu đề",
            Kind.TEXT,
            required=True,
            example="Đầm Hà tổng kết 10 năm phong trào “Dân vận khéo”",
        ),
        FieldSpec(
            "date",
            "ngày đăng",
            Kind.DATE,
            required=True,
            example="10/02/2020",
            help="Ngày/tháng/năm (10/02/2020) hoặc 2020-02-10; có thể thêm giờ: 10/02/2020 08:30.",
        ),
        FieldSpec("author", "tác giả", Kind.TEXT, required=True, example="Quốc Nghị"),
        FieldSpec(
            "unit",
            "đơn vị tác giả",
            Kind.TEXT,
            example="Trung tâm TT&VH Đầm Hà",
            help="Tùy chọn. Mặc định là Trung tâm TT&VH Đầm Hà.",
        ),
        FieldSpec(
            "category",
            "chuyên mục",
            Kind.TERM,
            required=True,
            vocabulary="categories",
            example="Dân vận khéo",
        ),
        FieldSpec("tags", "từ khóa", Kind.TEXTS, example="[nông thôn mới, cải cách hành chính]"),
        FieldSpec(
            "communes",
            "xã liên quan",
            Kind.TERMS,
            vocabulary="communes",
            example="[Quảng Tân, Dực Yên]",
        ),
        FieldSpec(
            "models",
            "mô hình liên quan",
            Kind.MODEL_REFS,
            example="[thap-sang-duong-que]",
            help="Mã (slug) của hồ sơ mô hình.",
        ),
        FieldSpec(
            "cover",
            "ảnh bìa",
            Kind.IMAGE,
            example="/anh/vuon-mau-quang-tan.jpg",
            help="Đường dẫn tới ảnh trong content/; bắt đầu bằng / là tính từ content/.",
        ),
        FieldSpec(
            "cover_caption",
            "chú thích ảnh bìa",
            Kind.TEXT,
            example="Nhân dân tích cực tham gia xây dựng NTM",
        ),
        FieldSpec(
            "cover_credit",
            "tác giả ảnh bìa",
            Kind.TEXT,
            example="Quốc Nghị (Trung tâm TT&VH Đầm Hà)",
            help="Người chụp ảnh bìa; hiện thành “Ảnh: …” dưới chú thích.",
        ),
        FieldSpec(
            "summary", "tóm tắt", Kind.TEXT, help="Tùy chọn. Mặc định là đoạn mở đầu của bài."
        ),
        FieldSpec(
            "source",
            "nguồn",
            Kind.TEXT,
            example="Cổng thông tin điện tử Chính phủ",
            help="Khi đăng lại bài của nơi khác: tên nơi bài đăng đầu tiên; hiện thành dòng "
            "“Nguồn: …” cuối bài. Địa chỉ bài gốc ghi ở source_url.",
        ),
        FieldSpec(
            "source_url",
            "địa chỉ bài gốc",
            Kind.TEXT,
            example="https://damha.quangninh.gov.vn/tin-tuc/bai-cu.html",
            help="Địa chỉ web (http:// hoặc https://) nơi bài đã đăng trước; lệnh nhập "
            "(site-builder import) tự ghi.",
        ),
        FieldSpec(
            "source_id",
            "mã bài gốc",
            Kind.TEXT,
            help="Do lệnh nhập ghi, để lần nhập sau nhận ra bài; không cần sửa.",
        ),
        FieldSpec(
            "source_hash",
            "dấu kiểm bài nhập",
            Kind.TEXT,
            help="Do lệnh nhập ghi: cho biết tệp đã được sửa tay sau khi nhập hay chưa.",
        ),
        FieldSpec(
            "updated",
            "cập nhật lúc",
            Kind.DATE,
            example="12/02/2020 14:30",
            help="Tùy chọn. Khi bài được sửa sau khi đăng: ngày (và giờ) sửa.",
        ),
        FieldSpec(
            "correction",
            "ghi chú đính chính",
            Kind.TEXT,
            example="Sửa lại số hộ tham gia: 120 hộ, không phải 210 hộ.",
            help="Tùy chọn. Điều đã sửa, hiện cùng dòng “Cập nhật lúc …” trên bài.",
        ),
        FieldSpec(
            "expires",
            "ngày hết hạn",
            Kind.DATE,
            example="31/12/2020",
            help="Tùy chọn. Từ ngày này bài (thông báo) không còn hiện trên trang.",
        ),
        *_COMMON_TAIL,
    ),
    rules=(
        _resolve_in_time,
        _caption_rule("cover", "cover_caption"),
        _credit_rule("cover", "cover_credit"),
        _source_url_rule,
        _updated_rule,
    ),
)

AWARD_FIELDS = (
    FieldSpec(
        "by", "cơ quan khen thưởng", Kind.TEXT, required=True, example="UBND tỉnh Quảng Ninh"
    ),
    FieldSpec(
        "level", "cấp khen thưởng", Kind.TERM, required=True, vocabulary="levels", example="tỉnh"
    ),
    FieldSpec("year", "năm khen thưởng", Kind.YEAR, required=True, example="2019"),
    FieldSpec(
        "kind",
        "tập thể hay cá nhân",
        Kind.CHOICE,
        required=True,
        example="tập thể",
        choices={kind.value: kind.label for kind in AwardKind},
    ),
    FieldSpec(
        "recipient",
        "người hoặc tập thể được khen",
        Kind.TEXT,
        example="Hội Cựu chiến binh xã Quảng Tân",
    ),
)

MODEL = Schema(
    "model",
    "hồ sơ mô hình",
    (
        FieldSpec("title", "tên mô hình", Kind.TEXT, required=True, example="Thắp sáng đường quê"),
        FieldSpec(
            "organisation",
            "tổ chức thực hiện",
            Kind.TERM,
            required=True,
            vocabulary="organisations",
            example="Hội Cựu chiến binh huyện",
        ),
        FieldSpec(
            "communes",
            "địa bàn (xã)",
            Kind.TERMS,
            vocabulary="communes",
            example="[Quảng Tân]",
            help="Bỏ trống nếu mô hình triển khai toàn huyện.",
        ),
        FieldSpec(
            "district_wide",
            "toàn huyện",
            Kind.BOOL,
            example="true",
            help="true nếu mô hình triển khai trên toàn huyện.",
        ),
        FieldSpec(
            "fields",
            "lĩnh vực",
            Kind.TERMS,
            required=True,
            vocabulary="fields",
            example="[Văn hóa, Xã hội]",
        ),
        FieldSpec(
            "levels",
            "cấp đăng ký",
            Kind.TERMS,
            required=True,
            vocabulary="levels",
            example="[huyện, xã]",
        ),
        FieldSpec(
            "status",
            "tình trạng",
            Kind.TERM,
            required=True,
            vocabulary="statuses",
            example="Hiệu quả, có sức lan tỏa",
        ),
        FieldSpec("started", "năm bắt đầu", Kind.YEAR, example="2015"),
        FieldSpec(
            "awards",
            "khen thưởng",
            Kind.RECORDS,
            fields=AWARD_FIELDS,
            help="Danh sách; mỗi lần khen thưởng một mục bắt đầu bằng '- by: ...'.",
        ),
        FieldSpec("image", "ảnh", Kind.IMAGE, example="/anh/thap-sang-duong-que.jpg"),
        FieldSpec(
            "image_caption",
            "chú thích ảnh",
            Kind.TEXT,
            example="Tuyến đường quê được lắp điện chiếu sáng",
        ),
        FieldSpec(
            "image_credit",
            "tác giả ảnh",
            Kind.TEXT,
            example="Quốc Nghị (Trung tâm TT&VH Đầm Hà)",
            help="Người chụp ảnh; hiện thành “Ảnh: …” dưới chú thích.",
        ),
        FieldSpec(
            "summary", "tóm tắt", Kind.TEXT, help="Tùy chọn. Mặc định là đoạn mở đầu của hồ sơ."
        ),
        *_COMMON_TAIL,
    ),
    rules=(
        _resolve_in_time,
        _where_rule,
        _caption_rule("image", "image_caption"),
        _credit_rule("image", "image_credit"),
    ),
)


@dataclass
class FileContext:
    """What checking one file needs: where it is, the data lists, and where problems go."""

    display_path: str
    src_uri: str
    content_root: Path
    data: SiteData
    document: Document
    problems: list[Problem] = field(default_factory=list)
    names_in_time: dict[str, None] = field(default_factory=dict)
    """The fields holding names that the file's date resolves (see `_resolve_in_time`)."""
    photos_seen: dict[str, PhotoState | None] = field(default_factory=dict)
    """The photo files the checks looked at, by path inside content/, with what they read
    of each (None: no such file): all a file's checks read besides the file itself and
    the data lists."""

    def report(self, path: Sequence[PathPart], code: str, message: str) -> None:
        self.problems.append(
            Problem(self.display_path, self.document.line_of(*path), code, message)
        )


class _Invalid(Exception):
    """A field value that cannot be used; the problem has already been reported."""


def validate(schema: Schema, context: FileContext) -> dict[str, object]:
    """Check every field of `schema` in the file; return the usable values by field name.

    A field with a problem is left out of the result and its problem is in
    `context.problems`; the caller decides whether the file can still be published.
    """
    data = context.document.data
    values = _validate_fields(schema.fields, data, (), context)
    _report_unknown_keys(schema.field_names, data, (), context, allowed=THEME_KEYS)
    for rule in schema.rules:
        rule(values, context)
    return values


def _validate_fields(
    specs: Sequence[FieldSpec],
    data: Mapping[object, object],
    at: tuple[PathPart, ...],
    context: FileContext,
) -> dict[str, object]:
    values: dict[str, object] = {}
    for spec in specs:
        raw = data.get(spec.name)
        if raw is None or raw == "" or raw == []:
            if spec.required:
                where = f" ({_describe_path(at)})" if at else ""
                context.report(
                    at,
                    "SB110",
                    f"Thiếu trường bắt buộc '{spec.name}' ({spec.label})"
                    f"{where}. Hãy thêm dòng: {spec.name}: {spec.example}",
                )
            continue
        try:
            values[spec.name] = spec.converter(spec, raw, (*at, spec.name), context)
        except _Invalid:
            continue
    return values


def _describe_path(at: tuple[PathPart, ...]) -> str:
    parts = [f"mục thứ {part + 1}" if isinstance(part, int) else f"'{part}'" for part in at]
    return ", ".join(parts)


def _report_unknown_keys(
    names: Mapping[str, None],
    data: Mapping[object, object],
    at: tuple[PathPart, ...],
    context: FileContext,
    allowed: frozenset[str] = frozenset(),
) -> None:
    for key in data:
        if key in names or key in allowed:
            continue
        shown = shorten(key)
        close = difflib.get_close_matches(str(key).lower(), names, n=1, cutoff=0.6)
        hint = f" Có phải ý bạn là '{close[0]}'?" if close else ""
        context.report(
            (*at, str(key)),
            "SB120",
            f"Trường '{shown}' không có trong mẫu "
            f"{'bài' if not at else 'mục'} nên sẽ bị bỏ qua.{hint} Các trường hợp lệ: "
            + ", ".join(names)
            + ".",
        )


def _wrong_type(
    context: FileContext, spec: FieldSpec, at: tuple[PathPart, ...], want: str
) -> _Invalid:
    context.report(
        at,
        "SB111",
        f"Trường '{spec.name}' ({spec.label}) phải là {want}. Ví dụ: {spec.name}: {spec.example}",
    )
    return _Invalid()


def _text(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> str:
    if type(raw) is str:  # nearly always; checked first as it is checked for every value
        text = raw.strip()
    elif isinstance(raw, bool) or not isinstance(raw, int | float):
        raise _wrong_type(context, spec, at, "một đoạn chữ")
    else:
        text = str(raw).strip()
    if not text:
        context.report(
            at,
            "SB119",
            f"Trường '{spec.name}' ({spec.label}) đang để trống. "
            "Hãy điền nội dung hoặc xóa dòng này.",
        )
        raise _Invalid()
    return text


def _date(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> object:
    try:
        return parse_date(raw)
    except ImpossibleDateError:
        context.report(
            at,
            "SB112",
            f"Ngày '{shorten(raw)}' không có thật trên lịch (ví dụ tháng 2 "
            "không có ngày 30). Hãy kiểm tra lại ngày, tháng.",
        )
    except DateFormatError:
        context.report(
            at,
            "SB112",
            f"Không đọc được ngày '{shorten(raw)}'. Hãy ghi theo dạng "
            "ngày/tháng/năm như 10/02/2020 (có thể thêm giờ: 10/02/2020 08:30) "
            "hoặc 2020-02-10.",
        )
    raise _Invalid()


def _bool(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> bool:
    if not isinstance(raw, bool):
        raise _wrong_type(context, spec, at, "true hoặc false")
    return raw


def _year(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise _wrong_type(context, spec, at, "một năm gồm 4 chữ số")
    if not MIN_YEAR <= raw <= MAX_YEAR:
        context.report(
            at,
            "SB121",
            f"Năm {raw} ở trường '{spec.name}' ({spec.label}) không hợp "
            f"lý. Hãy ghi năm trong khoảng {MIN_YEAR}–{MAX_YEAR}.",
        )
        raise _Invalid()
    return raw


def _slug(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> str:
    text = _text(spec, raw, at, context)
    if not is_slug(text):
        context.report(
            at,
            "SB117",
            f"Đường dẫn '{shorten(text)}' chỉ được gồm chữ thường không "
            f"dấu, số và dấu gạch ngang. Hãy ghi: slug: {slugify(text) or 'ten-bai'}",
        )
        raise _Invalid()
    return text


def _as_list(raw: object) -> list[object]:
    """A single value where a list is expected is taken as a list of one."""
    return raw if isinstance(raw, list) else [raw]


def _term(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> object:
    assert spec.vocabulary is not None
    vocabulary = context.data.vocabularies[spec.vocabulary]
    text = _text(spec, raw, at, context)
    candidates = vocabulary.candidates(text)
    if not candidates:
        close = vocabulary.suggestions(text)
        hint = f" Có phải ý bạn là '{close[0]}'?" if close else ""
        allowed = "; ".join(vocabulary.names())
        context.report(
            at,
            "SB113",
            f"'{shorten(text)}' không có trong danh sách {vocabulary.label} "
            f"({vocabulary.file}).{hint} Hãy chọn một trong: {allowed}. Nếu cần mục "
            f"mới, hãy thêm vào {vocabulary.file}.",
        )
        raise _Invalid()
    if vocabulary.lineage.timed:
        context.names_in_time[str(at[0])] = None
        return _NameInTime(spec.vocabulary, candidates, at)
    return candidates[0]


def _model_ref(
    spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext
) -> tuple[str, int]:
    """A model slug with its line; whether it exists is known only once all files are read."""
    return slugify(_text(spec, raw, at, context)), context.document.line_of(*at)


Converter = Callable[[FieldSpec, object, tuple[PathPart, ...], "FileContext"], object]


def _each(convert_item: Converter) -> Converter:
    """A list field: each item converted on its own, problems at the item's own line,
    duplicates dropped; a single value where a list is expected is a list of one."""

    def convert(
        spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext
    ) -> tuple[object, ...]:
        items = []
        for index, item in enumerate(_as_list(raw)):
            try:
                items.append(
                    convert_item(spec, item, (*at, index) if isinstance(raw, list) else at, context)
                )
            except _Invalid:
                continue
        return tuple(dict.fromkeys(items))

    return convert


def _image(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> str:
    """Resolve an image inside content/: relative to the file, or to content/ with a leading /."""
    text = _text(spec, raw, at, context)
    resolved, problems = check_image(
        text, context.src_uri, context.content_root, context.photos_seen
    )
    for code, message in problems:
        context.report(at, code, message)
    if resolved is None:
        raise _Invalid()
    return resolved


def check_image(
    text: str, src_uri: str, content_root: Path, seen: dict[str, PhotoState | None] | None = None
) -> tuple[str | None, list[Finding]]:
    """Where an image written as `text` in `src_uri` is inside content/, and what is wrong
    with it: the rules for a cover in front matter and for a photo in the text are one.
    The state of the file looked at is noted in `seen`, by its path inside content/."""
    if "://" in text or text.lower().startswith(("javascript:", "data:", "//")) or "\\" in text:
        message = (
            f"Ảnh '{shorten(text)}' phải là một tệp ảnh đã tải lên thư mục content/ (ví dụ "
            "/anh/ten-anh.jpg), không phải một địa chỉ web: trang không tải gì từ trang khác."
        )
        return None, [("SB118", message)]
    resolved = in_content(text, src_uri)
    if resolved is None or not text.lower().endswith(IMAGE_SUFFIXES):
        message = (
            f"Ảnh '{shorten(text)}' phải là tệp .jpg, .jpeg, .png, .webp "
            "hoặc .gif nằm trong thư mục content/ (ví dụ /anh/ten-anh.jpg)."
        )
        return None, [("SB118", message)]
    path = content_root / resolved
    state = photo_state(path)
    if seen is not None:
        seen[resolved] = state
    if state is None:
        message = (
            f"Không tìm thấy ảnh '{shorten(text)}' (tìm ở content/"
            f"{resolved}). Hãy tải ảnh lên đúng chỗ hoặc sửa lại đường dẫn; tên tệp "
            "phân biệt chữ hoa, chữ thường."
        )
        return None, [("SB116", message)]
    return resolved, photo_file_findings(state, text, path.suffix)


_BODY_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(](.*?)[\"')])?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")


def check_body_images(context: FileContext, credits: bool = False) -> None:
    """The photos written in the text (`![Chú thích](/anh/x.jpg)`): each must be a file in
    content/ (never another site: pages load nothing from elsewhere), of a sensible
    weight, with a caption, which is also what a screen reader says, and with who took it
    (`"Ảnh: ..."` as its title) when the publisher asks for `credits`."""
    document = context.document
    if "![" not in document.body:
        return
    in_code = False
    for number, line in enumerate(document.body.split("\n"), document.body_line):
        if _FENCE.match(line):
            in_code = not in_code
        if in_code or "![" not in line:
            continue
        for match in _BODY_IMAGE.finditer(_INLINE_CODE.sub("", line)):
            alt, target, title = match.group(1).strip(), match.group(2), match.group(3) or ""
            _, findings = check_image(
                target, context.src_uri, context.content_root, context.photos_seen
            )
            credit = credit_in_title(title)
            if not alt and (credit is not None or not title.strip()):
                message = (
                    f"Ảnh '{shorten(target)}' chưa có chú thích. Hãy ghi chú thích trong ngoặc "
                    "vuông: ![Bà con xã Quảng Tân chăm sóc vườn mẫu](/anh/vuon-mau.jpg). Chú "
                    "thích hiện dưới ảnh và được đọc cho người khiếm thị."
                )
                findings.append(("SB126", message))
            if credits and credit is None:
                message = (
                    f"Ảnh '{shorten(target)}' chưa ghi tác giả. Hãy ghi tên người chụp sau "
                    'đường dẫn, trong ngoặc kép: ![Chú thích](/anh/vuon-mau.jpg "Ảnh: Quốc '
                    'Nghị"). Trang in “Ảnh: …” dưới chú thích.'
                )
                findings.append(("SB136", message))
            context.problems.extend(
                Problem(context.display_path, number, code, message) for code, message in findings
            )


def _choice(spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext) -> str:
    text = _text(spec, raw, at, context)
    if slugify(text) not in spec.choices:
        allowed = " hoặc ".join(f"'{label}'" for label in spec.choices.values())
        context.report(
            at,
            "SB113",
            f"'{shorten(text)}' ở trường '{spec.name}' ({spec.label}) "
            f"không hợp lệ. Hãy ghi {allowed}.",
        )
        raise _Invalid()
    return slugify(text)


def _records(
    spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext
) -> tuple[dict[str, object], ...]:
    if not isinstance(raw, list):
        raise _wrong_type(context, spec, at, "một danh sách, mỗi mục bắt đầu bằng '- '")
    records = []
    for index, item in enumerate(raw):
        item_at = (*at, index)
        if not isinstance(item, dict):
            raise _wrong_type(
                context,
                spec,
                item_at,
                "danh sách các mục có các dòng "
                + ", ".join(f"'{sub.name}:'" for sub in spec.fields),
            )
        before = len(context.problems)
        values = _validate_fields(spec.fields, item, item_at, context)
        _report_unknown_keys(spec.field_names, item, item_at, context)
        if not any(p.is_error for p in context.problems[before:]):
            records.append(values)
    if len(records) < len(raw):
        raise _Invalid()
    return tuple(records)


_ADDRESS_CHARACTERS = re.compile(r"[A-Za-z0-9._~%!$&'()*+,;=:@/-]+")
_PAGE_SUFFIXES = (".html", ".htm")


def _address(
    spec: FieldSpec, raw: object, at: tuple[PathPart, ...], context: FileContext
) -> OldAddress:
    """An old address of this site, as a static host can serve a page at it: a path
    (`/tin-tuc/ten-cu/`, `/2019/05/bai.html`), made site-relative ("tin-tuc/ten-cu/")."""
    text = _text(spec, raw, at, context)
    line = context.document.line_of(*at)
    path, problem = site_path(text)
    if problem:
        context.report(
            at,
            "SB131",
            f"'{text}' không dùng được làm địa chỉ cũ: {problem}. Hãy ghi đường dẫn bắt "
            "đầu bằng /, ví dụ /tin-tuc/ten-cu/.",
        )
        raise _Invalid()
    return OldAddress(path, line)


def site_path(text: str) -> tuple[str, str]:
    """(the site-relative path of an address written in front matter or a sitemap, or ""
    and why it cannot be one). Directory addresses end in "/"; `x.html` stays a file."""
    if "://" in text or text.startswith("//"):
        return "", "ghi đường dẫn trong trang web, không kèm tên miền (https://...)"
    if "?" in text or "#" in text:
        return "", "trang tĩnh không phân biệt được địa chỉ theo phần sau dấu ? hoặc #"
    if not _ADDRESS_CHARACTERS.fullmatch(text):
        return "", "chỉ dùng chữ không dấu, số và các dấu - _ . /"
    parts = [part for part in text.split("/") if part]
    if not parts:
        return "", "đây là địa chỉ trang chủ"
    if any(part in (".", "..") for part in parts):
        return "", "không dùng . hoặc .. trong đường dẫn"
    last = parts[-1]
    if "." in last and not last.lower().endswith(_PAGE_SUFFIXES):
        return "", "trang tĩnh chỉ phục vụ được địa chỉ thư mục (/ten/) hoặc tệp .html"
    path = "/".join(parts)
    return (path if "." in last else path + "/"), ""


_CONVERTERS: dict[Kind, Converter] = {
    Kind.TEXT: _text,
    Kind.DATE: _date,
    Kind.BOOL: _bool,
    Kind.YEAR: _year,
    Kind.SLUG: _slug,
    Kind.TEXTS: _each(_text),
    Kind.TERM: _term,
    Kind.TERMS: _each(_term),
    Kind.MODEL_REFS: _each(_model_ref),
    Kind.IMAGE: _image,
    Kind.CHOICE: _choice,
    Kind.RECORDS: _records,
    Kind.ADDRESSES: _each(_address),
}
