"""The conformance suite every ``TourProvider`` adapter must pass."""

# ruff: noqa: S101  # a conformance suite is a test suite: pytest checks with assert

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

import msgspec
import pytest

from crystalbay.errors import InvalidValue
from crystalbay.ports import Health, TourProvider
from crystalbay.testing.conformance.tour_dictionaries import DictionaryChecks
from crystalbay.testing.conformance.tour_faults import FaultChecks

if TYPE_CHECKING:
    from collections.abc import Callable

    from crystalbay.domain.tours import TourOffer, TourQuery, TourSearchPage

__all__ = ["INVALID_QUERIES", "TourProviderConformance"]

INVALID_QUERIES: dict[str, tuple[Callable[[TourQuery], dict[str, object]], frozenset[str]]] = {
    "dates-reversed": (
        lambda q: {"date_to": q.date_from - timedelta(days=1)},
        frozenset({"date_to"}),
    ),
    "nights-reversed": (
        lambda q: {"nights_min": q.nights_max + 1},
        frozenset({"nights_min", "nights_max"}),
    ),
    "no-adults": (lambda _: {"adults": 0}, frozenset({"adults"})),
    "child-too-old": (lambda _: {"child_ages": (18,)}, frozenset({"child_ages"})),
    "page-zero": (lambda _: {"page": 0}, frozenset({"page"})),
    "page-size-zero": (lambda _: {"page_size": 0}, frozenset({"page_size"})),
}
"""Broken queries: the change to a valid query, and the fields an error may name."""

_UNKNOWN = {"country": "Atlantis", "departure_city": "Ankh-Morpork"}


def _ids(page: TourSearchPage) -> list[str]:
    return [offer.offer_id for offer in page.offers]


async def _attempt(provider: TourProvider, query: TourQuery) -> TourSearchPage | InvalidValue:
    try:
        return await provider.search(query)
    except InvalidValue as exc:
        return exc


def _problems(offer: TourOffer, query: TourQuery, provider: str) -> list[str]:
    checks = {
        f"provider is {offer.provider!r}, not {provider!r}": offer.provider == provider,
        "offer_id is empty": bool(offer.offer_id.strip()),
        "check-in outside the window": query.date_from <= offer.check_in <= query.date_to,
        "nights outside the range": query.nights_min <= offer.nights <= query.nights_max,
        "price is not positive": offer.price > 0,
        "currency is empty": bool(offer.currency.strip()),
        "hotel is empty": bool(offer.hotel.strip()),
    }
    return [f"{offer.offer_id}: {problem}" for problem, ok in checks.items() if not ok]


class TourProviderConformance(DictionaryChecks, FaultChecks):
    """Behaviour every ``TourProvider`` must show. Subclass it in a test module.

    Provide the fixtures ``provider`` (the adapter under test, talking to its fake vendor)
    and ``query`` (a valid query with more than ``3 * paging_size`` matching offers).
    Override ``faults`` to return :class:`Faults` switches that break the backend, so that
    error mapping is tested; without them those tests are skipped.

    Attributes:
        paging_size: Page size used to walk three pages of ``query``.
        page_past_the_end: A page number beyond the last page of ``query``.
    """

    paging_size: ClassVar[int] = 3
    page_past_the_end: ClassVar[int] = 100_000

    def test_satisfies_the_port(self, provider: TourProvider) -> None:
        """The adapter is a runtime ``TourProvider`` with a name."""
        assert isinstance(provider, TourProvider)
        assert isinstance(provider.name, str)
        assert provider.name.strip()

    @pytest.mark.asyncio
    async def test_search_finds_matching_offers(
        self, provider: TourProvider, query: TourQuery
    ) -> None:
        """Offers are labelled with the provider and lie inside the query's window."""
        page = await provider.search(query)
        assert page.offers, "the suite's `query` must find offers"
        assert page.page == query.page
        assert len(page.offers) <= query.page_size
        assert len(set(_ids(page))) == len(page.offers), "offer ids repeat within a page"
        problems = [p for offer in page.offers for p in _problems(offer, query, provider.name)]
        assert not problems, problems

    @pytest.mark.asyncio
    async def test_search_is_repeatable(self, provider: TourProvider, query: TourQuery) -> None:
        """The same query gives the same offers in the same order (the hub caches by query)."""
        assert _ids(await provider.search(query)) == _ids(await provider.search(query))

    @pytest.mark.asyncio
    async def test_pages_do_not_overlap(self, provider: TourProvider, query: TourQuery) -> None:
        """Page 2 continues page 1; ``has_more`` announces it."""
        first = await provider.search(self._page(query, 1))
        second = await provider.search(self._page(query, 2))
        assert first.has_more, "page 1 must announce page 2 (`query` needs more offers)"
        assert second.offers
        assert not set(_ids(first)) & set(_ids(second))

    @pytest.mark.asyncio
    async def test_pages_add_up(self, provider: TourProvider, query: TourQuery) -> None:
        """Three small pages hold exactly the offers of one page three times as large."""
        small = [await provider.search(self._page(query, n)) for n in (1, 2, 3)]
        large = await provider.search(self._page(query, 1, size=3 * self.paging_size))
        walked = [offer_id for page in small for offer_id in _ids(page)]
        assert len(walked) == len(set(walked)), "an offer appears on two pages"
        assert sorted(walked) == sorted(_ids(large))

    @pytest.mark.asyncio
    async def test_a_page_past_the_end_is_empty(
        self, provider: TourProvider, query: TourQuery
    ) -> None:
        """Asking beyond the last page returns no offers and no further page."""
        page = await provider.search(self._page(query, self.page_past_the_end))
        assert page.offers == ()
        assert not page.has_more

    @pytest.mark.asyncio
    @pytest.mark.parametrize("case", sorted(INVALID_QUERIES))
    async def test_an_invalid_query_names_the_field(
        self, provider: TourProvider, query: TourQuery, case: str
    ) -> None:
        """Broken queries raise ``InvalidValue`` whose ``field`` names the culprit."""
        change, fields = INVALID_QUERIES[case]
        with pytest.raises(InvalidValue) as caught:
            await provider.search(msgspec.structs.replace(query, **change(query)))
        assert caught.value.field in fields
        assert caught.value.detail

    @pytest.mark.asyncio
    @pytest.mark.parametrize("field", sorted(_UNKNOWN))
    async def test_an_unknown_name_is_invalid_or_finds_nothing(
        self, provider: TourProvider, query: TourQuery, field: str
    ) -> None:
        """An unknown city or country raises ``InvalidValue`` naming it, or finds nothing."""
        outcome = await _attempt(
            provider, msgspec.structs.replace(query, **{field: _UNKNOWN[field]})
        )
        if isinstance(outcome, InvalidValue):
            assert outcome.field == field
        else:
            assert outcome.offers == ()
            assert not outcome.has_more

    @pytest.mark.asyncio
    async def test_check_reports_healthy(self, provider: TourProvider) -> None:
        """``check()`` answers with a ``Health`` and a detail a person can read."""
        health = await provider.check()
        assert isinstance(health, Health)
        assert health.ok, health.detail
        assert health.detail.strip()

    def _page(self, query: TourQuery, page: int, size: int | None = None) -> TourQuery:
        return msgspec.structs.replace(query, page=page, page_size=size or self.paging_size)
