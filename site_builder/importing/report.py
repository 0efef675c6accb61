"""The import's report, for the editor (text) or a tool (JSON): the counts, then each note
with its code, the file written and the item's address in the old system."""

from __future__ import annotations

import json
from dataclasses import asdict

from .items import ImportReport

_LABELS = {
    "new": "mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "edited_by_hand": "giữ nguyên vì đã sửa tay",
    "drafts": "bản nháp",
    "skipped": "bỏ qua",
}


def format_report(report: ImportReport, output: str, *, dry_run: bool = False) -> str:
    if output == "json":
        record = {
            "dry_run": dry_run,
            "counts": report.counts,
            "notes": [asdict(note) for note in report.notes],
        }
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    lines = [
        f"{note.code} {note.path or '-'} ({note.source_url or 'không có địa chỉ'}): {note.message}"
        for note in report.notes
    ]
    counts = ", ".join(f"{value} {_LABELS[key]}" for key, value in report.counts.items())
    verb = "Sẽ nhập (chạy thử, chưa ghi tệp)" if dry_run else "Đã nhập"
    lines.append(f"{verb}: {counts}; {len(report.notes)} ghi chú cần xem.")
    return "\n".join(lines) + "\n"
