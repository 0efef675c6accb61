"""The MkDocs adapter: turns MkDocs events into calls to the core, and nothing more."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import urls
from .config import SiteBuilderConfig
from .loader import ContentSet, Layout, load_content
from .model import Article, ModelProfile

log = get_plugin_logger(__name__)


class SiteBuilderPlugin(BasePlugin[SiteBuilderConfig]):
    """Checks the content once per build and publishes only the files that pass."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.content: ContentSet | None = None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        layout = Layout(
            content_root=Path(config.docs_dir),
            articles_dir=self.config.articles_dir,
            models_dir=self.config.models_dir,
            data_dir=self.config.data_dir,
            default_unit=self.config.default_unit,
            display_base=Path(config.config_file_path or ".").resolve().parent,
        )
        self.content = content = load_content(layout)
        _report(content)
        data_prefix = self.config.data_dir.strip("/") + "/"
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
                if entity.draft:
                    page_file.inclusion = InclusionLevel.DRAFT
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Template globals that every page shows, such as the year's work theme banner."""
        assert self.content is not None
        env.globals["work_theme"] = self.content.data.theme_for(date.today().year)
        return env


def _move(file: File, url: str) -> None:
    """Publish a page at the URL the core chose instead of the one its path implies."""
    file.dest_uri = urls.output_path(url)
    file.url = url


def _report(content: ContentSet) -> None:
    """Every problem as a warning: a normal build goes on, `--strict` fails at the end."""
    for problem in content.problems:
        log.warning(str(problem))
    if content.rejected:
        log.warning(
            f"{len(content.rejected)} tệp có lỗi nên chưa được đăng: "
            + ", ".join(sorted(content.rejected))
        )
