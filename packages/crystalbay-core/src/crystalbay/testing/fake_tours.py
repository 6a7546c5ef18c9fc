"""An in-memory tour provider for tests and benchmarks.

:class:`FakeTourProvider` satisfies :class:`crystalbay.ports.TourProvider`. It serves canned
offers filtered like a real provider would (check-in window, nights, budget), pages them, counts
calls, can be slowed down and can be switched into a failure mode. Build offers with
:func:`crystalbay.testing.factories.make_offer`.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.tours import DictionaryItem, TourOffer, TourQuery, TourSearchPage
from crystalbay.errors import IntegrationUnavailable
from crystalbay.ports.common import Health
from crystalbay.ports.tour_provider import DictionaryKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = ["DEFAULT_DEPARTURE_CITIES", "FakeTourProvider"]

DEFAULT_DEPARTURE_CITIES: tuple[DictionaryItem, ...] = (
    DictionaryItem(key="1344", name="Almaty"),
    DictionaryItem(key="1345", name="Astana"),
    DictionaryItem(key="832", name="Moscow"),
)
"""Departure cities every fake knows unless given its own list."""


class FakeTourProvider:
    """A tour provider that answers from memory.

    Args:
        name: The provider name; offers are relabelled with it.
        offers: Canned offers. A search returns those whose check-in lies in the query's
            window, whose nights lie in its range and whose price is within its budget.
        dictionaries: Canned dictionaries by kind. Departure cities default to
            :data:`DEFAULT_DEPARTURE_CITIES` plus the offers' departure cities.
        latency: Seconds each ``search`` takes (dictionaries answer at once).
        failing: Start in failure mode: every call raises ``IntegrationUnavailable``.

    Attributes:
        calls: Number of ``search`` calls so far.
        dictionary_calls: Number of ``dictionary`` calls so far.
        queries: Every query searched, in order.
    """

    def __init__(
        self,
        name: str = "fake",
        *,
        offers: Iterable[TourOffer] = (),
        dictionaries: Mapping[DictionaryKind, Sequence[DictionaryItem]] | None = None,
        latency: float = 0.0,
        failing: bool = False,
    ) -> None:
        self.name = name
        self.offers = [msgspec.structs.replace(offer, provider=name) for offer in offers]
        self.dictionaries = dict(dictionaries or {})
        self.dictionaries.setdefault(DictionaryKind.DEPARTURE_CITIES, self._default_cities())
        self.latency = latency
        self.failing = failing
        self.calls = 0
        self.dictionary_calls = 0
        self.queries: list[TourQuery] = []

    async def search(self, query: TourQuery) -> TourSearchPage:
        """Return the matching canned offers, one page of ``query.page_size``.

        Raises:
            IntegrationUnavailable: In failure mode.
        """
        self.calls += 1
        self.queries.append(query)
        if self.latency:
            await asyncio.sleep(self.latency)
        self._raise_if_failing()
        matching = [offer for offer in self.offers if _matches(offer, query)]
        start = (query.page - 1) * query.page_size
        page = tuple(matching[start : start + query.page_size])
        return TourSearchPage(
            offers=page, page=query.page, has_more=start + query.page_size < len(matching)
        )

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        """Return the canned dictionary, narrowed to ``parent`` when given.

        Raises:
            IntegrationUnavailable: In failure mode.
        """
        self.dictionary_calls += 1
        self._raise_if_failing()
        items = self.dictionaries.get(kind, ())
        return tuple(item for item in items if parent is None or item.parent == parent)

    async def check(self) -> Health:
        """Healthy unless in failure mode."""
        if self.failing:
            return Health(ok=False, detail=f"{self.name} is failing on purpose")
        return Health(ok=True, detail=f"{self.name} has {len(self.offers)} canned offers")

    def _raise_if_failing(self) -> None:
        if self.failing:
            raise IntegrationUnavailable(
                "the fake provider is in failure mode; set failing=False", integration=self.name
            )

    def _default_cities(self) -> tuple[DictionaryItem, ...]:
        known = {item.name.casefold() for item in DEFAULT_DEPARTURE_CITIES}
        extra = {
            offer.departure_city
            for offer in self.offers
            if offer.departure_city and offer.departure_city.casefold() not in known
        }
        added = tuple(DictionaryItem(key=city, name=city) for city in sorted(extra))
        return DEFAULT_DEPARTURE_CITIES + added


def _matches(offer: TourOffer, query: TourQuery) -> bool:
    return (
        query.date_from <= offer.check_in <= query.date_to
        and query.nights_min <= offer.nights <= query.nights_max
        and (query.budget is None or offer.price <= query.budget)
    )
