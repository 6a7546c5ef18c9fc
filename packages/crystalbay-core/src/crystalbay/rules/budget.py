"""The budget: "до 2000$", "300 тыс. тенге", "1,5 млн тг", "$3000", "2500 евро", "бюджет 500к".

Amounts need a currency or a budget word next to them. Without a currency, large amounts are
taken as tenge and small ones as dollars, with a lower confidence.
"""

from __future__ import annotations

import re

from crystalbay.domain import Budget
from crystalbay.rules.found import Found
from crystalbay.rules.numbers import parse_amount
from crystalbay.rules.text import normalize

__all__ = ["find_budget"]

_CURRENCIES: dict[str, str] = {
    r"\$|usd|долл\w*|бакс\w*|dollars?|у\.?е\.?": "USD",
    r"€|eur|евро|euros?": "EUR",
    r"₸|тг|тенге|тнг|kzt": "KZT",
    r"₽|руб\w*|rub|rubles?": "RUB",
}
_CURRENCY = "|".join(_CURRENCIES)
_AMOUNT = r"(\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_MULTIPLIER = r"(?:\s*(млн|миллион\w*|million|mln|лям\w*|тыс\w*|thousand|мын)\b\.?|(к|k|т|m)\b)?"
_KEYWORD = (
    r"бюджет\w*|budget|в пределах|не дороже|не более|максимум|max|до|up to|within|under|below"
    r"|около|примерно|around|about|за|for"
)
_NOT_MONEY = re.compile(
    r"^\s*(?:[a-zа-я]+\b)?\s*(?:ноч|night|дн|day|недел|week|чел|взр|adult|лет|год|звезд|star|\*)"
)
_PREFIXED = re.compile(rf"({_CURRENCY})\s*{_AMOUNT}{_MULTIPLIER}")
_SUFFIXED = re.compile(rf"(?<![\d.,]){_AMOUNT}{_MULTIPLIER}\s*({_CURRENCY})(?![a-zа-я])")
_BARE = re.compile(rf"\b(?:{_KEYWORD})\s*[:\-]?\s*~?\s*{_AMOUNT}{_MULTIPLIER}(?![\d.,])")
_RANGE_LOW = re.compile(
    rf"\b\d+(?:[.,]\d+)?\s*(?:-|до|to)\s*(?=\d+(?:[.,]\d+)?\s*(?:млн|тыс|мын|к|k|{_CURRENCY}))"
)
_PER_PERSON = re.compile(r"на (?:человека|чел\b|персону)|per person|\bpp\b|с человека|за человека")
_PLAUSIBLE = {"USD": (100, 200_000), "EUR": (100, 200_000), "KZT": (20_000, 200_000_000)}
_RUB_RANGE = (5_000, 50_000_000)
_TENGE_FROM = 20_000


def _currency(word: str) -> str:
    for pattern, code in _CURRENCIES.items():
        if re.fullmatch(pattern, word):
            return code
    return "USD"


def _plausible(amount: float, currency: str) -> bool:
    low, high = _PLAUSIBLE.get(currency, _RUB_RANGE)
    return low <= amount <= high


def _explicit(text: str) -> list[tuple[int, Budget]]:
    found: list[tuple[int, Budget]] = []
    for match in _PREFIXED.finditer(text):
        amount = parse_amount(match.group(2), match.group(3) or match.group(4))
        if amount is not None:
            found.append((match.start(), Budget(amount=amount, currency=_currency(match.group(1)))))
    for match in _SUFFIXED.finditer(text):
        amount = parse_amount(match.group(1), match.group(2) or match.group(3))
        if amount is not None:
            found.append((match.start(), Budget(amount=amount, currency=_currency(match.group(4)))))
    return found


def _bare(text: str) -> list[tuple[int, Budget]]:
    found: list[tuple[int, Budget]] = []
    for match in _BARE.finditer(text):
        multiplier = match.group(2) or match.group(3)
        if not multiplier and _NOT_MONEY.match(text[match.end() :]):
            continue
        amount = parse_amount(match.group(1), multiplier)
        if amount is None:
            continue
        currency = "KZT" if amount >= _TENGE_FROM else "USD"
        found.append((match.start(), Budget(amount=amount, currency=currency)))
    return found


def find_budget(text: str) -> Found[Budget] | None:
    """Find the budget; an amount with a currency beats a bare one, the last one wins.

    Of a range ("1500-2000$") the upper bound is the budget.

    Returns:
        The budget, or ``None`` when no plausible amount of money is named.
    """
    normal = _RANGE_LOW.sub("", normalize(text))
    per_person = bool(_PER_PERSON.search(normal))
    for found, confidence in ((_explicit(normal), 0.9), (_bare(normal), 0.6)):
        plausible = [(pos, b) for pos, b in found if _plausible(b.amount, b.currency)]
        if plausible:
            _, budget = max(plausible, key=lambda item: item[0])
            return Found(budget, confidence - (0.2 if per_person else 0.0))
    return None
