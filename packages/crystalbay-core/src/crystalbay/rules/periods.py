"""Named periods: "next week", "tomorrow", "на новый год", "на майские", "летом"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from crystalbay.rules.months import add_months, month_window, next_weekday, window_ahead
from crystalbay.rules.numbers import COUNT, to_int

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["PERIODS", "Period"]

Window = tuple[date, date]


@dataclass(frozen=True, slots=True)
class Period:
    """A phrase naming a period, how to compute it, and how sure that reading is."""

    pattern: re.Pattern[str]
    window: Callable[[date, re.Match[str]], Window]
    confidence: float
    priority: int


def _count(match: re.Match[str]) -> int:
    found = match.group("n") or match.group("m")
    return (to_int(found) or 1) if found else 1


def _days_span(first: int, last: int) -> Callable[[date, re.Match[str]], Window]:
    def window(today: date, _: re.Match[str]) -> Window:
        return today + timedelta(days=first), today + timedelta(days=last)

    return window


def _in_weeks(today: date, match: re.Match[str]) -> Window:
    start = today + timedelta(weeks=_count(match))
    return start, start + timedelta(days=6)


def _in_days(today: date, match: re.Match[str]) -> Window:
    start = today + timedelta(days=_count(match))
    return start, start


def _next_week(today: date, _: re.Match[str]) -> Window:
    monday = next_weekday(today, 0)
    return monday, monday + timedelta(days=6)


def _this_week(today: date, _: re.Match[str]) -> Window:
    return today, today + timedelta(days=6 - today.weekday())


def _weekend(today: date, _: re.Match[str]) -> Window:
    saturday = today if today.weekday() == 5 else next_weekday(today, 5)  # noqa: PLR2004
    return saturday, saturday + timedelta(days=1)


def _next_month(today: date, _: re.Match[str]) -> Window:
    first = add_months(today, 1)
    return first, add_months(today, 2) - timedelta(days=1)


def _new_year(today: date, _: re.Match[str]) -> Window:
    return window_ahead(today, date(today.year, 12, 28), date(today.year + 1, 1, 3))


def _fixed(month: int, first: int, last: int) -> Callable[[date, re.Match[str]], Window]:
    def window(today: date, _: re.Match[str]) -> Window:
        return month_window(today, month, first, last)

    return window


def _season(first_month: int, months: int) -> Callable[[date, re.Match[str]], Window]:
    def window(today: date, _: re.Match[str]) -> Window:
        start = date(today.year, first_month, 1)
        end = add_months(start, months) - timedelta(days=1)
        return window_ahead(today, start, end)

    return window


def _period(
    pattern: str, window: Callable[[date, re.Match[str]], Window], conf: float, priority: int
) -> Period:
    return Period(re.compile(pattern), window, conf, priority)


PERIODS: tuple[Period, ...] = (
    _period(r"\b(?:next week|на след\w*\.? недел\w*|следующ\w* недел\w*)", _next_week, 0.8, 4),
    _period(r"\b(?:this week|на этой неделе)", _this_week, 0.8, 4),
    _period(
        rf"\b(?:через (?:(?P<n>{COUNT}) )?недел\w*|in (?P<m>a|one|{COUNT}) weeks?)",
        _in_weeks,
        0.6,
        3,
    ),
    _period(
        rf"\b(?:через (?P<n>{COUNT}) (?:дн|дня|дней)\b|in (?P<m>{COUNT}) days)", _in_days, 0.6, 3
    ),
    _period(
        r"\bзавтра\s*(?:-|или)\s*послезавтра|tomorrow or the day after", _days_span(1, 2), 0.8, 3
    ),
    _period(r"\b(?:послезавтра|day after tomorrow|бурсигуни)", _days_span(2, 2), 0.8, 2),
    _period(r"\b(?:завтра|tomorrow|ертен)", _days_span(1, 1), 0.8, 2),
    _period(
        r"\b(?:в эти выходные|на эти выходные|на выходн\w*|this weekend|on the weekend)",
        _weekend,
        0.7,
        3,
    ),
    _period(r"\b(?:next month|в следующем месяце|на следующий месяц)", _next_month, 0.7, 4),
    _period(r"\b(?:нов\w* год\w*|новогодн\w*|на нг\b|new year)", _new_year, 0.7, 4),
    _period(r"\b(?:майские|майских|may holidays)", _fixed(5, 1, 10), 0.7, 4),
    _period(r"\b(?:летом|лето\b|летние каникулы|summer|жазда)", _season(6, 3), 0.5, 1),
    _period(r"\b(?:осенью|осень\b|осенние каникулы|autumn)", _season(9, 3), 0.5, 1),
    _period(r"\b(?:весной|весна\b|весенние каникулы|spring)", _season(3, 3), 0.5, 1),
    _period(r"\b(?:зимой|зима\b|зимние каникулы|winter)", _season(12, 3), 0.5, 1),
)
"""Named periods, most specific first."""
