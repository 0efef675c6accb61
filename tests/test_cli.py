"""`site-builder check`: output formats and exit codes, as CI and journalists use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main

from .conftest import FixtureSite


def run_check(site: FixtureSite, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    import os

    previous = Path.cwd()
    os.chdir(site.base)
    try:
        code = main(["check", "content", *args])
    finally:
        os.chdir(previous)
    return code, capsys.readouterr().out


def test_clean_content_exits_0(site: FixtureSite, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(site, capsys=capsys)
    assert code == 0
    assert "0 lỗi, 0 cảnh báo" in out


def test_errors_exit_1_with_one_line_each(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("a", replace={"date: 10/02/2020": "date: 30/02/2020"})
    site.write("tin-tuc/b.md", "")
    code, out = run_check(site, capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("SB112 content/tin-tuc/a.md:3: ")
    assert lines[1].startswith("SB102 content/tin-tuc/b.md:1: ")
    assert "2 lỗi" in lines[-1]


def test_warnings_fail_only_in_strict_mode(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("a", tittle="x")
    code, out = run_check(site, capsys=capsys)
    assert code == 0
    assert out.startswith("SB120 content/tin-tuc/a.md:9: cảnh báo: ")
    code, _ = run_check(site, "--strict", capsys=capsys)
    assert code == 1


def test_json_format(site: FixtureSite, capsys: pytest.CaptureFixture[str]) -> None:
    site.article("a", replace={"category: Dân vận khéo": 'category: "<script>alert(1)</script>"'})
    code, out = run_check(site, "--format", "json", capsys=capsys)
    assert code == 1
    [row] = json.loads(out)
    assert row["code"] == "SB113"
    assert row["path"] == "content/tin-tuc/a.md"
    assert row["line"] == 5
    assert row["severity"] == "error"
    assert "<script>" in row["message"]


def test_github_format_escapes_annotation_data(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("a,b", replace={"date: 10/02/2020": "date: 30/02/2020"})
    code, out = run_check(site, "--format", "github", capsys=capsys)
    assert code == 1
    assert out.startswith("::error file=content/tin-tuc/a%2Cb.md,line=3,title=SB112::")
    assert out.count("\n") == 1


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "khong-co")]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "xml"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2


def test_the_module_runs_as_the_readme_says(site: FixtureSite) -> None:
    """The console script, as the README tells journalists to run it, in a clean folder."""
    result = subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "check", "content"],
        cwd=site.base,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Đã kiểm tra")
    assert "0 lỗi, 0 cảnh báo" in result.stdout


def test_markdown_format_for_the_job_summary(
    site: FixtureSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("a", replace={"date: 10/02/2020": "date: 30/02/2020"}, catgory="x|y")
    code, out = run_check(site, "--format", "markdown", capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "1 lỗi, 1 cảnh báo."
    assert lines[2] == "| Mã | Tệp | Dòng | Cần sửa |"
    assert lines[4].startswith("| SB112 | `content/tin-tuc/a.md` | 3 | Ngày '30/02/2020'")
    assert lines[5].startswith("| SB120 | `content/tin-tuc/a.md` | 9 | cảnh báo: Trường 'catgory'")
    _, clean = run_check(FixtureSite(site.base / "sach"), "--format", "markdown", capsys=capsys)
    assert clean.startswith("Không có lỗi")
