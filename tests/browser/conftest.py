"""Browser tests: a built site served on 127.0.0.1, driven in Debian's Chromium.

The site's content is a fixture (`tests/fixtures/browser/content`, the sample site as it
stood when these tests were written), so that an editor's change to `content/` never turns
these tests red.

Chromium comes from the system (`/usr/bin/chromium`, Debian's package); Playwright only
drives it and never downloads a browser. Without Chromium or Playwright these tests skip on
a developer's machine, and fail when CI=true, so that CI never hides them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from ..conftest import REPO, build

CHROMIUM = "/usr/bin/chromium"
BROWSER_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "browser" / "content"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

NFD_ARTICLE = unicodedata.normalize(
    "NFD",
    """---
title: Hội nghị ở xã Tân Lập
date: 05/05/2019
author: Quốc Nghị
category: Văn hóa – Xã hội
communes: [Tân Lập]
---

Bài này được lưu ở dạng NFD: chữ Thuỷ Tiên và chữ Tân Lập phải tìm thấy được.

![Nhân dân tích cực tham gia xây dựng NTM](/anh/nfd-ntm.jpg)

Đoạn sau ảnh.
""",
)


PHOTO_ARTICLE = """---
title: Ba bức ảnh vườn mẫu Quảng Tân
date: 06/05/2019
author: Quốc Nghị
category: Dân vận khéo
communes: [Quảng Tân]
cover: /anh/vuon-1.jpg
cover_caption: Vườn mẫu của một hộ dân xã Quảng Tân
cover_credit: Quốc Nghị (Trung tâm TT&VH Đầm Hà)
---

Bài có ba ảnh chụp bằng điện thoại, mỗi ảnh rộng 4000 điểm ảnh.

![Lối đi giữa vườn rau](/anh/vuon-2.jpg "Ảnh: Quốc Nghị")

Đoạn văn giữa hai ảnh, đủ dài để ảnh thứ ba nằm dưới màn hình điện thoại khi mở trang.
Bà con trong thôn cùng nhau chăm sóc vườn, chia sẻ giống cây và kinh nghiệm trồng trọt.

![Bà con trao đổi kinh nghiệm](/anh/vuon-3.jpg)
"""


PUBLISHER = """
- name: Trung tâm Truyền thông và Văn hóa huyện Đầm Hà
  aliases: [Trung tâm TT&VH Đầm Hà]
  publisher: true
  owner: Cơ quan thử nghiệm
  address: Số 1 đường Thử nghiệm
  phone: 000 000 0000
  email: thu-nghiem@example.vn
  responsible: Người thử nghiệm
  responsible_position: Chức vụ thử nghiệm
"""


def phone_photo(path: Path, colour: str) -> None:
    """A 4000 × 3000 JPEG with EXIF, as phones save them."""
    image = Image.new("RGB", (4000, 3000), colour)
    exif = Image.Exif()
    exif[274] = 1
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, plus one article saved as NFD, built with the real mkdocs.yml."""
    work = tmp_path_factory.mktemp("browser-site")
    shutil.copytree(BROWSER_CONTENT, work / "content")
    (work / "content/anh").mkdir(exist_ok=True)
    shutil.copytree(REPO / "theme_overrides", work / "theme_overrides")
    # Ten articles a page, so that the eleven of the sample have a second page to visit, and
    # full text for the newest three only, so that search also meets the archive's entries.
    config = (
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("page_size: 20", "page_size: 10\n      search_full_text: 3")
    )
    (work / "mkdocs.yml").write_text(config, "utf-8")
    # The publisher with contacts made up for the tests, so that the pages about it exist.
    organisations = work / "content/_data/organisations.yml"
    organisations.write_text(organisations.read_text("utf-8") + PUBLISHER, "utf-8")
    (work / "content/tin-tuc/nfd.md").write_bytes(NFD_ARTICLE.encode("utf-8"))
    Image.new("RGB", (960, 640), "seagreen").save(work / "content/anh/nfd-ntm.jpg", "JPEG")
    (work / "content/tin-tuc/ba-anh.md").write_text(PHOTO_ARTICLE, encoding="utf-8")
    for number, colour in enumerate(("olivedrab", "peru", "steelblue"), 1):
        phone_photo(work / f"content/anh/vuon-{number}.jpg", colour)
    # As CI publishes it: the editor at /admin/ commits to the site's GitHub repository.
    result = build(work, "--strict", GITHUB_REPOSITORY="trung-tam/dam-ha")
    assert result.returncode == 0, result.stderr
    return work / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
