"""The MkDocs adapter: turns MkDocs events into calls to the core, and nothing more."""

from __future__ import annotations

import gc
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import mkdocs
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..content.entities import Article
from ..content.file_digests import FileDigests
from ..content.loader import ContentSet, FileReading, Layout, load_content
from ..content.reading_store import ReadingStore
from ..media.cache_pruning import prune_photo_cache
from ..media.figures import FigureExtension, PageContext
from ..media.photos import PhotoSet
from ..media.share_images import ShareImageSet
from ..outputs.crawlers import sitemap_xml
from ..outputs.page_context import (
    PageContexts,
    template_filters,
    template_globals,
    template_tests,
)
from ..outputs.page_links import Linking
from ..outputs.search_index import SearchPlan, full_text_sources, merge_into, plan_search
from ..outputs.site_files import SiteSettings, planned_outputs
from ..outputs.structured_data import Publisher
from ..site import urls
from ..site.fingerprints import Fingerprinter
from ..site.index import SiteIndex, build_site_index
from ..site.listings import (
    Listing,
    PageSizes,
    build_listings,
    publisher_pages,
)
from ..site.publishing import now_in_vietnam
from ..site.showing import site_after_save
from ..site.taxonomies import RESERVED_SLUGS
from ..site.views import ArticleView
from ..text.vietnamese import (
    nfc,
)
from .build_key import build_key
from .config import SiteBuilderConfig
from .fragments import reach_base_theme, shared_partial_renderer, translation_memo
from .incremental import (
    REPLAY_TEMPLATE,
    CacheLost,
    LookupRecorder,
    PageReuse,
    SearchOrderLost,
    SiteFacts,
    every_included_page,
)
from .long_lived import LongLivedObjects, freeze_at_exit
from .menu import add_to_menu
from .page_inputs import PageInputs, page_ref
from .pages_ahead import make_pages_ahead
from .preview import PollingPause, PreviewFolder
from .published_files import (
    OutputFiles,
    add_listings,
    add_photos,
    add_redirects,
    add_saved_share_images,
    add_share_images,
    link_kept_files,
    markdown_source,
    page_url,
    publish_entities,
)
from .quick_preview import (
    CatchUpBuild,
    LastBuild,
    QuickPreview,
    Stamps,
    take_stamps,
    watched_roots,
)
from .reporting import fail_if_strict_and_unheard, report_problems, unwritable
from .site_identity import name_after_publisher, theme_logo
from .theme_copy import PageMaker, search_entries
from .watcher import read_mounts, use_notified_watcher

log = get_plugin_logger(__name__)

# Front-matter values that Material writes into the page unescaped.
_ESCAPED_META = ("title", "description", "author")

NO_CACHE_VARIABLE = "SITE_BUILDER_NO_CACHE"
"""Set (to anything but "" or "0"), every build renders every page: see `incremental`."""
PLUGINS_THAT_ALLOW_COPYING = frozenset({"search", "material/search", "site-builder"})
"""The plugins whose use of a page is known: any other may read a page during the build,
so with it every page goes through MkDocs (the cache still spares it the rendering)."""


class SiteBuilderPlugin(BasePlugin[SiteBuilderConfig]):
    """Checks the content once per build, publishes what passes, and adds the listings."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.figures = FigureExtension()
        self.site_description = ""
        """The site's description as `mkdocs.yml` gives it (`on_config`, before each build)."""
        self.serving = False
        self.dirty = False
        self.preview = PreviewFolder()
        self.polling = PollingPause()
        self.long_lived = LongLivedObjects()
        self.reuse: PageReuse | None = None
        self.quick: QuickPreview | None = None
        """The preview's quick path (`mkdocs serve` only, see quick_preview.py)."""
        self.last_build: LastBuild | None = None
        self.stamps: Stamps = {}
        self.linking: Linking | None = None
        """Publishes the photo copies and share images while the build goes on."""
        self.started_ns = 0
        """When the build began (`on_pre_build`): the photo cache keeps what changed since."""
        self.build_key: str | None = None
        """The page cache's key of this build, once made (`_cache_key`)."""
        self.digests: FileDigests | None = None
        """The content files' digests, taken by a process of its own from `on_pre_build`
        on, for the kept readings (`_readings`)."""
        self.outputs = OutputFiles()
        """Open data, feeds and the editor's files, written by a forked copy of the build."""
        self._forget_last_build()

    def _forget_last_build(self) -> None:
        """What one build makes from `on_files` on, and the next one makes again."""
        self.content: ContentSet | None = None
        self.index: SiteIndex | None = None
        self.listings: dict[str, Listing] = {}
        self.search = SearchPlan(frozenset(), ())
        self.photos = PhotoSet({}, {}, [])
        self.share = ShareImageSet()
        self.nav: Navigation | None = None
        self.publisher = Publisher("", "")
        self.contexts: PageContexts | None = None
        self.inputs: PageInputs | None = None
        """What each page is made from, for the page cache's keys (with the cache only)."""
        self.files: Files | None = None
        self.env: Environment | None = None
        self.sitemap = Markup("")
        self.site_name = ""
        self.last_build = None
        self.readings: ReadingStore[FileReading] | None = None
        self._stop_digesting()
        self._stop_linking()  # a build stopped before its end
        self.outputs.stop()
        if self.reuse is not None:
            self.reuse.close()  # a build that ended without its last hooks
        self.reuse = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        freeze_at_exit()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Every build starts from nothing the build before made. In `mkdocs serve` the
        plugin lives from one save to the next, and that site is freed before the new one
        is made, so that the preview never holds two. MkDocs' pages, navigation and
        Markdown instances refer to each other, so only Python's collector frees them, and
        loading files what it made as long-lived (`content.loader.gc_paused`), which
        makes full collections rare: without one per save, the preview of 1,000 articles
        grew from 99 to 164 MiB over twelve saves. It costs about 0.1 s a save at 1,000
        articles and 0.3 to 0.4 s at 10,000 (py-spy, in a save of the preview)."""
        self.long_lived.release()  # a build stopped before its last hook froze them
        self.long_lived.begin()
        self._forget_last_build()
        self.build_key = None
        self.started_ns = time.time_ns()
        if not self.serving:
            if self._keeps_readings():
                self.digests = FileDigests(self._layout(config).content_root)
            return
        self.polling.begin()
        gc.collect()
        if not self.dirty:
            self.preview.empty(Path(config.site_dir))
        if self._quick_preview_allowed():
            self.stamps = take_stamps(watched_roots(config))

    def _quick_preview_allowed(self) -> bool:
        """The preview's quick path is a cache of the build before: off with the cache."""
        return self.serving and self._incremental()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer:
        if not self.config.watch_by_polling and use_notified_watcher(
            server, config.watch, read_mounts()
        ):
            log.info("Xem trước: tệp vừa lưu được biết ngay (inotify), không cần dò thư mục.")
        else:
            self.polling.watch(server.observer)
        if self._quick_preview_allowed():
            catch_up = CatchUpBuild(config, self.preview)
            self.quick = QuickPreview(server, builder, self._quick_save, catch_up)
            server.builder = self.quick.build
        return server

    def on_shutdown(self) -> None:
        self.polling.end()
        if self.quick is not None:
            self.quick.close()

    def _quick_save(self) -> bool:
        """Show a save that only edited articles or profiles without a full build (see
        quick_preview.py); False, having changed nothing, for any other save."""
        last = self.last_build
        if last is None or self.content is None:
            return False
        stamps = take_stamps(watched_roots(last.config))
        saved = last.saved_pages(stamps)
        if not saved or not saved <= self.content.documents.keys():
            return False
        self.polling.begin()
        try:
            shown = self._show_saved(last, saved)
        finally:
            self.polling.end()
        if shown:
            last.stamps = stamps
        return shown

    def _show_saved(self, last: LastBuild, saved: set[str]) -> bool:
        """Read the saved files again, index the site again and render the pages that show
        them, unless the save added, moved or left out a page."""
        assert self.content is not None and self.index is not None
        config = last.config
        before = (self.content, self.index, self.listings)
        after = site_after_save(
            self._layout(config), before, saved, self._page_sizes(), now_in_vietnam()
        )
        if after is None:
            return False
        content, index, listings, shown = after.content, after.index, after.listings, after.shown
        self.content, self.index, self.listings = content, index, listings
        self.share = add_saved_share_images(
            config, index, saved, self.site_name, self.photos, self.share, self._photo_cache(config)
        )
        self.search = SearchPlan(full_text_sources(index, self.config.search_full_text), ())
        self.contexts = PageContexts(
            index, listings, self.publisher, self.photos.photos, self.share.images
        )
        last.env.globals.update(template_globals(index, self.photos.photos))
        report_problems(content)
        pages = []
        for src_uri in sorted(shown.entities):
            file = last.files.get_file_from_path(src_uri)
            if file is not None and src_uri in saved:
                file.content_string = markdown_source(content.documents[src_uri])
            pages += [file] if file is not None else []
        rendered = last.render([*pages, *last.pages_at(map(page_url, shown.listings))])
        log.info(f"Xem trước nhanh: {rendered} trang dựng lại; các trang khác đang dựng ở nền.")
        return True

    def _page_sizes(self) -> PageSizes:
        return PageSizes(self.config.page_size, self.config.compact_page_size)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.page_size < 1 or self.config.compact_page_size < 1:
            raise PluginError("site-builder: page_size and compact_page_size must be at least 1")
        config.markdown_extensions.append(self.figures)  # type: ignore[arg-type]
        # Material prints `site_description` as it is (the 404 page has no page of its own
        # to carry an escaped copy): the theme gets it escaped, the JSON-LD the plain text.
        self.site_description = nfc(str(config.site_description or ""))
        if config.site_description:
            config.site_description = escape(self.site_description)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        layout = self._layout(config)
        if self._incremental():
            self.reuse = PageReuse.open(
                self._config_dir(config) / self.config.page_cache / self._cache_mode(),
                self._cache_key(config),
                Path(config.site_dir),
            )
        self.readings = self._readings(config)
        self.content = content = load_content(layout, RESERVED_SLUGS, store=self.readings)
        self._stop_digesting()
        report_problems(content)
        now = now_in_vietnam()
        site_name = name_after_publisher(config, content.data, now.date()) or config.site_name
        self.index = index = build_site_index(content, now=now, include_unpublished=self.serving)
        self.listings = build_listings(index, self._page_sizes())
        self.site_name = site_name
        self.long_lived.freeze()  # the content, its index and listings: see long_lived.py
        publish_entities(files, content, now, layout.data_dir)
        add_listings(files, config, self.listings.values())
        self.publisher = Publisher(
            site_name, config.site_url or "", self.site_description, theme_logo(config)
        )
        # The search plan walks every view: made before the copy below is forked, it does
        # not pay for copying the pages of memory it writes (see site/digests_ahead.py).
        bodies = {uri: document.body for uri, document in content.documents.items()}
        self.search = plan_search(index, bodies, self.config.search_full_text)
        photo_cache = self._photo_cache(config)
        self.photos, photo_problems = add_photos(files, config, layout, photo_cache)
        self.contexts = PageContexts(index, self.listings, self.publisher, self.photos.photos)
        if self.reuse is not None:  # what pages show is made: digested while the rest is
            self.inputs = PageInputs(content, self.contexts, self.search.full_text)
            self.reuse.digest_shows_ahead(
                Fingerprinter(self.photos.photos.get),
                {file.src_uri: file for file in files.documentation_pages()},
                self.inputs.shown,
                fork=not self.serving,
            )
        # What follows is none of what the copy digests, so it is made after the fork and
        # the copy starts that much sooner: its answer is the longest wait of a build that
        # changed one article. The share images (0.5-0.7 s at 10,000 articles) are keyed
        # apart; the pages made ahead cost no more here (0.28-0.38 s, 0.21-0.36 s before).
        self.share = add_share_images(files, config, index, site_name, self.photos, photo_cache)
        self.contexts.give_share_images(self.share.images)
        make_pages_ahead(files, config)
        address_problems = add_redirects(files, config, index, site_name)
        settings = SiteSettings(
            site_name, config.site_url or "", self.config.cms_repo, self.config.cms_branch
        )
        self.outputs.add(
            files,
            config,
            planned_outputs(index, content, layout, settings, self.photos),
            fork=self._incremental() and not self.serving,
        )
        problems = [*content.problems, *address_problems, *photo_problems]
        fail_if_strict_and_unheard(config, problems)
        self.long_lived.freeze()
        if not self.dirty:
            self.linking = link_kept_files(files)
        return LookupRecorder(files) if self._incremental() else files

    def _incremental(self) -> bool:
        """Whether this build may take unchanged pages from the page cache: not when the
        option or the environment turns it off, nor in MkDocs' own `--dirty` mode (which
        skips pages by their files' times, so their steps could not be noted)."""
        disabled = os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0")
        return self.config.incremental and not disabled and not self.dirty

    def _photo_cache(self, config: MkDocsConfig) -> Path:
        return self._config_dir(config) / self.config.photo_cache

    @staticmethod
    def _config_dir(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _report_reuse(self) -> None:
        assert self.reuse is not None
        cache = self.reuse.cache
        why = f" (dựng toàn bộ: {cache.why_not})" if cache.why_not else ""
        kept = len(self.reuse.replayed) + len(self.reuse.copied)
        read = ""
        if self.readings is not None and self.content is not None:
            checked = self.content.files_checked
            read = f"; {checked - self.readings.taken} trong {checked} tệp nội dung đọc lại"
        in_copy = self.reuse.made_in_copy
        alongside = (
            f"; {in_copy} trang dựng song song, trong một bản sao của tiến trình" if in_copy else ""
        )
        log.info(
            f"Bộ nhớ đệm trang: {self.reuse.outputs_rendered} trang dựng lại, "
            f"{kept} trang lấy từ bộ nhớ đệm{why}{read}{alongside}."
        )

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Describe entity pages by their summary; escape what Material prints raw."""
        document = self.content.documents.get(page.file.src_uri) if self.content else None
        if document is not None:
            page.meta.update((k, v) for k, v in document.data.items() if isinstance(k, str))
        view = self.index.by_source.get(page.file.src_uri) if self.index else None
        # MkDocs makes each page's Markdown instance inside `Page.render`, from the config's
        # extension objects, and tells an extension nothing of the page: the page the figures
        # are for is set here, just before that render, and cleared after it
        # (`on_page_content`), so no page can be rendered with another page's context.
        self.figures.page = PageContext(
            Path(config.docs_dir),
            page.file.src_uri,
            mark_lead=isinstance(view, ArticleView),
            page_url=page.url,
            photos=self.photos.photos,
            has_cover=view is not None and view.picture is not None,
        )
        if view is not None:
            entity = view.article if isinstance(view, ArticleView) else view.model
            page.meta["title"] = entity.title
            page.meta["description"] = entity.summary
            if isinstance(entity, Article):
                page.meta["author"] = entity.byline
        if self._searched_by_entry(page.file.src_uri):
            page.meta["search"] = {"exclude": True}
        for key in _ESCAPED_META:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(nfc(page.meta[key]))
        if not page.meta.get("description") and config.site_description:
            # Material falls back to `site_description` as it is, quotes and all.
            page.meta["description"] = escape(nfc(config.site_description))
        if document is not None:
            return markdown  # the core's body, normalised when it was read
        return nfc(markdown)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        if self.reuse is not None:
            self.reuse.begin_markdown(page, files)
        return page

    @event_priority(100)  # first: the page cache keeps the HTML as Markdown made it
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.reuse is not None:
            images = self.figures.page.images_read if self.figures.page else {}
            self.reuse.end_markdown(page, files, images)
        self.figures.page = None
        return html

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.index is not None
        add_to_menu(
            nav,
            files,
            (
                (page.title, urls.source_path(page.url))
                for page in publisher_pages(self.index.publisher)
                if page.in_menu
            ),
        )
        self.nav = nav
        self.files = files
        # Every page has its address by now. Made here, the sitemap is made while the
        # digests' copy works, before the page cache's plan first waits for it.
        self.sitemap = self._sitemap(files)
        if self.reuse is not None and isinstance(files, LookupRecorder):
            self._plan_page_cache(config, files, nav)
        return nav

    def _cache_mode(self) -> str:
        """One cache per generator and kind of build: ProperDocs names itself in every page,
        and the preview shows drafts; neither may throw away the published site's cache."""
        return f"{mkdocs.__name__}-{'serve' if self.serving else 'build'}"

    def _cache_key(self, config: MkDocsConfig) -> str:
        """The build key (`build_key.py`), made once per build."""
        if self.build_key is None:
            layout = self._layout(config)
            data_root = layout.content_root / layout.data_dir
            data_files = [path for path in data_root.rglob("*") if path.is_file()]
            self.build_key = build_key(config, self._cache_mode(), data_files)
        return self.build_key

    def _keeps_readings(self) -> bool:
        """Whether this build reads and writes the kept readings: `mkdocs build` with the
        page cache on. Not the preview: it keeps its last load in memory, and writing the
        store at every save would cost more than it saves."""
        return not self.serving and self._incremental()

    def _readings(self, config: MkDocsConfig) -> ReadingStore[FileReading] | None:
        """The readings of the build before (see `content/reading_store.py`), when this
        build keeps them."""
        if not self._keeps_readings():
            return None
        folder = self._config_dir(config) / self.config.page_cache
        return ReadingStore(
            folder / f"{self._cache_mode()}.readings",
            self._cache_key(config),
            self.digests.get if self.digests is not None else None,
        )

    def _plan_page_cache(
        self, config: MkDocsConfig, files: LookupRecorder, nav: Navigation
    ) -> None:
        """Key every page's Markdown step and give the unchanged ones their kept HTML."""
        assert self.index is not None and self.reuse is not None and self.inputs is not None
        layout = self._layout(config)
        photos = self.photos.photos
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        index = self.index
        facts = SiteFacts(
            content_root=layout.content_root,
            photos=photos,
            in_navigation=frozenset(page.file.src_uri for page in nav.pages),
            navigation=nav,
            site_wide=(
                index.theme,
                self.publisher,
                urls.BOUNDARIES if index.boundary_changes else None,
            ),
            markdown_inputs=self.inputs.markdown,
            output_inputs=self.inputs.theme_outside_navigation,
            copying=_pages_may_be_copied(config),
        )
        self.reuse.plan_markdown(files, config, inclusion, facts)

    def _searched_by_entry(self, src_uri: str) -> bool:
        """Whether a page is an older article, searched by its short entry (see
        outputs/search_index.py), so that Material neither parses its HTML nor puts its
        whole text in the index."""
        assert self.index is not None
        view = self.index.by_source.get(src_uri)
        return isinstance(view, ArticleView) and src_uri not in self.search.full_text

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Template globals and Vietnamese date filters."""
        assert self.index is not None and self.nav is not None
        try:
            self.outputs.take(config)
        except OSError as error:
            raise unwritable(error) from None
        reach_base_theme(env, config.theme.dirs, config.theme.custom_dir)
        # Material's pages include some forty templates each, every include a look-up in
        # Jinja's template cache: its default keeps the 400 last used, in Python, under a
        # lock (0.14 s of a build at 1,000 articles). The theme has some seventy, never
        # reloaded during a build: a plain dict keeps them all.
        env.cache = {}
        self.env = env
        env.globals["sb_shared"] = shared_partial_renderer(
            env, self.nav, config.extra.get("homepage"), self.config.shared_theme_partials
        )
        env.globals["sb_translations"] = translation_memo(self.config.shared_theme_partials)
        env.filters.update(template_filters(config.site_url or ""))
        env.globals.update(template_globals(self.index, self.photos.photos))
        env.tests.update(template_tests())
        if self.reuse is not None:
            assert self.inputs is not None
            try:
                self.reuse.settle_publishing()
            except OSError as error:
                raise unwritable(error) from None
            env.loader = ChoiceLoader([DictLoader({REPLAY_TEMPLATE: ""}), env.loader])  # type: ignore[list-item]
            # Compiling Material's templates takes about a second of every build; Jinja
            # keeps the compiled code and checks it against each template's source (and the
            # folder goes with the page cache whenever the build key changes).
            templates = self.reuse.cache.folder / "templates"
            templates.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(templates))
            self.reuse.plan_outputs(
                (file.page for file in files.documentation_pages() if file.page is not None),
                self.inputs.theme_in_navigation,
            )
        sitemap = self.sitemap
        env.globals["sb_sitemap"] = lambda: sitemap
        entries = search_entries(config)
        if self.reuse is not None and entries is not None:
            # Last: a forked copy of the build makes a share of the pages (theme_copy.py).
            assert isinstance(files, LookupRecorder)
            maker = PageMaker(config, files, self.nav, env, entries)
            self.reuse.make_share_elsewhere(files, maker, fork=not self.serving)
        return env

    def _sitemap(self, files: Files) -> Markup:
        """`sitemap.xml` (the template prints it): each page's address and the day its
        content last changed. Made here rather than by a loop in the template: at 10,000
        articles the sitemap's template took 0.40-0.51 s of a build, this 0.12 s. It
        lists every page, the ones copied from the page cache or made by a forked copy
        among them (MkDocs' `pages` leaves those out, as it does not make them)."""
        assert self.contexts is not None
        last_modified = self.contexts.last_modified
        entries = (
            (address, last_modified(file.src_uri, page.url))
            for file in every_included_page(files)
            if (page := file.page) is not None and (address := page.canonical_url or page.abs_url)
        )
        return Markup(sitemap_xml(entries))

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.index is not None
        if self.reuse is not None:
            self.reuse.begin_output(page)
            if page.file.dest_uri in self.reuse.replayed:
                return context  # its kept HTML replaces the empty template's output
        assert self.contexts is not None
        ref = page_ref(page)
        context["sb_view"] = self.contexts.view(ref.src_uri)  # type: ignore[typeddict-unknown-key]
        context["sb_listing"] = self.contexts.listing(ref.url)  # type: ignore[typeddict-unknown-key]
        context["sb_structured_data"] = Markup(self.contexts.structured_data(ref))  # type: ignore[typeddict-unknown-key]
        context["sb_dublin_core"] = self.contexts.dublin_core(ref)  # type: ignore[typeddict-unknown-key]
        context["sb_share_image"] = self.contexts.share_image(ref.src_uri)  # type: ignore[typeddict-unknown-key]
        return context

    @event_priority(-100)  # last: the page as every plugin left it, or as it was kept
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.reuse is None:
            return output
        try:
            return self.reuse.end_output(page, output)
        except CacheLost as lost:
            raise PluginError(
                f"site-builder: bộ nhớ đệm của trang {lost} đã bị xóa trong lúc dựng; "
                "hãy dựng lại (lần sau sẽ dựng toàn bộ)."
            ) from None

    def on_build_error(self, *, error: Exception) -> None:
        self.long_lived.release()
        self.polling.end()
        self._stop_linking()
        self._stop_digesting()
        self.outputs.stop()
        if self.reuse is not None:
            self.reuse.close()  # no manifest is written: the next build is a clean one
            self.reuse = None

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            self._end_build(config)
        except OSError as error:  # writing into the site or the caches
            raise unwritable(error) from None
        finally:
            self.long_lived.release()
            self.polling.end()

    def _end_build(self, config: MkDocsConfig) -> None:
        """Publish the pages copied from the page cache and keep this build's; prune the
        photo cache; give Material's search index the copied pages' and the archive's
        entries."""
        lost = self._linked()
        if lost:
            dest = Path(os.path.relpath(lost[0], config.site_dir)).as_posix()
            raise PluginError(
                f"site-builder: bản giữ sẵn của ảnh '{dest}' trong bộ nhớ đệm ảnh đã bị xóa "
                "trong lúc dựng; hãy dựng lại."
            )
        path = Path(config.site_dir) / "search" / "search_index.json"
        material_index = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        if self.reuse is not None:
            docs = [doc for doc in material_index.get("docs", []) if isinstance(doc, dict)]
            material_index["docs"] = self._finish_reuse(config, docs)
        if not self.serving:
            self._prune_photo_cache(config)
        elif self._quick_preview_allowed():
            assert self.files is not None and self.nav is not None and self.env is not None
            self.last_build = LastBuild(config, self.files, self.nav, self.env, self.stamps)
        if not path.is_file():
            return
        merged = merge_into(material_index, self.search)
        path.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), "utf-8")

    def _linked(self) -> list[str]:
        """Wait for the photo copies and share images to be published (`link_kept_files`);
        the ones whose kept file was missing. OSError if they could not be published."""
        linking, self.linking = self.linking, None
        return linking.wait() if linking is not None else []

    def _stop_digesting(self) -> None:
        """Reap the process digesting the content files (its answer read or not)."""
        if self.digests is not None:
            self.digests.close()
        self.digests = None

    def _stop_linking(self) -> None:
        """A build that failed: wait for its publishing process, whatever it says."""
        if self.linking is not None:
            self.linking.wait_quietly()
            self.linking = None

    def _finish_reuse(self, config: MkDocsConfig, docs: list[dict[str, object]]) -> list[object]:
        """Publish the pages copied from the page cache, put their search entries back and
        write the cache for the next build; Material's entries, with the copied pages'."""
        assert self.reuse is not None
        try:
            self.reuse.take_share_made_elsewhere()
            placed = self.reuse.place_search_entries(docs)
            self.reuse.finish()
        except CacheLost as lost:
            raise PluginError(
                f"site-builder: bộ nhớ đệm của trang {lost} đã bị xóa trong lúc dựng; "
                "hãy dựng lại (lần sau sẽ dựng toàn bộ)."
            ) from None
        except SearchOrderLost as lost:
            raise PluginError(
                "site-builder: chỉ mục tìm kiếm của Material không theo thứ tự các trang "
                f"(từ mục '{lost}'), nên không đặt lại được mục của các trang lấy từ bộ nhớ "
                "đệm; hãy dựng lại (lần sau sẽ dựng toàn bộ)."
            ) from None
        self._report_reuse()
        self.reuse = None
        return placed

    def _prune_photo_cache(self, config: MkDocsConfig) -> None:
        """Drop from the photo cache the copies and share images this build did not publish
        (see media/cache_pruning.py); never in the preview, which shows drafts."""
        removed = prune_photo_cache(
            self._photo_cache(config), self.photos, self.share, self.started_ns
        )
        if removed:
            log.info(f"Bộ nhớ đệm ảnh: xóa {removed} bản sao ảnh và ảnh chia sẻ không còn dùng.")

    def _layout(self, config: MkDocsConfig) -> Layout:
        return Layout(
            content_root=Path(config.docs_dir),
            articles_dir=self.config.articles_dir,
            models_dir=self.config.models_dir,
            data_dir=self.config.data_dir,
            default_unit=self.config.default_unit,
            display_base=Path(config.config_file_path or ".").resolve().parent,
        )


def _pages_may_be_copied(config: MkDocsConfig) -> bool:
    """Whether a page kept in the page cache may be published without MkDocs making it:
    no plugin but Material's search (whose entries for the page the cache keeps) and this
    one reads pages, and MkDocs does not check the anchors a copied page links to (it
    warns of none by default)."""
    return (
        set(config.plugins) <= PLUGINS_THAT_ALLOW_COPYING
        and config.validation.links.anchors <= logging.INFO
    )
