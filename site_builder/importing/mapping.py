"""The editor's map from the old system's words to this site's (`--map FILE`).

```yaml
categories:          # a source category -> one of categories.yml
  Tin tức - Sự kiện: Kinh tế
tags:                # a source category or tag -> a tag of ours
  duong-que: nông thôn mới
authors:             # a source author (login or display name) -> a byline
  admin: Quốc Nghị
communes:            # a source category or tag -> a commune of communes.yml
  Tin Quảng Tân: Quảng Tân
```

Keys are matched forgivingly ("Tin tức - Sự kiện", "tin tuc su kien"); every value is
checked before any file is written, and a bad one stops the run with its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..content.data import SiteData
from ..content.frontmatter import decode, parse_yaml
from ..content.yaml_tree import YamlTree
from ..text.vietnamese import nfc, slugify
from .items import ImportSetupError

SECTIONS = ("categories", "tags", "authors", "communes")


@dataclass(frozen=True)
class ImportMap:
    """Each section as slug of the source word -> our word."""

    categories: Mapping[str, str] = field(default_factory=dict)
    tags: Mapping[str, str] = field(default_factory=dict)
    authors: Mapping[str, str] = field(default_factory=dict)
    communes: Mapping[str, str] = field(default_factory=dict)


def read_map(path: Path, data: SiteData) -> ImportMap:
    """The map file, checked against the data lists; ImportSetupError says what and where."""
    display = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportSetupError(
            f"Không đọc được tệp ánh xạ {display} ({error.strerror})."
        ) from error
    text, problems = decode(raw, display)
    tree, more = parse_yaml(text or "", display) if text is not None else (None, [])
    problems += more
    if problems or tree is None:
        first = problems[0] if problems else None
        where = f"{display}:{first.line}: {first.message}" if first else display
        raise ImportSetupError(f"Tệp ánh xạ không đọc được: {where}")
    if tree.data is None:
        return ImportMap()
    if not isinstance(tree.data, dict) or set(map(str, tree.data)) - set(SECTIONS):
        raise ImportSetupError(
            f"{display}:1: tệp ánh xạ chỉ có các mục: {', '.join(SECTIONS)}; mỗi mục là các "
            "dòng 'tên cũ: tên mới'."
        )
    return ImportMap(**{name: _section(tree, name, data, display) for name in tree.data})


def _section(tree: YamlTree, name: str, data: SiteData, display: str) -> dict[str, str]:
    section = tree.data[name] if isinstance(tree.data, dict) else None
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ImportSetupError(
            f"{display}:{tree.line_of(name)}: '{name}:' cần các dòng 'tên cũ: tên mới'."
        )
    mapped: dict[str, str] = {}
    for source, target in section.items():
        line = tree.line_of(name, source)
        if not isinstance(target, str) or not target.strip():
            raise ImportSetupError(f"{display}:{line}: '{source}' cần một tên mới sau dấu ':'.")
        target = nfc(target.strip())
        vocabulary = {"categories": "categories", "communes": "communes"}.get(name)
        if vocabulary and not data.vocabularies[vocabulary].candidates(target):
            names = "; ".join(data.vocabularies[vocabulary].names())
            raise ImportSetupError(
                f"{display}:{line}: '{target}' không có trong {vocabulary}.yml. Chọn một trong: "
                f"{names}."
            )
        mapped[slugify(str(source))] = target
    return mapped
