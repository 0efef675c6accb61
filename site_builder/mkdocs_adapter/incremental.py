"""Incremental builds: MkDocs renders again only the pages whose inputs changed.

MkDocs makes every page in two steps, and the page cache (`outputs/page_cache.py`) keeps
each, under a key that digests what the step read:

1. **Markdown** (`_populate_page`): the page's source becomes HTML. Its key digests the
   source and front matter, the page's address and the build key; the links its Markdown
   resolved and the images its figures measured are noted while it renders and looked up
   again at the next build.
2. **Theme** (`_build_page`): the page in its template. Its key adds what the template
   shows besides the content: the page's view, listing and share image, the navigation
   and the site-wide values. A page outside the navigation is keyed in `on_nav` (its meta
   and title follow from its source, front matter and view); a page of the navigation in
   `on_env`, with the titles and neighbours MkDocs gave it.

In `on_nav`, a page outside the navigation whose two steps are kept is then, in order of
preference:
  - **copied**: when nothing else in the build needs it but Material's search, whose
    entries for the page the cache keeps, MkDocs never sees it (`LookupRecorder` leaves it
    out of the files it walks, while links to it resolve), a process of its own has
    published it as a hard link since `on_files` began (`publish_kept`: every kept page,
    those not copied taken back in `on_env`, see `outputs/page_links.py`), and the plugin
    puts its kept entries back in the search index, where a build that made every page
    would have them (`place_search_entries`);
  - **replayed**: a `ReplayedPage` takes the place of the `Page` MkDocs made and sets the
    kept HTML, table of contents and anchors instead of parsing Markdown; every plugin
    hook still runs, and the empty template with the kept page in `on_post_page` stands
    for the theme step when that is kept too.

The build key (`build_key.py`) digests what any page may depend on: this package's files,
every installed library's version, the Python version, MkDocs' settings, the theme's own
files and the data files; what a page shows is in `page_inputs.py`. Any change to one of
them is a clean build, and so is any doubt: a missing
or unreadable cache, a page that logged a warning (so `--strict` hears it again), a
`--dirty` build.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from ..media.figures import ImageFacts, image_facts
from ..media.photos import Photo
from ..outputs.page_cache import PageCache, Rendered
from ..outputs.page_links import Linking
from ..site.digests_ahead import DigestsAhead
from ..site.fingerprints import Fingerprinter
from ..site.forked_task import ForkedTask, can_fork
from . import theme_copy
from .page_inputs import navigation_outline, navigation_titles, page_outline
from .theme_copy import PageMaker, copy_share, log_again, logged_lines

REPLAY_TEMPLATE = "sb-replay.html"
"""The template of a replayed page whose whole page is kept: it renders nothing, since the
kept HTML replaces its output in `on_post_page`, and costs nothing to render."""

LinkTarget = tuple[str, bool] | None
"""What a page's link to a file gives: the file's URL and whether it is left out of the
build, or None when there is no such file."""


class LookupRecorder(Files):
    """MkDocs' files, noting which ones the page being rendered looks up (MkDocs resolves
    every relative link of a page's Markdown with `get_file_from_path`).

    It also knows which of its files are pages: a build asks for its pages a dozen times,
    and MkDocs asked every file each time whether it is one (24,000 files at 10,000
    articles, 11,000 of them share images: 0.1-0.15 s of every build). Whether a file is
    a page depends on its source path alone, which does not change while it is in the
    collection; its inclusion can, and is read at every call."""

    def __init__(self, files: Iterable[File]) -> None:
        super().__init__(files)
        self.looked_up: dict[str, LinkTarget] | None = None
        self.left_out: set[str] = set()
        """The source paths of the pages MkDocs does not make: copied from the cache, or
        made by a forked copy of the build (`theme_copy.py`)."""
        self._sorted: tuple[list[File], list[File]] | None = None
        """The pages and the other files, each in the collection's order (None: to be
        sorted again)."""
        self._sorted_among = -1
        """How many files the collection held when they were sorted."""

    def __iter__(self) -> Iterator[File]:
        """Every file but the pages left out: MkDocs renders and writes nothing of them
        (the plugin publishes them), while links to them still resolve."""
        if not self.left_out:
            return super().__iter__()
        return (file for file in super().__iter__() if file.src_uri not in self.left_out)

    def append(self, file: File) -> None:
        self._sorted = None
        super().append(file)

    def remove(self, file: File) -> None:
        self._sorted = None
        super().remove(file)

    def documentation_pages(
        self, *, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included
    ) -> list[File]:
        """As MkDocs' own (the pages left out are not among them), from the known pages."""
        left_out = self.left_out
        levels = _levels(inclusion)
        return [
            file
            for file in self._pages_and_others()[0]
            if file.inclusion in levels and file.src_uri not in left_out
        ]

    def every_page(self, inclusion: Callable[[InclusionLevel], bool]) -> list[File]:
        """The documentation pages, the ones copied from the cache too: the preview's
        quick path may render any page again (`quick_preview.py`), and the sitemap lists
        them all."""
        levels = _levels(inclusion)
        return [file for file in self._pages_and_others()[0] if file.inclusion in levels]

    def copy_static_files(
        self,
        dirty: bool = False,
        *,
        inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
    ) -> None:
        """As MkDocs' own, over the files known not to be pages."""
        levels = _levels(inclusion)
        for file in self._pages_and_others()[1]:
            if file.inclusion in levels:
                file.copy_file(dirty)

    def _pages_and_others(self) -> tuple[list[File], list[File]]:
        """The pages and the other files, sorted again when a file was added or removed
        (by `append` and `remove`, or in the mapping `src_uris` gives, which changes its
        length)."""
        files = self.src_uris
        if self._sorted is None or self._sorted_among != len(files):
            pages: list[File] = []
            others: list[File] = []
            for file in files.values():
                (pages if file.is_documentation_page() else others).append(file)
            self._sorted, self._sorted_among = (pages, others), len(files)
        return self._sorted

    def get_file_from_path(self, path: str) -> File | None:
        file = super().get_file_from_path(path)
        if self.looked_up is not None:
            self.looked_up[path] = link_target(file)
        return file


def _levels(inclusion: Callable[[InclusionLevel], bool]) -> tuple[InclusionLevel, ...]:
    """The inclusion levels `inclusion` accepts, asked once each: a file's level is then
    found among them by identity (each level is one object), where calling `inclusion`
    for each of 13,000 pages read two enum attributes in Python each time."""
    return tuple(level for level in InclusionLevel if inclusion(level))


def every_included_page(files: Files) -> list[File]:
    """Every page the site publishes, the ones MkDocs does not make among them."""
    if isinstance(files, LookupRecorder):
        return files.every_page(InclusionLevel.is_included)
    return list(files.documentation_pages())  # MkDocs' own files leave no page out


def link_target(file: File | None) -> LinkTarget:
    return None if file is None else (file.url, file.inclusion.is_excluded())  # type: ignore[no-untyped-call]


class ReplayedPage(Page):
    """A page whose Markdown step is taken from the cache instead of rendered.

    Its table of contents is made from the kept tokens when first asked for: only search
    (for the newest articles) and a page rendered again read it, and at 10,000 articles
    making 40,000 entries nobody reads took a second."""

    def __init__(self, file: File, config: MkDocsConfig, rendered: Rendered) -> None:
        self.rendered = rendered
        self._toc: TableOfContents | None = None
        super().__init__(None, file, config)

    @property
    def toc(self) -> TableOfContents:
        if self._toc is None:
            self._toc = get_toc(self.rendered.toc)  # type: ignore[arg-type]
        return self._toc

    @toc.setter
    def toc(self, value: TableOfContents) -> None:
        self._toc = value if value else None  # Page.__init__ sets an empty one

    def render(self, config: MkDocsConfig, files: Files) -> None:
        kept = self.rendered
        self.content = kept.content
        self._toc = None
        self._title_from_render = kept.title
        self.present_anchor_ids = set(kept.anchors)
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            # As `Page.render` does: MkDocs checks these anchors after every page is made.
            self.links_to_anchors = {
                target: dict(anchors)
                for src_uri, anchors in kept.links_to_anchors.items()
                if (target := files.get_file_from_path(src_uri)) is not None
            }


class _WarningWatch(logging.Handler):
    """Notes the pages during whose steps a warning was logged: those are not kept, so
    the next build renders them again and logs the warning again."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.current: str | None = None
        self.warned: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if self.current is not None:
            self.warned.add(self.current)


@dataclass(frozen=True)
class SiteFacts:
    """What the plugin tells the page cache of the site, once the core has run."""

    content_root: Path
    photos: Mapping[str, Photo]
    in_navigation: frozenset[str]
    """The source paths of the navigation's pages (always rendered)."""
    navigation: Navigation
    """Every page shows it; its outline is taken in `on_nav`, and again in `on_env`,
    when the titles MkDocs takes from the pages' headings are known."""
    site_wide: object
    """What else every page shows: the year's theme, the publisher..."""
    markdown_inputs: Callable[[File], object]
    """What a page's Markdown step reads: its source and front matter, or what stands for
    them (see the plugin)."""
    output_inputs: Callable[[File], object]
    """What the theme shows of a page outside the navigation besides its content and
    what the digests made ahead hold (`PageReuse.shown_digest`)."""
    copying: bool
    """Whether a kept page may be copied without MkDocs making it: no plugin but search
    (whose entries the cache keeps) reads pages, and MkDocs checks no anchors."""

    def navigation_known(self) -> bool:
        """Whether every page of the navigation has its title before its Markdown is
        rendered (mkdocs.yml names them all). If not, a page outside the navigation is
        keyed in `on_env` too, and none is copied."""
        return None not in navigation_titles(navigation_outline(self.navigation))

    def shown_everywhere(self) -> object:
        return (navigation_outline(self.navigation), self.site_wide)


@dataclass
class PageReuse:
    """One build's use of the page cache; the plugin calls it from its hooks.

    A page outside the navigation is keyed in full in `on_nav`: its meta and title come
    from its source, front matter and view, which its keys hold. A page of the
    navigation is keyed in `on_env`, with its neighbours and the titles MkDocs gave it."""

    cache: PageCache
    site_dir: Path
    fingerprints: Fingerprinter = field(default_factory=Fingerprinter)
    """Given with the photos in `digest_shows_ahead`: an image's key holds its photo's
    copies."""
    facts: SiteFacts | None = None
    early: bool = False
    """Whether pages outside the navigation are keyed in `on_nav` (see SiteFacts)."""
    shared: str = ""
    render_keys: dict[str, str] = field(default_factory=dict)
    output_keys: dict[str, str] = field(default_factory=dict)
    replayed: set[str] = field(default_factory=set)
    copied: dict[str, File] = field(default_factory=dict)
    order: list[tuple[str, str]] = field(default_factory=list)
    """Every page MkDocs makes in a build that makes them all, in its order: address and
    URL (search's entries follow it)."""
    watch: _WarningWatch = field(default_factory=_WarningWatch)
    outputs_rendered: int = 0
    publishing: Linking | None = None
    """Publishes the kept pages while the build goes on (`publish_kept`)."""
    published: frozenset[str] = frozenset()
    """The addresses of the pages it publishes."""
    lost: list[str] = field(default_factory=list)
    """Copied pages whose kept file was missing when they were published."""
    shows: DigestsAhead[File] | None = None
    """What the theme shows of each page besides its content, digested ahead
    (`digest_shows_ahead`)."""
    theme_copy: ForkedTask | None = None
    """The forked copy making a share of the pages (`make_share_elsewhere`)."""
    made_by_copy: tuple[PageMaker, list[Page]] | None = None
    made_elsewhere: dict[str, list[Any]] = field(default_factory=dict)
    """The search entries of the pages the copy made, by address."""
    made_in_copy: int = 0
    """How many pages the copy made (none when it failed and the build made them)."""

    @classmethod
    def open(cls, folder: Path, build_key: str, site_dir: Path) -> PageReuse:
        """The page cache, when `on_files` begins: every page it keeps starts being
        published at once (`publish_kept`)."""
        reuse = cls(PageCache.open(folder, build_key), site_dir)
        logging.getLogger("mkdocs").addHandler(reuse.watch)
        reuse.publish_kept()
        return reuse

    def digest_shows_ahead(
        self,
        fingerprints: Fingerprinter,
        pages: Mapping[str, File],
        shows: Callable[[File], object],
        fork: bool,
    ) -> None:
        """`on_files`, as soon as the core has made what pages show: start digesting
        `shows(file)` for each of `pages` (by source path) in a copy of the build (see
        `site/digests_ahead.py`); the page keys take the digests (`shown_digest`)."""
        self.fingerprints = fingerprints
        self.shows = DigestsAhead(fingerprints, pages, shows, fork)

    def shown_digest(self, file: File) -> str:
        """The digest of what the theme shows of `file`: made ahead, or now (the page keys
        ask for it only after `digest_shows_ahead`)."""
        assert self.shows is not None
        return self.shows.digest(file.src_uri, file)

    def plan_markdown(
        self,
        files: LookupRecorder,
        config: MkDocsConfig,
        inclusion: Callable[[InclusionLevel], bool],
        facts: SiteFacts,
    ) -> None:
        """Key every page's Markdown step (`on_nav`). A page outside the navigation whose
        step is kept, with the same links and images, is either copied as it is, without
        MkDocs making it at all, when its whole page is kept too and nothing else needs
        it; or given its kept HTML by a `ReplayedPage` in place of the `Page` MkDocs made
        (one outside the navigation is referred to only by its file).

        In two passes: the first does all that needs no digest of what the theme shows
        (the Markdown keys, the links and images looked up again, the kept files found,
        the theme step's key but for those digests), while the copy of the build digests
        them (`digest_shows_ahead`); the second, which waits for its answer, completes
        the theme step's keys and decides."""
        self.cache.claim()
        self.facts = facts
        early = self.early = facts.navigation_known()
        self.shared = self.fingerprints.digest(self.cache.build_key, facts.shown_everywhere())
        kept = [
            planned
            for file in files.documentation_pages(inclusion=inclusion)
            if (planned := self._plan_kept_markdown(file, files, facts, early)) is not None
        ]
        for file, output_key_but_shown, whole_page_kept in kept:
            dest = file.dest_uri
            if early:
                output_key = self.output_keys[dest] = self._with_shown(output_key_but_shown, file)
                if whole_page_kept and self.cache.previous[dest].output == output_key:
                    self._copy(file, files, output_key)
                    continue
            rendered = self.cache.load_rendered(dest)
            if rendered is not None:
                ReplayedPage(file, config, rendered)
                self.cache.reuse_rendered(dest)

    def _plan_kept_markdown(
        self, file: File, files: LookupRecorder, facts: SiteFacts, early: bool
    ) -> tuple[File, str, bool] | None:
        """Key a page's Markdown step; when the step is kept and may be reused (a page
        outside the navigation, not a draft, whose links and images look up the same):
        the page, its theme step's key but for what it shows (`_output_key_but_shown`,
        when pages outside the navigation are keyed early), and whether the whole page
        may be copied should its theme step be kept too."""
        dest = file.dest_uri
        # Search locates a page at its `Page.url` ("" for the home page, "./" as a file).
        self.order.append((dest, file.page.url if file.page is not None else file.url))
        key = self.render_keys[dest] = self.fingerprints.digest(
            self.cache.build_key,
            file.src_uri,
            dest,
            file.url,
            file.inclusion,
            facts.markdown_inputs(file),
        )
        if file.src_uri in facts.in_navigation or file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
            # The navigation holds its page; a draft is listed by MkDocs when it makes
            # its page: both are few, and always rendered.
            return None
        entry = self.cache.entry(dest)
        if entry is None or entry.render != key or not self._inputs_hold(entry.inputs, files):
            return None
        whole_page_kept = (
            early
            and file.page is not None
            and facts.copying
            and entry.search is not None
            and self.cache.has_output(dest)
        )
        but_shown = (
            self._output_key_but_shown(file, key, _inputs_text(entry.inputs)) if early else ""
        )
        return file, but_shown, whole_page_kept

    def _copy(self, file: File, files: LookupRecorder, output_key: str) -> None:
        """Leave the page out of what MkDocs makes: its kept page is published as it is."""
        dest = file.dest_uri
        assert file.page is not None
        file.page.present_anchor_ids = set(self.cache.previous[dest].anchors)
        files.left_out.add(file.src_uri)
        self.copied[dest] = file
        self.cache.reuse_rendered(dest)
        self.cache.keep_output(dest, output_key, written=False)

    def publish_kept(self) -> None:
        """Publish every page the last build kept into the site, in a process of its own
        (see `outputs/page_links.py`), from the start of `on_files`: at 10,000 articles
        that is 13,000 folders and links, which the file system takes 0.6 to 2.4 s to
        make, while the core reads the content and the pages are keyed. MkDocs emptied the
        site's folder before `on_files`, and writes nothing into it before `on_env`;
        `settle_publishing` takes back the pages that are not copied before it does."""
        kept = self.cache.kept_outputs()
        if kept:
            self.published = frozenset(kept)
            folder = f"{self.site_dir}{os.sep}"  # a page's address is relative
            self.publishing = Linking([(page, folder + dest) for dest, page in kept.items()])

    def settle_publishing(self) -> None:
        """`on_env`, before MkDocs writes into the site: wait for the kept pages to be
        published and remove those that are not copied (changed, gone, or rendered
        again), with the folders that held only them, so that MkDocs never writes into a
        kept file and the site holds no page a clean build would not make. OSError if the
        site could not be written."""
        linking, self.publishing = self.publishing, None
        if linking is None:
            return
        missing = {
            Path(os.path.relpath(target, self.site_dir)).as_posix() for target in linking.wait()
        }
        self.lost = sorted(missing.intersection(self.copied))
        for dest in self.published.difference(self.copied, missing):
            _unpublish(self.site_dir, dest)

    def _output_key(self, file: File, render_key: str, inputs_text: str) -> str:
        """The key of the theme step of a page outside the navigation."""
        return self._with_shown(self._output_key_but_shown(file, render_key, inputs_text), file)

    def _output_key_but_shown(self, file: File, render_key: str, inputs_text: str) -> str:
        """The theme step's key without what the page shows (`shown_digest`), which it
        may have to wait for."""
        assert self.facts is not None
        return self.fingerprints.digest(
            self.shared, render_key, inputs_text, self.facts.output_inputs(file)
        )

    def _with_shown(self, output_key_but_shown: str, file: File) -> str:
        return self.fingerprints.of_digests(output_key_but_shown, self.shown_digest(file))

    def _inputs_hold(self, inputs: dict[str, Any], files: Files) -> bool:
        assert self.facts is not None
        links: dict[str, list[Any] | None] = inputs.get("links", {})
        for path, target in links.items():
            now = link_target(files.get_file_from_path(path))
            if (list(now) if now else None) != target:
                return False
        images: dict[str, str] = inputs.get("images", {})
        return all(
            self._facts_digest(image_facts(self.facts.content_root, self.facts.photos, uri))
            == digest
            for uri, digest in images.items()
        )

    def _facts_digest(self, facts: ImageFacts) -> str:
        return self.fingerprints.digest(facts)

    def begin_markdown(self, page: Page, files: Files) -> None:
        """`on_pre_page`: note the links this page's Markdown resolves."""
        self.watch.current = page.file.dest_uri
        if isinstance(files, LookupRecorder):
            files.looked_up = {}

    def end_markdown(self, page: Page, files: Files, images_read: Mapping[str, ImageFacts]) -> None:
        """`on_page_content`: keep the Markdown step of a page rendered without warnings."""
        dest = page.file.dest_uri
        links = files.looked_up if isinstance(files, LookupRecorder) else None
        if isinstance(files, LookupRecorder):
            files.looked_up = None
        self.watch.current = None
        if isinstance(page, ReplayedPage) or links is None or dest in self.watch.warned:
            return
        inputs = {
            "links": {path: list(target) if target else None for path, target in links.items()},
            "images": {uri: self._facts_digest(facts) for uri, facts in images_read.items()},
        }
        rendered = Rendered(
            content=page.content or "",
            toc=_toc_tokens(page.toc),
            title=page._title_from_render,
            anchors=sorted(page.present_anchor_ids or ()),
            links_to_anchors={
                target.src_uri: dict(anchors)
                for target, anchors in (page.links_to_anchors or {}).items()
            },
        )
        key = self.render_keys.get(dest, "")
        self.cache.keep_rendered(dest, key, inputs, rendered)
        if (
            self.early
            and self.facts is not None
            and page.file.src_uri not in self.facts.in_navigation
        ):
            self.output_keys[dest] = self._output_key(page.file, key, _inputs_text(inputs))

    def plan_outputs(self, pages: Iterable[Page], page_inputs: Callable[[Page], object]) -> None:
        """Key the theme step of the navigation's pages (`on_env`, when every title is
        known), and give each page whose whole page is kept the empty template: its HTML
        comes from the cache (`end_output`)."""
        assert self.facts is not None
        self.shared = self.fingerprints.digest(self.cache.build_key, self.facts.shown_everywhere())
        for page in pages:
            dest = page.file.dest_uri
            kept = self.cache.current.get(dest)
            if kept is None:
                continue  # its Markdown step is not kept: neither will the page be
            key = self.output_keys.get(dest)
            if key is None:
                key = self.output_keys[dest] = self.fingerprints.digest(
                    self.shared,
                    kept.render,
                    _inputs_text(kept.inputs),
                    page_outline(page),
                    page_inputs(page),
                )
            entry = self.cache.entry(dest)
            if entry is not None and entry.output == key and self.cache.has_output(dest):
                page.meta["template"] = REPLAY_TEMPLATE
                self.replayed.add(dest)

    def make_share_elsewhere(self, files: LookupRecorder, maker: PageMaker, fork: bool) -> None:
        """`on_env`, last: fork a copy of the build that makes a share of the pages outside
        the navigation that are to be put in the theme (see `theme_copy.py`); MkDocs
        leaves them out."""
        assert self.facts is not None
        if not (fork and self.facts.copying and can_fork()):
            return
        pages = [
            file.page
            for file in files.documentation_pages()
            if file.page is not None
            and file.src_uri not in self.facts.in_navigation
            and file.dest_uri not in self.replayed
        ]
        if len(pages) < theme_copy.LEAST_PAGES:
            return
        share = copy_share(pages)
        for page in share:
            files.left_out.add(page.file.src_uri)
        maker.doc_files = files.documentation_pages()
        copy = ForkedTask(lambda: self._make_in_copy(maker, share), "pages")
        if not copy.started:
            files.left_out.difference_update(page.file.src_uri for page in share)
            return
        self.theme_copy, self.made_by_copy = copy, (maker, share)

    def _make_in_copy(self, maker: PageMaker, pages: list[Page]) -> object:
        """In the copy: make the pages, link them into the cache; what the build needs."""
        with logged_lines([self.watch]) as lines:
            before = self.outputs_rendered
            entries = maker.make(pages)
            kept = self.cache.link_written(self.site_dir)
        return {
            "entries": entries,
            "kept": kept,
            "lines": lines,
            "rendered": self.outputs_rendered - before,
        }

    def take_share_made_elsewhere(self) -> None:
        """`on_post_build`: the copy's answer; without one, the build makes the copy's
        pages itself, as the copy would have."""
        copy, self.theme_copy = self.theme_copy, None
        if copy is None or self.made_by_copy is None:
            return
        maker, pages = self.made_by_copy
        answer = copy.answer()
        if not _well_formed(answer):
            self.made_elsewhere = maker.make(pages)
            return
        assert isinstance(answer, dict)
        log_again(answer["lines"])
        self.made_elsewhere = answer["entries"]
        self.outputs_rendered += answer["rendered"]
        self.made_in_copy = answer["rendered"]
        kept: dict[str, tuple[str, list[int]]] = answer["kept"]
        for page in pages:
            dest = page.file.dest_uri
            if dest in kept:
                self.cache.adopt_output(dest, *kept[dest])
            else:  # it logged a warning, or MkDocs wrote nothing
                self.cache.forget(dest)

    def begin_output(self, page: Page) -> None:
        self.watch.current = page.file.dest_uri

    def end_output(self, page: Page, output: str) -> str:
        """`on_post_page`, last: the page's HTML from the cache, or kept for the next build."""
        dest = page.file.dest_uri
        self.watch.current = None
        key = self.output_keys.get(dest)
        if dest in self.replayed:
            html = self.cache.load_output(dest)
            if html is None:
                raise CacheLost(dest)
            self.cache.keep_output(dest, key or "", written=False)
            return html
        self.outputs_rendered += 1
        if dest in self.watch.warned:
            self.cache.forget(dest)
        elif key is not None:
            self.cache.keep_output(dest, key, written=True)
        return output

    def place_search_entries(self, docs: list[Any]) -> list[Any]:
        """`on_post_build`: Material's search entries, for the pages it read in this build,
        with the kept entries of the pages copied, in the order a build that made every
        page writes them (MkDocs' order of its pages). The entries of each page Material
        read are kept for the next build.

        Material writes a page's entries one after the other, each at the page's URL or
        at one of its anchors. Should its index ever not follow the pages so, no page's
        entries are kept (and no page is copied for them again)."""
        placed: list[Any] = []
        position = 0
        read: list[tuple[str, list[Any]]] = []
        for dest, url in self.order:
            if dest in self.copied:
                kept = self.cache.current[dest].search
                assert kept is not None  # a page is copied only with its kept entries
                placed.extend(kept)
                continue
            made = self.made_elsewhere.get(dest)
            if made is not None:
                placed.extend(made)
                read.append((dest, made))
                continue
            start = position
            while position < len(docs) and _located_at(docs[position], url):
                position += 1
            read.append((dest, docs[start:position]))
            placed.extend(docs[start:position])
        if position != len(docs):
            if self.copied or self.made_elsewhere:
                raise SearchOrderLost(docs[position].get("location", ""))
            return docs
        for dest, entries in read:
            if (entry := self.cache.current.get(dest)) is not None:
                entry.search = entries
        return placed

    def finish(self) -> None:
        """`on_post_build`: the copied pages were published whole, and the cache is
        written for the next build."""
        self.settle_publishing()
        if self.lost:
            raise CacheLost(self.lost[0])
        for dest in self.watch.warned:
            self.cache.forget(dest)
        self.cache.save(self.site_dir)
        self.close()

    def close(self) -> None:
        if self.shows is not None:
            self.shows.close()
        if self.theme_copy is not None:
            self.theme_copy.close()
        if self.publishing is not None:  # a failed build: nothing may write into its site
            self.publishing.wait_quietly()
            self.publishing = None
        logging.getLogger("mkdocs").removeHandler(self.watch)
        self.cache.close()


def _well_formed(answer: object) -> bool:
    """Whether the copy's answer has what the build takes from it."""
    return (
        isinstance(answer, dict)
        and isinstance(answer.get("entries"), dict)
        and isinstance(answer.get("kept"), dict)
        and isinstance(answer.get("lines"), list)
        and isinstance(answer.get("rendered"), int)
    )


def _inputs_text(inputs: dict[str, Any]) -> str:
    """What a page's Markdown step looked up (JSON's own values, read back from the
    manifest or just noted), in one canonical text: JSON's encoder writes 13,000 of them
    in C, where the fingerprints' would sort and encode each dict in Python; and most
    pages (every listing) look up nothing, whose text is written once."""
    if inputs == _NOTHING_LOOKED_UP:
        return _NOTHING_LOOKED_UP_TEXT
    return json.dumps(inputs, sort_keys=True, ensure_ascii=False)


_NOTHING_LOOKED_UP: dict[str, Any] = {"links": {}, "images": {}}
_NOTHING_LOOKED_UP_TEXT = json.dumps(_NOTHING_LOOKED_UP, sort_keys=True, ensure_ascii=False)


def _unpublish(site_dir: Path, dest: str) -> None:
    """Remove a page published from the cache, and the folders it leaves empty."""
    root = os.path.normpath(site_dir)
    target = os.path.join(root, dest)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    folder = os.path.dirname(target)
    while folder != root and folder.startswith(root):
        try:
            os.rmdir(folder)
        except OSError:  # not empty (or already gone): its parents are not empty either
            return
        folder = os.path.dirname(folder)


class CacheLost(Exception):
    """A page's kept HTML went missing during the build (the cache was removed meanwhile)."""


class SearchOrderLost(Exception):
    """Material's search index did not follow MkDocs' pages, so the kept entries of the
    copied pages have no certain place in it (the entry named is the first out of place)."""


def _located_at(doc: object, url: str) -> bool:
    """Whether a search entry is of the page at `url`: at the page or one of its anchors."""
    location = doc.get("location") if isinstance(doc, dict) else None
    return isinstance(location, str) and (location == url or location.startswith(url + "#"))


def _toc_tokens(toc: TableOfContents) -> list[dict[str, Any]]:
    """The table of contents as the tokens `get_toc` makes it from again."""

    def token(link: AnchorLink) -> dict[str, Any]:
        return {
            "name": link.title,
            "id": link.id,
            "level": link.level,
            "children": [token(child) for child in link.children],
        }

    return [token(link) for link in toc]
