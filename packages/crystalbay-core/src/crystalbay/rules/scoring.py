"""The conversation's overall intent, the lead score with its reasons, and the urgency."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from crystalbay.domain import Intent, TripBrief, Urgency
from crystalbay.rules.intents import TurnIntent, is_dispute, is_urgent

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

__all__ = ["lead_score", "overall_intent", "urgency"]

_BRIEF_POINTS: tuple[tuple[str, int, str], ...] = (
    ("country", 15, "страна"),
    ("date_from", 15, "даты"),
    ("nights_min", 10, "ночи"),
    ("adults", 10, "туристы"),
    ("departure_city", 10, "город вылета"),
)
_INTENT_POINTS: dict[Intent, tuple[int, str]] = {
    Intent.BOOKING: (25, "хочет бронировать"),
    Intent.PAYMENT: (20, "вопрос об оплате"),
    Intent.TOUR_SEARCH: (10, "ищет тур"),
    Intent.BOOKING_QUESTION: (5, "вопрос по брони"),
}
_SOON = timedelta(days=30)
_URGENT_WINDOW = timedelta(days=7)
_HANDOFF = frozenset({Intent.COMPLAINT, Intent.HUMAN})


def overall_intent(intents: Sequence[TurnIntent]) -> Intent:
    """The last intent a keyword stated; else a tour search if details were given; else the last."""
    strong = [turn.intent for turn in intents if turn.strong]
    if strong:
        return strong[-1]
    if any(turn.intent is Intent.TOUR_SEARCH for turn in intents):
        return Intent.TOUR_SEARCH
    return intents[-1].intent if intents else Intent.OTHER


def lead_score(brief: TripBrief, intent: Intent, today: date) -> tuple[int, tuple[str, ...]]:
    """Score 0-100: a fuller brief, a budget, booking intent and near dates score higher.

    Returns:
        The score and short reasons (in Russian, for the managers' dashboard).
    """
    given = [(points, label) for name, points, label in _BRIEF_POINTS if getattr(brief, name)]
    score = sum(points for points, _ in given)
    reasons = [f"указаны: {', '.join(label for _, label in given)}"] if given else []
    if brief.budget is not None:
        score += 10
        reasons.append("назван бюджет")
    if brief.meal or brief.stars:
        score += 5
        reasons.append("пожелания к отелю")
    if brief.date_from is not None and brief.date_from - today <= _SOON:
        score += 5
        reasons.append("поездка скоро")
    if intent in _INTENT_POINTS:
        points, label = _INTENT_POINTS[intent]
        score += points
        reasons.append(label)
    return min(score, 100), tuple(reasons)


def urgency(intent: Intent, brief: TripBrief, texts: Sequence[str], today: date) -> Urgency:
    """High for complaints, people asked for, payment disputes, haste and trips within a week."""
    recent = texts[-3:]
    if intent in _HANDOFF or (intent is Intent.PAYMENT and any(map(is_dispute, recent))):
        return Urgency.HIGH
    if any(map(is_urgent, recent)):
        return Urgency.HIGH
    if brief.date_from is not None and brief.date_from - today <= _URGENT_WINDOW:
        return Urgency.HIGH
    if intent in {Intent.SMALL_TALK, Intent.OTHER} and brief == TripBrief():
        return Urgency.LOW
    return Urgency.NORMAL
