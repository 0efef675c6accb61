"""Every file the build writes besides pages: open data, feeds, the editor's config.

One function, so that the plugin only hands the result to MkDocs and another generator
could write the same files. Each file is made when called (`planned_outputs`): their
paths are known at once, so MkDocs can be told of them, while making them (the feeds and
exports walk the whole archive) may be left to another process (`write_outputs`).
"""

from __future__ import annotations

import functools
import mimetypes
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.loader import ContentSet, Layout
from ..media.photos import PhotoSet
from ..site.index import SiteIndex
from .cms import admin_page, cms_config, config_yaml
from .crawlers import robots_txt
from .feeds import Enclosure, rss, site_feeds
from .open_data import planned_exports


@dataclass(frozen=True)
class SiteSettings:
    """What the outputs need to know of the site beyond its content."""

    name: str
    url: str
    cms_repo: str = ""
    cms_branch: str = "main"


Output = Callable[[], str | bytes]
"""A file of the site, made when called."""


def planned_outputs(
    index: SiteIndex,
    content: ContentSet,
    layout: Layout,
    settings: SiteSettings,
    photos: PhotoSet | None = None,
) -> dict[str, Output]:
    """The files by their path in the built site, each made when called."""
    outputs: dict[str, Output] = dict(planned_exports(index, index.statistics))
    published = photos or PhotoSet({}, {}, [])

    def enclosure(src_uri: str) -> Enclosure | None:
        """A cover as feeds attach it: its largest copy, or the file when it has none."""
        photo = published.photos.get(src_uri)
        if photo is not None:
            largest = photo.largest
            size = _size(published.files[largest.url])
            return (largest.url, size, largest.media_type) if size is not None else None
        size = _size(layout.content_root / src_uri)
        kind = mimetypes.guess_type(src_uri)[0] or "image/jpeg"
        return (src_uri, size, kind) if size is not None else None

    for channel, articles in site_feeds(index, settings.name):
        outputs[channel.feed] = functools.partial(rss, channel, articles, settings.url, enclosure)

    def cms() -> str:
        repo, branch, url = settings.cms_repo, settings.cms_branch, settings.url
        return config_yaml(cms_config(layout, content.data, repo, branch, url))

    outputs["admin/config.yml"] = cms
    outputs["admin/index.html"] = functools.partial(
        admin_page, settings.name, token_login=bool(settings.cms_repo)
    )
    outputs["robots.txt"] = functools.partial(robots_txt, settings.url)
    return outputs


def write_outputs(planned: Mapping[str, Output], folder: str) -> int:
    """Make each file and write it at its path under `folder`, as MkDocs writes a
    generated file (text in UTF-8); how many were written."""
    for path, make in planned.items():
        data = make()
        target = os.path.join(folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
    return len(planned)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
