"""One priced departure, whatever file format it came from."""

from __future__ import annotations

import hashlib
from datetime import date

import msgspec

from crystalbay_pricefile.names import canonical, key, meal_code

__all__ = ["PriceRow", "make_row"]


class PriceRow(msgspec.Struct, frozen=True, kw_only=True):
    """A hotel, room and meal plan on one check-in date, for one party, at one price.

    Names are canonical (see :mod:`crystalbay_pricefile.names`); ``*_key`` fields are what
    queries and dictionary parents are matched against.

    Attributes:
        operator: The file's name without extension: which operator sent the price.
        offer_id: Stable id: operator plus a hash of what makes the offer unique.
    """

    operator: str
    offer_id: str
    departure_city: str
    city_key: str
    country: str
    country_key: str
    resort: str
    resort_key: str
    hotel: str
    stars: int | None
    room: str
    meal: str
    check_in: date
    nights: int
    adults: int
    children: int
    price: float
    currency: str


def make_row(operator: str, fields: dict[str, object]) -> PriceRow:
    """Build a row from already-typed fields, naming places canonically.

    ``fields`` holds ``departure_city``, ``country``, ``resort``, ``hotel``, ``stars``,
    ``room``, ``meal``, ``check_in``, ``nights``, ``adults``, ``children``, ``price`` and
    ``currency``.
    """
    city, country, resort = (str(fields[f]) for f in ("departure_city", "country", "resort"))
    meal = meal_code(str(fields["meal"]))
    identity = "|".join(
        str(fields[f]) for f in ("hotel", "room", "check_in", "nights", "adults", "children")
    )
    digest = hashlib.sha256(f"{key(city)}|{key(resort)}|{meal}|{identity}".encode()).hexdigest()
    return msgspec.convert(
        {
            **fields,
            "operator": operator,
            "offer_id": f"{operator}-{digest[:12]}",
            "departure_city": canonical(city),
            "city_key": key(city),
            "country": canonical(country),
            "country_key": key(country),
            "resort": canonical(resort),
            "resort_key": key(resort),
            "hotel": " ".join(str(fields["hotel"]).split()),
            "meal": meal,
            "currency": str(fields["currency"]).strip().upper(),
        },
        type=PriceRow,
    )
