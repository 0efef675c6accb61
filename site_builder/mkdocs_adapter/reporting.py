"""What the plugin tells the people who run a build: the problems in the content, each with
its code, file and line (`report_problems`), a strict build failed however it was started
(`fail_if_strict_and_unheard`), and a site or cache that could not be written."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..content.loader import ContentSet
from ..content.problems import Problem

log = get_plugin_logger(__name__)


def report_problems(content: ContentSet) -> None:
    """Every problem as a warning: a normal build goes on, `--strict` fails at the end."""
    for problem in content.problems:
        log.warning(str(problem))
    if content.rejected:
        log.warning(
            f"{len(content.rejected)} tệp có lỗi nên chưa được đăng: "
            + ", ".join(sorted(content.rejected))
        )


def fail_if_strict_and_unheard(config: MkDocsConfig, problems: Sequence[Problem]) -> None:
    """Fail a strict build with problems that MkDocs' own strict counter cannot see.

    MkDocs counts the warnings it logs, and `--quiet` stops them before they are counted
    (mkdocs issue 4126): `mkdocs build -q --strict` would publish bad content and exit 0.
    Whenever warnings are not logged, the plugin fails the build itself, with the report."""
    if not (config.strict and problems) or log.isEnabledFor(logging.WARNING):
        return
    report = "\n".join(str(problem) for problem in problems)
    raise PluginError(
        f"site-builder: {len(problems)} vấn đề trong nội dung, "
        f"nên bản dựng --strict dừng lại:\n{report}"
    )


def unwritable(error: OSError) -> PluginError:
    """The site's folder or the caches could not be written: the disk is full, or the
    build may not write there."""
    return PluginError(
        f"site-builder: không ghi được vào thư mục trang hoặc bộ nhớ đệm ({error}); "
        "hãy kiểm tra chỗ trống trên đĩa và quyền ghi, rồi dựng lại."
    )
