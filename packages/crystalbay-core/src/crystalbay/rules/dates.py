"""When the customer wants to travel, as a window of days.

Readings are ranked by how specific they are: an explicit day range beats a single day, which
beats part of a month ("в начале июня"), a month ("в марте"), a named period ("next week",
"на новый год") and a season ("летом"). Every date is resolved against ``today``: a day or
month already past means next year. Two single days in one message ("вылет 10 мая, обратно
20 мая") make a range.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crystalbay.rules.date_patterns import Candidate, DateWindow, pattern_candidates
from crystalbay.rules.found import Found
from crystalbay.rules.months import month_of, month_window
from crystalbay.rules.periods import PERIODS
from crystalbay.rules.text import normalize

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

__all__ = ["DateWindow", "find_dates"]

_MON = r"([a-zа-я]+)(?:\s+(20\d\d))?"
_PARTS: tuple[tuple[str, int, int], ...] = (
    (r"перв\w* (?:две|2) недел\w*|first (?:two|2) weeks", 1, 14),
    (r"перв\w* половин\w*|first half", 1, 15),
    (r"втор\w* половин\w*|second half", 16, 31),
    (r"начал[оеа]|early|beginning|start|перв\w* числ\w*|перв\w* декад\w*", 1, 10),
    (r"середин[аеуы]|mid|middle", 11, 20),
    (r"кон[е]?ц[еау]?|end|late|последн\w* числ\w*", 21, 31),
)
_PART_PATTERNS = tuple(
    (re.compile(rf"\b(?:{words})\s*(?:-|of)?\s*(?:the\s+)?{_MON}"), first, last)
    for words, first, last in _PARTS
)
_KAZAKH_PARTS: tuple[tuple[str, int, int], ...] = (
    (r"басында|басы|басынан", 1, 10),
    (r"ортасында|ортасы", 11, 20),
    (r"аягында|аягы|сонында|сону", 21, 31),
)
_PART_PATTERNS += tuple(
    (re.compile(rf"\b([a-zа-я]+)\s+(?:айы\w*\s+)?(?:{words})\b()"), first, last)
    for words, first, last in _KAZAKH_PARTS
)
_MONTH_WORD = re.compile(rf"\b{_MON}")
_LOOSE_CONTEXT = re.compile(r"\b(?:in|for|during|until|till|by|early|mid|late|of)\s*$")


def _part_candidates(text: str, today: date) -> Iterator[Candidate]:
    for pattern, first, last in _PART_PATTERNS:
        for match in pattern.finditer(text):
            month = month_of(match.group(1))
            if month is not None:
                year = int(match.group(2)) if match.group(2) else None
                start, end = month_window(today, month, first, last, year)
                yield Candidate(5, match.start(), DateWindow(start, end), 0.75)


def _month_candidates(text: str, today: date) -> Iterator[Candidate]:
    for match in _MONTH_WORD.finditer(text):
        loose = bool(_LOOSE_CONTEXT.search(text[: match.start()]))
        month = month_of(match.group(1), loose=loose)
        if month is not None:
            year = int(match.group(2)) if match.group(2) else None
            start, end = month_window(today, month, year=year)
            yield Candidate(3, match.start(), DateWindow(start, end), 0.8)


def _period_candidates(text: str, today: date) -> Iterator[Candidate]:
    for period in PERIODS:
        for match in period.pattern.finditer(text):
            start, end = period.window(today, match)
            window = DateWindow(start, end)
            yield Candidate(period.priority, match.start(), window, period.confidence)


def _pair_of_days(candidates: list[Candidate]) -> Found[DateWindow] | None:
    singles = sorted((c for c in candidates if c.single), key=lambda c: c.position)
    if len(singles) < 2:  # noqa: PLR2004
        return None
    start, end = singles[0].window.start, singles[1].window.start
    nights = (end - start).days
    if not 1 <= nights <= 30:  # noqa: PLR2004
        return None
    return Found(DateWindow(start, end, nights), 0.8)


def find_dates(text: str, today: date) -> Found[DateWindow] | None:
    """Find the travel window in ``text``, resolved against ``today``.

    Returns:
        The window (with the nights an explicit trip range implies), or ``None``.
    """
    normal = normalize(text)
    candidates = [
        candidate
        for found in (
            pattern_candidates(normal, today),
            _part_candidates(normal, today),
            _month_candidates(normal, today),
            _period_candidates(normal, today),
        )
        for candidate in found
        if candidate.window.end >= today  # an explicit year in the past is no travel date
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.priority, c.position))
    if best.single:
        pair = _pair_of_days([c for c in candidates if c.priority == best.priority])
        if pair is not None:
            return pair
    return Found(best.window, best.confidence)
