"""Everything the extractors find in one message, and short answers to our own questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from crystalbay.domain import Budget
from crystalbay.rules.budget import find_budget
from crystalbay.rules.dates import DateWindow, find_dates
from crystalbay.rules.destinations import Destination, find_departure, find_destination
from crystalbay.rules.found import Found
from crystalbay.rules.hotel import find_meal, find_stars
from crystalbay.rules.nights import find_nights
from crystalbay.rules.numbers import parse_amount
from crystalbay.rules.text import normalize
from crystalbay.rules.travellers import Party, find_travellers

if TYPE_CHECKING:
    from datetime import date

__all__ = ["TurnReading", "read_answer", "read_turn"]


@dataclass(frozen=True, slots=True)
class TurnReading:
    """What one message says about the trip; ``None`` where it says nothing."""

    destination: Found[Destination] | None = None
    departure: Found[str] | None = None
    dates: Found[DateWindow] | None = None
    nights: Found[tuple[int, int]] | None = None
    party: Found[Party] | None = None
    budget: Found[Budget] | None = None
    meal: Found[str] | None = None
    stars: Found[int] | None = None

    def count(self) -> int:
        """How many kinds of trip detail the message gives."""
        return sum(getattr(self, field.name) is not None for field in fields(self))


def read_turn(text: str, today: date) -> TurnReading:
    """Run every extractor over one message."""
    return TurnReading(
        destination=find_destination(text),
        departure=find_departure(text),
        dates=find_dates(text, today),
        nights=find_nights(text),
        party=find_travellers(text),
        budget=find_budget(text),
        meal=find_meal(text),
        stars=find_stars(text),
    )


_QUESTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nights", re.compile(r"ноч|night|сколько дней|how long|неше тун")),
    ("budget", re.compile(r"бюджет|budget")),
    ("stars", re.compile(r"звезд|star|категори|жулдыз")),
    (
        "party",
        re.compile(r"сколько (?:человек|взрослых|вас|туристов)|how many|неше (?:адам|ересек)"),
    ),
)
_SMALL = re.compile(r"^\s*(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*[.!]?\s*$")
_MONEY = re.compile(r"^\s*(\d[\d\s.,]*?)\s*(к|k|тыс\w*|млн)?\s*[.!]?\s*$")
_TENGE_FROM = 20_000


def _asked(question: str) -> str | None:
    normal = normalize(question)
    return next((name for name, pattern in _QUESTIONS if pattern.search(normal)), None)


def read_answer(text: str, question: str) -> TurnReading | None:
    """Read a bare number ("10") as the answer to the question we asked just before.

    Returns:
        The reading, or ``None`` when ``text`` is not a bare answer to ``question``.
    """
    asked = _asked(question)
    normal = normalize(text)
    if asked == "budget" and (money := _MONEY.match(normal)):
        amount = parse_amount(money.group(1), money.group(2))
        if amount:
            currency = "KZT" if amount >= _TENGE_FROM else "USD"
            return TurnReading(budget=Found(Budget(amount=amount, currency=currency), 0.6))
    small = _SMALL.match(normal)
    if asked is None or small is None:
        return None
    low = int(small.group(1))
    high = int(small.group(2) or low)
    if asked == "nights" and 1 <= low <= high <= 60:  # noqa: PLR2004
        return TurnReading(nights=Found((low, high), 0.7))
    if asked == "stars" and 1 <= low <= 5:  # noqa: PLR2004
        return TurnReading(stars=Found(low, 0.7))
    if asked == "party" and 1 <= low <= 10:  # noqa: PLR2004
        return TurnReading(party=Found(Party(adults=low), 0.6))
    return None
