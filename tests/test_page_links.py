"""The process that publishes the pages a build copies from the page cache
(`outputs/page_links.py`): each page a hard link to its kept file, in its own folder; the
pages whose kept file is missing told back; a process that fails is an error, never a
silently missing page."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File

from site_builder.mkdocs_adapter.published_files import LinkedFile
from site_builder.outputs.page_links import Linking

from .conftest import FixtureSite, make_buildable


def _kept(tmp_path: Path, *names: str) -> list[tuple[str, str]]:
    pairs = []
    for name in names:
        kept = tmp_path / "cache" / f"{name}.html"
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(f"<p>{name}</p>", "utf-8")
        pairs.append((str(kept), str(tmp_path / "site" / "tin-tuc" / name / "index.html")))
    return pairs


def test_every_page_is_a_link_to_its_kept_file_in_its_own_folder(tmp_path: Path) -> None:
    pairs = _kept(tmp_path, "bai-1", "bai-2", "bai-3")
    existing = Path(pairs[2][1])
    existing.parent.mkdir(parents=True)
    existing.write_text("cũ", "utf-8")  # a file already there is replaced
    linking = Linking(pairs)
    assert linking.wait() == []
    for kept, target in pairs:
        assert Path(target).samefile(kept)
    assert not linking.list_file.exists()


def test_the_pages_whose_kept_file_is_missing_are_told(tmp_path: Path) -> None:
    pairs = _kept(tmp_path, "bai-1", "bai-2")
    Path(pairs[0][0]).unlink()
    assert Linking(pairs).wait() == [pairs[0][1]]
    assert Path(pairs[1][1]).samefile(pairs[1][0])


def test_files_that_share_a_folder_are_all_published(tmp_path: Path) -> None:
    """Share images share one folder, made once: the first image's kept file missing or
    not, every other one is published in it, beside a page in a folder of its own."""
    pairs = []
    for name in ("a", "b", "c"):
        kept = tmp_path / "cache" / f"{name}.png"
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(name.encode())
        pairs.append((str(kept), str(tmp_path / "site" / "_anh" / "chia-se" / f"{name}.png")))
    Path(pairs[0][0]).unlink()
    pairs += _kept(tmp_path, "bai-1")
    assert Linking(pairs).wait() == [pairs[0][1]]
    for kept, target in pairs[1:]:
        assert Path(target).samefile(kept)


def test_a_process_that_fails_is_an_error(tmp_path: Path) -> None:
    pairs = _kept(tmp_path, "bai-1")
    blocked = Path(pairs[0][1]).parent.parent
    blocked.parent.mkdir(parents=True)
    blocked.write_text("a file where the folder should be", "utf-8")
    with pytest.raises(OSError):
        Linking(pairs).wait()


@pytest.mark.parametrize(
    "url",
    ["assets/share/0123456789abcdef0123.png", "tin-tuc/anh/cau-moi/640.webp", "anh.jpg"],
)
def test_a_kept_file_is_the_file_mkdocs_would_make(site: FixtureSite, url: str) -> None:
    """A share image or photo copy (`LinkedFile`, whose path is taken as it is) is in every
    attribute the file MkDocs' own `File.generated` makes of the same path."""
    make_buildable(site)
    config = load_config(str(site.base / "mkdocs.yml"), site_dir=str(site.base / "site"))
    config.plugins._current_plugin = "site_builder"  # as while a hook runs
    kept = str(site.base / "cache" / "x.png")
    linked = LinkedFile.generated(config, url, abs_src_path=kept)
    plain = File.generated(config, url, abs_src_path=kept)
    assert vars(linked) == vars(plain)
    assert (linked.src_path, linked.abs_dest_path, linked.url) == (
        plain.src_path,
        plain.abs_dest_path,
        plain.url,
    )
