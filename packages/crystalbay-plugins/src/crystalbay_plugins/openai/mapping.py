"""The model's structured answers -> domain values, checked and clamped."""

from __future__ import annotations

import re
from datetime import date

from crystalbay.domain import Analysis, Budget, Draft, TripBrief
from crystalbay_plugins.openai.models import AnalysisOut, BriefOut, DraftOut

__all__ = ["to_analysis", "to_brief", "to_draft"]

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_MAX_REASONS = 5


def to_analysis(out: AnalysisOut, *, fallback_language: str) -> Analysis:
    """Turn the model's reading into an :class:`Analysis`.

    Values the domain cannot hold are dropped rather than trusted: an unreadable date, a
    negative count, a confidence for a field left empty. Scores are clamped to 0-100 and
    confidences to 0.0-1.0.
    """
    brief = to_brief(out.brief)
    filled = set(_filled(brief))
    confidence: dict[str, float] = {
        str(s.field): min(max(s.confidence, 0.0), 1.0)
        for s in out.confidence
        if s.field.value in filled
    }
    return Analysis(
        intent=out.intent,
        brief=brief,
        confidence=confidence,
        language=_language(out.language, fallback_language),
        score=min(max(out.score, 0), 100),
        score_reasons=tuple(r.strip() for r in out.score_reasons if r.strip())[:_MAX_REASONS],
        urgency=out.urgency,
    )


def to_brief(out: BriefOut) -> TripBrief:
    """The trip brief, keeping only values that make sense."""
    budget = None
    if out.budget_amount is not None and out.budget_amount > 0:
        currency = (out.budget_currency or "").strip().upper()
        budget = Budget(amount=out.budget_amount, currency=currency or "USD")
        if not _CURRENCY.match(budget.currency):
            budget = None
    return TripBrief(
        departure_city=_text(out.departure_city),
        country=_text(out.country),
        resort=_text(out.resort),
        date_from=_date(out.date_from),
        date_to=_date(out.date_to),
        nights_min=_positive(out.nights_min),
        nights_max=_positive(out.nights_max),
        adults=_positive(out.adults),
        child_ages=tuple(age for age in out.child_ages if 0 <= age < 18),  # noqa: PLR2004
        meal=_text(out.meal),
        stars=out.stars if out.stars is not None and 1 <= out.stars <= 5 else None,  # noqa: PLR2004
        budget=budget,
    )


def to_draft(out: DraftOut, *, fallback_language: str) -> Draft:
    """A verified draft (see ``grounding``) as the domain value."""
    return Draft(
        text=out.text.strip(),
        language=_language(out.language, fallback_language),
        cited_offers=tuple(dict.fromkeys(out.cited_offer_ids)),
    )


def _filled(brief: TripBrief) -> list[str]:
    return [name for name in brief.__struct_fields__ if getattr(brief, name) not in (None, (), "")]


def _language(value: str, fallback: str) -> str:
    code = value.strip().lower()[:2]
    return code if _LANGUAGE.match(code) else fallback


def _text(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def _positive(value: int | None) -> int | None:
    return value if value is not None and value > 0 else None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
