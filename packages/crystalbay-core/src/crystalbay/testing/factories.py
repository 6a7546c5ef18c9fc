"""Factories for domain values with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from crystalbay.domain.leads import Lead, TripBrief
from crystalbay.domain.tours import TourOffer, TourQuery

__all__ = ["make_lead", "make_offer", "make_query"]

_ids = itertools.count(1)


def make_query(**overrides: object) -> TourQuery:
    """A valid Almaty → Vietnam query a month from today."""
    start = date.today() + timedelta(days=30)  # noqa: DTZ011 - travel dates are local dates
    values: dict[str, object] = {
        "departure_city": "Almaty",
        "country": "Vietnam",
        "date_from": start,
        "date_to": start + timedelta(days=14),
        "nights_min": 7,
        "nights_max": 10,
        "adults": 2,
    }
    values.update(overrides)
    return TourQuery(**values)  # type: ignore[arg-type]


def make_offer(**overrides: object) -> TourOffer:
    """A plausible offer; ``offer_id`` is unique per call."""
    values: dict[str, object] = {
        "provider": "fake",
        "offer_id": f"offer-{next(_ids)}",
        "hotel": "Sunrise Nha Trang Beach Hotel",
        "stars": 5,
        "country": "Vietnam",
        "resort": "Nha Trang",
        "room": "Deluxe Ocean View",
        "meal": "BB",
        "check_in": date.today() + timedelta(days=30),  # noqa: DTZ011
        "nights": 7,
        "adults": 2,
        "price": 1450.0,
        "currency": "USD",
    }
    values.update(overrides)
    return TourOffer(**values)  # type: ignore[arg-type]


def make_lead(**overrides: object) -> Lead:
    """An unsaved lead value (id from a counter)."""
    now = datetime.now(UTC)
    values: dict[str, object] = {
        "id": next(_ids),
        "title": "Vietnam in March",
        "contact_id": None,
        "source": "api",
        "brief": TripBrief(),
        "created_at": now,
        "updated_at": now,
    }
    values.update(overrides)
    return Lead(**values)  # type: ignore[arg-type]
