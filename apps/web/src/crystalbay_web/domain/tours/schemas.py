"""Response bodies of the tours API."""

from __future__ import annotations

import msgspec

from crystalbay.domain.tours import DictionaryItem, TourOffer, TourQuery
from crystalbay.services.tour_results import ProviderFailure, TourSearchResult

__all__ = ["DictionaryList", "TourResults", "to_results"]


class TourResults(msgspec.Struct, frozen=True, kw_only=True):
    """One page of merged offers.

    Attributes:
        sandbox: True when any offer is demonstration data (each offer says so too).
        failures: Providers that could not answer; the others' offers are still listed.
    """

    query: TourQuery
    offers: tuple[TourOffer, ...]
    failures: tuple[ProviderFailure, ...]
    page: int
    has_more: bool
    from_cache: bool
    sandbox: bool


class DictionaryList(msgspec.Struct, frozen=True, kw_only=True):
    """A dictionary's items."""

    kind: str
    parent: str | None
    items: tuple[DictionaryItem, ...]


def to_results(result: TourSearchResult) -> TourResults:
    """The API view of a search result."""
    return TourResults(
        query=result.query,
        offers=result.offers,
        failures=result.failures,
        page=result.query.page,
        has_more=result.has_more,
        from_cache=result.from_cache,
        sandbox=any(offer.sandbox for offer in result.offers),
    )
