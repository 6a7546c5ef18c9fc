"""SAMO payload Structs for ``SearchTour_PRICES`` (version 1.0) and its request parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import msgspec

from crystalbay_plugins.samo.models import Flag

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "FreightSeats",
    "Pager",
    "PriceRequest",
    "PriceRow",
    "PricesPayload",
    "RowFreights",
    "join_ids",
]

Amount = str | int | float | None
"""A money amount: a numeric string (``"1222.00"``), an int or a float."""


class FreightSeats(msgspec.Struct, frozen=True, kw_only=True):
    """Seats of one flight class: ``Y`` seats, ``F`` few, ``R`` on request, ``N`` none."""

    in_: str = msgspec.field(default="", name="in")
    out: str = ""


class RowFreights(msgspec.Struct, frozen=True, kw_only=True):
    """Per-class seats of a price row (``busines`` is the vendor's real spelling)."""

    econom: FreightSeats | str | None = None
    busines: FreightSeats | str | None = None
    comfort: FreightSeats | str | None = None
    premium: FreightSeats | str | None = None


class PriceRow(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """One offer row (the subset of the 2018 row, plus newer fields, that the hub reads).

    Required: ``id`` (the ``CATCLAIM`` hex id), ``checkIn``, ``nights``, ``price`` and
    ``currency``; everything else may be absent on some operators.
    """

    id: str
    claim: str | int | None = None
    check_in: str | int
    check_out: str | int | None = None
    nights: int
    hnights: int | None = None
    adult: int | None = None
    child: int | None = None
    infant: int | None = None
    tour: str = ""
    tour_alt: str = ""
    tour_key: int | None = None
    town: str = ""
    town_alt: str = ""
    town_key: int | None = None
    hotel: str = ""
    hotel_alt: str = ""
    hotel_key: int | None = None
    hotel_availability: str | None = None
    star: str | int | None = None
    star_alt: str = ""
    star_key: int | str | None = None
    star_group_key: int | str | None = None
    meal: str = ""
    meal_alt: str = ""
    meal_key: int | str | None = None
    meal_group_key: int | str | None = None
    room: str = ""
    room_alt: str = ""
    room_key: int | str | None = None
    ht_place: str = ""
    ht_place_alt: str = ""
    ht_place_key: int | str | None = None
    price: Amount
    currency: str
    currency_key: int | str | None = None
    converted_price: Amount = None
    converted_currency_key: int | str | None = None
    converted_price_number: Amount = None
    bron: Flag = None
    stop_sale: Flag = None
    packet_type: int | str | None = None
    grouped: Flag = None
    freights: RowFreights | list[object] | str | None = None
    town_from_key: int | str | None = None
    state_key: int | str | None = None


class Pager(msgspec.Struct, frozen=True, kw_only=True):
    """``current`` page and ``total`` pages.

    Whether current builds still send ``total`` is [UNC]: the modern Anex client never reads it.
    """

    current: int | None = None
    total: int | None = None


class PricesPayload(msgspec.Struct, frozen=True, kw_only=True, rename="camel", omit_defaults=True):
    """The ``SearchTour_PRICES`` payload; ``freights``/``surcharge`` only when rows exist.

    ``prices`` is always a list, possibly empty [SRC], so its absence is a protocol error.
    """

    prices: list[PriceRow]
    pager: Pager | list[object] | str | None = None
    freights: Mapping[str, Flag] | list[object] | str | None = None
    surcharge: Flag = None
    part: Flag = None
    search_key: str | None = None


def join_ids(ids: Sequence[int]) -> str:
    """Render a SAMO list parameter: comma-separated, ascending, de-duplicated."""
    return ",".join(str(i) for i in sorted(set(ids)))


class PriceRequest(msgspec.Struct, frozen=True, kw_only=True):
    """The parameters of one ``SearchTour_PRICES`` call (ids are the operator's keys)."""

    townfrom: int
    state: int
    checkin_beg: str
    checkin_end: str
    nights_from: int
    nights_till: int
    adult: int
    child_ages: tuple[int, ...] = ()
    currency: int | None = None
    towns: tuple[int, ...] = ()
    hotels: tuple[int, ...] = ()
    meals: tuple[int, ...] = ()
    stars: tuple[int, ...] = ()
    cost_max: int | None = None
    page: int = 1
    page_size: int | None = None

    def to_params(self) -> dict[str, str]:
        """The query parameters, names exactly as the contract spells them."""
        params = {
            "TOWNFROMINC": str(self.townfrom),
            "STATEINC": str(self.state),
            "CHECKIN_BEG": self.checkin_beg,
            "CHECKIN_END": self.checkin_end,
            "NIGHTS_FROM": str(self.nights_from),
            "NIGHTS_TILL": str(self.nights_till),
            "ADULT": str(self.adult),
            "CHILD": str(len(self.child_ages)),
            "PRICEPAGE": str(self.page),
        }
        if self.child_ages:
            # The server sorts AGES and uses only the first min(3, CHILD) of them.
            params["AGES"] = ",".join(str(a) for a in sorted(self.child_ages))
        optional = {
            "CURRENCY": self.currency,
            "COSTMAX": self.cost_max,
            # Whether operators honour REC_ON_PAGE is [UNC]; the pager tells us either way.
            "REC_ON_PAGE": self.page_size,
        }
        params.update({k: str(v) for k, v in optional.items() if v is not None})
        lists = {"TOWNS": self.towns, "HOTELS": self.hotels, "MEALS": self.meals}
        lists["STARS"] = self.stars
        params.update({k: join_ids(v) for k, v in lists.items() if v})
        return params
