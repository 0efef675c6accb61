"""Horizontal bar charts as plain geometry, drawn as inline SVG by a template.

A chart is a few rectangles and labels: computing them here (about forty lines) keeps the
numbers testable and lets the template colour them with Material's CSS variables, so the
chart follows the light and dark palettes, which a charting library's inline colours do not.
Horizontal bars keep long Vietnamese labels readable on a 360-px phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..site.statistics import CountTable

WIDTH = 320
ROW_HEIGHT = 36
BAR_HEIGHT = 12
LABEL_BASELINE = 13
BAR_TOP = 18
VALUE_GAP = 4
PLOT_WIDTH = 270


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float

    @property
    def label_y(self) -> int:
        return self.y + LABEL_BASELINE

    @property
    def bar_y(self) -> int:
        return self.y + BAR_TOP

    @property
    def value_x(self) -> float:
        return round(self.width + VALUE_GAP, 1)

    @property
    def value_y(self) -> int:
        return self.y + BAR_TOP + BAR_HEIGHT - 2


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT


def bar_chart(table: CountTable) -> BarChart:
    """One bar per row, scaled to the largest value; the description says every number."""
    largest = max((row.count for row in table.rows), default=0)
    bars = tuple(
        Bar(
            label=row.label,
            value=row.count,
            y=position * ROW_HEIGHT,
            width=round(PLOT_WIDTH * row.count / largest, 1) if largest else 0.0,
        )
        for position, row in enumerate(table.rows)
    )
    parts = "; ".join(f"{row.label}: {row.count} {table.unit}" for row in table.rows)
    description = f"Biểu đồ thanh ngang. {parts or 'Chưa có số liệu'}."
    return BarChart(table.key.replace(".", "-"), table.title, description, bars)
