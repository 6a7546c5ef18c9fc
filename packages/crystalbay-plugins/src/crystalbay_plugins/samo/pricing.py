"""Deterministic prices of the demo operator: ``SearchTour_PRICES`` without a database.

Every (departure, nights, hotel, room, meal) combination on a flight day is an offer whose
price is derived from the seed, the hotel, the season and the party, so the same query always
gives the same rows, in any year.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from crystalbay_plugins.samo.wire import MethodError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crystalbay_plugins.samo.catalogue_model import Catalogue, HotelSpec, Route
    from crystalbay_plugins.samo.price_query import PriceQuery

__all__ = ["Candidate", "candidates", "unit"]

_STAR_BASE = {1: 18.0, 2: 25.0, 3: 38.0, 4: 60.0, 5: 105.0}
_SEASON = (1.1, 1.05, 1.0, 0.95, 1.05, 1.15, 1.3, 1.3, 1.1, 1.0, 0.95, 1.25)


def unit(seed: int, *parts: object) -> float:
    """A reproducible number in [0, 1) for ``parts`` (independent of ``PYTHONHASHSEED``)."""
    text = "|".join(map(str, (seed, *parts))).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest()) / 2**64


class Candidate(NamedTuple):
    """One offer before it becomes a row; sorts by converted price, then identity."""

    converted: int
    hotel: int
    day: date
    nights: int
    room: int
    meal: int
    price: int
    stop: bool
    availability: str
    seats_in: str
    seats_out: str


def _seats(seed: int, *parts: object) -> str:
    roll = unit(seed, "seats", *parts)
    return "N" if roll < 0.08 else "F" if roll < 0.25 else "Y"  # noqa: PLR2004


def _availability(seed: int, hotel: int, day: date) -> tuple[bool, str]:
    roll = unit(seed, "hotel", hotel, day)
    if roll < 0.04:  # noqa: PLR2004
        return True, "NNNN"
    return False, "RRRR" if roll < 0.15 else "FFFF" if roll < 0.3 else "YYYY"  # noqa: PLR2004


def _party_cost(q: PriceQuery, fare: float, per_night: float, nights: int) -> float:
    stay = per_night * nights
    adults = q.adult * (fare + stay)
    children = sum(fare * 0.1 if age < 2 else fare * 0.75 + stay * 0.5 for age in q.ages)  # noqa: PLR2004
    return adults + children


def candidates(catalogue: Catalogue, seed: int, q: PriceQuery) -> Iterator[Candidate]:
    """Every offer matching ``q`` (unsorted, unpaged).

    Raises:
        MethodError: The window is longer than a year.
    """
    route = next(
        (r for r in catalogue.routes if (r.city, r.country) == (q.townfrom, q.state)), None
    )
    if route is None or q.end < q.beg:
        return
    if (q.end - q.beg).days > 366:  # noqa: PLR2004
        raise MethodError("Period too long")
    pricer = _Pricer(catalogue, seed, q, route)
    day = q.beg
    while day <= q.end:
        if day.weekday() in route.weekdays:
            yield from pricer.day_offers(day)
        day += timedelta(days=1)


class _Pricer:
    """Prices of one query on one route."""

    def __init__(self, catalogue: Catalogue, seed: int, q: PriceQuery, route: Route) -> None:
        self.seed, self.q, self.route = seed, q, route
        self.hotels = _hotels(catalogue, q)
        country = next(c for c in catalogue.countries if c.id == q.state)
        rates = {c.alias: c.rate for c in catalogue.currencies}
        self.country_factor = country.price_factor
        self.usd_to_native = rates["USD"] / rates[country.currency]
        target = next((c.rate for c in catalogue.currencies if c.id == q.currency), None)
        # CURRENCY 0 or unknown means the operator's default (base) currency, like SAMO.
        self.native_to_target = rates[country.currency] / (target or 1.0)
        self.meals = {m.id: m.factor for m in catalogue.meals}
        self.rooms = {r.id: r.factor for r in catalogue.rooms}

    def day_offers(self, day: date) -> Iterator[Candidate]:
        q, route = self.q, self.route
        for nights in range(max(q.nights_from, 1), q.nights_till + 1):
            if nights not in route.nights:
                continue
            seats_in = _seats(self.seed, route.city, route.country, day)
            seats_out = _seats(self.seed, route.country, route.city, day + timedelta(days=nights))
            if q.freight and "N" in (seats_in, seats_out):
                continue
            for hotel in self.hotels:
                yield from self._hotel_offers(hotel, day, nights, (seats_in, seats_out))

    def _hotel_offers(
        self, hotel: HotelSpec, day: date, nights: int, seats: tuple[str, str]
    ) -> Iterator[Candidate]:
        q, seed = self.q, self.seed
        stop, availability = _availability(seed, hotel.id, day)
        if q.hide_stop and stop:
            return
        season = _SEASON[day.month - 1]
        fare = self.route.fare * season
        base = _STAR_BASE[hotel.stars] * self.country_factor * season
        base *= (0.85 + 0.4 * unit(seed, hotel.id)) * (0.95 + 0.1 * unit(seed, hotel.id, day))
        for meal in (m for m in hotel.meals if not q.meals or m in q.meals):
            for room in hotel.rooms:
                per_night = base * self.meals[meal] * self.rooms[room]
                price = round(_party_cost(q, fare, per_night, nights) * self.usd_to_native)
                converted = round(price * self.native_to_target)
                if _within(converted, q):
                    yield Candidate(
                        converted, hotel.id, day, nights, room, meal, price, stop,
                        availability, *seats,
                    )  # fmt: skip


def _within(converted: int, q: PriceQuery) -> bool:
    too_low = q.cost_min is not None and converted < q.cost_min
    return not too_low and (q.cost_max is None or converted <= q.cost_max)


def _hotels(catalogue: Catalogue, q: PriceQuery) -> list[HotelSpec]:
    resorts = {r.id for r in catalogue.resorts if r.country == q.state}
    return [
        h
        for h in catalogue.hotels
        if h.resort in resorts
        and (not q.towns or h.resort in q.towns)
        and (not q.hotels or h.id in q.hotels)
        and (not q.stars or catalogue.star_group_base + h.stars in q.stars)
    ]
