"""Hotel wishes: the meal plan (as a code: AI, UAI, FB, HB, BB, RO) and the star category."""

from __future__ import annotations

import re

from crystalbay.rules.found import Found
from crystalbay.rules.text import normalize

__all__ = ["MEAL_CODES", "find_meal", "find_stars"]

_MEALS: tuple[tuple[str, str], ...] = (
    ("UAI", r"ультра\s*(?:все|олл?|all)\s*(?:включ\w*|инклюзив\w*|inclusive)|ultra\s*all|\buai\b"),
    (
        "AI",
        (
            r"все\s*включ\w*|все\s*вкл\b|олл?\s*инклюзив\w*|инклюзив\w*|all\s*-?\s*incl\w*|\bai\b"
            r"|барлыгы\s*косылган"
        ),
    ),
    ("FB", r"полн\w*\s*пансион\w*|full\s*board|\bfb\b|трехразов\w*|3-?х?\s*разов\w*"),
    (
        "HB",
        (
            r"полупансион\w*|half\s*board|\bhb\b|завтрак\w* и ужин\w*|breakfast and dinner"
            r"|двухразов\w*|2-?х?\s*разов\w*"
        ),
    ),
    ("BB", r"завтрак\w*|breakfast\w*|\bbb\b|тангы ас"),
    ("RO", r"без питания|без еды|room only|only room|\bro\b"),
)
_MEAL_PATTERNS = tuple((code, re.compile(pattern)) for code, pattern in _MEALS)
_NEGATED = re.compile(r"(?:\bне|\bnot|\bno|\bбез|\bwithout)\s*(?:обязательно\s*|нужно\s*)?$")

MEAL_CODES: tuple[str, ...] = tuple(code for code, _ in _MEALS)
"""Meal plan codes the rules assistant uses, most inclusive first."""

_STAR = r"(?:\s*-?\s*(?:ти\s*)?(?:\*|звезд\w*|зв\b\.?|stars?\b|жулдыз\w*))"
_STAR_RANGE = re.compile(rf"\b([1-5])\s*(?:-|или|or|/)\s*([1-5]){_STAR}")
_STAR_ONE = re.compile(rf"\b([1-5]){_STAR}")
_STAR_WORDS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (5, re.compile(r"пятерк\w*|пятизвезд\w*|five\s*-?\s*stars?|\*{5}")),
    (4, re.compile(r"четверк\w*|четырехзвезд\w*|four\s*-?\s*stars?|(?<!\*)\*{4}(?!\*)")),
    (3, re.compile(r"трешк\w*|трехзвезд\w*|three\s*-?\s*stars?|(?<!\*)\*{3}(?!\*)")),
)


def find_meal(text: str) -> Found[str] | None:
    """Find the meal plan; the first one named (and not negated) wins.

    Returns:
        A code from :data:`MEAL_CODES`, or ``None``.
    """
    normal = normalize(text)
    found: list[tuple[int, str]] = []
    for code, pattern in _MEAL_PATTERNS:
        for match in pattern.finditer(normal):
            if code == "RO" or not _NEGATED.search(normal[: match.start()]):
                found.append((match.start(), code))
                break
    if not found:
        return None
    first = min(position for position, _ in found)
    return Found(next(code for position, code in found if position == first), 0.9)


def find_stars(text: str) -> Found[int] | None:
    """Find the hotel category; of a range ("4-5*") the lower bound, the least acceptable.

    Returns:
        1-5, or ``None``.
    """
    normal = normalize(text)
    if match := _STAR_RANGE.search(normal):
        return Found(min(int(match.group(1)), int(match.group(2))), 0.8)
    if match := _STAR_ONE.search(normal):
        return Found(int(match.group(1)), 0.9)
    for stars, pattern in _STAR_WORDS:
        if pattern.search(normal):
            return Found(stars, 0.8)
    return None
