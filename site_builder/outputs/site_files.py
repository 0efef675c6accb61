"""Every file the build writes besides pages: open data, feeds, the editor's config.

One function, so that the plugin only hands the result to MkDocs and another generator
could write the same files.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

from ..content.loader import ContentSet, Layout
from ..media.photos import PhotoSet
from ..site.index import SiteIndex
from .cms import admin_page, cms_config, config_yaml
from .crawlers import robots_txt
from .feeds import Enclosure, rss, site_feeds
from .open_data import exports


@dataclass(frozen=True)
class SiteSettings:
    """What the outputs need to know of the site beyond its content."""

    name: str
    url: str
    cms_repo: str = ""
    cms_branch: str = "main"


def site_outputs(
    index: SiteIndex,
    content: ContentSet,
    layout: Layout,
    settings: SiteSettings,
    photos: PhotoSet | None = None,
) -> dict[str, str | bytes]:
    """The files by their path in the built site."""
    outputs: dict[str, str | bytes] = dict(exports(index, index.statistics))
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
        outputs[channel.feed] = rss(channel, articles, settings.url, enclosure)
    cms = cms_config(layout, content.data, settings.cms_repo, settings.cms_branch, settings.url)
    outputs["admin/config.yml"] = config_yaml(cms)
    outputs["admin/index.html"] = admin_page(settings.name, token_login=bool(settings.cms_repo))
    outputs["robots.txt"] = robots_txt(settings.url)
    return outputs


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
