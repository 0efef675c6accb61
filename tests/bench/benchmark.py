"""Benchmark at district-archive scale: the plugin against the floor and plain MkDocs.

    python tests/bench/benchmark.py --sizes 1000 10000    # make bench
    python tests/bench/benchmark.py --sizes 1000          # make bench-quick

For each N it generates a deterministic synthetic site (N articles of ~600 Vietnamese words,
N/10 model profiles, the real data files) and measures, each step in a fresh process so that
peak memory is its own:
  1. floor  - read every file and parse its front matter with PyYAML's C loader;
  2. core   - load + validate + site index + statistics (no MkDocs);
  3. plugin - `mkdocs build` with the plugin (every generated page);
  4. plain  - `mkdocs build` of the same Markdown without the plugin (Material, articles
              `not_in_nav`, the same Markdown extensions): the floor for a build.
Further steps, each once: `rebuild` (a `mkdocs serve` rebuild after one saved article),
`weight` (bytes a first visit downloads, in Chromium), `lighthouse` (Lighthouse 12 mobile
scores of four pages served gzipped; `make lighthouse` installs it) and `import`.
It prints a table with the ratios core/floor, plugin/plain and 10k/1k, and writes JSON.
This is a measurement, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import io
import json
import os
import platform
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

SENTENCES = [
    "Phong trào thi đua Dân vận khéo được cấp ủy và chính quyền xã quan tâm chỉ đạo sát sao.",
    "Người dân được bàn bạc công khai từng việc trước khi cùng nhau bắt tay vào làm.",
    "Các hộ gia đình tự nguyện góp công, góp đất để mở rộng đường thôn và lắp đèn chiếu sáng.",
    "Hội viên phụ nữ ra quân dọn vệ sinh đường làng vào sáng Chủ nhật hằng tuần.",
    "Đoàn viên thanh niên nhận những phần việc cụ thể trong xây dựng nông thôn mới.",
    "Cán bộ xã đến từng nhà để lắng nghe ý kiến và hướng dẫn thủ tục cho bà con.",
    "Mô hình vườn mẫu giúp nhiều hộ có thêm thu nhập từ chính mảnh vườn quanh nhà.",
    "Cựu chiến binh gương mẫu đi đầu, vận động con cháu cùng tham gia giữ gìn an ninh thôn xóm.",
    "Việc thu chi được niêm yết công khai để mọi người cùng kiểm tra và giám sát.",
    "Nhờ sự đồng lòng của nhân dân, nhiều tiêu chí nông thôn mới đã hoàn thành sớm.",
    "Lực lượng công an tăng cường cải cách hành chính, rút ngắn thời gian giải quyết hồ sơ.",
    "Các mô hình hiệu quả được nhân rộng sang những thôn, khu khác trong huyện.",
    "Trung tâm Truyền thông và Văn hóa huyện thường xuyên đưa tin về các điển hình tiêu biểu.",
    "Kết quả ấy cho thấy khi dân biết, dân bàn, dân làm thì việc khó mấy cũng thành.",
]
CATEGORIES = ["Dân vận khéo", "Nông thôn mới", "Cải cách hành chính", "Kinh tế", "Văn hóa – Xã hội"]
COMMUNES = ["Quảng Tân", "Dực Yên", "Quảng Lâm", "Đầm Hà", "Tân Bình", "Đại Bình", "Quảng An"]
# From 01/07/2025 an article names the commune of its day (Resolution 1679/NQ-UBTVQH15): the
# generated archive stays free of SB128 warnings, as a newsroom's would.
COMMUNE_FROM_2025 = {
    "Quảng Tân": "Quảng Tân",
    "Dực Yên": "Quảng Tân",
    "Quảng Lâm": "Quảng Tân",
    "Quảng An": "Quảng Tân",
    "Đầm Hà": "Đầm Hà",
    "Tân Bình": "Đầm Hà",
    "Đại Bình": "Đầm Hà",
}
TAGS = [
    f"chủ đề {word}"
    for word in (
        "đường quê",
        "vườn mẫu",
        "an ninh",
        "môi trường",
        "giảm nghèo",
        "thanh niên",
        "phụ nữ",
        "cựu chiến binh",
    )
]
ORGANISATIONS = [
    "Hội Cựu chiến binh huyện",
    "Đoàn Thanh niên huyện",
    "Hội LHPN huyện",
    "Công an huyện",
    "UBND xã Quảng Tân",
]
FIELDS = ["Xã hội", "Văn hóa", "An ninh", "Sản xuất – kinh doanh"]


_SYLLABLE_TEXT = (
    "an bà bàn bạc bảo bắt bền biết bình bộ cả các cán cao cấp cây chăm chỉ chính chung "
    "chương có công cùng cuộc cử dân dần dẫn dịch dọn dựng đã đạo đất đầu đèn địa điểm đoàn "
    "đồng đội đời đường được gia giá giảm giữ góp hành hạ hạnh hiệu hoạt học hội hơn huyện "
    "hướng khai khá khéo khi khu kinh kết lao làm lãnh lắng lập lên lòng lợi lực mạnh mẫu mới "
    "mô mục năm nâng nền nghe nghèo ngày nghiệp người nhà nhân nhiều nhất nông nước phát phần "
    "phong phụ phục quan quả quản rộng sáng sản sạch sinh sống sức tác tạo tăng tâm tân thành "
    "thắp thêm thi thiện thôn thu thực tích tiêu tin tình tỉnh toàn trào trên triển trồng "
    "trung trường tuyên vận văn vệ việc viên vì vốn vùng vườn vững xã xanh xây xóm ý yên"
)
SYLLABLES = tuple(_SYLLABLE_TEXT.split())
"""Vietnamese syllables drawn at random for titles and summaries: random text compresses
worse than real text, so the search index's gzipped size is not flattered."""


def words(rng: random.Random, count: int) -> str:
    text = " ".join(rng.choice(SYLLABLES) for _ in range(count))
    return text[0].upper() + text[1:]


def body(rng: random.Random, words: int = 600) -> str:
    parts: list[str] = []
    count = 0
    section = 1
    while count < words:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(4))
        parts.append(paragraph)
        count += len(paragraph.split())
        if count > section * 150:
            parts.append(f"## Phần {section}")
            section += 1
    return "\n\n".join(parts) + "\n"


def phone_photo(seed: int, width: int = 4000, height: int = 3000) -> bytes:
    """A deterministic stand-in for a phone photo: detail at every scale (so that its small
    copies weigh what real ones do), a little grain, JPEG quality 90, EXIF with GPS."""
    from PIL import ExifTags, Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(4000):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(8, 160)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(2)), grain, 0.08)
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[2] = (21.0, 20.0, 30.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


WARM_PHOTO_CACHE = True
"""Make the photos' copies before the timed steps, as CI restores them from its cache: a
photo is resized once in its life, so the builds measure the steady state. The one-off
cost is measured on its own (the `photos` line of the table)."""
PHOTO_ARTICLE = 1
CHANGED_ARTICLE = 2
"""The article the `cached` step retitles (dated 03/03/2017: it is on a few listings)."""
ARTICLE_WORDS = 600
"""Words in an article's body (`--words`: fewer for an archive of short news items, where
listing pages weigh most)."""
"""The article (bai-1) that carries three photos: a cover and two in its text."""
PHOTOS_FRONT = "cover: /anh/bench-1.jpg\ncover_caption: Ảnh bìa chụp bằng điện thoại\n"
PHOTOS_BODY = (
    "\n![Ảnh thứ hai trong bài](/anh/bench-2.jpg)\n\nMột đoạn văn ngắn giữa hai ảnh.\n"
    "\n![Ảnh thứ ba trong bài](/anh/bench-3.jpg)\n"
)


def generate(root: Path, articles: int) -> None:
    """A deterministic site: the same N always gives the same files."""
    rng = random.Random(articles)
    content = root / "content"
    shutil.copytree(REPO / "content/_data", content / "_data")
    (content / "anh").mkdir(parents=True)
    for number in (1, 2, 3):
        (content / f"anh/bench-{number}.jpg").write_bytes(phone_photo(number))
    if WARM_PHOTO_CACHE:
        _warm_photo_cache(root)
    (content / "index.md").write_text("# Trang chủ\n\nTrang thử nghiệm hiệu năng.\n", "utf-8")
    models = max(1, articles // 10)
    (content / "mo-hinh").mkdir(parents=True)
    for number in range(models):
        (content / f"mo-hinh/mo-hinh-{number}.md").write_text(
            f"---\ntitle: Mô hình số {number} của phong trào\n"
            f"organisation: {rng.choice(ORGANISATIONS)}\n"
            f"communes: [{rng.choice(COMMUNES)}]\nfields: [{rng.choice(FIELDS)}]\n"
            f"levels: [Huyện]\nstatus: Hiệu quả, có sức lan tỏa\nstarted: {2009 + number % 10}\n"
            f"---\n\n{body(rng, 200)}",
            "utf-8",
        )
    for number in range(articles):
        year = 2016 + number % 10
        folder = content / f"tin-tuc/{year}"
        folder.mkdir(parents=True, exist_ok=True)
        month = 1 + number % 12
        date = f"{1 + number % 28:02d}/{month:02d}/{year} {7 + number % 10}:{number % 60:02d}"
        commune = rng.choice(COMMUNES)
        if (year, month) >= (2025, 7):
            commune = COMMUNE_FROM_2025[commune]
        (folder / f"bai-{number}.md").write_text(
            f"---\ntitle: {json.dumps(f'Tin số {number}: {words(rng, 14)}', ensure_ascii=False)}\n"
            f"summary: {words(rng, 45)}.\n"
            f"date: {date}\n"
            f"author: Phóng viên {number % 12}\ncategory: {rng.choice(CATEGORIES)}\n"
            f"tags: [{rng.choice(TAGS)}, {rng.choice(TAGS)}]\n"
            f"communes: [{commune}]\nmodels: [mo-hinh-{rng.randrange(models)}]\n"
            + (PHOTOS_FRONT if number == PHOTO_ARTICLE else "")
            + f"---\n\n{body(rng, ARTICLE_WORDS)}"
            + (PHOTOS_BODY if number == PHOTO_ARTICLE else ""),
            "utf-8",
        )
    config = (
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("custom_dir: theme_overrides", f"custom_dir: {REPO / 'theme_overrides'}")
    )
    (root / "mkdocs.yml").write_text(config, "utf-8")
    # Plain Material: no plugin, no theme overrides (they need the plugin's filters), the
    # same navigation of sections (as links: their pages are the plugin's) so that every
    # page carries the same menu; the articles stay out of the nav as in the real site.
    plain = config.split("\nplugins:\n")[0] + "\nplugins:\n  - search\nexclude_docs: |\n  _data/\n"
    plain = re.sub(r"\n  custom_dir: .*", "", plain)
    plain = re.sub(r": ([a-z-]+)/index\.md\n", r": /\1/\n", plain)
    (root / "mkdocs-plain.yml").write_text(plain, "utf-8")
    _write_import_feed(root / "import-feed.xml", articles, rng)


def _write_import_feed(path: Path, items: int, rng: random.Random) -> None:
    """An RSS feed of `items` posts as an old portal would publish them (HTML bodies with
    paragraphs, a heading, a list, an image and a script), for the import step."""
    entries = []
    for number in range(items):
        paragraphs = "".join(f"<p>{words(rng, 60)}.</p>" for _ in range(6))
        html = (
            f"<p>{words(rng, 30)}.</p><!--more--><h2>{words(rng, 5)}</h2>{paragraphs}"
            f"<ul><li>{words(rng, 8)}</li><li>{words(rng, 8)}</li></ul>"
            f'<figure><img src="https://cu.example.vn/anh/{number}.jpg"><figcaption>'
            f"{words(rng, 6)}</figcaption></figure><script>track({number})</script>"
        )
        day = 1 + number % 28
        entries.append(
            f"<item><title>Tin cũ số {number}: {words(rng, 10)}</title>"
            f"<link>https://cu.example.vn/tin/bai-cu-{number}.html</link>"
            f"<guid>cu-{number}</guid>"
            f"<pubDate>{day:02d} Mar {2010 + number % 15} 02:00:00 +0000</pubDate>"
            f"<category>{rng.choice(CATEGORIES)}</category>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Cổng cũ</title>" + "".join(entries) + "</channel></rss>",
        "utf-8",
    )


# --- the measured steps, each run in its own process ---------------------------------


def _warm_photo_cache(root: Path) -> dict[str, Any]:
    """Resize the photos into the cache the plugin uses (`photo_cache` beside mkdocs.yml)."""
    try:
        from site_builder.media.photos import prepare_photos
    except ImportError:  # an older checkout without the photo pipeline
        return {}
    started = time.perf_counter()
    photos = sorted(p.relative_to(root / "content").as_posix() for p in root.glob("content/anh/*"))
    result = prepare_photos(root / "content", photos, root / ".cache/photos")
    return {"photos": result.processed, "seconds": round(time.perf_counter() - started, 2)}


def step_floor(root: Path) -> dict[str, Any]:
    import yaml

    parsed = 0
    content = root / "content"
    for path in sorted([*content.glob("tin-tuc/**/*.md"), *content.glob("mo-hinh/*.md")]):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            yaml.load(text[4:end], Loader=yaml.CSafeLoader)
            parsed += 1
    return {"files": parsed}


def step_core(root: Path) -> dict[str, Any]:
    from site_builder.content.loader import Layout, load_content
    from site_builder.site.index import build_site_index
    from site_builder.site.listings import build_listings
    from site_builder.site.taxonomies import RESERVED_SLUGS

    content = load_content(Layout(root / "content", display_base=root), RESERVED_SLUGS)
    listings = build_listings(build_site_index(content))
    return {
        "files": content.files_checked,
        "problems": len(content.problems),
        "listings": len(listings),
    }


def _mkdocs(root: Path, config_file: str, site_dir: str | None = None) -> dict[str, Any]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(root)
    site = root / (site_dir or f"site-{config_file}")
    started = time.perf_counter()
    config = load_config(config_file, site_dir=str(site))
    build(config)
    # The build alone: counting the site's pages and bytes below walks its 37,000 files
    # and folders at 10,000 articles (1-2 s), which is the benchmark's, not the build's.
    build_seconds = round(time.perf_counter() - started, 3)
    pages = list(site.rglob("*.html"))
    article = next(site.glob("tin-tuc/**/bai-1/index.html"), None)
    return {
        "build_seconds": build_seconds,
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "article_page_bytes": article.stat().st_size if article else None,
    }


def step_plugin(root: Path) -> dict[str, Any]:
    """A clean build: no page cache (it is written for the next build, as on CI's first run)."""
    shutil.rmtree(root / ".cache/pages", ignore_errors=True)
    return _mkdocs(root, "mkdocs.yml")


def _retitle(root: Path, number: int, title: str) -> Path:
    """Give article `number` a new title (an edit that reaches its listings too)."""
    path = next((root / "content/tin-tuc").rglob(f"bai-{number}.md"))
    text = path.read_text("utf-8")
    head, body = text.split("\n---\n", 1)
    lines = [
        f"title: {json.dumps(title, ensure_ascii=False)}" if line.startswith("title:") else line
        for line in head.splitlines()
    ]
    path.write_text("\n".join(lines) + "\n---\n" + body, "utf-8")
    return path


def step_cached(root: Path) -> dict[str, Any]:
    """CI after a push that retitles one article: a build in a fresh process, with the page
    cache of the build before (made first, untimed, when there is none)."""
    # The manifest is `manifest.marshal` since 2026-12-02, `manifest.json` before.
    if not any((root / ".cache/pages").glob("*/manifest.*")):
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site-cached")],
            cwd=root,
            check=True,
        )
    _retitle(root, CHANGED_ARTICLE, f"Tin số {CHANGED_ARTICLE}: tiêu đề sửa lúc {time.time():.0f}")
    # CI builds into a fresh checkout: a folder that never existed. Not one just emptied,
    # either: the file system then makes the build's 13,000 folders up to 4x slower at 10k.
    fresh = f"site-cached-{time.time_ns()}"
    return {**_mkdocs(root, "mkdocs.yml", fresh), **_cache_report(root)}


def _cache_report(root: Path) -> dict[str, Any]:
    manifest = next((root / ".cache/pages").glob("*-build/manifest.*"), None)
    if manifest is None:  # a checkout without the page cache
        return {"cache_mib": 0}
    # The folder of `mkdocs build`'s pages, and its kept readings beside it.
    kept = [p for p in manifest.parent.rglob("*") if p.is_file()]
    kept += manifest.parent.parent.glob(manifest.parent.name + ".readings*")
    return {"cache_mib": round(sum(p.stat().st_size for p in kept) / 2**20, 1)}


def step_serve(root: Path) -> dict[str, Any]:
    """Live preview: from saving a new title of the newest article to `mkdocs serve`
    serving it on the article and on the news listing (polled every 50 ms); and the
    server's peak memory."""
    import urllib.request

    def fetch(url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = time.perf_counter()
        while not fetch(base + "tin-tuc/"):
            time.sleep(0.2)
        first_build = time.perf_counter() - started
        newest = re.search(
            r'href="(?:\./)?(?:\.\./)*(?:tin-tuc/)?(bai-(\d+))/"', fetch(base + "tin-tuc/")
        )
        assert newest, "no article on the news listing"
        article_url, number = f"{base}tin-tuc/{newest[1]}/", int(newest[2])
        times = []
        for attempt in range(3):
            time.sleep(2.5)  # the watcher settles between saves, as between an editor's saves
            title = f"Tin số {number}: sửa lần {attempt} lúc {time.time():.0f}"
            saved = time.perf_counter()
            _retitle(root, number, title)
            escaped = title.replace("&", "&amp;")
            while not (escaped in fetch(article_url) and escaped in fetch(base + "tin-tuc/")):
                time.sleep(0.05)
            times.append(round(time.perf_counter() - saved, 2))
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak = next(
            float(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "first_build_seconds": round(first_build, 1),
        "save_to_served_seconds": times,
        "server_peak_mib": round(peak / 1024, 1),
    }


def step_plain(root: Path) -> dict[str, Any]:
    return _mkdocs(root, "mkdocs-plain.yml")


def step_rebuild(root: Path) -> dict[str, Any]:
    """What `mkdocs serve` does after one article is saved: a whole rebuild in the same
    process (the parse cache warm), and how much of it is the core's."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_builder.content.loader import Layout, load_content
    from site_builder.site.index import build_site_index
    from site_builder.site.listings import build_listings
    from site_builder.site.taxonomies import RESERVED_SLUGS

    os.chdir(root)
    build(load_config("mkdocs.yml", site_dir=str(root / "site-rebuild")))
    changed = next((root / "content/tin-tuc").rglob("bai-1.md"))
    time.sleep(2.1)  # let the other files settle, as in a real editing session
    changed.write_text(changed.read_text("utf-8") + "\nMột câu vừa thêm.\n", "utf-8")
    started = time.perf_counter()
    build(load_config("mkdocs.yml", site_dir=str(root / "site-rebuild")))
    rebuild = time.perf_counter() - started
    started = time.perf_counter()
    content = load_content(Layout(root / "content", display_base=root), RESERVED_SLUGS)
    build_listings(build_site_index(content))
    core = time.perf_counter() - started
    return {"rebuild_seconds": round(rebuild, 2), "core_warm_seconds": round(core, 3)}


# --- page weight: what a reader's phone downloads ------------------------------------

WEIGHED_PAGES = {
    "home": "",
    "listing": "tin-tuc/",
    "article, 3 photos": f"tin-tuc/bai-{PHOTO_ARTICLE}/",
    "statistics": "thong-ke/",
}
SCREEN_SCALES = {"article, 2x screen": 2, "article, 3x screen": 3}
"""The article again on the sharper screens most phones have (device pixel ratio)."""
CHROMIUM = "/usr/bin/chromium"
_COMPRESSED = ("text/", "javascript", "json", "xml", "svg")
"""Types a web server sends gzipped (GitHub Pages does); photos and fonts go as they are."""


def _kind(content_type: str) -> str:
    for kind, marks in (
        ("html", ("html",)),
        ("css", ("css",)),
        ("js", ("javascript",)),
        ("font", ("font", "woff")),
        ("image", ("image/",)),
    ):
        if any(mark in content_type for mark in marks):
            return kind
    return "other"


def _weigh(responses: list[Any]) -> dict[str, int]:
    """Bytes by kind as transferred (text gzipped, level 6) and the raw total."""
    weights = {"html": 0, "css": 0, "js": 0, "font": 0, "image": 0, "other": 0, "raw": 0}
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        content_type = response.headers.get("content-type", "")
        sent = gzip.compress(body, 6) if any(m in content_type for m in _COMPRESSED) else body
        weights[_kind(content_type)] += len(sent)
        weights["raw"] += len(body)
    weights["total"] = sum(weights[k] for k in ("html", "css", "js", "font", "image", "other"))
    return weights


def _first_visit(browser: Any, url: str, scale: int = 1) -> dict[str, int]:
    """A first visit on a 360-px phone: an empty cache, the page scrolled to its end so
    that every lazy photo loads."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=scale)
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    for _ in range(100):  # scroll down a screen at a time, as a reader does
        if page.evaluate("window.scrollY + innerHeight >= document.body.scrollHeight"):
            break
        page.mouse.wheel(0, 700)
        page.wait_for_timeout(50)
    page.wait_for_function("Array.from(document.images).every(image => image.complete)")
    page.wait_for_load_state("networkidle")
    weights = _weigh(responses)
    context.close()
    return weights


def _search_download(browser: Any, url: str) -> dict[str, int]:
    """What opening search downloads, once the page itself has loaded."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    responses: list[Any] = []
    page.goto(url, wait_until="networkidle")
    page.on("response", lambda response: responses.append(response))
    page.locator("label.md-header__button[for='__search']").click()
    ready = page.locator(".md-search-result__meta").filter(has_text="Nhập để bắt đầu tìm kiếm")
    ready.wait_for(timeout=120_000)
    page.wait_for_load_state("networkidle")
    weights = _weigh(responses)
    context.close()
    return weights


class _Served:
    """The site built by the plugin step on 127.0.0.1, in a thread; with `compress`, text
    is sent gzipped (level 6) to clients that accept it, as GitHub Pages sends it."""

    def __init__(self, site: Path, compress: bool = False) -> None:
        import functools
        import http.server
        import threading

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                kind = self.guess_type(str(path))
                accepts = "gzip" in self.headers.get("Accept-Encoding", "")
                if not (compress and accepts and path.is_file() and _compressible(kind)):
                    super().do_GET()
                    return
                body = gzip.compress(path.read_bytes(), 6)
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        handler = functools.partial(Handler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> _Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _compressible(content_type: str) -> bool:
    return any(mark in content_type for mark in _COMPRESSED)


def step_weight(root: Path) -> dict[str, Any]:
    """Page weights of the site built by the plugin step, served locally, seen by Chromium."""
    from playwright.sync_api import sync_playwright

    site = root / "site-mkdocs.yml"
    with _Served(site) as served, sync_playwright() as playwright:
        base = served.base
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        pages = {name: _first_visit(browser, base + url) for name, url in WEIGHED_PAGES.items()}
        article = base + WEIGHED_PAGES["article, 3 photos"]
        for name, scale in SCREEN_SCALES.items():
            pages[name] = _first_visit(browser, article, scale)
        search = _search_download(browser, base)
        browser.close()
    index = (site / "search/search_index.json").read_bytes()
    return {
        "pages": pages,
        "search_on_open": search,
        "search_index_bytes": len(index),
        "search_index_gzip": len(gzip.compress(index, 6)),
    }


LIGHTHOUSE = REPO / ".cache/tools/lighthouse/node_modules/.bin/lighthouse"
"""Lighthouse 12.2.3, installed by `make lighthouse` (npm); it drives Debian's Chromium."""
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_RUNS = 5
"""Runs per page; the run with the median performance score is kept, as Lighthouse's own
advice has it: on this machine one page's score moves by up to ten points between runs."""
LIGHTHOUSE_CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def step_lighthouse(root: Path) -> dict[str, Any]:
    """Lighthouse's mobile scores (its default: a mid-range phone on a slow 4G line) and the
    bytes each page weighs, with the site served gzipped as it is published."""
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make lighthouse` first")
    pages = {}
    with _Served(root / "site-mkdocs.yml", compress=True) as served:
        for name, url in WEIGHED_PAGES.items():
            runs = [_lighthouse(served.base + url) for _ in range(LIGHTHOUSE_RUNS)]
            runs.sort(key=lambda run: run["scores"]["performance"])
            pages[name] = {
                **runs[len(runs) // 2],
                "performance_runs": [run["scores"]["performance"] for run in runs],
            }
    return {"pages": pages}


def _lighthouse(url: str) -> dict[str, Any]:
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
            f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    scored = {
        ref["id"]
        for category in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][category]["auditRefs"]
    }
    failed = sorted(
        key
        for key in scored
        if audits[key].get("score") is not None
        and audits[key]["score"] < 1
        and audits[key].get("scoreDisplayMode") in {"binary", "metricSavings", "numeric"}
    )
    return {
        "scores": {
            category: round(100 * (report["categories"][category]["score"] or 0))
            for category in LIGHTHOUSE_CATEGORIES
        },
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "failed_audits": failed,
    }


def step_import(root: Path) -> dict[str, Any]:
    """`site-builder import feed` of the generated feed into an empty content folder."""
    from site_builder.content.loader import Layout, load_content
    from site_builder.importing.feeds import load, read_feed
    from site_builder.importing.writer import ImportOptions, import_items
    from site_builder.site.taxonomies import RESERVED_SLUGS

    target = root / "import-target"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(root / "content/_data", target / "_data")
    layout = Layout(target, display_base=root)
    _, items = read_feed(load(str(root / "import-feed.xml")))
    data = load_content(layout, RESERVED_SLUGS).data
    options = ImportOptions("Dân vận khéo", "Ban Biên tập")
    report = import_items(items, layout, data, options, datetime(2026, 11, 26, 12), frozenset())
    return {"items": len(items), "new": report.new, "notes": len(report.notes)}


STEPS = {"floor": step_floor, "core": step_core, "plugin": step_plugin, "plain": step_plain}
EXTRA_STEPS = {
    "cached": step_cached,
    "serve": step_serve,
    "rebuild": step_rebuild,
    "weight": step_weight,
    "lighthouse": step_lighthouse,
    "import": step_import,
}


REPEATS = {"floor": 5, "core": 5, "plugin": 2, "plain": 2}
"""Runs of each measured step; each keeps its fastest (as `timeit` does). The runs are
taken in turns (floor, core, plugin, plain, floor, core, ...) so that the steps compared
meet the same moments of a noisy machine: seven runs of the same 1,000-file core step took
0.24 to 0.44 s here, and the same 1,000-article build 7.2 s and 12.8 s. The builds run
twice (a 10k pair takes three minutes), the short steps five times."""


def run_steps(chosen: list[str], root: Path) -> dict[str, dict[str, Any]]:
    repeated = [name for name in REPEATS if name in chosen]
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in repeated}
    for turn in range(max(REPEATS.values())):
        for name in repeated:
            if turn < REPEATS[name]:
                runs[name].append(run_step(name, root))
    results = {name: min(runs[name], key=lambda run: float(run["seconds"])) for name in repeated}
    for name in EXTRA_STEPS:
        if name in chosen:
            results[name] = (
                _median_of_cached_runs(root) if name == "cached" else run_step(name, root)
            )
    return {name: results[name] for name in (*STEPS, *EXTRA_STEPS) if name in results}


CACHED_RUNS = 3
"""One-article builds the `cached` step makes, each retitling the article anew. One build
moved by 15-25% from the next on this machine (10,000 articles: 4.40 to 5.36 s, and 6.01 to
6.62 s an hour later), so the step reports the median run, with every run's time."""


def _median_of_cached_runs(root: Path) -> dict[str, Any]:
    """The `cached` step's median run (by its build's time), and the build times of all."""
    runs = sorted(
        (run_step("cached", root) for _ in range(CACHED_RUNS)),
        key=lambda run: float(run["build_seconds"]),
    )
    return {**runs[len(runs) // 2], "build_seconds_runs": [run["build_seconds"] for run in runs]}


def run_step(name: str, root: Path) -> dict[str, Any]:
    """Run one step in a fresh interpreter; return its time, peak memory and facts."""
    result = subprocess.run(
        [sys.executable, __file__, "--step", name, str(root)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_BUILDER_NOW": "2026-11-26 12:00"},
    )
    if result.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


PRELOAD = {
    "floor": ["yaml"],
    "core": [
        "site_builder.content.loader",
        "site_builder.site.index",
        "site_builder.site.listings",
        # what the core imports on first use: Pillow's file formats (a cover's size is
        # read from the file) and python-slugify's transliteration table (3.7 MB, 15 ms,
        # loaded at the first character that is not ASCII after folding, such as "–")
        *(f"PIL.{name}ImagePlugin" for name in ("Bmp", "Gif", "Jpeg", "Png", "Ppm", "Tiff")),
        "text_unidecode",
    ],
    "plugin": [
        "mkdocs.commands.build",
        "mkdocs.config",
        "site_builder.mkdocs_adapter.plugin",
        "material",
    ],
    "plain": ["mkdocs.commands.build", "mkdocs.config", "material"],
    "rebuild": [
        "mkdocs.commands.build",
        "mkdocs.config",
        "site_builder.mkdocs_adapter.plugin",
        "material",
    ],
    "cached": [
        "mkdocs.commands.build",
        "mkdocs.config",
        "site_builder.mkdocs_adapter.plugin",
        "material",
    ],
    "serve": [],
    "weight": [],
    "lighthouse": [],
    "import": [
        "site_builder.content.loader",
        "site_builder.importing.feeds",
        "site_builder.importing.writer",
        "text_unidecode",
    ],
}


def _peak_kib() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux keeps that
    across exec, so a step would report the peak of the parent that made the photos."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return float(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_here(name: str, root: Path) -> None:
    """Time one step; its imports are done first, so only the work itself is measured."""
    for module in PRELOAD[name]:
        importlib.import_module(module)
    started = time.perf_counter()
    facts = {**STEPS, **EXTRA_STEPS}[name](root)
    seconds = time.perf_counter() - started
    peak_mib = _peak_kib() / 1024
    print(json.dumps({"seconds": round(seconds, 3), "peak_mib": round(peak_mib, 1), **facts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--output", default="bench-results.json")
    parser.add_argument(
        "--steps", nargs="+", choices=[*STEPS, *EXTRA_STEPS], help="only these (default: all)"
    )
    parser.add_argument(
        "--repo",
        type=Path,
        help="measure another checkout (its site_builder, theme and data), e.g. a git worktree "
        "of an older commit, for before/after figures",
    )
    parser.add_argument(
        "--words", type=int, default=600, help="words in each article's body (default 600)"
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("root", nargs="?", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.step:
        measure_here(arguments.step, Path(arguments.root))
        return
    if arguments.repo:
        global REPO
        REPO = arguments.repo.resolve()
        os.environ["PYTHONPATH"] = str(REPO)  # the steps import that checkout's site_builder
    chosen = arguments.steps or [*STEPS, *EXTRA_STEPS]
    global ARTICLE_WORDS
    ARTICLE_WORDS = arguments.words
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "article_words": ARTICLE_WORDS,
        "sizes": {},
    }
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
            root = Path(folder)
            generate(root, size)
            results["sizes"][str(size)] = run_steps(chosen, root)
            print(f"N={size}: done", file=sys.stderr)
    results["ratios"] = ratios(results["sizes"])
    Path(arguments.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(results))


def ratios(sizes: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for size, steps in sizes.items():
        found[size] = {}
        if "core" in steps and "floor" in steps:
            found[size]["core/floor"] = round(
                steps["core"]["seconds"] / steps["floor"]["seconds"], 2
            )
        if "plugin" in steps and "plain" in steps:
            plugin, plain = steps["plugin"], steps["plain"]
            found[size]["plugin/plain"] = round(_built_in(plugin) / _built_in(plain), 2)
            found[size]["plugin/plain peak memory"] = round(
                plugin["peak_mib"] / plain["peak_mib"], 2
            )
    if "1000" in sizes and "10000" in sizes:
        small, large = sizes["1000"], sizes["10000"]
        found["10k/1k"] = {
            name: round(large[name]["seconds"] / small[name]["seconds"], 2)
            for name in STEPS
            if name in small and name in large
        }
    return {size: ratios for size, ratios in found.items() if ratios}


def _built_in(step: dict[str, Any]) -> float:
    """A build step's time without what the step did besides the build (emptying the page
    cache, counting the site's files); older results have only the step's."""
    return float(step.get("build_seconds") or step["seconds"])


def table(results: dict[str, Any]) -> str:
    lines = [
        f"machine: {results['machine']}",
        "",
        f"{'N':>6} {'step':<7} {'seconds':>8} {'peak MiB':>9} {'pages':>6} {'article page':>13}",
    ]
    for size, steps in results["sizes"].items():
        for name, step in steps.items():
            if name in EXTRA_STEPS:
                continue
            lines.append(
                f"{size:>6} {name:<7} {step['seconds']:>8.2f} {step['peak_mib']:>9.1f} "
                f"{step.get('pages', ''):>6} {step.get('article_page_bytes') or '':>13}"
            )
    for size, steps in results["sizes"].items():
        if "cached" in steps:
            step = steps["cached"]
            clean = _built_in(steps["plugin"]) if "plugin" in steps else None
            share = f" = {step['build_seconds'] / clean:.2f} of the clean build" if clean else ""
            runs = " / ".join(f"{r:.2f}" for r in step.get("build_seconds_runs", []))
            median = f" (the median of {runs} s)" if runs else ""
            lines.append(
                f"{size:>6} build after one retitled article, with the page cache: "
                f"{step['build_seconds']:.2f} s{share}{median}, "
                f"peak {step['peak_mib']:.1f} MiB, cache {step['cache_mib']} MiB"
            )
        if "serve" in steps:
            step = steps["serve"]
            clean = _built_in(steps["plugin"]) if "plugin" in steps else None
            best = min(step["save_to_served_seconds"])
            share = f" (best {best / clean:.2f} of the clean build)" if clean else ""
            lines.append(
                f"{size:>6} mkdocs serve, save to served (article and news listing): "
                f"{step['save_to_served_seconds']} s{share}; first build "
                f"{step['first_build_seconds']} s; server peak {step['server_peak_mib']} MiB"
            )
    for size, steps in results["sizes"].items():
        if "rebuild" not in steps:
            continue
        rebuild = steps["rebuild"]
        lines.append(
            f"{size:>6} serve rebuild after one change: {rebuild['rebuild_seconds']} s, of which "
            f"the core (warm cache) {rebuild['core_warm_seconds']} s"
        )
    for size, steps in results["sizes"].items():
        if "import" in steps:
            step = steps["import"]
            lines.append(
                f"{size:>6} import feed: {step['items']} items in {step['seconds']:.2f} s, "
                f"peak {step['peak_mib']:.1f} MiB"
            )
    lines += ["", weight_table(results), "", lighthouse_table(results)]
    lines.append("")
    for key, value in results["ratios"].items():
        lines.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
    return "\n".join(lines)


def lighthouse_table(results: dict[str, Any]) -> str:
    """Lighthouse mobile scores and the bytes each page weighs (served gzipped)."""
    lines = [
        "Lighthouse 12 mobile (served gzipped), the median of five runs: scores, kB, LCP and "
        "TBT in ms",
        f"{'N':>6} {'page':<18} {'perf':>5} {'a11y':>5} {'bp':>4} {'seo':>4} {'kB':>7} "
        f"{'LCP':>6} {'TBT':>5}  perf of each run; failed audits",
    ]
    for size, steps in results["sizes"].items():
        for name, page in steps.get("lighthouse", {}).get("pages", {}).items():
            s = page["scores"]
            lines.append(
                f"{size:>6} {name:<18} {s['performance']:>5} {s['accessibility']:>5} "
                f"{s['best-practices']:>4} {s['seo']:>4} {page['bytes'] / 1000:>7.1f} "
                f"{page['lcp_ms']:>6} {page['tbt_ms']:>5}  {page['performance_runs']} "
                f"{', '.join(page['failed_audits'])}"
            )
    return "\n".join(lines)


def weight_table(results: dict[str, Any]) -> str:
    """First visit at 360 px, in kB as transferred (text gzipped), and the search download."""
    lines = [
        "first visit at 360 px, kB transferred (text gzipped; raw total in brackets)",
        f"{'N':>6} {'page':<18} {'html':>6} {'css':>6} {'js':>6} {'font':>5} {'image':>7} "
        f"{'total':>7} {'(raw)':>8}",
    ]
    for size, steps in results["sizes"].items():
        weight = steps.get("weight")
        if not weight:
            continue
        rows = [*weight["pages"].items(), ("search, on opening", weight["search_on_open"])]
        for name, w in rows:
            lines.append(
                f"{size:>6} {name:<18} {w['html'] / 1000:>6.1f} {w['css'] / 1000:>6.1f} "
                f"{w['js'] / 1000:>6.1f} {w['font'] / 1000:>5.1f} {w['image'] / 1000:>7.1f} "
                f"{w['total'] / 1000:>7.1f} {w['raw'] / 1000:>8.1f}"
            )
        lines.append(
            f"{size:>6} search index: {weight['search_index_bytes'] / 1e6:.2f} MB, "
            f"{weight['search_index_gzip'] / 1e6:.2f} MB gzipped"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
