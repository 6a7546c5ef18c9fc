"""Month names and the arithmetic that turns "May" or "10 May" into real dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from crystalbay.rules.lexicon import Lexicon

__all__ = [
    "LOOSE_MONTH_WORDS",
    "MONTHS",
    "add_months",
    "day_in_future",
    "month_of",
    "month_window",
    "next_weekday",
    "window_ahead",
]

MONTHS: Lexicon[int] = Lexicon(
    {
        1: "январ*|january|jan|кантар*",
        2: "феврал*|february|feb|акпан*",
        3: "март|марта|марте|марту|march|mar|наурыз*",
        4: "апрел*|april|apr|сауир*",
        5: "май|мая|мае|маю|may|мамыр*",
        6: "июн*|june|jun|маусым*",
        7: "июл*|july|jul|шилде*",
        8: "август*|august|aug|тамыз*",
        9: "сентябр*|september|sept|sep|кыркуйек*",
        10: "октябр*|october|oct|казан*",
        11: "ноябр*|november|nov|караша*",
        12: "декабр*|december|dec|желтоксан*",
    }
)
"""Month numbers by Russian (any case), English and Kazakh name."""

LOOSE_MONTH_WORDS = frozenset(
    {"may", "mar", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
"""Month words that are also ordinary words: they count only next to a day or ``in``."""


def month_of(word: str, *, loose: bool = True) -> int | None:
    """The month a word names, or ``None``; ``loose=False`` rejects ambiguous words."""
    if not loose and (word in LOOSE_MONTH_WORDS or word.startswith("казан")):
        return None
    return MONTHS.lookup(word)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def day_in_future(today: date, month: int, day: int, year: int | None = None) -> date | None:
    """``day``.``month`` in ``year``, or the next such day from ``today`` when no year is given.

    Returns:
        The date, or ``None`` when it does not exist (31 April).
    """
    try:
        found = date(year or today.year, month, day)
        if year is None and found < today:
            found = date(today.year + 1, month, day)
    except ValueError:
        return None
    return found


def window_ahead(today: date, start: date, end: date) -> tuple[date, date]:
    """Move a window a year on when it is over, and start it no earlier than ``today``."""
    if end < today:
        start, end = _next_year(start), _next_year(end)
    return max(start, today), end


def _next_year(day: date) -> date:
    return day.replace(year=day.year + 1, day=min(day.day, _last_day(day.year + 1, day.month)))


def month_window(
    today: date, month: int, first: int = 1, last: int = 31, year: int | None = None
) -> tuple[date, date]:
    """Days ``first`` to ``last`` of the next ``month`` from ``today`` (this one included)."""
    base = year or today.year
    start = date(base, month, min(first, _last_day(base, month)))
    end = date(base, month, min(last, _last_day(base, month)))
    if year is not None:
        return start, end
    return window_ahead(today, start, end)


def next_weekday(today: date, weekday: int) -> date:
    """The first ``weekday`` (0 = Monday) after ``today``."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
