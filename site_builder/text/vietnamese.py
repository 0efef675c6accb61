"""Vietnamese text rules, in one place: normalisation, folding, slugs, collation, dates.

Every other module asks this one how Vietnamese text behaves, so that a rule (say, that
"Đ" slugs to "d") is written once and tested once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from slugify import slugify as _ascii_slugify

VIETNAM_TZ = timezone(timedelta(hours=7))

# Combining marks of the five Vietnamese tones, in dictionary order after "no tone":
# huyền (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below).
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a different letter (ă, â, ê, ô, ơ, ư), not a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# The Vietnamese alphabet, with f, j, w, z placed where Latin puts them for loanwords.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_WORD = re.compile(r"\w+")


def nfc(text: str) -> str:
    """Return `text` in NFC: editors and phones save Vietnamese as NFC or NFD at random."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Drop every diacritic and turn đ/Đ into d/D ("Dân vận khéo" -> "Dan van kheo").

    NFKD alone keeps "đ", which is a letter of its own, not "d" with a mark.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return nfc("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


_ALREADY_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """ASCII slug for URLs and file names: "Đầm Hà" -> "dam-ha".

    python-slugify transliterates every script (a Han place name included); folding
    first keeps Vietnamese exact whatever its transliteration table says. Cached: the same
    commune, category and tag names come back in every file (a third of load time at 10k
    articles before the cache).
    """
    if _ALREADY_SLUG.fullmatch(text):  # most file names: nothing to transliterate
        return text
    return str(_ascii_slugify(fold(nfc(text))))


def is_slug(text: str) -> bool:
    """True when `text` is already a slug of itself (lower-case ASCII words and hyphens)."""
    return bool(text) and slugify(text) == text


@lru_cache(maxsize=65536)
def _syllable_key(word: str) -> tuple[tuple[int, ...], int]:
    """Letters first, then the tone: "ma" < "mà" < "mả" < "mã" < "má" < "mạ" < "mác"."""
    letters: list[int] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_ORDER:
            tone = _TONE_ORDER[ch]
        elif ch in _LETTER_MARKS and letters:
            previous = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
            combined = nfc(previous + ch)
            if combined in _LETTER_RANK:
                letters[-1] = _LETTER_RANK[combined]
        elif ch.isdigit():
            letters.append(-10 + int(ch))
        elif ch in _LETTER_RANK:
            letters.append(_LETTER_RANK[ch])
        elif not unicodedata.combining(ch):
            letters.append(len(_ALPHABET) + ord(ch))
    return tuple(letters), tone


@lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple[object, ...]:
    """Sort key for Vietnamese alphabetical order (a ă â b c d đ e ê ...).

    Plain `sorted()` puts "Đ" after "Z" and generic Unicode collation treats "đ" as "d";
    both are wrong for a Vietnamese reader. Words compare one by one; ties break on the
    exact text so that the order is total and stable. Cached, as are the syllables: the
    same titles and names are sorted in many lists, and syllables repeat across them.
    """
    words = tuple(_syllable_key(word) for word in _WORD.findall(nfc(text)))
    return (words, nfc(text))


_VI_DATE = re.compile(
    r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:[ T]+(?P<H>\d{1,2})[:h](?P<M>\d{2}))?$"
)
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?P<time>[ T].*)?$")


class DateFormatError(ValueError):
    """A date written in a form we do not read."""


class ImpossibleDateError(ValueError):
    """A date in a readable form that does not exist, such as 30/02/2020."""


def parse_date(value: object) -> datetime:
    """Read a publication date as a naive datetime in Vietnam time.

    Accepts ISO (`2020-02-10`, `2020-02-10 08:30`, `2020-02-10T08:30:00+07:00`) and the
    Vietnamese day-first form (`10/02/2020`, `10/02/2020 08:30`). A time zone, when
    given, is converted to Vietnam time.
    """
    if isinstance(value, datetime):
        return _to_vietnam_time(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise DateFormatError(value)
    text = value.strip()
    match = _VI_DATE.match(text)
    if match:
        year, month, day_of_month, hour, minute = (
            int(number or 0) for number in match.group("y", "m", "d", "H", "M")
        )
        try:
            return datetime(year, month, day_of_month, hour, minute)
        except ValueError as error:
            raise ImpossibleDateError(text) from error
    match = _ISO_DATE.match(text)
    if match:
        try:
            day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError as error:
            raise ImpossibleDateError(text) from error
        if not match["time"]:
            return datetime(day.year, day.month, day.day)
        try:
            return _to_vietnam_time(datetime.fromisoformat(day.isoformat() + match["time"]))
        except ValueError as error:
            raise DateFormatError(text) from error
    raise DateFormatError(text)


def _to_vietnam_time(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM_TZ).replace(tzinfo=None)


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def iso_datetime(moment: datetime) -> str:
    """A naive Vietnam-time datetime in ISO 8601 with its offset: "2020-02-10T08:30:00+07:00"."""
    return moment.replace(tzinfo=VIETNAM_TZ).isoformat()


def format_date(moment: date) -> str:
    """The short Vietnamese date: "Thứ Năm, 26/11/2026" (day first, zero-padded)."""
    return f"{_WEEKDAYS[moment.weekday()]}, {moment.day:02d}/{moment.month:02d}/{moment.year}"


def format_short_date(moment: date) -> str:
    """The date of a row in a compact list: "26/11/2026"."""
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year}"


def format_month(year: int, month: int) -> str:
    """A month of the archive: "Tháng 2/2020"."""
    return f"Tháng {month}/{year}"


def format_number(value: int) -> str:
    """Vietnamese digit grouping: 10000 -> "10.000"."""
    return f"{value:,}".replace(",", ".")


def format_percent(share: float, digits: int = 1) -> str:
    """A share as Vietnamese write it, decimal comma: 0.59375 -> "59,4%"."""
    text = f"{share * 100:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{share * 100:.0f}"
    return text.replace(".", ",") + "%"


def toc_slugify(value: str, separator: str) -> str:
    """Heading anchors for Python-Markdown's `toc`: "Đầm Hà" -> "dam-ha".

    Its default slugify drops "Đ" entirely ("am-ha"), because NFKD does not decompose it.
    """
    slug = slugify(value)
    return slug.replace("-", separator) if separator != "-" else slug


_CREDIT = re.compile(r"^\s*ảnh\s*:\s*(?P<name>\S.*?)\s*$", re.IGNORECASE)


def credit_in_title(title: str) -> str | None:
    """Who took a photo in the text, when its title says so as the press writes it:
    `![Chú thích](/anh/x.jpg "Ảnh: Quốc Nghị")` gives "Quốc Nghị"; another title is none."""
    match = _CREDIT.match(nfc(title))
    return match.group("name") if match else None


def credit_line(name: str) -> str:
    """A photo's credit as printed under its caption: "Ảnh: Quốc Nghị"."""
    return f"Ảnh: {name}"


def source_line(name: str) -> str:
    """A reprinted article's source as printed at its end: "Nguồn: Báo Quảng Ninh"."""
    return f"Nguồn: {name}"


REUSE_NOTICE = "Khi sử dụng lại thông tin, đề nghị ghi rõ nguồn."
"""The footer line of the Vietnamese press, after the copyright: whoever reprints says
where from."""
