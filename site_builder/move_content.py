"""`site-builder move`: rename an article or a profile and keep its old address working.

A journalist who retitles an article would otherwise rename the file and break every link
shared before. This renames the file to the new slug (from a new title, or a slug given as
it is), writes the new title if one was given, and adds the old address to `aliases:`, so
the build publishes a redirect there (site/addresses.py). The rest of the file is left
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .content.frontmatter import FENCE, decode, split, yaml_string
from .content.loader import Layout
from .content.schema import site_path
from .site import urls
from .text.vietnamese import is_slug, nfc, slugify


class MoveError(Exception):
    """Why nothing was moved, in Vietnamese for the journalist."""


@dataclass(frozen=True)
class Moved:
    old_path: Path
    new_path: Path
    old_url: str
    new_url: str


def move(path: Path, new_title_or_slug: str, layout: Layout) -> Moved:
    """Rename the article or profile at `path`; refuse to overwrite anything."""
    url_of = _kind_of(path, layout)
    text = _read(path)
    document, problems = split(text, str(path))
    if document is None or problems or not document.has_front_matter:
        raise MoveError(f"Tệp {path} đang có lỗi; hãy chạy 'site-builder check' và sửa trước.")
    written_slug = document.data.get("slug")
    old_slug = written_slug if isinstance(written_slug, str) and written_slug else None
    old_slug = old_slug or slugify(path.stem)
    wanted = nfc(new_title_or_slug.strip())
    new_title = None if is_slug(wanted) else wanted
    new_slug = wanted if new_title is None else slugify(wanted)
    if not new_slug:
        raise MoveError('Tiêu đề mới phải có chữ hoặc số, ví dụ: "Thắp sáng đường quê".')
    if new_slug == old_slug:
        raise MoveError(f"Bài đã có đường dẫn '{new_slug}'; không có gì để đổi.")
    new_path = path.with_name(f"{new_slug}.md")
    if new_path.exists():
        raise MoveError(f"Đã có tệp {new_path}; không ghi đè. Hãy chọn tiêu đề khác.")
    old_url, new_url = url_of(old_slug), url_of(new_slug)
    aliases = [*_aliases(document.data.get("aliases")), "/" + old_url]
    new_path.write_text(_rewritten(text, new_title, aliases), encoding="utf-8")
    path.unlink()
    return Moved(path, new_path, old_url, new_url)


def _kind_of(path: Path, layout: Layout) -> Callable[[str], str]:
    """The URL scheme of the file's kind: an article's or a profile's."""
    try:
        relative = path.resolve().relative_to(layout.content_root.resolve()).as_posix()
    except ValueError as error:
        raise MoveError(
            f"{path} không nằm trong thư mục nội dung {layout.content_root}."
        ) from error
    if relative.startswith(layout.articles_dir + "/"):
        return urls.article
    if relative.startswith(layout.models_dir + "/"):
        return urls.model
    raise MoveError(f"{path} không phải bài viết hay hồ sơ mô hình.")


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise MoveError(f"Không đọc được {path} ({error.strerror}).") from error
    text, _ = decode(raw, str(path))
    if text is None:
        raise MoveError(f"Tệp {path} không lưu ở mã UTF-8; hãy sửa trước.")
    return text


def _aliases(value: object) -> list[str]:
    """The old addresses already written, kept as they are (each on its own line)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [str(item) for item in items if isinstance(item, str) and not site_path(item)[1]]


def _rewritten(text: str, new_title: str | None, aliases: list[str]) -> str:
    """The file with its `title:` replaced (if a new one is given), its `slug:` and
    `aliases:` lines removed, and the aliases written again before the closing fence."""
    lines = text.split("\n")
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "..."))
    head: list[str] = []
    dropping = False
    for line in lines[1:closing]:
        if line and not line[0].isspace() and line[0] not in "-#" and ":" in line:
            key = line.split(":", 1)[0].strip()
            replacing_title = key == "title" and new_title is not None
            dropping = key in ("slug", "aliases") or replacing_title
            if replacing_title:
                head.append(f"title: {yaml_string(str(new_title))}")
        if not dropping:
            head.append(line)
    head.append("aliases:")
    head.extend(f"  - {yaml_string(alias)}" for alias in aliases)
    return "\n".join([lines[0], *head, *lines[closing:]])
