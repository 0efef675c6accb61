"""Fixture sites written into tmp_path: small, known content that each test bends."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image as PILImage

from site_builder.content.loader import ContentSet, Layout, load_content
from site_builder.content.problems import Problem
from site_builder.site.taxonomies import RESERVED_SLUGS

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"

GOOD_ARTICLE = """\
---
title: Bài tổng kết
date: 10/02/2020
author: Quốc Nghị
category: Dân vận khéo
tags: [tổng kết]
communes: [Quảng Tân]
models: [vuon-mau]
---

Đoạn mở đầu của **bài** tổng kết.

## Phần hai

Nội dung.
"""

GOOD_MODEL = """\
---
title: Xây dựng vườn mẫu
organisation: UBND xã Quảng Tân
communes: [Quảng Tân]
fields: [Sản xuất – kinh doanh]
levels: [Xã, Huyện]
status: Hiệu quả, có sức lan tỏa
started: 2012
awards:
  - by: UBND huyện Đầm Hà
    level: Huyện
    year: 2018
    kind: tập thể
    recipient: Nhân dân xã Quảng Tân
---

Vườn mẫu ở Quảng Tân.
"""


def photo_bytes(width: int = 64, height: int = 48, kind: str = "JPEG") -> bytes:
    """A small real image (the checker reads photo headers, the build resizes photos)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "seagreen").save(buffer, kind)
    return buffer.getvalue()


class FixtureSite:
    """A content folder with the fixture data files, one good model and one good article."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.content = base / "content"
        shutil.copytree(FIXTURE_DATA, self.content / "_data")
        self.write("mo-hinh/vuon-mau.md", GOOD_MODEL)
        self.write("tin-tuc/bai-tong-ket.md", GOOD_ARTICLE)

    def write(self, src_uri: str, text: str | bytes) -> Path:
        path = self.content / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def article(self, name: str, replace: dict[str, str] | None = None, **extra: str) -> Path:
        """Write a copy of the good article with lines replaced or added."""
        return self.write(f"tin-tuc/{name}.md", _edit(GOOD_ARTICLE, replace, extra))

    def model(self, name: str, replace: dict[str, str] | None = None, **extra: str) -> Path:
        return self.write(f"mo-hinh/{name}.md", _edit(GOOD_MODEL, replace, extra))

    def load(self) -> ContentSet:
        return load_content(Layout(self.content, display_base=self.base), RESERVED_SLUGS)

    def problems(self, path: str | None = None) -> list[Problem]:
        problems = self.load().problems
        return [p for p in problems if path is None or p.path == path]


def _edit(text: str, replace: dict[str, str] | None, extra: dict[str, str]) -> str:
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    added = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return text.replace("\n---\n", "\n" + added + "---\n", 1) if added else text


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    return FixtureSite(tmp_path)


def fixture_config(page_size: int) -> str:
    """The real mkdocs.yml, pointed at the repository's theme and renamed, so that a fixture
    site is built exactly as the published one."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    replacements = {
        "custom_dir: theme_overrides": f"custom_dir: {(REPO / 'theme_overrides').as_posix()}",
        "page_size: 20": f"page_size: {page_size}",
    }
    for old, new in replacements.items():
        assert old in config, old
        config = config.replace(old, new)
    return re.sub(r"^site_name: .*$", "site_name: Thử nghiệm", config, count=1, flags=re.M)


def build(
    base: Path,
    *args: str,
    now: str = "2026-11-26 12:00",
    generator: str = "mkdocs",
    **env: str,
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in `base` (or `generator`'s, such as ProperDocs'), on a fixed day
    (SITE_BUILDER_NOW), with extra `env`. The config is `mkdocs.yml` unless `args` name
    another with `-f` (ProperDocs would look for properdocs.yml first)."""
    config = () if "-f" in args else ("-f", "mkdocs.yml")
    return subprocess.run(
        [sys.executable, "-m", generator, "build", "--clean", *config, *args],
        cwd=base,
        capture_output=True,
        text=True,
        check=False,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "SITE_BUILDER_NOW": now,
            **env,
        },
    )


def make_buildable(site: FixtureSite, page_size: int = 10) -> None:
    """Add a mkdocs.yml and a home page, so the fixture builds like the real site."""
    (site.base / "mkdocs.yml").write_text(fixture_config(page_size), encoding="utf-8")
    site.write("index.md", "# Trang chủ\n")
