"""`site-builder new`: a new article or model profile from the editable templates.

The templates live in content/_data/templates (like Hugo's archetypes), so an editor
changes what a new file looks like without touching code. The file gets an ASCII slug name,
today's date and the allowed values of each list as comments, and starts as a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from string import Template

from .content.data import SiteData
from .content.frontmatter import yaml_string
from .content.loader import Layout, load_content
from .site import urls
from .site.taxonomies import RESERVED_SLUGS
from .text.vietnamese import collation_key, slugify

TEMPLATES = {"article": "article.md", "model": "model.md"}


class NewContentError(Exception):
    """Why a file was not created, in Vietnamese for the journalist."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    url: str


def _names(data: SiteData, key: str, today: date) -> list[str]:
    """The values a new file may take: of a list whose entries begin and end, only those
    that exist today, so that a journalist writing now is offered today's units."""
    vocabulary = data.vocabularies[key]
    if not vocabulary.lineage.timed:
        return vocabulary.names()
    alive = vocabulary.lineage.alive_terms(vocabulary.terms, today)
    return sorted(dict.fromkeys(term.name for term in alive), key=collation_key)


def create(kind: str, title: str, layout: Layout, now: datetime, author: str) -> NewFile:
    """Write the new file and return where it is; refuse to overwrite anything."""
    slug = slugify(title)
    if not title.strip() or not slug:
        raise NewContentError('Tiêu đề phải có chữ hoặc số, ví dụ: "Thắp sáng đường quê".')
    content = load_content(layout, RESERVED_SLUGS)
    data = content.data
    if kind == "article":
        folder = layout.content_root / layout.articles_dir / str(now.year)
        taken = {article.slug: article.src_uri for article in content.articles}
        url = urls.article(slug)
    else:
        folder = layout.content_root / layout.models_dir
        taken = {model.slug: model.src_uri for model in content.models}
        url = urls.model(slug)
    path = folder / f"{slug}.md"
    if path.exists():
        raise NewContentError(
            f"Đã có tệp {path}; không ghi đè. Hãy mở tệp đó để sửa, hoặc chọn tiêu đề khác."
        )
    if slug in taken:
        raise NewContentError(
            f"Đường dẫn '{slug}' đã được dùng cho {taken[slug]}. Hãy chọn tiêu đề khác."
        )
    template_path = layout.content_root / layout.data_dir / "templates" / TEMPLATES[kind]
    try:
        template = Template(template_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise NewContentError(f"Không đọc được mẫu {template_path}: {error.strerror}.") from error
    values = _values(data, title, now, author, sorted(m.slug for m in content.models))
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as output:
        output.write(template.safe_substitute(values))
    return NewFile(path, url)


def _values(
    data: SiteData, title: str, now: datetime, author: str, models: list[str]
) -> dict[str, str]:
    """Placeholders of the templates: the title, today, and each list's allowed values."""
    lists = {key: _names(data, key, now.date()) for key in data.vocabularies}

    def first(key: str) -> str:
        return yaml_string(lists[key][0]) if lists[key] else '""'

    return {
        "title": yaml_string(title.strip()),
        "date": now.strftime("%d/%m/%Y"),
        "author": yaml_string(author),
        "category": first("categories"),
        "organisation": first("organisations"),
        "field": first("fields"),
        "level": first("levels"),
        "status": first("statuses"),
        "models": "; ".join(models) or "(chưa có)",
        **{key: "; ".join(names) or "(danh sách trống)" for key, names in lists.items()},
    }
