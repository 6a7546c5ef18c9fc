"""Dates written with day numbers: "с 10 по 20 мая", "10-20.05", "May 10", "10.05.2025".

Every date is resolved against ``today``: a day already past means next year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from crystalbay.rules.months import day_in_future, month_of, month_window

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Candidate", "DateWindow", "pattern_candidates"]

_MAX_TRIP_NIGHTS = 30


@dataclass(frozen=True, slots=True)
class DateWindow:
    """Travel dates: first and last day, and the nights an explicit trip range implies."""

    start: date
    end: date
    nights: int | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of the dates in a message, ranked by how specific its pattern is."""

    priority: int
    position: int
    window: DateWindow
    confidence: float
    single: bool = False


_D = r"(\d{1,2})"
_ORD = r"(?:st|nd|rd|th|-?го|-?е|-?ое)?"
_TO = r"\s*(?:-|по|до|to|till|until|through)\s*"
_MON = r"([a-zа-я]+)"
_EN_MON = r"([a-z]+)"
_NO_UNIT = (
    r"(?!\d|\.\d)(?!\s*(?:nights?|days?|weeks?|adults?|kids?|children|people|ноч|дн|недел|взр))"
)
_YEAR = r"(?:\s*(20\d\d))?"
_NUMY = r"(?:[./](\d{2,4}))?"
_NOT_DATE = r"(?!\s*(?:млн|тыс|лям|k\b|к\b|m\b|mln|лет|год|years?|%|\$|usd|тг|тенге|kzt|звезд|\*))"

Reader = Callable[[date, list[str | None]], DateWindow | None]


def _int(value: str | None) -> int:
    return int(value) if value else 0


def _year(value: str | None) -> int | None:
    if not value:
        return None
    year = int(value)
    return year + 2000 if year < 100 else year  # noqa: PLR2004


def _span(
    today: date, first: tuple[int, int], last: tuple[int, int], year: int | None
) -> DateWindow | None:
    start = day_in_future(today, first[1], first[0], year)
    end = None if start is None else day_in_future(start, last[1], last[0], year)
    if start is None or end is None or end < start:
        return None
    nights = (end - start).days
    return DateWindow(start, end, nights if 1 <= nights <= _MAX_TRIP_NIGHTS else None)


def _months(*words: str | None) -> list[int]:
    found = [month_of(word or "") for word in words]
    return [] if None in found else [m for m in found if m is not None]


def _two_dates(today: date, g: list[str | None]) -> DateWindow | None:
    months = _months(g[1], g[3])
    if not months:
        return None
    return _span(today, (_int(g[0]), months[0]), (_int(g[2]), months[1]), _year(g[4]))


def _two_dates_en(today: date, g: list[str | None]) -> DateWindow | None:
    return _two_dates(today, [g[1], g[0], g[3], g[2], g[4]])


def _num_range(today: date, g: list[str | None]) -> DateWindow | None:
    year = _year(g[2]) or _year(g[5])
    return _span(today, (_int(g[0]), _int(g[1])), (_int(g[3]), _int(g[4])), year)


def _day_range(today: date, g: list[str | None]) -> DateWindow | None:
    months = _months(g[2])
    if not months:
        return None
    return _span(today, (_int(g[0]), months[0]), (_int(g[1]), months[0]), _year(g[3]))


def _day_range_en(today: date, g: list[str | None]) -> DateWindow | None:
    return _day_range(today, [g[1], g[2], g[0], None])


def _num_short(today: date, g: list[str | None]) -> DateWindow | None:
    month = _int(g[2])
    return _span(today, (_int(g[0]), month), (_int(g[1]), month), _year(g[3]))


def _one_day(today: date, day: int, month: int | None, year: int | None) -> DateWindow | None:
    found = None if month is None else day_in_future(today, month, day, year)
    return None if found is None else DateWindow(found, found)


def _day(today: date, g: list[str | None]) -> DateWindow | None:
    return _one_day(today, _int(g[0]), month_of(g[1] or ""), _year(g[2]))


def _day_en(today: date, g: list[str | None]) -> DateWindow | None:
    return _one_day(today, _int(g[1]), month_of(g[0] or ""), None)


def _num(today: date, g: list[str | None]) -> DateWindow | None:
    month = _int(g[1])
    return _one_day(today, _int(g[0]), month if 1 <= month <= 12 else None, _year(g[2]))  # noqa: PLR2004


def _month_range(today: date, g: list[str | None]) -> DateWindow | None:
    months = _months(g[0], g[1])
    if not months:
        return None
    start, _ = month_window(today, months[0])
    _, end = month_window(start, months[1])
    return DateWindow(start, end)


_SINGLE: tuple[Reader, ...] = (_day, _day_en, _num)

_READERS: tuple[tuple[str, Reader, int, float], ...] = (
    (
        rf"(?<![\d.]){_D}{_ORD}\s*(?:of\s+)?{_MON}{_TO}{_D}{_ORD}\s*(?:of\s+)?{_MON}{_YEAR}",
        _two_dates,
        10,
        0.9,
    ),
    (rf"\b{_EN_MON}\s*{_D}{_ORD}{_TO}{_EN_MON}\s*{_D}{_ORD}{_YEAR}", _two_dates_en, 10, 0.9),
    (rf"(?<![\d.]){_D}[./]{_D}{_NUMY}{_TO}{_D}[./]{_D}{_NUMY}(?!\d)", _num_range, 10, 0.9),
    (rf"(?<![\d.]){_D}{_ORD}{_TO}{_D}{_ORD}\s*(?:of\s+)?{_MON}{_YEAR}", _day_range, 9, 0.9),
    (rf"\b{_EN_MON}\s*{_D}{_ORD}{_TO}{_D}{_ORD}{_NO_UNIT}", _day_range_en, 9, 0.9),
    (rf"(?<![\d.]){_D}\s*-\s*{_D}[./]{_D}{_NUMY}(?![\d.])", _num_short, 9, 0.85),
    (rf"(?<![\d.]){_D}{_ORD}\s*(?:of\s+)?{_MON}{_YEAR}", _day, 6, 0.9),
    (rf"\b{_EN_MON}\s*{_D}{_ORD}{_NO_UNIT}", _day_en, 6, 0.85),
    (rf"(?<![\d.,/$€₸]){_D}[./]{_D}{_NUMY}(?!\d|[.,/]\d){_NOT_DATE}", _num, 6, 0.8),
    (r"\b([a-zа-я]+)(?:\s*-\s*|\s+(?:или|or|и|and|по|to)\s+)([a-zа-я]+)\b", _month_range, 5, 0.75),
)
# Each pattern is a lookahead so that a failed reading never hides an overlapping one.
_COMPILED = tuple(
    (re.compile(f"(?={p})"), reader, prio, conf) for p, reader, prio, conf in _READERS
)
_UNTIL = re.compile(r"(?:\bдо|\buntil|\btill|\bbefore|\bby|\bне позже)\s*$")


def pattern_candidates(text: str, today: date) -> Iterator[Candidate]:
    """Every day-level date reading in normalised ``text``."""
    for pattern, reader, priority, confidence in _COMPILED:
        for match in pattern.finditer(text):
            window = reader(today, list(match.groups()))
            if window is None:
                continue
            single = reader in _SINGLE
            if single and _UNTIL.search(text[: match.start()]):
                window, single = DateWindow(today, window.start), False
            yield Candidate(priority, match.start(), window, confidence, single=single)
