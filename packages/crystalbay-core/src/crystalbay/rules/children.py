"""Children in the party: how many, and how old ("2 детей 3 и 7 лет", "kids aged 4 and 9")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crystalbay.rules.numbers import COUNT, to_int

__all__ = ["CHILD", "Children", "find_children"]

_PLURAL = (
    r"детей|дети|детьми|деток|детки|ребят\w*|children|kids|sons|daughters|babies|балалар\w*"
    r"|сыновья\w*|дочери|дочерей|дочерьми|внуки|внуков|внуками"
)
_SINGULAR = (
    r"ребен\w*|реб\b\.?|детк\w*|дочь|дочк\w*|дочерью|дочу|сын|сына|сыну|сыном|сынок|сынишк\w*"
    r"|малыш\w*|младен\w*|внук|внука|внуком|внучк\w*|child|kid|son|daughter|baby|toddler|infant"
    r"|бала|балага|баланын|балам\w*|баламен|кызым\w*|улым\w*"
)
CHILD = rf"(?:{_PLURAL}|{_SINGULAR})\b"
"""Regex for a word naming a child or children (Russian, English, Kazakh)."""

_UNITS = r"лет|год\w*|г\b\.?|years?|yrs?|yo\b|y\.o\.?|мес\w*|months?|жаста|жас\w*"
_ONE_AGE = rf"\d{{1,2}}(?:[.,]5)?(?:\s*(?:{_UNITS}))?"
_AGES = rf"({_ONE_AGE}(?:\s*(?:,|и|and|&|/|\+|жане)\s*{_ONE_AGE})*)"
_UNIT = rf"({_UNITS})?"
_AGES_AFTER = re.compile(
    rf"({CHILD})\s*[(:,\-]?\s*(?:возраст\w*|aged?|age|по|ему|ей|им|are|is)?\s*[:\-]?\s*{_AGES}"
    rf"\s*{_UNIT}"
)
_AGES_BEFORE = re.compile(
    rf"\b(\d{{1,2}})\s*-?\s*(?:ти\s*)?(?:летн\w*|years?\s*-?\s*old|y\.?o\.?)\s*{CHILD}"
)
_YEAR_OLD = re.compile(
    r"\b(\d{1,2})\s*-?\s*years?\s*-?\s*olds?\b|\b(\d{1,2})\s*-?\s*(?:ти\s*)?летн\w*"
)
_AGE_ANYWHERE = re.compile(rf"\b{_AGES}\s*(лет|года?|years?\s*old|yo\b|жаста)")
_COUNT_BEFORE = re.compile(
    rf"\b({COUNT})\s*(?:-?х\s*)?(?:маленьк\w*\s*|little\s*|young\s*)?({CHILD})"
)
_NOT_AGE = re.compile(
    r"^\s*(?:-\s*\d+\s*)?(?:взросл|взр\b|adult|чел|people|ноч|night|дн|day|недел|week|\*|звезд)"
)
_MAX_CHILD_AGE = 17


@dataclass(frozen=True, slots=True)
class Children:
    """How many children are named and the ages given (possibly fewer than the count)."""

    count: int
    ages: tuple[int, ...]


def _age(raw: str, unit: str | None) -> int | None:
    value = float(raw.replace(",", "."))
    if unit and unit.startswith(("мес", "month")):
        value /= 12
    age = int(value)
    return age if 0 <= age <= _MAX_CHILD_AGE else None


def _is_months(number: re.Match[str]) -> bool:
    return (number.group(2) or "").startswith(("мес", "month"))


def _is_years(number: re.Match[str]) -> bool:
    return bool(number.group(2)) and not _is_months(number)


def _ages_of(raw: str, unit: str | None) -> list[int]:
    """Ages in "3 и 7", "3 года и 10 лет" or "1 год и 8 мес"; a trailing ``unit`` applies to all.

    Numbers after the last one with a unit are dropped: "3 и 7 лет, 10" ends at 7.
    """
    numbers = list(re.finditer(rf"(\d{{1,2}}(?:[.,]5)?)\s*({_UNITS})?", raw))
    numbers = [  # "1 год и 8 мес" is one child
        number
        for index, number in enumerate(numbers)
        if not (index and _is_months(number) and _is_years(numbers[index - 1]))
    ]
    with_unit = [index for index, number in enumerate(numbers) if number.group(2)]
    if with_unit and not unit:
        numbers = numbers[: with_unit[-1] + 1]
    ages = [_age(number.group(1), number.group(2) or unit) for number in numbers]
    return [age for age in ages if age is not None]


def _ages(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for match in _AGES_AFTER.finditer(text):
        raw, unit = match.group(2), match.group(3)
        ages = _ages_of(raw, unit)
        if not unit and not re.search(_UNITS, raw) and _NOT_AGE.match(text[match.end() :]):
            ages = ages[:-1]  # the last number counts nights, adults...: "kids 5 and 8, 12 nights"
        found += [(match.start(2) + index, age) for index, age in enumerate(ages)]
    for match in _YEAR_OLD.finditer(text):
        age = _age(match.group(1) or match.group(2), None)
        if age is not None:
            found.append((match.start(), age))
    for match in _AGES_BEFORE.finditer(text):
        age = _age(match.group(1), None)
        if age is not None:
            found.append((match.start(), age))
    return sorted(set(found))


def _count(text: str, ages: int) -> int:
    explicit = [to_int(m.group(1)) or 0 for m in _COUNT_BEFORE.finditer(text)]
    if explicit:
        return max(*explicit, ages)
    singular = {m.group(0)[:3] for m in re.finditer(rf"(?<![a-zа-я])(?:{_SINGULAR})\b", text)}
    plural = re.search(rf"(?<![a-zа-я])(?:{_PLURAL})\b", text) is not None
    return max(len(singular), ages, 2 if plural and not ages else 1)


def find_children(text: str) -> Children | None:
    """Find the children named in normalised ``text``.

    Returns:
        The children, or ``None`` when no child is mentioned.
    """
    ages = [age for _, age in _ages(text)]
    if not ages and not re.search(rf"(?<![a-zа-я]){CHILD}", text):
        return None
    if not ages:
        ages = [a for m in _AGE_ANYWHERE.finditer(text) for a in _ages_of(m.group(1), None)]
    return Children(_count(text, len(ages)), tuple(sorted(ages)))
