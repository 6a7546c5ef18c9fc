"""Tour search across every enabled provider, with caching and single flight.

``TourQuery`` → checks → every provider concurrently → offers merged and sorted. Results are
cached by the normalised query for ``ttl`` seconds; identical searches that arrive while one is
running share its upstream calls. Dictionaries are cached for ``dictionary_ttl`` seconds.
A provider that fails is listed in :attr:`TourSearchResult.failures`; the others' offers stay.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.tours import DictionaryItem, TourOffer, TourQuery
from crystalbay.errors import ConfigurationError, IntegrationRejected, IntegrationUnavailable
from crystalbay.ports.tour_provider import DictionaryKind, TourProvider
from crystalbay.services.tour_cache import Clock, SingleFlight, TtlCache
from crystalbay.services.tour_fanout import ask_all
from crystalbay.services.tour_query import normalize_query, query_key
from crystalbay.services.tour_results import ProviderFailure, TourSearchResult, TourSort
from crystalbay.services.tour_sorting import sort_offers
from crystalbay.services.tour_validation import check_departure_city, check_query

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["ProviderFailure", "TourSearchResult", "TourSearchService", "TourSort"]

_DictionaryKey = tuple[DictionaryKind, str | None]


class _Fetched(msgspec.Struct, frozen=True, kw_only=True):
    offers: tuple[TourOffer, ...]
    failures: tuple[ProviderFailure, ...]
    has_more: bool


class _Merged(msgspec.Struct, frozen=True, kw_only=True):
    items: tuple[DictionaryItem, ...]
    failures: tuple[ProviderFailure, ...]
    answered: int


class TourSearchService:
    """Search tours and read dictionaries across providers.

    Args:
        providers: The enabled providers by name.
        ttl: Seconds a complete search result is reused (results with a failed provider are
            not cached, so the next search asks it again).
        dictionary_ttl: Seconds a complete merged dictionary is reused.
        timeout: Seconds each provider may take per call, ``None`` for no limit.
        clock: Monotonic time source, injectable for tests.
        max_entries: Bound on each cache.
    """

    def __init__(
        self,
        providers: Mapping[str, TourProvider],
        *,
        ttl: float = 300.0,
        dictionary_ttl: float = 6 * 3600.0,
        timeout: float | None = 30.0,
        clock: Clock = time.monotonic,
        max_entries: int = 1024,
    ) -> None:
        self._providers = dict(providers)
        self._timeout = timeout
        self._results: TtlCache[bytes, _Fetched] = TtlCache(
            ttl, clock=clock, max_entries=max_entries
        )
        self._dictionaries: TtlCache[_DictionaryKey, _Merged] = TtlCache(
            dictionary_ttl, clock=clock, max_entries=max_entries
        )
        self._search_flight: SingleFlight[bytes, _Fetched] = SingleFlight()
        self._dictionary_flight: SingleFlight[_DictionaryKey, _Merged] = SingleFlight()

    @property
    def providers(self) -> tuple[str, ...]:
        """Names of the providers searched."""
        return tuple(self._providers)

    async def search(
        self, query: TourQuery, *, sort: TourSort = TourSort.PRICE, descending: bool = False
    ) -> TourSearchResult:
        """Search every provider and merge their offers.

        Args:
            query: What to search; checked before any provider is asked.
            sort: Order of the merged offers.
            descending: Reverse the order (ties still go to the cheaper offer).

        Raises:
            InvalidValue: The query breaks a rule; ``field`` names the field.
            ConfigurationError: No provider is enabled.
        """
        check_query(query)
        if not self._providers:
            raise ConfigurationError(
                "No tour provider is enabled; configure SAMO (SAMO_API_URL, SAMO_OAUTH_TOKEN)"
                " or enable the sandbox provider."
            )
        clean = normalize_query(query)
        key = query_key(clean)
        fetched = self._results.get(key)
        from_cache = fetched is not None
        if fetched is None:
            await self._check_departure_city(clean.departure_city)
            fetched = await self._search_flight.run(key, lambda: self._fetch(key, clean))
        offers = sort_offers(
            fetched.offers, sort=sort, descending=descending, currency=clean.currency
        )
        return TourSearchResult(
            query=clean,
            offers=offers,
            failures=fetched.failures,
            has_more=fetched.has_more,
            from_cache=from_cache,
            sort=sort,
            descending=descending,
        )

    async def dictionary(
        self, kind: DictionaryKind, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        """A dictionary merged across providers (duplicates dropped, first provider first).

        Args:
            kind: Which dictionary.
            parent: Narrow it (the countries of a city, the resorts of a country).

        Raises:
            IntegrationUnavailable: Every provider failed and one of them may recover.
            IntegrationRejected: Every provider refused.
        """
        merged = await self._merged_dictionary(kind, parent)
        if merged.failures and not merged.answered:
            raise _combined_error(merged.failures)
        return merged.items

    def clear_cache(self) -> None:
        """Forget cached searches and dictionaries (e.g. after a provider's settings changed)."""
        self._results.clear()
        self._dictionaries.clear()

    async def _fetch(self, key: bytes, query: TourQuery) -> _Fetched:
        cached = self._results.get(key)  # a flight that just finished may have filled it
        if cached is not None:
            return cached
        pages, failures = await ask_all(
            self._providers, lambda provider: provider.search(query), time_limit=self._timeout
        )
        fetched = _Fetched(
            offers=tuple(offer for _, page in pages for offer in page.offers),
            failures=tuple(failures),
            has_more=any(page.has_more for _, page in pages),
        )
        if not failures:
            self._results.put(key, fetched)
        return fetched

    async def _check_departure_city(self, city: str) -> None:
        merged = await self._merged_dictionary(DictionaryKind.DEPARTURE_CITIES, None)
        # A provider that could not list its cities may still know this one: only a complete
        # list can prove a city unknown.
        if merged.failures:
            return
        check_departure_city(city, merged.items)

    async def _merged_dictionary(self, kind: DictionaryKind, parent: str | None) -> _Merged:
        key = (kind, parent)
        cached = self._dictionaries.get(key)
        if cached is not None:
            return cached
        return await self._dictionary_flight.run(key, lambda: self._fetch_dictionary(key))

    async def _fetch_dictionary(self, key: _DictionaryKey) -> _Merged:
        kind, parent = key
        answers, failures = await ask_all(
            self._providers,
            lambda provider: provider.dictionary(kind, parent=parent),
            time_limit=self._timeout,
        )
        merged = _Merged(
            items=_merge_items(items for _, items in answers),
            failures=tuple(failures),
            answered=len(answers),
        )
        if not failures:
            self._dictionaries.put(key, merged)
        return merged


def _merge_items(lists: Iterable[Iterable[DictionaryItem]]) -> tuple[DictionaryItem, ...]:
    seen: dict[tuple[str, str, str | None], DictionaryItem] = {}
    for items in lists:
        for item in items:
            seen.setdefault((item.key, item.name.casefold(), item.parent), item)
    return tuple(seen.values())


def _combined_error(
    failures: tuple[ProviderFailure, ...],
) -> IntegrationUnavailable | IntegrationRejected:
    names = ", ".join(failure.provider for failure in failures)
    detail = "; ".join(f"{failure.provider}: {failure.detail}" for failure in failures)
    if any(failure.retryable for failure in failures):
        return IntegrationUnavailable(detail, integration=names)
    return IntegrationRejected(detail, integration=names)
