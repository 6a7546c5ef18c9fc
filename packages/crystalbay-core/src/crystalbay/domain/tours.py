"""Tour search: the query a customer's brief becomes, and the offers providers return."""

from __future__ import annotations

from datetime import date

import msgspec

__all__ = ["DictionaryItem", "TourOffer", "TourQuery", "TourSearchPage"]


class TourQuery(msgspec.Struct, frozen=True, kw_only=True):
    """A tour search.

    Cities, countries, resorts, meals and stars are provider dictionary keys or names; a
    provider maps them to its own ids.

    Attributes:
        departure_city: Where the flight leaves from.
        country: Destination country.
        resorts: Limit to these resorts (empty: any).
        date_from: Earliest check-in.
        date_to: Latest check-in.
        nights_min: Shortest stay.
        nights_max: Longest stay.
        adults: Adult travellers.
        child_ages: Ages of children (0-17).
        meals: Accepted meal plans (empty: any).
        stars: Accepted hotel categories (empty: any).
        budget: Highest total price in ``currency``.
        currency: Price currency wanted.
        page: 1-based page number.
        page_size: Offers per page.
    """

    departure_city: str
    country: str
    date_from: date
    date_to: date
    nights_min: int = 7
    nights_max: int = 7
    adults: int = 2
    child_ages: tuple[int, ...] = ()
    resorts: tuple[str, ...] = ()
    meals: tuple[str, ...] = ()
    stars: tuple[int, ...] = ()
    budget: float | None = None
    currency: str = "USD"
    page: int = 1
    page_size: int = 20


class TourOffer(msgspec.Struct, frozen=True, kw_only=True):
    """One bookable combination of hotel, room, meal, dates and price.

    Attributes:
        provider: Name of the provider that returned it.
        offer_id: The provider's id for the offer (SAMO ``CATCLAIM`` etc.).
        sandbox: True for demonstration data that cannot be booked.
    """

    provider: str
    offer_id: str
    hotel: str
    stars: int | None
    country: str
    resort: str
    room: str
    meal: str
    check_in: date
    nights: int
    adults: int
    child_ages: tuple[int, ...] = ()
    price: float
    currency: str
    converted_price: float | None = None
    converted_currency: str | None = None
    departure_city: str | None = None
    hotel_on_stop: bool = False
    few_seats: bool = False
    sandbox: bool = False


class TourSearchPage(msgspec.Struct, frozen=True, kw_only=True):
    """One page of offers from one provider."""

    offers: tuple[TourOffer, ...]
    page: int
    has_more: bool


class DictionaryItem(msgspec.Struct, frozen=True, kw_only=True):
    """An entry in a provider dictionary (city, country, resort, hotel, meal, star, currency)."""

    key: str
    name: str
    parent: str | None = None
