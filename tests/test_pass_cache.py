"""Caches kept across the rebuilds of `mkdocs serve` hold one pass's files, never more."""

from __future__ import annotations

import os
import time

from site_builder.content import loader
from site_builder.content.pass_cache import PassCache

from .conftest import FixtureSite


def test_an_entry_unused_in_a_pass_is_dropped_at_its_end() -> None:
    cache: PassCache[str, int] = PassCache()
    cache.put("a", 1)
    cache.put("b", 2)
    cache.end_pass()
    assert cache.get("a") == 1  # used in this pass: kept for the next
    cache.end_pass()
    assert cache.get("a") == 1 and cache.get("b") is None
    assert len(cache) == 1


def test_the_parse_cache_forgets_renamed_files_and_keeps_the_rest(site: FixtureSite) -> None:
    settled = time.time() - 10  # files older than the racy window are cached
    for path in site.content.rglob("*.md"):
        os.utime(path, (settled, settled))
    loader._PARSED.clear()
    site.load()
    model = str(site.content / "mo-hinh/vuon-mau.md")
    article = str(site.content / "tin-tuc/bai-tong-ket.md")
    assert loader._PARSED.get(model) is not None and len(loader._PARSED) == 2

    renamed = site.content / "tin-tuc/bai-moi.md"
    os.rename(article, renamed)
    os.utime(renamed, (settled, settled))
    for _ in range(3):  # a long preview: many saves
        assert [a.slug for a in site.load().articles] == ["bai-moi"]
    assert loader._PARSED.get(article) is None
    assert len(loader._PARSED) == 2


def test_a_document_is_known_by_its_bytes_whether_read_or_taken_from_the_cache(
    site: FixtureSite,
) -> None:
    """The page cache keys an article's Markdown step by the digest of its file's bytes
    (`Document.source_digest`): any change to the file changes it, and a file the parse
    cache hands back unread keeps the digest it had."""
    settled = time.time() - 10
    article = site.content / "tin-tuc/bai-tong-ket.md"
    os.utime(article, (settled, settled))
    loader._PARSED.clear()

    def digest() -> str:
        return site.load().documents["tin-tuc/bai-tong-ket.md"].source_digest

    first = digest()
    assert len(first) == 40 and digest() == first  # the second load: from the parse cache
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title: Bài tổng kết", "title: Bài tổng  kết"), "utf-8")
    changed = digest()
    assert changed != first
    article.write_text(text, "utf-8")
    assert digest() == first
