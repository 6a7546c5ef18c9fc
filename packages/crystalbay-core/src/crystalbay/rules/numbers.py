"""Numbers written as digits or words (Russian, English, Kazakh), and money amounts."""

from __future__ import annotations

import re

__all__ = ["COUNT", "parse_amount", "to_int"]

_WORDS: dict[int, tuple[str, ...]] = {
    1: ("один", "одна", "одну", "одного", "одной", "one", "a", "бир"),
    2: ("два", "две", "двое", "двух", "двоих", "двоем", "двумя", "two", "еки"),
    3: ("три", "трое", "трех", "троих", "тремя", "three", "уш"),
    4: ("четыре", "четверо", "четырех", "четверых", "четырьмя", "four", "торт"),
    5: ("пять", "пятеро", "пяти", "пятерых", "five", "бес"),
    6: ("шесть", "шестеро", "шести", "шестерых", "six", "алты"),
    7: ("семь", "семи", "seven", "жети"),
    8: ("восемь", "восьми", "eight", "сегиз"),
    9: ("девять", "девяти", "nine", "тогыз"),
    10: ("десять", "десяти", "ten"),
    11: ("одиннадцать", "одиннадцати", "eleven"),
    12: ("двенадцать", "двенадцати", "twelve"),
    13: ("тринадцать", "тринадцати", "thirteen"),
    14: ("четырнадцать", "четырнадцати", "fourteen"),
    15: ("пятнадцать", "пятнадцати", "fifteen"),
    20: ("двадцать", "двадцати", "twenty"),
    21: ("двадцать один", "twenty one"),
}
_BY_WORD = {word: value for value, spelled in _WORDS.items() for word in spelled}

COUNT = r"(?:\d{1,2}|" + "|".join(sorted(_BY_WORD, key=len, reverse=True)) + r")"
"""Regex for a small count written as digits or a number word."""

_MULTIPLIERS = {
    "к": 1_000,
    "k": 1_000,
    "т": 1_000,
    "тыс": 1_000,
    "тысяч": 1_000,
    "тысячи": 1_000,
    "тысяча": 1_000,
    "thousand": 1_000,
    "мын": 1_000,
    "млн": 1_000_000,
    "миллион": 1_000_000,
    "миллиона": 1_000_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "m": 1_000_000,
    "лям": 1_000_000,
    "ляма": 1_000_000,
}


def to_int(text: str) -> int | None:
    """``"7"``, ``"семь"`` or ``"seven"`` as 7; ``None`` for anything else."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return _BY_WORD.get(text)


def _plain_number(digits: str) -> float | None:
    digits = re.sub(r"\s+", "", digits)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        digits = re.sub(r"[.,]", "", digits)
    digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def parse_amount(digits: str, multiplier: str | None = None) -> float | None:
    """Parse ``"300"`` + ``"тыс"``, ``"1,5"`` + ``"млн"``, ``"2 000"``, ``"2,000"`` into a number.

    Returns:
        The amount, or ``None`` when ``digits`` is not a number.
    """
    value = _plain_number(digits)
    if value is None:
        return None
    if multiplier:
        value *= _MULTIPLIERS.get(multiplier.rstrip(".").strip(), 1)
    return value
