"""`site-builder`: the command line for journalists and CI (`check`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .loader import DEFAULT_UNIT, Layout, load_content
from .problems import FORMATTERS, count, fails

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


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
    check.add_argument(
        "path", nargs="?", default="content", help="thư mục nội dung (mặc định: content)"
    )
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="dạng kết quả")
    check.add_argument("--strict", action="store_true", help="cảnh báo cũng tính là lỗi")
    check.add_argument("--articles-dir", default="tin-tuc")
    check.add_argument("--models-dir", default="mo-hinh")
    check.add_argument("--data-dir", default="_data")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    return _check(arguments)


def _check(arguments: argparse.Namespace) -> int:
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
    content = load_content(layout)
    sys.stdout.write(FORMATTERS[arguments.format](content.problems))
    if arguments.format == "text":
        errors, warnings = count(content.problems)
        print(
            f"Đã kiểm tra {content.files_checked} tệp: {errors} lỗi, {warnings} cảnh báo; "
            f"{len(content.articles)} bài viết và {len(content.models)} hồ sơ mô hình hợp lệ."
        )
    return EXIT_PROBLEMS if fails(content.problems, strict=arguments.strict) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
