"""Problems found in content, their stable codes, and the formats they are printed in.

A journalist reads these, so every message is Vietnamese and says what to change; a tool
reads the code, which never changes meaning once published (retire a code, never reuse it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# code -> (severity, what it is about). The README's table of codes is checked against this.
CODES: dict[str, tuple[Severity, str]] = {
    # Reading the file
    "SB100": (Severity.ERROR, "file cannot be read"),
    "SB101": (Severity.ERROR, "file is not UTF-8"),
    "SB102": (Severity.ERROR, "file is empty"),
    "SB103": (Severity.ERROR, "file has no front matter"),
    "SB104": (Severity.ERROR, "front matter is never closed"),
    "SB105": (Severity.ERROR, "front matter is not valid YAML"),
    "SB106": (Severity.ERROR, "tab character in front matter"),
    "SB107": (Severity.ERROR, "front matter is not a list of fields"),
    "SB108": (Severity.ERROR, "a field is written twice"),
    "SB109": (Severity.ERROR, "file is too large"),
    # Fields
    "SB110": (Severity.ERROR, "required field is missing"),
    "SB111": (Severity.ERROR, "field has the wrong type"),
    "SB112": (Severity.ERROR, "date cannot be read or does not exist"),
    "SB113": (Severity.ERROR, "value is not in its list (data file)"),
    "SB114": (Severity.ERROR, "reference to a model that does not exist"),
    "SB115": (Severity.ERROR, "two files have the same slug or URL"),
    "SB116": (Severity.ERROR, "image file does not exist"),
    "SB117": (Severity.ERROR, "slug is not a valid ASCII slug"),
    "SB118": (Severity.ERROR, "image path is not allowed"),
    "SB119": (Severity.ERROR, "value is empty"),
    "SB120": (Severity.WARNING, "unknown field"),
    "SB121": (Severity.ERROR, "number out of range"),
    "SB122": (Severity.WARNING, "image has no caption"),
    "SB123": (Severity.ERROR, "model says neither where it runs nor that it is district-wide"),
    "SB124": (Severity.ERROR, "YAML anchors and aliases are not allowed"),
    "SB125": (Severity.WARNING, "image file is larger than the limit"),
    "SB126": (Severity.WARNING, "image in the text has no caption (alt text)"),
    "SB127": (Severity.WARNING, "image cannot be read or made smaller"),
    "SB128": (Severity.WARNING, "place or body named had ended by the content's date"),
    "SB129": (Severity.WARNING, "place or body named did not exist yet at the content's date"),
    "SB130": (Severity.WARNING, "one author written two ways that fold to the same name"),
    "SB131": (Severity.ERROR, "an old address (alias) is not an address of this site"),
    "SB132": (Severity.ERROR, "two pages or old addresses claim the same address"),
    "SB133": (Severity.ERROR, "an address the previous site published is published no more"),
    "SB134": (Severity.ERROR, "the update time is before the publication time"),
    "SB135": (Severity.WARNING, "the original's address (source_url) is not a web address"),
    "SB136": (Severity.WARNING, "a photo has no credit, and the publisher asks for credits"),
    # Data files
    "SB201": (Severity.ERROR, "data file is missing"),
    "SB202": (Severity.ERROR, "data file entry is malformed"),
    "SB203": (Severity.ERROR, "two data file entries have the same name or slug"),
    "SB204": (Severity.ERROR, "data file refers to an article that does not exist"),
    "SB205": (Severity.ERROR, "reported figure names a metric the site does not compute"),
    "SB206": (Severity.ERROR, "data file entry became an entry that does not exist"),
    "SB207": (Severity.ERROR, "data file entries become each other in a cycle"),
    "SB208": (Severity.ERROR, "data file entry ends before it begins"),
    "SB209": (Severity.ERROR, "two data file entries of one name have overlapping periods"),
    "SB210": (Severity.ERROR, "data file entry became another with no date"),
}


Finding = tuple[str, str]
"""A problem's code and message, before it is tied to a file and line."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, at one place: `SB110 content/tin-tuc/x.md:3: ...`."""

    path: str
    line: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        prefix = "" if self.is_error else "cảnh báo: "
        return f"{self.code} {self.path}:{self.line}: {prefix}{self.message}"


def shorten(value: object, limit: int = 60) -> str:
    """A value as the journalist typed it, cut short; never the repr of a huge structure."""
    text = value if isinstance(value, str) else type(value).__name__
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """File by file, top to bottom: the order in which a journalist fixes them."""
    return sorted(problems)


def count(problems: Sequence[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for problem in problems if problem.is_error)
    return errors, len(problems) - errors


def fails(problems: Sequence[Problem], *, strict: bool) -> bool:
    """Errors always fail a run; warnings only in strict mode."""
    errors, warnings = count(problems)
    return errors > 0 or (strict and warnings > 0)


def format_text(problems: Sequence[Problem]) -> str:
    return "".join(f"{problem}\n" for problem in problems)


def format_json(problems: Sequence[Problem]) -> str:
    rows = [{**asdict(problem), "severity": problem.severity.value} for problem in problems]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for problem in problems:
        level = "error" if problem.is_error else "warning"
        properties = ",".join(
            [
                f"file={_escape_github_property(problem.path)}",
                f"line={problem.line}",
                f"title={_escape_github_property(problem.code)}",
            ]
        )
        lines.append(f"::{level} {properties}::{_escape_github_data(problem.message)}\n")
    return "".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(problems: Sequence[Problem]) -> str:
    """A table for the CI job summary, where journalists read the report in Vietnamese."""
    errors, warnings = count(problems)
    if not problems:
        return "Không có lỗi nào trong nội dung.\n"
    lines = [
        f"{errors} lỗi, {warnings} cảnh báo.",
        "",
        "| Mã | Tệp | Dòng | Cần sửa |",
        "| --- | --- | --- | --- |",
    ]
    for problem in problems:
        kind = "" if problem.is_error else "cảnh báo: "
        lines.append(
            f"| {problem.code} | `{_cell(problem.path)}` | {problem.line} "
            f"| {kind}{_cell(problem.message)} |"
        )
    return "\n".join(lines) + "\n"


FORMATTERS = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "markdown": format_markdown,
}
