"""How long the stay is, in nights: "на 10 ночей", "7-9 nights", "неделю", "две недели".

Days are converted to nights (a 10-day tour is 9 nights); weeks are 7 nights each. Relative
phrases such as "через неделю" or "next week" are dates, not durations, and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crystalbay.rules.found import Found
from crystalbay.rules.numbers import COUNT, to_int
from crystalbay.rules.text import normalize

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["find_nights"]

Nights = tuple[int, int]

_N = rf"({COUNT})"
_SEP = r"\s*(?:-|до|или|or|to|/)\s*"
_NIGHT = r"(?:ноч\w*|n(?:ight|igth|ite)s?\b|нч\b|тун\w*)"
_DAY = r"(?:дн\w*|дня|days?|кун\w*|сут\w*)"
_WEEK = r"(?:недел\w*|weeks?|апта\w*)"
_RELATIVE = re.compile(
    r"(?:через|in|within|next|this|last|следующ\w*|след\.?|этой|эту|прошл\w*)\s*$"
)
_AGO = re.compile(r"^\s*(?:назад|ago|позже|раньше|later|earlier)")
_MAX_NIGHTS = 60


@dataclass(frozen=True, slots=True)
class _Reading:
    pattern: re.Pattern[str]
    nights: Callable[[list[int]], Nights]
    confidence: float
    priority: int


def _reading(
    pattern: str, nights: Callable[[list[int]], Nights], conf: float, prio: int
) -> _Reading:
    return _Reading(re.compile(rf"\b{pattern}"), nights, conf, prio)


def _pair(values: list[int]) -> Nights:
    return values[0], values[1]


def _one(values: list[int]) -> Nights:
    return values[0], values[0]


def _weeks(values: list[int]) -> Nights:
    return values[0] * 7, values[-1] * 7


def _days(values: list[int]) -> Nights:
    return values[0] - 1, values[-1] - 1


def _fixed(low: int, high: int) -> Callable[[list[int]], Nights]:
    def nights(_: list[int]) -> Nights:
        return low, high

    return nights


_READINGS: tuple[_Reading, ...] = (
    _reading(rf"{_N}{_SEP}{_N}\s*-?\s*{_NIGHT}", _pair, 0.95, 9),
    _reading(rf"{_N}\s*-?\s*{_NIGHT}", _one, 0.95, 8),
    _reading(r"(\d{1,2})н\b", _one, 0.85, 8),
    _reading(rf"{_NIGHT}\s*[:\-]?\s*(\d{{1,2}}){_SEP}(\d{{1,2}})\b", _pair, 0.85, 7),
    _reading(rf"{_NIGHT}\s*[:\-]?\s*(\d{{1,2}})\b", _one, 0.85, 7),
    _reading(rf"{_N}{_SEP}{_N}\s*{_WEEK}", _weeks, 0.8, 6),
    _reading(r"(?:недел[юяи]\s*(?:-|или)\s*две|a week or two|week or two)", _fixed(7, 14), 0.8, 6),
    _reading(r"(?:полторы недел\w*|1[.,]5 недел\w*|week and a half)", _fixed(10, 11), 0.8, 6),
    _reading(r"(?:пару недель|пара недель|(?:a )?couple of weeks)", _fixed(14, 14), 0.75, 6),
    _reading(rf"{_N}\s*{_WEEK}", _weeks, 0.8, 5),
    _reading(rf"недел[иь]\w*\s*(?:на\s*)?{_N}\b(?!\s*(?:ноч|дн|недел))", _weeks, 0.7, 5),
    _reading(r"(?:недельк\w*|неделю|неделя|a week|one week|апта)\b", _fixed(7, 7), 0.75, 4),
    _reading(rf"{_N}{_SEP}{_N}\s*-?\s*{_DAY}", _days, 0.75, 3),
    _reading(rf"{_N}\s*-?\s*{_DAY}", _days, 0.75, 2),
    _reading(
        r"(?:дней|дня|суток|days)\s*(?:на\s*)?[:\-]?\s*(\d{1,2})\b(?!\s*[a-zа-я])", _days, 0.7, 2
    ),
)


def _values(match: re.Match[str]) -> list[int]:
    return [value for group in match.groups() if (value := to_int(group or "")) is not None]


def _plausible(nights: Nights) -> bool:
    low, high = nights
    return 1 <= low <= high <= _MAX_NIGHTS


def find_nights(text: str) -> Found[Nights] | None:
    """Find the length of stay as ``(nights_min, nights_max)``.

    Returns:
        The nights, or ``None`` when the text names no duration.
    """
    normal = normalize(text)
    best: tuple[int, int, Found[Nights]] | None = None
    for reading in _READINGS:
        for match in reading.pattern.finditer(normal):
            if _RELATIVE.search(normal[: match.start()]) or _AGO.match(normal[match.end() :]):
                continue
            nights = reading.nights(_values(match))
            if not _plausible(nights):
                continue
            rank = (reading.priority, match.start())
            if best is None or rank > best[:2]:
                best = (*rank, Found(nights, reading.confidence))
    return None if best is None else best[2]
