"""Grounding checks of a reply draft: cite only the offers given, quote only their prices.

A *price-looking* number is an amount written next to a currency (``1 250 USD``, ``$1,250``,
``150 000 ₸``, ``980 евро``) or with a thousands suffix (``150к``, ``150 тыс.``). Dates
(``15.07.2026``, ``2026-07-15``) and times are ignored; counts such as ``7 ночей`` or ``5*``
are not prices. Every price-looking number must equal the price (or converted price) of an
offer the draft cites, in that offer's currency when the text names one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crystalbay.domain import ReplyContext, TourOffer
    from crystalbay_plugins.openai.models import DraftOut

__all__ = ["MAX_QUESTIONS", "Price", "find_prices", "verify_draft"]

MAX_QUESTIONS = 2
"""A draft asks for at most this many missing fields."""

_SYMBOLS = {"$": "USD", "€": "EUR", "₽": "RUB", "₸": "KZT", "£": "GBP", "₺": "TRY"}
_WORDS = {
    "руб": "RUB",
    "р.": "RUB",
    "долл": "USD",
    "dollar": "USD",
    "евро": "EUR",
    "euro": "EUR",
    "тенге": "KZT",
    "тг": "KZT",
}
_CODES = "USD|EUR|RUB|KZT|UZS|KGS|GBP|TRY|AED|THB|CNY|GEL|AMD|AZN|BYN"
_WORD_START, _WORD_END = r"(?<![^\W\d_])", r"(?![^\W\d_])"
_CURRENCY = (
    rf"[$€₽₸£₺]|{_WORD_START}(?:{_CODES}){_WORD_END}|{_WORD_START}р\."
    rf"|{_WORD_START}(?:руб|долл|dollar|евро|euro|тенге|тг)[^\W\d_]*\.?"
)
_AMOUNT = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_THOUSANDS = rf"(?:к|k|тыс\.?|thousand){_WORD_END}"
_PRICE = re.compile(
    rf"(?P<pre>{_CURRENCY})?\s?(?<![\d.,])(?P<amount>{_AMOUNT})(?![\d])"
    rf"(?:\s?(?P<mult>{_THOUSANDS}))?(?:\s?(?P<post>{_CURRENCY}))?",
    re.IGNORECASE,
)
_DATES = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b")
_TOLERANCE = 0.005


class Price:
    """A price-looking amount found in a text.

    Attributes:
        amount: The value, thousands suffix applied.
        currency: ISO code when the text names one, else ``None``.
        text: The words as written.
    """

    __slots__ = ("amount", "currency", "text")

    def __init__(self, amount: float, currency: str | None, text: str) -> None:
        self.amount, self.currency, self.text = amount, currency, text

    def __repr__(self) -> str:
        return f"Price({self.amount!r}, {self.currency!r})"


def find_prices(text: str) -> list[Price]:
    """Every price-looking amount in ``text``, in order."""
    found = []
    for match in _PRICE.finditer(_DATES.sub(" ", text)):
        pre, post, mult = match.group("pre"), match.group("post"), match.group("mult")
        if not (pre or post or mult):
            continue
        amount = _number(match.group("amount")) * (1000 if mult else 1)
        found.append(Price(amount, _code(pre) or _code(post), match.group().strip()))
    return found


def verify_draft(draft: DraftOut, context: ReplyContext) -> list[str]:
    """What makes ``draft`` ungrounded; an empty list when it may be used."""
    offers = {offer.offer_id: offer for offer in context.offers}
    problems = [
        f"cites offer {oid!r}, which was not given"
        for oid in draft.cited_offer_ids
        if oid not in offers
    ]
    allowed = _allowed_prices(draft, offers)
    problems.extend(
        f"quotes {price.text!r}, which is not a price of a cited offer"
        for price in find_prices(draft.text)
        if not any(_same(price, value, currency) for value, currency in allowed)
    )
    extra = [name for name in draft.asked_fields if name not in context.missing]
    if extra:
        problems.append(f"asks for {', '.join(extra)}, which the brief does not miss")
    if len(draft.asked_fields) > MAX_QUESTIONS:
        problems.append(f"asks for {len(draft.asked_fields)} fields; at most {MAX_QUESTIONS}")
    if not draft.text.strip():
        problems.append("the text is empty")
    return problems


def _allowed_prices(draft: DraftOut, offers: dict[str, TourOffer]) -> list[tuple[float, str]]:
    allowed = []
    for oid in draft.cited_offer_ids:
        if (offer := offers.get(oid)) is not None:
            allowed.append((offer.price, offer.currency.upper()))
            if offer.converted_price is not None and offer.converted_currency:
                allowed.append((offer.converted_price, offer.converted_currency.upper()))
    return allowed


def _same(price: Price, value: float, currency: str) -> bool:
    same_currency = price.currency is None or price.currency == currency
    return same_currency and abs(price.amount - value) < _TOLERANCE


def _number(written: str) -> float:
    """``1 250`` -> 1250, ``1,250.50`` -> 1250.5, ``1250,5`` -> 1250.5, ``1.250`` -> 1250."""
    compact = re.sub(r"[ \u00a0\u202f]", "", written)
    decimals = re.search(r"[.,](\d{1,2})$", compact)
    whole = compact[: decimals.start()] if decimals else compact
    value = float(re.sub(r"[.,]", "", whole))
    return value + float(f"0.{decimals.group(1)}") if decimals else value


def _code(written: str | None) -> str | None:
    if not written:
        return None
    word = written.strip().lower()
    if written in _SYMBOLS:
        return _SYMBOLS[written]
    if re.fullmatch(_CODES, written.strip(), re.IGNORECASE):
        return written.strip().upper()
    return next((code for stem, code in _WORDS.items() if word.startswith(stem)), None)
