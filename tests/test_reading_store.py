"""Readings kept between builds in separate processes (`content/reading_store.py`): a load
that takes files from the store equals, in value, a load that reads every file, after any
edit; a file is taken only while its bytes and the photos its checks read are unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from site_builder.content import reading_store
from site_builder.content.file_digests import FileDigests
from site_builder.content.loader import ContentSet, Layout, load_content
from site_builder.content.reading_store import ReadingStore
from site_builder.site.taxonomies import RESERVED_SLUGS

from .conftest import FixtureSite
from .test_photos import phone_photo
from .test_site_index import fill

KEY = "the build key"


class Loads:
    """Loads of one fixture site through one store file, each in a store of its own (as
    each build of CI runs in a new process)."""

    def __init__(self, site: FixtureSite, key: str = KEY) -> None:
        self.site = site
        self.path = site.base / "cache" / "mkdocs-build.readings"
        self.key = key
        self.store: ReadingStore | None = None

    def load(self, key: str | None = None, digests: FileDigests | None = None) -> ContentSet:
        self.store = ReadingStore(self.path, key or self.key, digests.get if digests else None)
        layout = Layout(self.site.content, display_base=self.site.base)
        return load_content(layout, RESERVED_SLUGS, store=self.store)

    def taken(self) -> int:
        assert self.store is not None
        return self.store.taken

    def assert_as_fresh(self, content: ContentSet) -> None:
        fresh = self.site.load()
        assert content.articles == fresh.articles
        assert content.models == fresh.models
        assert content.problems == fresh.problems
        assert content.documents == fresh.documents
        assert content.rejected == fresh.rejected
        assert content.files_checked == fresh.files_checked


@pytest.fixture
def loads(site: FixtureSite) -> Loads:
    fill(site)
    return Loads(site)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_a_second_load_takes_every_file_and_equals_a_fresh_load(loads: Loads) -> None:
    first = loads.load()
    assert loads.taken() == 0
    loads.assert_as_fresh(first)
    second = loads.load()
    assert loads.taken() == first.files_checked == 8
    loads.assert_as_fresh(second)


def test_an_edited_file_is_read_again_and_the_others_taken(loads: Loads) -> None:
    loads.load()
    _edit(loads.site.content / "tin-tuc/a1.md", "title: Bài a1", "title: Bài a1 đã sửa")
    content = loads.load()
    assert loads.taken() == 7
    assert any(article.title == "Bài a1 đã sửa" for article in content.articles)
    loads.assert_as_fresh(content)
    loads.assert_as_fresh(loads.load())  # the edit, kept in the store's changes
    assert loads.taken() == 8


def test_new_deleted_and_renamed_files(loads: Loads) -> None:
    loads.load()
    loads.site.article("moi", replace={"title: Bài tổng kết": "title: Bài mới"})
    (loads.site.content / "tin-tuc/a2.md").unlink()
    (loads.site.content / "tin-tuc/a3.md").rename(loads.site.content / "tin-tuc/a3-moi.md")
    content = loads.load()
    assert loads.taken() == 6
    loads.assert_as_fresh(content)
    loads.assert_as_fresh(loads.load())
    assert loads.taken() == 8


def test_a_file_with_errors_is_read_and_reported_at_every_load(loads: Loads) -> None:
    loads.site.article("hong", replace={"category: Dân vận khéo": "category: Không có"})
    loads.load()
    content = loads.load()
    assert "tin-tuc/hong.md" in content.rejected
    assert [p.code for p in content.problems if p.path.endswith("hong.md")] == ["SB113"]
    loads.assert_as_fresh(content)


def test_a_photo_added_removed_or_replaced_reads_the_files_that_show_it_again(
    loads: Loads,
) -> None:
    site = loads.site
    site.write("anh/bia.jpg", phone_photo(400, 300, 1))
    site.article("co-anh", cover="/anh/bia.jpg", cover_caption="Bìa", cover_credit="Quốc Nghị")
    loads.load()
    (site.content / "anh/bia.jpg").unlink()
    content = loads.load()
    assert loads.taken() == 8
    assert [p.code for p in content.problems if p.path.endswith("co-anh.md")] == ["SB116"]
    loads.assert_as_fresh(content)
    site.write("anh/bia.jpg", b"not a photo at all")
    content = loads.load()
    assert [p.code for p in content.problems if p.path.endswith("co-anh.md")] == ["SB127"]
    loads.assert_as_fresh(content)
    site.write("anh/bia.jpg", phone_photo(400, 300, 1))
    loads.assert_as_fresh(loads.load())
    loads.assert_as_fresh(loads.load())
    assert loads.taken() == 9


def test_another_key_or_a_broken_store_takes_nothing(loads: Loads) -> None:
    loads.load()
    loads.assert_as_fresh(loads.load(key="data files changed"))
    assert loads.taken() == 0
    loads.path.write_bytes(loads.path.read_bytes()[:300])
    loads.assert_as_fresh(loads.load(key="data files changed"))
    assert loads.taken() == 0
    loads.path.write_bytes(b"\x00\xff" * 50)
    loads.assert_as_fresh(loads.load())
    assert loads.taken() == 0


def test_changes_read_with_another_base_give_nothing_stale(loads: Loads) -> None:
    """A build stopped between writing a new base and removing the old changes leaves
    changes written against another base: each reading is still taken only for the bytes
    it was read from."""
    loads.load()
    a1 = loads.site.content / "tin-tuc/a1.md"
    _edit(a1, "title: Bài a1", "title: Bài a1 đã sửa")
    loads.load()
    changes = loads.path.with_name(loads.path.name + ".changes")
    old_changes = changes.read_bytes()
    loads.path.unlink()
    loads.load()  # a new base, and no changes
    _edit(a1, "title: Bài a1 đã sửa", "title: Bài a1")
    changes.write_bytes(old_changes)  # "đã sửa", against the old base
    content = loads.load()
    assert loads.taken() == 7
    loads.assert_as_fresh(content)


def test_many_changes_write_a_new_base(loads: Loads) -> None:
    loads.load()
    base = loads.path.read_bytes()
    _edit(loads.site.content / "tin-tuc/a1.md", "title: Bài a1", "title: Bài a1 đã sửa")
    _edit(loads.site.content / "tin-tuc/a2.md", "title: Bài a2", "title: Bài a2 đã sửa")
    loads.load()
    assert loads.path.read_bytes() != base  # two changes in eight files: more than an eighth
    assert not loads.path.with_name(loads.path.name + ".changes").exists()
    loads.assert_as_fresh(loads.load())
    assert loads.taken() == 8


def test_taken_readings_name_the_data_lists_own_entries(loads: Loads) -> None:
    loads.load()
    content = loads.load()
    communes = {id(term) for term in content.data.vocabularies["communes"].terms}
    categories = {id(term) for term in content.data.vocabularies["categories"].terms}
    assert all(id(article.category) in categories for article in content.articles)
    assert all(id(term) in communes for article in content.articles for term in article.communes)


def test_digests_taken_by_another_process_take_the_same_files(
    loads: Loads, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digests of `file_digests.py`'s process stand for reading each file: the store
    opens none, an edited file is read again, the others taken; and a file the process
    could not see is read by the store."""
    loads.load()
    _edit(loads.site.content / "tin-tuc/a1.md", "title: Bài a1", "title: Bài a1 đã sửa")
    digests = FileDigests(loads.site.content)
    assert len(digests.get()) == 8 and "tin-tuc/a1.md" in digests.get()
    opened: list[str] = []

    def counted_open(path: str, *args: Any) -> Any:
        if str(path).endswith(".md"):  # a content file, not the store's own
            opened.append(str(path))
        return open(path, *args)

    monkeypatch.setattr(reading_store, "open", counted_open, raising=False)
    content = loads.load(digests=digests)
    assert loads.taken() == 7 and opened == []
    loads.assert_as_fresh(content)
    unseen = FileDigests(loads.site.content / "khong-co")  # a root with no file: no digest
    assert unseen.get() == {}
    _edit(loads.site.content / "tin-tuc/a2.md", "title: Bài a2", "title: Bài a2 đã sửa")
    content = loads.load(digests=unseen)
    assert loads.taken() == 7 and len(opened) == 8
    loads.assert_as_fresh(content)


def test_a_problem_found_across_files_names_the_line_a_fresh_load_names(loads: Loads) -> None:
    """A kept file's lines are kept apart (read back only when a problem needs one): an
    article taken from the store whose model is gone names the line of the missing model,
    as a load that read it does."""
    loads.site.article(
        "nhieu-mo-hinh",
        replace={"models: [vuon-mau]": "models:\n  - ngay-chu-nhat-xanh\n  - vuon-mau"},
    )
    loads.load()
    (loads.site.content / "mo-hinh/vuon-mau.md").unlink()
    content = loads.load()
    assert loads.taken() == content.files_checked == 8  # every file taken, none read
    found = [(p.path.rsplit("/", 1)[1], p.line) for p in content.problems if p.is_error]
    assert ("nhieu-mo-hinh.md", 10) in found
    loads.assert_as_fresh(content)
    fresh = loads.site.load().documents
    for src_uri, document in content.documents.items():
        kept, read = document.tree, fresh[src_uri].tree
        assert kept is not None and read is not None
        assert dict(kept.lines) == dict(read.lines), src_uri
