"""Date windows for the dates step: quick choices and the calendar."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from crystalbay_bot.callbacks import DateAction, DateCb

__all__ = [
    "FLEX_DAYS",
    "HORIZON_DAYS",
    "QUICK",
    "Window",
    "chosen_window",
    "day_window",
    "in_horizon",
    "month_grid",
    "parse_month",
    "quick_window",
]

FLEX_DAYS = 3
"""A day picked in the calendar is searched with this many days' slack after it."""

HORIZON_DAYS = 730
"""How far ahead the calendar goes; tours are rarely sold further out."""

QUICK = ("two_weeks", "next_month", "in_two_months")
"""Quick choices, in the order shown."""

Window = tuple[date, date]


def quick_window(choice: str, today: date) -> Window:
    """The check-in window of a quick choice.

    Raises:
        ValueError: Unknown choice.
    """
    if choice == "two_weeks":
        return today + timedelta(days=1), today + timedelta(days=14)
    if choice == "next_month":
        return _month(_add_months(today, 1))
    if choice == "in_two_months":
        return _month(_add_months(today, 2))
    raise ValueError(f"unknown quick choice {choice!r}")


def day_window(day: date) -> Window:
    """The check-in window for a day picked in the calendar."""
    return day, day + timedelta(days=FLEX_DAYS)


def chosen_window(action: DateAction, value: str, today: date) -> Window | None:
    """The check-in window a quick choice or a calendar day stands for.

    ``None`` for a blank calendar cell, and for a value no button of today carries: a past
    day, a day beyond the horizon, or data that was tampered with.
    """
    try:
        if action is DateAction.QUICK:
            return quick_window(value, today)
        if action is DateAction.DAY:
            day = date.fromisoformat(value)
            return day_window(day) if _bookable(day, today) else None
    except ValueError:
        return None
    return None


def in_horizon(first: date, today: date) -> bool:
    """Whether the calendar may show the month starting at ``first``."""
    return today.replace(day=1) <= first <= today + timedelta(days=HORIZON_DAYS)


def parse_month(value: str, today: date) -> date:
    """The first day of ``YYYY-MM``; the current month when the value is not a month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def month_grid(first: date, today: date) -> list[list[DateCb | int]]:
    """Weeks of the month starting at ``first``: a pick for each future day, 0 for blanks.

    Days up to and including ``today``, and beyond the horizon, are blanked too.
    """
    weeks: list[list[DateCb | int]] = []
    for week in calendar.Calendar().monthdayscalendar(first.year, first.month):
        row: list[DateCb | int] = []
        for day in week:
            if day and _bookable(first.replace(day=day), today):
                row.append(DateCb(action=DateAction.DAY, value=first.replace(day=day).isoformat()))
            else:
                row.append(day)
        weeks.append(row)
    return weeks


def _bookable(day: date, today: date) -> bool:
    return today < day <= today + timedelta(days=HORIZON_DAYS)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def _month(first: date) -> Window:
    last = calendar.monthrange(first.year, first.month)[1]
    return first, first.replace(day=last)
