"""`site-builder`: the command line for journalists and CI (`check`, `stats`, `new`,
`move`, `import`)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .content.loader import DEFAULT_UNIT, ContentSet, Layout, editors_pages, load_content
from .content.problems import FORMATTERS, count, fails, sorted_problems
from .importing.feeds import FeedError, load, read_feed
from .importing.items import ImportSetupError
from .importing.mapping import ImportMap, read_map
from .importing.report import format_report
from .importing.wordpress import read_export
from .importing.writer import ImportOptions, import_items
from .move_content import MoveError, move
from .new_content import NewContentError, create
from .outputs.open_data import stats_record
from .site.addresses import lost_addresses, pages_of, plan_addresses, sitemap_addresses
from .site.index import build_site_index
from .site.listings import build_listings
from .site.publishing import next_scheduled, now_in_vietnam
from .site.statistics import Statistics
from .site.taxonomies import RESERVED_SLUGS
from .text.vietnamese import format_date, format_number, format_percent, nfc

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_AUTHOR = "Ban Biên tập"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Công cụ của trang tin Trung tâm TT&VH Đầm Hà.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="kiểm tra bài viết, hồ sơ mô hình và tệp dữ liệu",
        description="Kiểm tra toàn bộ nội dung và báo mọi lỗi cùng lúc, mỗi lỗi một dòng.",
    )
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="dạng kết quả")
    check.add_argument("--strict", action="store_true", help="cảnh báo cũng tính là lỗi")
    check.add_argument(
        "--previous-sitemap",
        metavar="TỆP_HOẶC_ĐỊA_CHỈ",
        help="sitemap.xml của lần đăng trước (tệp hoặc http(s)): báo mọi địa chỉ cũ bị mất",
    )
    stats = commands.add_parser(
        "stats",
        help="in số liệu thống kê tính từ nội dung",
        description="In các bảng của trang Thống kê, tính theo đúng cách của trang web.",
    )
    stats.add_argument("--format", choices=("text", "json"), default="text", help="dạng kết quả")
    new = commands.add_parser(
        "new",
        help="tạo bài viết hoặc hồ sơ mô hình mới từ mẫu",
        description="Tạo tệp mới đúng chỗ, đúng tên, điền sẵn theo mẫu "
        "trong content/_data/templates.",
    )
    new.add_argument("kind", choices=("article", "model"), help="article: bài viết; model: mô hình")
    new.add_argument("title", help="tiêu đề bài viết hoặc tên mô hình")
    new.add_argument("--author", help="tác giả (mặc định: tên trong git config user.name)")
    moving = commands.add_parser(
        "move",
        help="đổi tên bài viết hoặc hồ sơ mà liên kết cũ vẫn dùng được",
        description="Đổi tên tệp theo tiêu đề (hoặc slug) mới và ghi địa chỉ cũ vào 'aliases:'.",
    )
    moving.add_argument("old_path", help="tệp cần đổi, ví dụ content/tin-tuc/2020/ten-cu.md")
    moving.add_argument("new", help="tiêu đề mới, hoặc slug mới (chữ thường không dấu)")
    importing = commands.add_parser(
        "import",
        help="nhập bài từ hệ thống cũ (tệp xuất WordPress, nguồn tin RSS/Atom)",
        description="Nhập bài từ hệ thống cũ thành bài viết của trang; chạy lại không tạo "
        "bản trùng và không ghi đè tệp đã sửa tay.",
    )
    importing.add_argument(
        "source_kind",
        choices=("wordpress", "feed"),
        help="wordpress: tệp xuất WordPress (WXR); feed: nguồn tin RSS hoặc Atom",
    )
    importing.add_argument("source", help="tệp, hoặc địa chỉ http(s) của nguồn tin")
    importing.add_argument(
        "--pages", action="store_true", help="nhập cả trang tĩnh (page) của WordPress"
    )
    importing.add_argument(
        "--fetch-images",
        action="store_true",
        help="tải ảnh của bài về content/anh/nhap/ (không có: ảnh bị bỏ và được liệt kê)",
    )
    importing.add_argument(
        "--map",
        type=Path,
        help="tệp YAML ánh xạ chuyên mục, từ khóa, tác giả, xã của hệ thống cũ sang trang này",
    )
    importing.add_argument(
        "--category", required=True, help="chuyên mục cho bài có chuyên mục gốc không khớp"
    )
    importing.add_argument("--author", default=DEFAULT_AUTHOR, help="tác giả khi bài gốc không ghi")
    importing.add_argument(
        "--source-name",
        help="tên nguồn in cuối bài (“Nguồn: …”); mặc định là tên của nguồn tin hoặc trang "
        'WordPress; --source-name "" để không ghi (nhập kho bài của chính Trung tâm)',
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="chỉ báo sẽ làm gì, không ghi tệp"
    )
    importing.add_argument(
        "--format", choices=("text", "json"), default="text", help="dạng kết quả"
    )
    importing.add_argument("--content", default="content", dest="path", help="thư mục nội dung")
    for command in (check, stats):
        command.add_argument(
            "path", nargs="?", default="content", help="thư mục nội dung (mặc định: content)"
        )
    new.add_argument("--content", default="content", dest="path", help="thư mục nội dung")
    moving.add_argument("--content", default="content", dest="path", help="thư mục nội dung")
    for command in (check, stats, new, importing, moving):
        command.add_argument("--articles-dir", default="tin-tuc")
        command.add_argument("--models-dir", default="mo-hinh")
        command.add_argument("--data-dir", default="_data")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    root = Path(arguments.path)
    if not root.is_dir():
        print(f"site-builder: không tìm thấy thư mục nội dung '{root}'.", file=sys.stderr)
        return EXIT_USAGE
    layout = Layout(
        content_root=root,
        articles_dir=arguments.articles_dir,
        models_dir=arguments.models_dir,
        data_dir=arguments.data_dir,
        default_unit=DEFAULT_UNIT,
    )
    if arguments.command == "new":
        return _new(arguments, layout)
    if arguments.command == "import":
        return _import(arguments, layout)
    if arguments.command == "move":
        return _move(arguments, layout)
    content = load_content(layout, RESERVED_SLUGS)
    if arguments.command == "stats":
        return _stats(content, arguments.format)
    _check_addresses(content, layout, arguments.previous_sitemap)
    return _check(content, arguments.format, strict=arguments.strict)


def _check_addresses(content: ContentSet, layout: Layout, previous_sitemap: str | None) -> None:
    """Add the problems of addresses: aliases already taken (SB132), and with a previous
    sitemap, each address it lists that this content publishes no more (SB133). A sitemap
    that cannot be read is a warning on stderr, and the check goes on without it."""
    index = build_site_index(content)
    pages = pages_of(editors_pages(layout), build_listings(index))
    plan = plan_addresses(index, pages)
    problems = list(plan.problems)
    if previous_sitemap:
        try:
            text = load(previous_sitemap).decode("utf-8", errors="replace")
        except FeedError as error:
            print(
                f"site-builder: cảnh báo: không đọc được sơ đồ trang cũ ({error}). "
                "Bỏ qua bước so sánh địa chỉ.",
                file=sys.stderr,
            )
        else:
            old = sitemap_addresses(text)
            problems += lost_addresses(old, plan.published, previous_sitemap)
    content.problems = sorted_problems([*content.problems, *problems])


def _move(arguments: argparse.Namespace, layout: Layout) -> int:
    try:
        moved = move(Path(arguments.old_path), arguments.new, layout)
    except MoveError as error:
        print(f"site-builder: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Đã đổi {moved.old_path} thành {moved.new_path}")
    print(f"Địa chỉ mới: /{moved.new_url}")
    print(f"Địa chỉ cũ /{moved.old_url} sẽ chuyển tới địa chỉ mới (dòng 'aliases:' trong tệp).")
    print("Khi commit, nhớ gồm cả tệp mới và việc xóa tệp cũ (git add -A).")
    return EXIT_OK


def _new(arguments: argparse.Namespace, layout: Layout) -> int:
    author = arguments.author or _git_user() or DEFAULT_AUTHOR
    try:
        created = create(arguments.kind, arguments.title, layout, now_in_vietnam(), author)
    except NewContentError as error:
        print(f"site-builder: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Đã tạo {created.path}")
    print(f"Sau khi đăng, trang sẽ ở địa chỉ /{created.url}")
    print("Sửa tệp, xóa dòng 'draft: true' khi sẵn sàng, rồi chạy: site-builder check")
    return EXIT_OK


def _import(arguments: argparse.Namespace, layout: Layout) -> int:
    """Exit codes as `check`: 0 all imported as they were, 1 imported with notes to look at,
    2 the import could not run (its reason on stderr, never a traceback)."""
    try:
        data_bytes = load(arguments.source)
        if arguments.source_kind == "wordpress":
            title, items, _ = read_export(data_bytes)
        else:
            title, items = read_feed(data_bytes)
        data = load_content(layout, RESERVED_SLUGS).data
        mapping = read_map(arguments.map, data) if arguments.map else ImportMap()
        options = ImportOptions(
            arguments.category,
            arguments.author,
            arguments.dry_run,
            arguments.pages,
            mapping,
            arguments.fetch_images,
            nfc(title if arguments.source_name is None else arguments.source_name).strip(),
        )
        report = import_items(
            items, layout, data, options, now_in_vietnam(), RESERVED_SLUGS.articles
        )
    except (FeedError, ImportSetupError) as error:
        print(f"site-builder: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(
            f"site-builder: không ghi được tệp ({error.strerror}: {error.filename}).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    sys.stdout.write(format_report(report, arguments.format, dry_run=arguments.dry_run))
    return EXIT_PROBLEMS if report.notes else EXIT_OK


def _git_user() -> str | None:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() or None


def _check(content: ContentSet, output: str, *, strict: bool) -> int:
    sys.stdout.write(FORMATTERS[output](content.problems))
    if output == "text":
        errors, warnings = count(content.problems)
        print(
            f"Đã kiểm tra {content.files_checked} tệp: {errors} lỗi, {warnings} cảnh báo; "
            f"{len(content.articles)} bài viết và {len(content.models)} hồ sơ mô hình hợp lệ."
        )
        upcoming = next_scheduled(content.articles, now_in_vietnam())
        if upcoming is not None:
            where = upcoming.source.path if upcoming.source else upcoming.src_uri
            print(
                f"Bài hẹn giờ tiếp theo: “{upcoming.title}” ({where}) sẽ lên trang vào "
                f"{format_date(upcoming.date)} lúc {upcoming.date:%H:%M}, ở lần dựng trang "
                "đầu tiên sau giờ đó (hằng ngày hoặc khi có thay đổi)."
            )
    return EXIT_PROBLEMS if fails(content.problems, strict=strict) else EXIT_OK


def _stats(content: ContentSet, output: str) -> int:
    """The statistics of what a build would publish (files with errors are left out)."""
    statistics = build_site_index(content).statistics
    if output == "json":
        sys.stdout.write(json.dumps(stats_record(statistics), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_statistics(statistics))
    errors, _ = count(content.problems)
    if errors:
        print(f"({errors} lỗi trong nội dung: chạy 'site-builder check' để xem)", file=sys.stderr)
    return EXIT_OK


def format_statistics(statistics: Statistics) -> str:
    """The statistics page as plain text tables, for the terminal."""
    lines: list[str] = []
    share = statistics.effective_share
    lines.append("Tổng hợp")
    for key, value in statistics.metrics.items():
        lines.append(f"  {key:<32} {format_number(value):>8}")
    if share is not None:
        lines.append(f"  {'tỷ lệ hiệu quả, có sức lan tỏa':<32} {format_percent(share):>8}")
    if statistics.reported:
        lines += ["", f"Số liệu báo cáo ({statistics.reported_period}) / trên trang"]
        for row in statistics.reported:
            computed = "—" if row.computed is None else format_number(row.computed)
            lines.append(f"  {row.label:<50} {format_number(row.reported):>8} {computed:>8}")
    for table in statistics.tables:
        lines += ["", table.title]
        lines += [f"  {row.label:<50} {format_number(row.count):>8}" for row in table.rows]
        if table.total is not None:
            lines.append(f"  {'Tổng':<50} {format_number(table.total):>8}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
