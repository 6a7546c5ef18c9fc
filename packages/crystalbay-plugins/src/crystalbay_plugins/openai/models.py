"""What the model is asked to answer: the structured-output shapes (see ``schema``).

They differ from the domain Structs on purpose: strict mode allows no free-form mappings,
so per-field confidences are a list, and dates and the budget are flat values that
``mapping`` checks and converts. Every field is required; absent values are ``null``.
"""

from __future__ import annotations

import enum
from typing import Annotated

import msgspec

from crystalbay.domain import Intent, Urgency

__all__ = ["AnalysisOut", "BriefField", "BriefOut", "DraftOut", "FieldScore"]


class BriefField(enum.StrEnum):
    """A trip-brief field a confidence is given for."""

    DEPARTURE_CITY = "departure_city"
    COUNTRY = "country"
    RESORT = "resort"
    DATE_FROM = "date_from"
    DATE_TO = "date_to"
    NIGHTS_MIN = "nights_min"
    NIGHTS_MAX = "nights_max"
    ADULTS = "adults"
    CHILD_AGES = "child_ages"
    MEAL = "meal"
    STARS = "stars"
    BUDGET = "budget"


class BriefOut(msgspec.Struct, frozen=True, kw_only=True):
    """The trip brief as the model writes it (null where the customer said nothing)."""

    departure_city: str | None
    country: str | None
    resort: str | None
    date_from: Annotated[str | None, msgspec.Meta(description="YYYY-MM-DD")]
    date_to: Annotated[str | None, msgspec.Meta(description="YYYY-MM-DD")]
    nights_min: int | None
    nights_max: int | None
    adults: int | None
    child_ages: list[int]
    meal: Annotated[str | None, msgspec.Meta(description="RO, BB, HB, FB, AI or UAI")]
    stars: int | None
    budget_amount: float | None
    budget_currency: Annotated[str | None, msgspec.Meta(description="ISO 4217, e.g. KZT")]


class FieldScore(msgspec.Struct, frozen=True, kw_only=True):
    """How sure the model is of one brief field."""

    field: BriefField
    confidence: Annotated[float, msgspec.Meta(description="0.0 to 1.0")]


class AnalysisOut(msgspec.Struct, frozen=True, kw_only=True):
    """The model's reading of a conversation."""

    intent: Intent
    brief: BriefOut
    confidence: list[FieldScore]
    language: Annotated[str, msgspec.Meta(description="ISO 639-1 code of the customer")]
    score: Annotated[int, msgspec.Meta(description="lead score 0-100")]
    score_reasons: list[str]
    urgency: Urgency


class DraftOut(msgspec.Struct, frozen=True, kw_only=True):
    """A reply draft as the model writes it."""

    text: str
    language: Annotated[str, msgspec.Meta(description="ISO 639-1 code of the reply")]
    cited_offer_ids: list[str]
    asked_fields: list[str]
