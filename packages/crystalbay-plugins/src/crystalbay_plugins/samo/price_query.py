"""``SearchTour_PRICES`` parameters as the demo operator's server reads them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec

from crystalbay_plugins.samo.wire import (
    flag_param,
    int_param,
    list_param,
    required_date,
    required_int,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["HOTEL_PARTITION", "MAX_PAGE_SIZE", "PriceQuery"]

MAX_PAGE_SIZE = 100
HOTEL_PARTITION = 32
"""``PARTITION_PRICE`` bit: one (cheapest, ``grouped=1``) row per hotel."""


class PriceQuery(msgspec.Struct, frozen=True, kw_only=True):
    """``SearchTour_PRICES`` parameters as the server understands them."""

    townfrom: int
    state: int
    beg: date
    end: date
    nights_from: int
    nights_till: int
    adult: int
    ages: tuple[int, ...] = ()
    currency: int = 0
    towns: tuple[int, ...] = ()
    hotels: tuple[int, ...] = ()
    meals: tuple[int, ...] = ()
    stars: tuple[int, ...] = ()
    cost_min: int | None = None
    cost_max: int | None = None
    freight: bool = False
    hide_stop: bool = False
    page: int = 1
    page_size: int = 20
    per_hotel: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str], default_page_size: int) -> PriceQuery:
        """Parse the request; missing mandatory parameters raise :class:`MethodError`."""
        beg, end = required_date(params, "CHECKIN_BEG"), required_date(params, "CHECKIN_END")
        nights_from = int_param(params, "NIGHTS_FROM") or 7
        child = min(int_param(params, "CHILD") or 0, 3)
        ages = list_param(params, "AGES", keep_duplicates=True)[:child]
        size = int_param(params, "REC_ON_PAGE") or default_page_size
        return cls(
            townfrom=required_int(params, "TOWNFROMINC"),
            state=required_int(params, "STATEINC"),
            beg=beg,
            end=end,
            nights_from=nights_from,
            nights_till=int_param(params, "NIGHTS_TILL") or nights_from,
            adult=int_param(params, "ADULT") or 2,
            ages=ages + (0,) * (child - len(ages)),
            currency=int_param(params, "CURRENCY") or 0,
            towns=list_param(params, "TOWNS") or list_param(params, "TOWNTO"),
            hotels=list_param(params, "HOTELS"),
            meals=list_param(params, "MEALS"),
            stars=list_param(params, "STARS"),
            cost_min=int_param(params, "COSTMIN"),
            cost_max=int_param(params, "COSTMAX"),
            freight=flag_param(params, "FREIGHT"),
            hide_stop=flag_param(params, "FILTER"),
            page=max(int_param(params, "PRICEPAGE") or 1, 1),
            page_size=min(max(size, 1), MAX_PAGE_SIZE),
            per_hotel=bool((int_param(params, "PARTITION_PRICE") or 0) & HOTEL_PARTITION),
        )
