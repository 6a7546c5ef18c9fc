"""Serve ``TourProvider.dictionary`` from the cached SAMO dictionaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.errors import InvalidValue
from crystalbay.ports import DictionaryKind
from crystalbay_plugins.samo.mapping import dictionary_item, display_name
from crystalbay_plugins.samo.resolver import find_row

if TYPE_CHECKING:
    from crystalbay.domain.tours import DictionaryItem
    from crystalbay_plugins.samo.models import Currency, State, TownFrom
    from crystalbay_plugins.samo.resolver import Directory

__all__ = ["PARENT_SEPARATOR", "dictionary_items", "find_route"]

PARENT_SEPARATOR = "/"
"""``parent`` may name the departure city too: ``"Almaty/Vietnam"`` (keys work as well)."""


async def dictionary_items(
    directory: Directory, kind: DictionaryKind, parent: str | None, *, latin: bool
) -> tuple[DictionaryItem, ...]:
    """Items of ``kind``.

    ``parent`` is ignored for departure cities, is the departure city for countries (default:
    the operator's default city), and is the country (``"country"`` or ``"city/country"``)
    for resorts, hotels, meals, stars and currencies.

    Raises:
        InvalidValue: ``parent`` is missing or unknown (``field="parent"``).
    """
    if kind is DictionaryKind.DEPARTURE_CITIES:
        rows = await directory.cities()
        return tuple(dictionary_item(r.id, r.name, r.name_alt, latin=latin) for r in rows)
    if kind is DictionaryKind.COUNTRIES:
        city = await directory.city(parent)
        states = await directory.states(city.id)
        return tuple(
            dictionary_item(s.id, s.name, s.name_alt, latin=latin, parent=city.id) for s in states
        )
    city, state = await find_route(directory, parent)
    return await _country_items(directory, kind, city.id, state.id, latin=latin)


async def _country_items(
    directory: Directory, kind: DictionaryKind, townfrom: int, state: int, *, latin: bool
) -> tuple[DictionaryItem, ...]:
    if kind is DictionaryKind.RESORTS:
        towns = await directory.towns(townfrom, state)
        return tuple(
            dictionary_item(t.id, t.name, t.name_alt, latin=latin, parent=state) for t in towns
        )
    if kind is DictionaryKind.HOTELS:
        hotels = await directory.hotels(townfrom, state)
        return tuple(
            dictionary_item(h.id, h.name, h.name_alt, latin=latin, parent=h.town_key)
            for h in hotels
        )
    if kind is DictionaryKind.CURRENCIES:
        rows = await directory.currencies(townfrom, state)
        return tuple(_currency_item(c, latin=latin) for c in rows)
    fetch = directory.meals if kind is DictionaryKind.MEALS else directory.stars
    rows_ = await fetch(townfrom, state)
    return tuple(
        dictionary_item(r.id, r.name, r.name_alt, latin=latin, parent=state) for r in rows_
    )


def _currency_item(row: Currency, *, latin: bool) -> DictionaryItem:
    """Currencies are keyed by alias (``"USD"``), which is what ``TourQuery.currency`` holds."""
    label = display_name(row.name, row.name_alt, latin=latin) or row.alias
    return dictionary_item(row.alias or row.id, label, "", latin=latin)


async def find_route(directory: Directory, parent: str | None) -> tuple[TownFrom, State]:
    """The (departure city, country) a country-level dictionary is asked for.

    Without a city, the operator's default city is tried first, then the others.
    """
    if not parent or not parent.strip():
        raise InvalidValue("this dictionary needs a parent country", field="parent")
    city_part, _, country = parent.rpartition(PARENT_SEPARATOR)
    if city_part:
        city = await directory.city(city_part)
        return city, await directory.state(city.id, country)
    default = await directory.city(None)
    for city in (default, *(c for c in await directory.cities() if c.id != default.id)):
        state = find_row(await directory.states(city.id), country)
        if state is not None:
            return city, state
    raise InvalidValue(f"no departure city serves {country!r}", field="parent")
