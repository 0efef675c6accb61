"""The files the plugin gives MkDocs in `on_files`, besides the editor's pages as they are.

The core decides what the site publishes; this module tells MkDocs, file by file:

  - articles and profiles move to the addresses the core gave them (`publish_entities`),
    their Markdown handed over without the front matter the core already read; drafts
    are marked as such, data files and rejected pages left out;
  - each listing gets a generated page, unless an editor wrote one at its address
    (`add_listings`);
  - every old address of a page gets a redirect page (`add_redirects`);
  - content photos are replaced by their smaller copies, and every article and profile
    gets its share image (`add_photos`, `add_share_images`), both kept in the photo cache
    and published as hard links by a process of their own (`link_kept_files`);
  - open data, feeds and the editor's files are written by a forked copy of the build
    (`OutputFiles`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..content.entities import Article, ModelProfile
from ..content.frontmatter import Document, yaml_string
from ..content.loader import ContentSet, Layout
from ..content.photo_files import is_photo
from ..content.problems import Problem
from ..media.photos import PhotoSet, failure_problem, prepare_photos
from ..media.share_images import ShareImageSet, prepare_share_images
from ..outputs.page_cache import link_or_copy
from ..outputs.page_links import Linking
from ..outputs.redirects import redirect_page
from ..outputs.share import share_requests
from ..outputs.site_files import Output, write_outputs
from ..site import urls
from ..site.addresses import plan_addresses
from ..site.forked_task import ForkedTask
from ..site.index import SiteIndex
from ..site.listings import Listing
from ..site.publishing import State, state_of

log = get_plugin_logger(__name__)


class LinkedFile(File):
    """A file made once and kept in a cache (a photo's copy, a share image), published as a
    hard link to the kept file: a directory entry instead of a copy of its bytes, for the
    11,000 share images of a 10,000-article archive at every build. Where no link can be
    made (another file system), it is copied."""

    linked_elsewhere = False
    """Set when a `Linking` process publishes the file (`link_kept_files`)."""

    def _take_src_uri(self, path: str) -> None:
        """MkDocs normalises a path given as `src_path` through `PurePath`: 0.13 s of a
        build for 11,000 share images. A kept file's path is made by this package, '/'-
        separated and normal already (a test compares the files made either way)."""
        self.src_uri = path

    src_path = property(File.src_path.fget, _take_src_uri)  # type: ignore[attr-defined]

    def copy_file(self, dirty: bool = False) -> None:
        if self.linked_elsewhere:
            return
        if self.abs_src_path is None or (dirty and not self.is_modified()):
            super().copy_file(dirty)
            return
        if not link_or_copy(self.abs_src_path, self.abs_dest_path):
            super().copy_file(dirty)  # the kept file is missing: MkDocs says so


def publish_entities(files: Files, content: ContentSet, now: datetime, data_dir: str) -> None:
    """Leave out data files and rejected pages; move the rest to their URLs."""
    data_prefix = data_dir.strip("/") + "/"
    for file in list(files):
        if file.src_uri.startswith(data_prefix):
            file.inclusion = InclusionLevel.EXCLUDED
        elif file.src_uri in content.rejected:
            files.remove(file)
    pages: list[tuple[Article | ModelProfile, str]] = [
        *((article, urls.article(article.slug)) for article in content.articles),
        *((model, urls.model(model.slug)) for model in content.models),
    ]
    for entity, url in pages:
        page_file = files.get_file_from_path(entity.src_uri)
        if page_file is not None:
            _move(page_file, url)
            page_file.content_string = markdown_source(content.documents[entity.src_uri])
            if state_of(entity, now) is not State.PUBLISHED:
                # MkDocs leaves drafts out of `build` and shows them in `serve`.
                page_file.inclusion = InclusionLevel.DRAFT


def markdown_source(document: Document) -> str:
    """What MkDocs reads for a page the core has already read and parsed: its body without
    the front matter (the values reach `page.meta` in `on_page_markdown`), so the file is
    not read again and its YAML not parsed twice.

    The body starts with a blank line, so that MkDocs takes neither a body that opens with a
    "---" rule for front matter nor a first line such as "Thời gian: 8 giờ" for
    MultiMarkdown metadata; it drops that line itself."""
    body = document.body
    return body if body.startswith("\n") else "\n" + body


def _move(file: File, url: str) -> None:
    """Publish a page at the URL the core chose instead of the one its path implies."""
    file.dest_uri = urls.output_path(url)
    file.url = url


def add_listings(files: Files, config: MkDocsConfig, listings: Iterable[Listing]) -> None:
    """Generate each listing's page, unless an editor wrote a page at that URL: then the
    listing is appended to it (the editor's intro wins)."""
    written = {file.url: file for file in files.documentation_pages()}
    for listing in listings:
        if page_url(listing.url) in written:
            continue
        generated = File.generated(
            config,
            urls.source_path(listing.url),
            content=_listing_source(listing),
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        files.append(generated)


def _listing_source(listing: Listing) -> str:
    """The Markdown of a generated page: its title, and no search entry. Search indexes
    `page.content`, where a listing has nothing (its lists come from the templates), so
    Material would only spend time on it."""
    return f"---\ntitle: {yaml_string(listing.title)}\nsearch:\n  exclude: true\n---\n"


def page_url(listing_url: str) -> str:
    """MkDocs' URL of the page of a listing: the home page's is "./", not "" (the core's)."""
    return listing_url or "./"


def add_redirects(
    files: Files, config: MkDocsConfig, index: SiteIndex, site_name: str
) -> list[Problem]:
    """A redirect page at every old address of a published page (`aliases:`); the
    aliases refused (an address already taken) are logged and returned as problems."""
    plan = plan_addresses(index, (f.url for f in files.documentation_pages()))
    for problem in plan.problems:
        log.warning(str(problem))
    for redirect in plan.redirects:
        page = redirect_page(redirect, config.site_url or "", site_name)
        files.append(File.generated(config, urls.redirect_file(redirect.address), content=page))
    return list(plan.problems)


def add_photos(
    files: Files, config: MkDocsConfig, layout: Layout, photo_cache: Path
) -> tuple[PhotoSet, list[Problem]]:
    """Publish the copies of every content photo in place of the original; the photos
    that could not be made smaller are logged and returned as problems."""
    data_prefix = layout.data_dir.strip("/") + "/"
    theme_images = {config.theme.get("logo"), config.theme.get("favicon")}
    originals = {
        file.src_uri: file
        for file in files.media_files()
        if file.src_dir == config.docs_dir  # not the theme's images
        and is_photo(file.src_uri)
        and not file.src_uri.startswith(data_prefix)
        and file.src_uri not in theme_images  # published as they are, at their path
    }
    photos = prepare_photos(Path(config.docs_dir), sorted(originals), photo_cache)
    problems = [
        failure_problem(failure, layout.display(failure.src_uri)) for failure in photos.failures
    ]
    for problem in problems:
        log.warning(str(problem))
    for src_uri in photos.photos:
        originals[src_uri].inclusion = InclusionLevel.EXCLUDED
    for url, cached in photos.files.items():
        files.append(LinkedFile.generated(config, url, abs_src_path=str(cached)))
    if photos.processed:
        log.info(f"{photos.processed} ảnh mới được thu nhỏ; các ảnh khác lấy từ bộ nhớ đệm.")
    return photos, problems


def add_share_images(
    files: Files,
    config: MkDocsConfig,
    index: SiteIndex,
    site_name: str,
    photos: PhotoSet,
    photo_cache: Path,
) -> ShareImageSet:
    """Publish the share image of every article and profile (see media/share_images)."""
    requests = share_requests(index.views_without_related(), site_name, photos.photos)
    share = prepare_share_images(requests, Path(config.docs_dir), photo_cache)
    for url, cached in share.files.items():
        files.append(_share_image_file(config, url, cached))
    if share.made:
        log.info(f"{share.made} ảnh chia sẻ mới được tạo.")
    return share


def add_saved_share_images(
    config: MkDocsConfig,
    index: SiteIndex,
    saved: Iterable[str],
    site_name: str,
    photos: PhotoSet,
    share: ShareImageSet,
    photo_cache: Path,
) -> ShareImageSet:
    """The preview's quick path: the share images of the saved pages (source paths) made
    (a new title draws a new card) and published into the preview at once; the others'
    kept from `share`."""
    views = {src_uri: index.by_source[src_uri] for src_uri in saved}
    requests = share_requests(views, site_name, photos.photos)
    made = prepare_share_images(requests, Path(config.docs_dir), photo_cache)
    for url, cached in made.files.items():
        _share_image_file(config, url, cached).copy_file()
    return ShareImageSet({**share.images, **made.images}, {**share.files, **made.files})


def _share_image_file(config: MkDocsConfig, url: str, cached: str) -> File:
    """A share image, published whatever `exclude_docs` or `not_in_nav` say: the pages name
    it in their meta tags, and a name of this package's own matches none of an editor's
    patterns by intent. Included from the start, so MkDocs matches none of 11,000 share
    images against those patterns either (0.08-0.1 s of a build at 10,000 articles)."""
    return LinkedFile.generated(config, url, abs_src_path=cached, inclusion=InclusionLevel.INCLUDED)


def link_kept_files(files: Files) -> Linking | None:
    """Publish the photo copies and share images (`LinkedFile`s: 11,000 share images at
    10,000 articles) by a process of their own, from `on_files` on, instead of one by one
    when MkDocs copies the static files (0.4-0.6 s of a build): MkDocs emptied the site's
    folder before `on_files`, and nothing else writes these files."""
    linked = [
        file
        for file in files
        if isinstance(file, LinkedFile) and file.abs_src_path and file.inclusion.is_included()  # type: ignore[no-untyped-call]
    ]
    for file in linked:
        file.linked_elsewhere = True
    return Linking([(f.abs_src_path or "", f.abs_dest_path) for f in linked]) if linked else None


class OutputFiles:
    """Open data, feeds and the editor's files: at 10,000 articles they take 0.6 to 0.8 s
    to make, which a forked copy of the build spends on the other core while the build
    goes on (see site/forked_task.py), in builds that use the page cache. MkDocs is told
    of them as files already in the site, and copies nothing; `take` waits for them.
    Otherwise (the preview, or no copy) MkDocs is given them to write."""

    def __init__(self) -> None:
        self._copy: tuple[ForkedTask, dict[str, Output]] | None = None

    def add(
        self, files: Files, config: MkDocsConfig, planned: dict[str, Output], fork: bool
    ) -> None:
        """Give MkDocs the planned files (`outputs/site_files.py`), written by a copy when
        `fork` allows one."""
        site_dir = config.site_dir
        copy = ForkedTask(lambda: write_outputs(planned, site_dir), "outputs") if fork else None
        if copy is None or not copy.started:
            for path, make in planned.items():
                files.append(File.generated(config, path, content=make()))
            return
        self._copy = (copy, planned)
        for path in planned:
            written = os.path.join(site_dir, path)
            files.append(File.generated(config, path, abs_src_path=written))

    def take(self, config: MkDocsConfig) -> None:
        """`on_env`, before MkDocs copies files into the site: the copy's files are written;
        if it failed, the build writes them. OSError if they could not be."""
        copy_and_planned, self._copy = self._copy, None
        if copy_and_planned is not None:
            copy, planned = copy_and_planned
            if copy.answer() != len(planned):
                write_outputs(planned, config.site_dir)

    def stop(self) -> None:
        """A build that ended early: stop the copy if it still runs."""
        if self._copy is not None:
            self._copy[0].close()
        self._copy = None
