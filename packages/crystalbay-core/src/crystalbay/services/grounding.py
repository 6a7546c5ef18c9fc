"""Grounding: which brief fields are missing, and real offers for a brief that is complete."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from crystalbay.domain.assistant import ReplyContext
from crystalbay.domain.tours import TourQuery
from crystalbay.errors import CrystalBayError

if TYPE_CHECKING:
    from crystalbay.domain.leads import TripBrief
    from crystalbay.domain.tours import TourOffer
    from crystalbay.services.tours import TourSearchService

__all__ = ["MAX_GROUNDING_OFFERS", "brief_query", "reply_context"]

logger = logging.getLogger("crystalbay.assistant")

MAX_GROUNDING_OFFERS = 5
"""Offers a draft may cite."""


def brief_query(brief: TripBrief, *, page_size: int = 20) -> TourQuery | None:
    """The search a complete brief asks for, or ``None`` while a needed field is missing."""
    if brief.missing() or not (brief.departure_city and brief.country and brief.date_from):
        return None
    nights_min = brief.nights_min or 7
    return TourQuery(
        departure_city=brief.departure_city,
        country=brief.country,
        resorts=(brief.resort,) if brief.resort else (),
        date_from=brief.date_from,
        date_to=brief.date_to or brief.date_from + timedelta(days=3),
        nights_min=nights_min,
        nights_max=max(nights_min, brief.nights_max or nights_min),
        adults=brief.adults or 2,
        child_ages=brief.child_ages,
        stars=(brief.stars,) if brief.stars else (),
        budget=brief.budget.amount if brief.budget else None,
        currency=brief.budget.currency if brief.budget else "USD",
        page_size=page_size,
    )


async def reply_context(brief: TripBrief, language: str, tours: TourSearchService) -> ReplyContext:
    """What a draft may rely on.

    Offers exactly as the providers returned them when the brief is complete; otherwise the
    fields to ask for next, one or two at a time.
    """
    missing = brief.missing()
    query = brief_query(brief)
    if query is None:
        return ReplyContext(missing=missing[:2], language=language)
    offers: tuple[TourOffer, ...] = ()
    try:
        result = await tours.search(query)
        offers = tuple(o for o in result.offers if not o.hotel_on_stop)[:MAX_GROUNDING_OFFERS]
    except CrystalBayError as exc:
        # No offers is an honest answer; the draft then says a manager will pick tours.
        logger.info("grounding search failed: %s", exc)
    return ReplyContext(offers=offers, language=language)
