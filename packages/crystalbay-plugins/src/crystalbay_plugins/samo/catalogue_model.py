"""The shapes of the demo operator's catalogue (see :mod:`crystalbay_plugins.samo.catalogue`)."""

from __future__ import annotations

import msgspec

__all__ = [
    "Catalogue",
    "City",
    "Country",
    "CurrencySpec",
    "HotelSpec",
    "MealSpec",
    "Resort",
    "RoomSpec",
    "Route",
]


class City(msgspec.Struct, frozen=True):
    """A departure city."""

    id: int
    name: str
    name_alt: str
    country: str
    country_alt: str
    country_key: int
    default: bool = False


class Country(msgspec.Struct, frozen=True):
    """A destination; ``currency`` is the alias its tours are priced in."""

    id: int
    name: str
    name_alt: str
    currency: str
    price_factor: float


class Resort(msgspec.Struct, frozen=True):
    """A resort town inside a region of a country."""

    id: int
    country: int
    name: str
    name_alt: str
    region: str
    region_alt: str
    region_key: int


class HotelSpec(msgspec.Struct, frozen=True):
    """A hotel: its resort, category, meal-group ids and room ids."""

    id: int
    resort: int
    name: str
    stars: int
    meals: tuple[int, ...]
    rooms: tuple[int, ...]


class MealSpec(msgspec.Struct, frozen=True):
    """A meal group: code (``name``), English name and price factor."""

    id: int
    name: str
    name_alt: str
    factor: float


class RoomSpec(msgspec.Struct, frozen=True):
    """A room category."""

    id: int
    name: str
    name_alt: str
    factor: float


class CurrencySpec(msgspec.Struct, frozen=True):
    """A currency and its rate in the operator's base currency (KZT)."""

    id: int
    alias: str
    name: str
    name_alt: str
    rate: float


class Route(msgspec.Struct, frozen=True):
    """Charter flights from a city to a country: weekdays (0 = Monday), nights, fare in USD."""

    city: int
    country: int
    weekdays: tuple[int, ...]
    nights: tuple[int, ...]
    fare: float


class Catalogue(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the demo operator sells."""

    cities: tuple[City, ...]
    countries: tuple[Country, ...]
    resorts: tuple[Resort, ...]
    hotels: tuple[HotelSpec, ...]
    meals: tuple[MealSpec, ...]
    rooms: tuple[RoomSpec, ...]
    currencies: tuple[CurrencySpec, ...]
    routes: tuple[Route, ...]
    base_currency: str = "KZT"
    star_group_base: int = 400
    """Star group ids are ``star_group_base + stars`` (``404`` is ``4*``)."""
