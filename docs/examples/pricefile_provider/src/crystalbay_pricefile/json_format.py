"""JSON price sheets: one operator, default currency and city, and a list of tours.

```json
{"operator": "Altyn Travel", "currency": "KZT", "departure_city": "Astana",
 "tours": [{"country": "UAE", "resort": "Dubai", "hotel": "Rove Downtown", "stars": 3,
            "room": "Rove Room", "meal": "BB", "nights": 7, "adults": 2,
            "check_in": ["2026-10-09", "2026-10-16"], "price": 689000}]}
```

A tour may override ``departure_city`` and ``currency``; each date in ``check_in`` becomes
one offer at the same price.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from crystalbay.errors import IntegrationProtocolError

from crystalbay_pricefile.config import PLUGIN
from crystalbay_pricefile.rows import PriceRow, make_row

__all__ = ["PriceSheet", "SheetTour", "parse_json"]

_Positive = Annotated[float, msgspec.Meta(gt=0)]
_Count = Annotated[int, msgspec.Meta(ge=0, le=9)]


class SheetTour(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One hotel offer on several dates."""

    country: str
    resort: str
    hotel: str
    room: str
    meal: str
    nights: Annotated[int, msgspec.Meta(ge=1, le=60)]
    check_in: Annotated[list[date], msgspec.Meta(min_length=1)]
    price: _Positive
    stars: Annotated[int, msgspec.Meta(ge=1, le=5)] | None = None
    adults: Annotated[int, msgspec.Meta(ge=1, le=9)] = 2
    children: _Count = 0
    departure_city: str | None = None
    currency: str | None = None


class PriceSheet(msgspec.Struct, frozen=True, kw_only=True):
    """A whole file; ``operator`` is informative (offers are labelled by the file name)."""

    currency: str
    departure_city: str
    tours: list[SheetTour]
    operator: str = ""


def parse_json(name: str, data: bytes) -> list[PriceRow]:
    """Read one JSON price sheet; ``name`` is the file name, used in ids and errors.

    Raises:
        IntegrationProtocolError: The file is not a price sheet; the message names the file
            and the place in it (``$.tours[3].price``).
    """
    try:
        sheet = msgspec.json.decode(data, type=PriceSheet)
    except msgspec.DecodeError as exc:
        raise IntegrationProtocolError(
            f"{name}: {exc}; fix the file or ask the operator for a new one", integration=PLUGIN
        ) from exc
    operator = name.rsplit(".", 1)[0]
    return [
        make_row(operator, _fields(sheet, tour, day))
        for tour in sheet.tours
        for day in tour.check_in
    ]


def _fields(sheet: PriceSheet, tour: SheetTour, day: date) -> dict[str, object]:
    return {
        "departure_city": tour.departure_city or sheet.departure_city,
        "country": tour.country,
        "resort": tour.resort,
        "hotel": tour.hotel,
        "stars": tour.stars,
        "room": tour.room,
        "meal": tour.meal,
        "check_in": day,
        "nights": tour.nights,
        "adults": tour.adults,
        "children": tour.children,
        "price": tour.price,
        "currency": tour.currency or sheet.currency,
    }
