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
It prints a table with the ratios core/floor, plugin/plain and 10k/1k, and writes JSON.
This is a measurement, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
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


def generate(root: Path, articles: int) -> None:
    """A deterministic site: the same N always gives the same files."""
    rng = random.Random(articles)
    content = root / "content"
    shutil.copytree(REPO / "content/_data", content / "_data")
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
        date = f"{1 + number % 28:02d}/{1 + number % 12:02d}/{year} {7 + number % 10}:{number % 60:02d}"
        (folder / f"bai-{number}.md").write_text(
            f"---\ntitle: {json.dumps(f'Tin số {number}: {rng.choice(SENTENCES)[:60]}', ensure_ascii=False)}\n"
            f"date: {date}\n"
            f"author: Phóng viên {number % 12}\ncategory: {rng.choice(CATEGORIES)}\n"
            f"tags: [{rng.choice(TAGS)}, {rng.choice(TAGS)}]\n"
            f"communes: [{rng.choice(COMMUNES)}]\nmodels: [mo-hinh-{rng.randrange(models)}]\n"
            f"---\n\n{body(rng)}",
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


# --- the measured steps, each run in its own process ---------------------------------


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
    from site_builder.loader import Layout, load_content
    from site_builder.site_index import build_site_index

    content = load_content(Layout(root / "content", display_base=root))
    index = build_site_index(content)
    return {
        "files": content.files_checked,
        "problems": len(content.problems),
        "listings": len(index.listings),
    }


def _mkdocs(root: Path, config_file: str) -> dict[str, Any]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(root)
    config = load_config(config_file, site_dir=str(root / f"site-{config_file}"))
    build(config)
    site = root / f"site-{config_file}"
    pages = list(site.rglob("*.html"))
    article = next(site.glob("tin-tuc/**/bai-1/index.html"), None)
    return {
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "article_page_bytes": article.stat().st_size if article else None,
    }


def step_plugin(root: Path) -> dict[str, Any]:
    return _mkdocs(root, "mkdocs.yml")


def step_plain(root: Path) -> dict[str, Any]:
    return _mkdocs(root, "mkdocs-plain.yml")


def step_rebuild(root: Path) -> dict[str, Any]:
    """What `mkdocs serve` does after one article is saved: a whole rebuild in the same
    process (the parse cache warm), and how much of it is the core's."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_builder.loader import Layout, load_content
    from site_builder.site_index import build_site_index

    os.chdir(root)
    build(load_config("mkdocs.yml", site_dir=str(root / "site-rebuild")))
    changed = next((root / "content/tin-tuc").rglob("bai-1.md"))
    time.sleep(2.1)  # let the other files settle, as in a real editing session
    changed.write_text(changed.read_text("utf-8") + "\nMột câu vừa thêm.\n", "utf-8")
    started = time.perf_counter()
    build(load_config("mkdocs.yml", site_dir=str(root / "site-rebuild")))
    rebuild = time.perf_counter() - started
    started = time.perf_counter()
    content = load_content(Layout(root / "content", display_base=root))
    build_site_index(content)
    core = time.perf_counter() - started
    return {"rebuild_seconds": round(rebuild, 2), "core_warm_seconds": round(core, 3)}


STEPS = {"floor": step_floor, "core": step_core, "plugin": step_plugin, "plain": step_plain}
EXTRA_STEPS = {"rebuild": step_rebuild}


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
    "core": ["site_builder.loader", "site_builder.site_index"],
    "plugin": ["mkdocs.commands.build", "mkdocs.config", "site_builder.plugin", "material"],
    "plain": ["mkdocs.commands.build", "mkdocs.config", "material"],
    "rebuild": ["mkdocs.commands.build", "mkdocs.config", "site_builder.plugin", "material"],
}


def measure_here(name: str, root: Path) -> None:
    """Time one step; its imports are done first, so only the work itself is measured."""
    for module in PRELOAD[name]:
        importlib.import_module(module)
    started = time.perf_counter()
    facts = {**STEPS, **EXTRA_STEPS}[name](root)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 3), "peak_mib": round(peak_mib, 1), **facts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--output", default="bench-results.json")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("root", nargs="?", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.step:
        measure_here(arguments.step, Path(arguments.root))
        return
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "sizes": {},
    }
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
            root = Path(folder)
            generate(root, size)
            results["sizes"][str(size)] = {
                name: run_step(name, root) for name in (*STEPS, *EXTRA_STEPS)
            }
            print(f"N={size}: done", file=sys.stderr)
    results["ratios"] = ratios(results["sizes"])
    Path(arguments.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(results))


def ratios(sizes: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for size, steps in sizes.items():
        found[size] = {
            "core/floor": round(steps["core"]["seconds"] / steps["floor"]["seconds"], 2),
            "plugin/plain": round(steps["plugin"]["seconds"] / steps["plain"]["seconds"], 2),
            "plugin/plain peak memory": round(
                steps["plugin"]["peak_mib"] / steps["plain"]["peak_mib"], 2
            ),
        }
    if "1000" in sizes and "10000" in sizes:
        small, large = sizes["1000"], sizes["10000"]
        found["10k/1k"] = {
            name: round(large[name]["seconds"] / small[name]["seconds"], 2) for name in STEPS
        }
    return found


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
        rebuild = steps["rebuild"]
        lines.append(
            f"{size:>6} serve rebuild after one change: {rebuild['rebuild_seconds']} s, of which "
            f"the core (warm cache) {rebuild['core_warm_seconds']} s"
        )
    lines.append("")
    for key, value in results["ratios"].items():
        lines.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
