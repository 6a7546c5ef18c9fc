"""SAMO payload Structs for the dictionary actions (``SearchTour_*``, version 1.0).

Field names follow the contract exactly (camelCase on the wire). Types are lenient where
operators differ: the 2018 build turns ``null``/``false`` into ``""`` and ``true`` into
``"1"``, newer builds send real values, and numbers may arrive as numeric strings (decode
with ``strict=False``). Unknown fields are ignored, so newer builds' extras do not break us.
"""

from __future__ import annotations

import msgspec

__all__ = [
    "ApiError",
    "Currency",
    "CurrencyRate",
    "Flag",
    "Hotel",
    "Meal",
    "Nights",
    "NightsDefault",
    "Star",
    "State",
    "Town",
    "TownFrom",
]

Flag = str | int | bool | None
"""A v1.0 boolean: ``true``/``1``/``"1"`` or ``false``/``0``/``"0"``/``""``/``null``."""


class _Row(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """Fields every dictionary row carries."""

    id: int
    name: str = ""
    name_alt: str = ""
    selected: Flag = 0


class TownFrom(_Row, frozen=True, kw_only=True, rename="camel"):
    """A departure city (``SearchTour_TOWNFROMS``)."""

    state_from_key: int | None = None
    state_from_name: str = ""
    state_from_name_alt: str = ""
    # Seen only in live Crystal Bay rows, with these exact (snake / reserved) spellings.
    packet_type: int | str | None = msgspec.field(default=None, name="packet_type")
    default: Flag = 0


class State(_Row, frozen=True, kw_only=True, rename="camel"):
    """A destination country (``SearchTour_STATES``)."""


class Town(_Row, frozen=True, kw_only=True, rename="camel"):
    """A resort town (``SearchTour_TOWNS``)."""

    region: str = ""
    region_alt: str = ""
    region_key: int | str | None = None
    region_selected: Flag = 0


class Hotel(_Row, frozen=True, kw_only=True, rename="camel"):
    """A hotel (``SearchTour_HOTELS``); ``starGroupList`` is a comma list of star-group ids."""

    town_key: int | None = None
    star: str = ""
    star_alt: str = ""
    star_key: int | str | None = None
    star_group_list: str = ""
    type_list: str = ""


class Meal(_Row, frozen=True, kw_only=True, rename="camel"):
    """A meal group (``SearchTour_MEALS``); its id is what ``MEALS`` expects."""


class Star(_Row, frozen=True, kw_only=True, rename="camel"):
    """A star group (``SearchTour_STARS``); its id is what ``STARS`` expects."""


class CurrencyRate(msgspec.Struct, frozen=True, kw_only=True):
    """One rate of a currency row.

    The contract lists the fields but not what the rate is relative to [UNC].
    """

    id: int | None = None
    nominal: int | float | str | None = None
    value: int | float | str | None = None
    alias: str = ""


class Currency(_Row, frozen=True, kw_only=True, rename="camel"):
    """A currency (``SearchTour_CURRENCIES``); ``alias`` is e.g. ``"USD"``."""

    alias: str = ""
    rates: list[CurrencyRate] | str | None = None
    # ``currencyISO`` is inferred from newer clients' parsing code, not a captured body [UNC].
    currency_iso: str | int | None = msgspec.field(default=None, name="currencyISO")


class NightsDefault(msgspec.Struct, frozen=True, kw_only=True):
    """The operator's default nights range."""

    from_: int | None = msgspec.field(default=None, name="from")
    till: int | None = None


class Nights(msgspec.Struct, frozen=True, kw_only=True):
    """``SearchTour_NIGHTS``: available nights; ``places`` are those that still have seats."""

    nights: list[int] = msgspec.field(default_factory=list)
    places: list[int] = msgspec.field(default_factory=list)
    default: NightsDefault | list[object] | str | None = None


class ApiError(msgspec.Struct, frozen=True, kw_only=True):
    """An error object (under the action key, under ``"api"``, or v2.0's top-level one).

    ``error`` is the exception code and usually ``0``: test its presence, not its truth.
    ``errorParam`` accompanies a search-procedure error inside a ``SearchTour_PRICES`` payload.
    """

    error: int | str | None = None
    action: str = ""
    message: str = ""
    error_param: object = msgspec.field(default=None, name="errorParam")
