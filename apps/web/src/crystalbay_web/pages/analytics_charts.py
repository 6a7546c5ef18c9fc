"""Server-rendered SVG bar charts and CSV tables for the analytics page (no chart library).

Geometry is computed here; ``templates/analytics/_chart.html`` draws it (Jinja escapes every
label). CSV cells that a spreadsheet would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["Bar", "BarChart", "bar_chart", "csv_text", "duration"]

ROW_HEIGHT = 26
LABEL_WIDTH = 190
VALUE_WIDTH = 110
BAR_SPACE = 300


class Bar(msgspec.Struct, frozen=True, kw_only=True):
    """One horizontal bar: its label, the text after it, and its box."""

    label: str
    text: str
    y: int
    width: float


class BarChart(msgspec.Struct, frozen=True, kw_only=True):
    """A horizontal bar chart: ``width`` x ``height`` pixels."""

    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    row_height: int = ROW_HEIGHT


def bar_chart(title: str, rows: Iterable[tuple[str, float, str]]) -> BarChart:
    """Bars for ``(label, value, text)`` rows, scaled to the largest value."""
    items = list(rows)
    top = max((value for _, value, _ in items), default=0.0)
    bars = tuple(
        Bar(
            label=label,
            text=text,
            y=index * ROW_HEIGHT,
            width=round(BAR_SPACE * value / top, 1) if top > 0 else 0.0,
        )
        for index, (label, value, text) in enumerate(items)
    )
    return BarChart(
        title=title,
        bars=bars,
        width=LABEL_WIDTH + BAR_SPACE + VALUE_WIDTH,
        height=max(1, len(bars)) * ROW_HEIGHT,
    )


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (RFC 4180, CRLF line ends) with formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def duration(seconds: float | None) -> str:
    """``H:MM:SS`` (``N d H:MM:SS`` from a day on); ``—`` for no value."""
    if seconds is None:
        return "—"
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{days} d {clock}" if days else clock
