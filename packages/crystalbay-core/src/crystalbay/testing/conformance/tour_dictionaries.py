"""Dictionary checks of the tour-provider suite (mixed into ``TourProviderConformance``)."""

# ruff: noqa: S101  # a conformance suite is a test suite: pytest checks with assert

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import msgspec
import pytest

from crystalbay.domain.tours import DictionaryItem
from crystalbay.ports.tour_provider import DictionaryKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crystalbay.domain.tours import TourQuery
    from crystalbay.ports import TourProvider

__all__ = ["DictionaryChecks", "pick_item"]


def pick_item(items: Sequence[DictionaryItem], wanted: str, what: str) -> DictionaryItem:
    """The item whose key or name equals ``wanted`` (ignoring case); fail the test otherwise."""
    folded = wanted.strip().casefold()
    for item in items:
        if folded in (item.key.casefold(), item.name.casefold()):
            return item
    names = ", ".join(item.name for item in items[:10]) or "nothing"
    pytest.fail(f"the {what} dictionary does not list {wanted!r} (it lists: {names})")


class DictionaryChecks:
    """Every dictionary answers with well-formed items, and its keys work in a search.

    Attributes:
        required_dictionaries: Kinds that must not be empty for the suite's ``query``.
    """

    required_dictionaries: ClassVar[frozenset[DictionaryKind]] = frozenset(DictionaryKind)

    async def dictionary_parent(
        self, provider: TourProvider, query: TourQuery, kind: DictionaryKind
    ) -> str | None:
        """The ``parent`` to ask ``kind`` with.

        By default: nothing for departure cities, the key of the query's departure city for
        countries, and the key of the query's country for everything else. Override it when
        the provider narrows its dictionaries differently.
        """
        if kind is DictionaryKind.DEPARTURE_CITIES:
            return None
        cities = await provider.dictionary(DictionaryKind.DEPARTURE_CITIES)
        city = pick_item(cities, query.departure_city, "departure-city")
        if kind is DictionaryKind.COUNTRIES:
            return city.key
        countries = await provider.dictionary(DictionaryKind.COUNTRIES, parent=city.key)
        return pick_item(countries, query.country, "country").key

    @pytest.mark.asyncio
    @pytest.mark.parametrize("kind", list(DictionaryKind), ids=str)
    async def test_dictionary_items_are_well_formed(
        self, provider: TourProvider, query: TourQuery, kind: DictionaryKind
    ) -> None:
        """Items carry a key and a name; keys are unique; required kinds are not empty."""
        parent = await self.dictionary_parent(provider, query, kind)
        items = await provider.dictionary(kind, parent=parent)
        assert isinstance(items, tuple), f"dictionary({kind}) must return a tuple"
        assert all(isinstance(item, DictionaryItem) for item in items)
        blank = [item for item in items if not item.key.strip() or not item.name.strip()]
        assert not blank, f"dictionary({kind}) has items without a key or a name: {blank[:3]}"
        keys = [item.key for item in items]
        assert len(keys) == len(set(keys)), f"dictionary({kind}) repeats keys"
        if kind in self.required_dictionaries:
            assert items, f"dictionary({kind}, parent={parent!r}) is empty"

    @pytest.mark.asyncio
    async def test_dictionary_keys_search_like_names(
        self, provider: TourProvider, query: TourQuery
    ) -> None:
        """A query built from dictionary keys finds what the same query by names finds."""
        cities = await provider.dictionary(DictionaryKind.DEPARTURE_CITIES)
        city = pick_item(cities, query.departure_city, "departure-city")
        countries = await provider.dictionary(DictionaryKind.COUNTRIES, parent=city.key)
        country = pick_item(countries, query.country, "country")
        by_keys = msgspec.structs.replace(query, departure_city=city.key, country=country.key)
        by_names = await provider.search(query)
        assert [o.offer_id for o in (await provider.search(by_keys)).offers] == [
            o.offer_id for o in by_names.offers
        ]
