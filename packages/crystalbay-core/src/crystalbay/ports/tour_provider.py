"""The tour provider port: a source of bookable offers."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from crystalbay.domain.tours import DictionaryItem, TourQuery, TourSearchPage
    from crystalbay.ports.common import Health

__all__ = ["DictionaryKind", "TourProvider"]


class DictionaryKind(enum.StrEnum):
    """The dictionaries a provider offers for building a search form."""

    DEPARTURE_CITIES = "departure_cities"
    COUNTRIES = "countries"
    RESORTS = "resorts"
    HOTELS = "hotels"
    MEALS = "meals"
    STARS = "stars"
    CURRENCIES = "currencies"


@runtime_checkable
class TourProvider(Protocol):
    """Searches offers and serves dictionaries."""

    name: str

    async def search(self, query: TourQuery) -> TourSearchPage:
        """Return one page of offers for ``query``."""
        ...

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        """Return a dictionary; ``parent`` narrows it (a city's countries, a country's resorts)."""
        ...

    async def check(self) -> Health:
        """Check credentials and reachability."""
        ...
