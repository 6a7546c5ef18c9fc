"""What a tour search returns: merged offers plus the providers that failed."""

from __future__ import annotations

import enum

import msgspec

from crystalbay.domain.tours import TourOffer, TourQuery

__all__ = ["ProviderFailure", "TourSearchResult", "TourSort"]


class TourSort(enum.StrEnum):
    """How merged offers are ordered."""

    PRICE = "price"
    CHECK_IN = "check_in"
    STARS = "stars"


class ProviderFailure(msgspec.Struct, frozen=True, kw_only=True):
    """A provider that could not answer, shown next to the other providers' offers.

    Attributes:
        provider: The provider's name.
        detail: What went wrong and what to do, without the provider prefix.
        retryable: True when trying again later may succeed (timeouts, outages).
    """

    provider: str
    detail: str
    retryable: bool


class TourSearchResult(msgspec.Struct, frozen=True, kw_only=True):
    """Offers from every provider that answered, merged and sorted.

    Attributes:
        query: The normalised query that was searched.
        offers: The merged offers, in the order asked for.
        failures: One entry per provider that failed; the others' offers are still listed.
        has_more: True when at least one provider has a further page.
        from_cache: True when the offers were served from the search cache.
        sort: The ordering applied.
        descending: True for a descending order.
    """

    query: TourQuery
    offers: tuple[TourOffer, ...]
    failures: tuple[ProviderFailure, ...] = ()
    has_more: bool = False
    from_cache: bool = False
    sort: TourSort = TourSort.PRICE
    descending: bool = False

    @property
    def complete(self) -> bool:
        """True when every provider answered."""
        return not self.failures
