"""Grounded reply drafts: cite only the offers given, ask for missing fields two at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crystalbay.domain import Draft, Intent, TripBrief
from crystalbay.rules.phrases import LANGUAGES, PHRASES, QUESTIONS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crystalbay.domain import TourOffer

__all__ = [
    "MAX_CITED",
    "MAX_QUESTIONS",
    "ReplyPlan",
    "compose_reply",
    "format_price",
    "missing_fields",
    "offer_line",
]

MAX_CITED = 3
"""At most this many offers are cited in one reply."""

MAX_QUESTIONS = 2
"""At most this many missing fields are asked for in one reply."""

_HANDOFF = {
    Intent.COMPLAINT: "complaint",
    Intent.HUMAN: "human",
    Intent.BOOKING_QUESTION: "booking_question",
}
_SAME_QUESTION = {"date_to": "date_from", "nights_max": "nights_min", "child_ages": "child_ages"}


def format_price(value: float) -> str:
    """A price as digits, exactly: ``1500.0`` as ``"1500"``, ``1234.5`` as ``"1234.50"``."""
    return str(int(value)) if value.is_integer() else f"{value:.2f}"


def _nights(count: int, language: str) -> str:
    if language == "en":
        return f"{count} night" if count == 1 else f"{count} nights"
    if language == "kk":
        return f"{count} түн"
    if count % 10 == 1 and count % 100 != 11:  # noqa: PLR2004
        return f"{count} ночь"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:  # noqa: PLR2004
        return f"{count} ночи"
    return f"{count} ночей"


def offer_line(number: int, offer: TourOffer, language: str) -> str:
    """One offer as the customer reads it; every figure comes from ``offer`` unchanged."""
    texts = PHRASES[language]
    price = f"{format_price(offer.price)} {offer.currency}"
    if offer.converted_price is not None and offer.converted_currency:
        price += f" (≈ {format_price(offer.converted_price)} {offer.converted_currency})"
    line = texts["offer"].format(
        n=number,
        hotel=offer.hotel,
        stars=f" {offer.stars}*" if offer.stars else "",
        resort=offer.resort or offer.country,
        check_in=offer.check_in.strftime("%d.%m.%Y"),
        nights=_nights(offer.nights, language),
        meal=offer.meal,
        price=price,
    )
    notes = [
        texts[name]
        for name, on in (("few_seats", offer.few_seats), ("on_stop", offer.hotel_on_stop))
        if on
    ]
    if notes:
        line += f" ({'; '.join(notes)})"
    return f"{line} {texts['demo']}" if offer.sandbox else line


def missing_fields(brief: TripBrief, ages_unknown: int) -> tuple[str, ...]:
    """Fields still to ask for, in a manager's order, children's ages after the adults."""
    missing = list(brief.missing())
    if ages_unknown:
        position = missing.index("departure_city") if "departure_city" in missing else len(missing)
        missing.insert(position, "child_ages")
    return tuple(missing)


def _questions(missing: Sequence[str], language: str) -> list[str]:
    asked: list[str] = []
    for name in missing:
        key = _SAME_QUESTION.get(name, name)
        question = QUESTIONS[language].get(key) or f"{key.replace('_', ' ')}?"
        if question not in asked:
            asked.append(question)
    return asked[:MAX_QUESTIONS]


@dataclass(frozen=True, kw_only=True, slots=True)
class ReplyPlan:
    """What the reply must do: the intent to answer, the offers and the fields to ask for.

    Attributes:
        dispute: The payment message disputes money.
        greet: Open with a greeting (nobody has answered the customer yet).
    """

    intent: Intent
    brief: TripBrief
    language: str
    offers: Sequence[TourOffer] = ()
    missing: Sequence[str] = ()
    dispute: bool = False
    greet: bool = True

    def cited(self) -> tuple[TourOffer, ...]:
        """The offers to cite: the first ones given, hotels on stop sale last."""
        return tuple(sorted(self.offers, key=lambda offer: offer.hotel_on_stop))[:MAX_CITED]


def _handoff(plan: ReplyPlan) -> tuple[str, bool] | None:
    if plan.intent in _HANDOFF:
        return _HANDOFF[plan.intent], False
    if plan.intent is Intent.PAYMENT:
        return ("dispute", False) if plan.dispute else ("payment", True)
    if plan.intent is Intent.OTHER:
        return "unclear", False
    if plan.intent is Intent.SMALL_TALK and plan.brief == TripBrief():
        return "small_talk", True
    return None


def _offer_lines(offers: Sequence[TourOffer], language: str) -> list[str]:
    texts = PHRASES[language]
    lines = [texts["offers"]]
    lines += [offer_line(n, offer, language) for n, offer in enumerate(offers, 1)]
    if any(offer.sandbox for offer in offers):
        lines.append(texts["demo_note"])
    lines.append(texts["prices_note"])
    return lines


def compose_reply(plan: ReplyPlan) -> Draft:
    """Write the draft for ``plan``; ``confident`` is False when a person should answer.

    Languages other than :data:`~crystalbay.rules.phrases.LANGUAGES` get Russian.
    """
    language = plan.language if plan.language in LANGUAGES else "ru"
    texts = PHRASES[language]
    lines = [texts["greeting"]] if plan.greet else []
    handoff = _handoff(plan)
    if handoff is not None:
        key, confident = handoff
        lines.append(texts[key])
        return Draft(text="\n".join(lines), language=language, confident=confident)
    offers = plan.cited()
    if offers:
        lines += _offer_lines(offers, language)
    questions = _questions(plan.missing, language)
    if questions:
        lines.append(texts["ask_more" if offers else "ask"])
        lines += [f"— {question}" for question in questions]
    elif plan.intent is Intent.BOOKING:
        lines.append(texts["booking"])
    elif not offers:
        lines.append(texts["all_set"])
    cited = tuple(offer.offer_id for offer in offers)
    return Draft(text="\n".join(lines), language=language, cited_offers=cited)
