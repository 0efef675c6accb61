"""The plugin's typed configuration, as written under `plugins: - site-builder:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..content.loader import DEFAULT_UNIT
from ..outputs.search_index import FULL_TEXT_ARTICLES


class SiteBuilderConfig(base.Config):
    articles_dir = c.Type(str, default="tin-tuc")
    """Folder of content/ that holds the articles (news)."""
    models_dir = c.Type(str, default="mo-hinh")
    """Folder of content/ that holds the "Dân vận khéo" model profiles."""
    data_dir = c.Type(str, default="_data")
    """Folder of content/ that holds the editable data files; never published as pages."""
    default_unit = c.Type(str, default=DEFAULT_UNIT)
    """The author's unit when an article does not name one."""
    page_size = c.Type(int, default=20)
    """Articles per page in the lists with summaries: the news and its categories."""
    compact_page_size = c.Type(int, default=50)
    """Articles per page in the compact lists: tags, communes, organisations, months."""
    search_full_text = c.Type(int, default=FULL_TEXT_ARTICLES)
    """How many of the newest articles search knows by their whole text; older ones by
    their title, summary, tags, category, communes and headings."""
    photo_cache = c.Type(str, default=".cache/photos")
    """Folder (beside mkdocs.yml) where the copies of photos are kept between builds; CI
    keeps it between runs, so a photo is only ever resized once."""
    shared_theme_partials = c.Type(bool, default=True)
    """Render the theme's navigation, tabs, search box and colour switch once per set of
    relative links, and look each interface string up once, rather than once per page (see
    fragments.py); off, every page renders its own."""
    incremental = c.Type(bool, default=True)
    """Render again only the pages whose inputs changed since the last build, from the page
    cache; off (or with the environment variable SITE_BUILDER_NO_CACHE=1), every build
    renders every page. Either way the pages are the same, byte for byte."""
    page_cache = c.Type(str, default=".cache/pages")
    """Folder (beside mkdocs.yml) of the page cache; CI keeps it between runs."""
    watch_by_polling = c.Type(bool, default=False)
    """Let `mkdocs serve` find saves by walking the folders every half second, as MkDocs
    does, even where the plugin would be told of them by the kernel (Linux, local disks;
    see watcher.py): for a file system that does not pass the kernel's notices on and is
    not known as such."""
    cms_repo = c.Type(str, default="")
    """GitHub repository (owner/name) the browser editor commits to; empty: local editing."""
    cms_branch = c.Type(str, default="main")
