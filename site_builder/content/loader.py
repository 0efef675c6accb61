"""Read content/ once: every article and model profile, checked against the schema.

The result holds the entities that can be published and every problem found, so the
checker, the build and later the statistics all work from the same single pass.
"""

from __future__ import annotations

import gc
import os
import posixpath
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path

from ..text.markdown import lead_paragraph
from ..text.vietnamese import slugify
from . import schema
from .data import SiteData, load_site_data
from .entities import Article, Award, AwardKind, ModelProfile, Origin, SourceRef, Term
from .file_digests import file_digest
from .frontmatter import Document, decode, fast_roads_enabled, split
from .pass_cache import PassCache
from .problems import Problem, sorted_problems
from .reading_store import Photos, ReadingStore

DEFAULT_UNIT = "Trung tâm TT&VH Đầm Hà"
MAX_FILE_BYTES = 2_000_000
"""A long report is some 50 kB of Markdown; anything near this is a mistake (a pasted
photo, a binary saved as .md) and would slow every build."""
_INDEX_NAMES = ("index.md", "README.md")


@dataclass(frozen=True)
class Layout:
    """Where each kind of content lives inside the content folder (the MkDocs docs_dir)."""

    content_root: Path
    articles_dir: str = "tin-tuc"
    models_dir: str = "mo-hinh"
    data_dir: str = "_data"
    default_unit: str = DEFAULT_UNIT
    display_base: Path | None = None

    def display(self, src_uri: str) -> str:
        """The path a journalist sees in a problem: relative to where the command ran."""
        return f"{self._display_prefix}{src_uri}"

    @cached_property
    def _display_prefix(self) -> str:
        """content/ as seen from the display base, computed once (not once per file)."""
        base = self.display_base if self.display_base is not None else Path.cwd()
        try:
            prefix = os.path.relpath(self.content_root, base).replace(os.sep, "/")
        except ValueError:
            prefix = self.content_root.as_posix()
        return "" if prefix == "." else prefix.rstrip("/") + "/"


@dataclass(frozen=True)
class ReservedSlugs:
    """Slugs that neither an article nor a model may take, because the site publishes a
    page of its own there (a page of a list, a facet of the models). The site's URL scheme
    decides them (`site.taxonomies.RESERVED_SLUGS`); the loader only refuses them (SB115)."""

    articles: frozenset[str]
    models: frozenset[str]


@dataclass
class ContentSet:
    """Everything read from content/: publishable entities, the data lists, all problems."""

    data: SiteData
    articles: list[Article] = field(default_factory=list)
    models: list[ModelProfile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    data_problems: tuple[Problem, ...] = ()
    """The data files' problems, among `problems`."""
    rejected: set[str] = field(default_factory=set)
    files_checked: int = 0
    documents: dict[str, Document] = field(default_factory=dict)
    """The parsed front matter and body of every published file, by src_uri, so that the
    build never parses a file twice."""
    readings: dict[str, dict[str, FileReading]] = field(default_factory=dict)
    """Each file as read and checked on its own, by kind and src_uri in reading order:
    what `load_content` starts from when told which files changed since (the preview)."""


@dataclass
class _Parsed:
    """A file read and checked on its own, waiting for the checks across files."""

    src_uri: str
    display: str
    slug: str
    values: dict[str, object]
    document: Document
    valid: bool

    def fresh(self) -> _Parsed:
        """A copy for one load's checks across files, which amend its validity and values
        (made directly: `dataclasses.replace` took three times as long, 0.1 s at 10,000)."""
        return _Parsed(
            self.src_uri, self.display, self.slug, dict(self.values), self.document, self.valid
        )


@dataclass(frozen=True)
class FileReading:
    """One file read and checked on its own: its problems, and what the checks across
    files start from, unless it was rejected on its own. Never changed once made: each
    load copies what it amends (`_Parsed.fresh`)."""

    parsed: _Parsed | None
    problems: tuple[Problem, ...]
    photos: Photos = ()
    """The photo files its checks looked at, with what they read of each: with the file's
    bytes, all a reading depends on besides the data lists (see `reading_store.py`)."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector while a pass builds only long-lived objects.

    Loading and indexing create many objects and no cycles worth collecting; with 10,000
    files the collector's repeated passes over everything already built took longer than
    the parsing itself (loading: 5.6 s against 2.4 s; indexing: 0.60 s against 0.39 s).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything made meanwhile sits in the youngest generation, whose next collection
        # would walk it all (0.16 s at 10,000 files); it is long-lived, so it moves to the
        # oldest one instead (freeze then unfreeze moves objects without walking them).
        # Not when the process froze objects itself: unfreezing would release them too.
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if collecting:
            gc.enable()


def load_content(
    layout: Layout,
    reserved: ReservedSlugs,
    *,
    previous: ContentSet | None = None,
    changed: Collection[str] = (),
    store: ReadingStore[FileReading] | None = None,
) -> ContentSet:
    """Load and check the whole content folder in one pass over its files.

    With `previous`, a load of the same folder after which only the Markdown files
    `changed` (src_uris) were edited, with no file added, removed or renamed and neither a
    data file nor a photo changed, only those files are read and checked again; the
    checks across files run over all of them as before. The preview's quick path knows
    this of a save (`mkdocs_adapter/quick_preview.py`); at 10,000 articles it is 0.4 s
    against 1.2 to 1.5 s for a load that checks every file again.

    With a `store` (a build in a new process), a file whose bytes and photos did not change
    since the load that wrote the store is taken from it rather than read and checked
    again; the checks across files run over all of them as before."""
    with gc_paused():
        content = _load_content(layout, reserved, previous, frozenset(changed), store)
    _PARSED.end_pass()
    return content


def _load_content(
    layout: Layout,
    reserved: ReservedSlugs,
    previous: ContentSet | None,
    changed: frozenset[str],
    store: ReadingStore[FileReading] | None,
) -> ContentSet:
    if previous is None:
        data_folder = layout.content_root / layout.data_dir
        data, problems = load_site_data(data_folder, layout.display(layout.data_dir))
    else:
        data, problems = previous.data, list(previous.data_problems)
    content = ContentSet(data=data, problems=problems, data_problems=tuple(problems))
    if store is not None:
        store.begin(data, f"{layout.display('')}\0{fast_roads_enabled()}")
    read = _Reading(layout, content, previous, changed, store)
    models = read.kind(layout.models_dir, schema.MODEL)
    articles = read.kind(layout.articles_dir, schema.ARTICLE)
    if store is not None:
        store.end(data)
    _reject_duplicate_slugs(models, "hồ sơ mô hình", reserved.models, content)
    _reject_duplicate_slugs(articles, "bài viết", reserved.articles, content)
    kept = _KeptEntities(previous, changed)
    content.models = [
        kept.model(parsed) or _build_model(parsed) for parsed in models if parsed.valid
    ]
    published = {model.slug for model in content.models}
    written = {parsed.slug for parsed in models}
    authors = _authors(articles, content)
    kept_articles = kept.articles(published)
    for parsed in articles:
        if parsed.valid and _resolve_model_refs(parsed, published, written, content):
            article = kept_articles.get(parsed.src_uri)
            if article is None:
                article = _build_article(parsed, layout, content.data, authors)
            content.articles.append(article)
    content.rejected |= {parsed.src_uri for parsed in [*models, *articles] if not parsed.valid}
    content.documents = {p.src_uri: p.document for p in [*models, *articles] if p.valid}
    _check_reported_source(content, {parsed.slug for parsed in articles})
    content.problems = sorted_problems(content.problems)
    return content


class _KeptEntities:
    """The articles and profiles of the load before whose files did not change, to be taken
    as they are rather than made again (0.2 s at 10,000 articles): the same objects, so
    that the index can also keep what it made of them (`site.index`).

    A profile is made from its file alone. An article is made from its file, the data
    files (unchanged when `previous` is given) and the profiles it names, as far as they
    are published; so the articles are kept only when the same profiles are published."""

    def __init__(self, previous: ContentSet | None, changed: frozenset[str]) -> None:
        self.previous = previous
        self.changed = changed
        models = previous.models if previous is not None else []
        self.models = {model.src_uri: model for model in models if model.src_uri not in changed}

    def model(self, parsed: _Parsed) -> ModelProfile | None:
        return self.models.get(parsed.src_uri)

    def articles(self, published: set[str]) -> dict[str, Article]:
        if self.previous is None or published != {m.slug for m in self.previous.models}:
            return {}
        return {a.src_uri: a for a in self.previous.articles if a.src_uri not in self.changed}


def _markdown_files(root: Path, folder: str) -> Iterator[str]:
    """src_uris of the Markdown files below `folder`, in a stable order, index pages left out."""
    top = os.path.join(root, folder)
    for directory, subdirectories, filenames in os.walk(top):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith((".", "_")))
        relative = os.path.relpath(directory, root).replace(os.sep, "/")
        for name in sorted(filenames):
            if name.endswith(".md") and name not in _INDEX_NAMES and not name.startswith("."):
                yield f"{relative}/{name}"


def editors_pages(layout: Layout) -> list[str]:
    """src_uris of the pages editors write themselves (the home page, an about page): every
    Markdown file outside the articles, the profiles and the data files."""
    skipped = {layout.articles_dir, layout.models_dir, layout.data_dir}
    pages = []
    for directory, subdirectories, filenames in os.walk(layout.content_root):
        relative = os.path.relpath(directory, layout.content_root).replace(os.sep, "/")
        top = relative == "."
        subdirectories[:] = sorted(
            d for d in subdirectories if not d.startswith((".", "_")) and not (top and d in skipped)
        )
        prefix = "" if top else relative + "/"
        pages += [prefix + name for name in sorted(filenames) if name.endswith(".md")]
    return pages


@dataclass
class _Reading:
    """One load's reading of the files, kind by kind: each file read and checked on its
    own, or its reading taken from the load before (`previous`, unless it `changed`) or
    from the `store` of the build before."""

    layout: Layout
    content: ContentSet
    previous: ContentSet | None
    changed: frozenset[str]
    store: ReadingStore[FileReading] | None

    def kind(self, folder: str, kind: schema.Schema) -> list[_Parsed]:
        """Every file of one kind; the ones that pass, for the checks across files."""
        layout, content, store = self.layout, self.content, self.store
        kept = self.previous.readings.get(kind.key, {}) if self.previous is not None else None
        src_uris = _markdown_files(layout.content_root, folder) if kept is None else kept.keys()
        readings = content.readings[kind.key] = {}
        parsed = []
        for src_uri in src_uris:
            content.files_checked += 1
            reading = (
                kept.get(src_uri) if kept is not None and src_uri not in self.changed else None
            )
            if reading is None and store is not None:
                reading = store.take(kind.key, src_uri, layout.content_root)
            if reading is None:
                reading = _read_file(layout, src_uri, kind, content.data)
            if store is not None and reading.parsed is not None:
                # Only a file read whole: its digest is that of the bytes it was read from.
                digest = reading.parsed.document.source_digest
                if digest:
                    store.note(kind.key, src_uri, digest, reading.photos, reading)
            readings[src_uri] = reading
            content.problems.extend(reading.problems)
            if reading.parsed is None:
                content.rejected.add(src_uri)
            else:
                parsed.append(reading.parsed.fresh())
        return parsed


def _read_file(layout: Layout, src_uri: str, kind: schema.Schema, data: SiteData) -> FileReading:
    display = layout.display(src_uri)
    document, problems = _document(os.path.join(layout.content_root, src_uri), display, kind)
    if document is None:
        return FileReading(None, tuple(problems))
    context = schema.FileContext(display, src_uri, layout.content_root, data, document)
    values = schema.validate(kind, context)
    schema.check_body_images(context, credits=schema.credits_required(values, context))
    problems.extend(context.problems)
    slug = values.get("slug") or slugify(posixpath.splitext(posixpath.basename(src_uri))[0])
    if not slug:
        problems.append(
            Problem(
                display,
                1,
                "SB117",
                "Tên tệp không tạo được đường dẫn. "
                "Hãy đặt tên tệp bằng chữ không dấu, ví dụ ten-bai.md.",
            )
        )
    valid = bool(slug) and not any(problem.is_error for problem in problems)
    return FileReading(
        _Parsed(src_uri, display, str(slug), values, document, valid),
        tuple(problems),
        tuple(context.photos_seen.items()),
    )


_Stamp = tuple[int, int, str, str]
_PARSED: PassCache[str, tuple[_Stamp, Document | None, tuple[Problem, ...]]] = PassCache()
"""Parsed files by path, kept across rebuilds of `mkdocs serve` in the same process: a file
whose size and modification time did not change is not read or parsed again."""
_SETTLED_NS = 2_000_000_000
"""A file changed less than this long ago may change again within the same clock tick
without its time moving (as git's "racily clean" files): such a file is not cached."""


def _document(
    path: str, display: str, kind: schema.Schema
) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file (cached by size and modification time). Paths are plain
    strings here: pathlib's objects cost more than the parsing of a small file."""
    try:
        status = os.stat(path)
    except OSError as error:
        return None, [_unreadable(display, error)]
    stamp = (status.st_mtime_ns, status.st_size, display, kind.key)
    cached = _PARSED.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1], list(cached[2])
    document, problems = _parse_file(path, status.st_size, display, kind)
    if time.time_ns() - status.st_mtime_ns > _SETTLED_NS:
        _PARSED.put(path, (stamp, document, tuple(problems)))
    return document, problems


def _unreadable(display: str, error: OSError) -> Problem:
    message = (
        f"Không đọc được tệp ({error.strerror}). Hãy kiểm tra tệp còn đó và mở được, "
        "hoặc xóa nó khỏi thư mục."
    )
    return Problem(display, 1, "SB100", message)


def _parse_file(
    path: str, size: int, display: str, kind: schema.Schema
) -> tuple[Document | None, list[Problem]]:
    problems: list[Problem] = []
    if size > MAX_FILE_BYTES:
        message = (
            f"Tệp nặng hơn {MAX_FILE_BYTES // 1_000_000} MB, quá lớn cho một {kind.label}. "
            "Ảnh phải là tệp riêng trong content/anh/, không dán vào bài; hãy kiểm tra lại tệp."
        )
        return None, [Problem(display, 1, "SB109", message)]
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as error:
        return None, [_unreadable(display, error)]
    text, problems = decode(raw, display)
    if text is None:
        return None, problems
    if not text.strip():
        message = (
            f"Tệp trống. Hãy viết nội dung {kind.label} theo mẫu trong README, hoặc xóa tệp này."
        )
        return None, [Problem(display, 1, "SB102", message)]
    document, problems = split(text, display)
    if document is None:
        return None, problems
    if not document.has_front_matter:
        message = (
            f"Tệp chưa có phần thông tin đầu {kind.label}. Dòng đầu tiên phải là '---', tiếp "
            "theo là các trường (title: ..., date: ...), rồi một dòng '---'."
        )
        return None, [Problem(display, 1, "SB103", message)]
    # Digesting the bytes here, while they are at hand, costs a third of digesting the
    # parsed front matter and body later (0.2 s against 0.6 s for 11,000 files).
    source_digest = file_digest(raw)
    return replace(document, source_digest=source_digest), problems


def _reject_duplicate_slugs(
    parsed: list[_Parsed], label: str, reserved: frozenset[str], content: ContentSet
) -> None:
    """Two files with one slug would publish at one URL: keep the first, flag the others."""
    first: dict[str, _Parsed] = {}
    for item in parsed:
        if item.slug in reserved:
            line = item.document.line_of("slug") if "slug" in item.values else 1
            message = (
                f"Đường dẫn '{item.slug}' trùng với một trang danh sách của trang web. "
                "Hãy đổi tên tệp hoặc thêm dòng 'slug:' khác."
            )
            content.problems.append(Problem(item.display, line, "SB115", message))
            item.valid = False
        elif item.slug in first:
            line = item.document.line_of("slug") if "slug" in item.values else 1
            content.problems.append(
                Problem(
                    item.display,
                    line,
                    "SB115",
                    f"Đường dẫn '{item.slug}' "
                    f"đã được dùng cho {label} {first[item.slug].display}. "
                    "Hãy đổi tên tệp hoặc thêm dòng 'slug:' khác.",
                )
            )
            item.valid = False
        else:
            first[item.slug] = item


def _resolve_model_refs(
    parsed: _Parsed, published: set[str], written: set[str], content: ContentSet
) -> bool:
    """Keep links to published models; a model with its own errors is skipped, not blamed here."""
    refs = parsed.values.get("models", ())
    assert isinstance(refs, tuple)
    kept = []
    for slug, line in refs:
        if slug in published:
            kept.append(slug)
        elif slug not in written:
            content.problems.append(
                Problem(
                    parsed.display,
                    line,
                    "SB114",
                    f"Không có hồ sơ mô hình "
                    f"nào có mã '{slug}'. Hãy ghi đúng mã (tên tệp trong "
                    "content/mo-hinh, bỏ đuôi .md). Các mã hiện có: "
                    + ", ".join(sorted(published))
                    + ".",
                )
            )
            parsed.valid = False
    parsed.values["models"] = tuple(kept)
    return parsed.valid


def _byline_unit(data: SiteData, values: dict[str, object]) -> str | None:
    """The publisher's name on the article's date: an article keeps the unit of its day."""
    published = values["date"]
    assert isinstance(published, datetime)
    return data.byline_unit_at(published.date())


def _build_article(
    parsed: _Parsed, layout: Layout, data: SiteData, authors: dict[str, Term]
) -> Article:
    values = parsed.values
    author = authors[str(values["author"])]
    return Article(
        src_uri=parsed.src_uri,
        slug=parsed.slug,
        title=str(values["title"]),
        date=values["date"],  # type: ignore[arg-type]
        author=author.name,
        author_term=author,
        unit=str(values.get("unit") or _byline_unit(data, values) or layout.default_unit),
        category=values["category"],  # type: ignore[arg-type]
        summary=str(values.get("summary") or lead_paragraph(parsed.document.body)),
        tags=values.get("tags", ()),  # type: ignore[arg-type]
        communes=values.get("communes", ()),  # type: ignore[arg-type]
        models=values.get("models", ()),  # type: ignore[arg-type]
        cover=values.get("cover"),  # type: ignore[arg-type]
        cover_caption=str(values.get("cover_caption", "")),
        cover_credit=str(values.get("cover_credit", "")),
        origin=_origin(values),
        draft=bool(values.get("draft", False)),
        expires=values.get("expires"),  # type: ignore[arg-type]
        source=SourceRef(parsed.display, 1),
        updated=values.get("updated"),  # type: ignore[arg-type]
        correction=str(values.get("correction", "")),
        aliases=values.get("aliases", ()),  # type: ignore[arg-type]
    )


def _origin(values: dict[str, object]) -> Origin | None:
    """The source line of a reprinted article: `source:` names it, `source_url:` links it
    (the schema keeps only http and https addresses)."""
    name = str(values.get("source", "")).strip()
    return Origin(name, str(values.get("source_url", ""))) if name else None


def _build_model(parsed: _Parsed) -> ModelProfile:
    values = parsed.values
    awards = tuple(
        Award(
            by=str(award["by"]),
            level=award["level"],
            year=award["year"],
            kind=AwardKind(award["kind"]),
            recipient=str(award.get("recipient", "")),
        )
        for award in values.get("awards", ())  # type: ignore[attr-defined]
    )
    return ModelProfile(
        src_uri=parsed.src_uri,
        slug=parsed.slug,
        title=str(values["title"]),
        organisation=values["organisation"],  # type: ignore[arg-type]
        status=values["status"],  # type: ignore[arg-type]
        summary=str(values.get("summary") or lead_paragraph(parsed.document.body)),
        fields=values["fields"],  # type: ignore[arg-type]
        levels=values["levels"],  # type: ignore[arg-type]
        communes=values.get("communes", ()),  # type: ignore[arg-type]
        district_wide=bool(values.get("district_wide", False)),
        started=values.get("started"),  # type: ignore[arg-type]
        awards=awards,
        image=values.get("image"),  # type: ignore[arg-type]
        image_caption=str(values.get("image_caption", "")),
        image_credit=str(values.get("image_credit", "")),
        draft=bool(values.get("draft", False)),
        source=SourceRef(parsed.display, 1),
        aliases=values.get("aliases", ()),  # type: ignore[arg-type]
    )


def _authors(articles: list[_Parsed], content: ContentSet) -> dict[str, Term]:
    """Each spelling of an author the articles write, resolved once (`SiteData.author`);
    and SB130 for one author written two ways that fold to one name ("Quốc Nghị", "Quoc
    Nghi"). Both reach the same author page, but the bylines differ. The right spelling is
    the list's name or one of its aliases when `authors.yml` has the author, else the
    spelling most articles use (at a tie, the one with more tone marks)."""
    files: dict[str, list[_Parsed]] = {}
    for parsed in articles:
        written = parsed.values.get("author")
        if isinstance(written, str) and written.strip():
            files.setdefault(written, []).append(parsed)
    terms = {written: content.data.author(written) for written in files}
    spellings: dict[str, list[str]] = {}
    for written, term in terms.items():
        spellings.setdefault(term.slug, []).append(written)
    for group in spellings.values():
        listed = content.data.vocabularies["authors"].find(group[0])
        if listed is not None:
            right, accepted = listed.name, {listed.name, *listed.aliases}
        elif len(group) > 1:
            right = max(group, key=lambda w: (len(files[w]), sum(not c.isascii() for c in w)))
            accepted = {right}
        else:
            continue
        for written in group:
            if written not in accepted:
                content.problems.extend(_spelling_problems(written, right, listed, files[written]))
    return terms


def _spelling_problems(
    written: str, right: str, listed: Term | None, files: list[_Parsed]
) -> list[Problem]:
    advice = (
        f", hoặc thêm '{written}' vào 'aliases' của tác giả này trong authors.yml"
        if listed is not None
        else ""
    )
    message = (
        f"Tác giả '{written}' được tính là '{right}' (hai cách viết giống nhau khi bỏ "
        f"dấu). Hãy viết thống nhất '{right}'{advice}."
    )
    return [
        Problem(parsed.display, parsed.document.line_of("author"), "SB130", message)
        for parsed in files
    ]


def _check_reported_source(content: ContentSet, written: set[str]) -> None:
    """The article the totals come from must exist (if it has errors, those are reported)."""
    reported = content.data.reported
    if reported is None or reported.source is None or reported.source_ref is None:
        return
    if reported.source not in written:
        ref = reported.source_ref
        content.problems.append(
            Problem(
                ref.path,
                ref.line,
                "SB204",
                f"Không có bài viết nào có mã "
                f"'{reported.source}' để làm nguồn số liệu. Hãy ghi mã "
                "(slug) của bài tổng kết đã đăng.",
            )
        )
