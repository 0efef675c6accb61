"""The site's name, footer and logo, as the publisher's data file says: Material prints
`site_name` and `copyright` as they are, so the theme gets them escaped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig

from ..content.data import SiteData
from ..content.photo_files import image_size, is_photo
from ..outputs.structured_data import Logo
from ..text.vietnamese import REUSE_NOTICE


def theme_logo(config: MkDocsConfig) -> Logo | None:
    """The theme's logo (`theme.logo`, in content/ or the overrides) as the publisher's,
    when it is a raster image Pillow can measure; Google reads no SVG logo."""
    logo = config.theme.get("logo")
    if not isinstance(logo, str) or not is_photo(logo):
        return None
    for folder in (config.docs_dir, config.theme.custom_dir):
        path = Path(folder or "") / logo
        if folder and path.is_file():
            size = image_size(path)
            return Logo(logo, *size) if size else None
    return None


def name_after_publisher(config: MkDocsConfig, data: SiteData, today: date) -> str | None:
    """The site's name and footer follow the publisher's name of today, when
    `organisations.yml` marks the publisher; otherwise mkdocs.yml's stay. The footer ends
    with the press's line on reuse either way. Returns the plain
    name, for the feeds and the editor; the theme gets it escaped, as Material writes
    `site_name` and `copyright` into pages as they are, and a data file is not markup."""
    publisher = data.publisher_at(today)
    if publisher is None:
        if REUSE_NOTICE not in (config.copyright or ""):
            config.copyright = f"{config.copyright or ''} {REUSE_NOTICE}".strip()
        return None
    name = publisher.short_name
    config.site_name = escape(name)
    config.copyright = escape(f"Bản quyền thuộc {publisher.name}. {REUSE_NOTICE}")
    return name
