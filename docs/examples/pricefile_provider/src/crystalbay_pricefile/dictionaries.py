"""Dictionaries built from the price rows themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.tours import DictionaryItem
from crystalbay.ports import DictionaryKind

from crystalbay_pricefile.names import key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from crystalbay_pricefile.rows import PriceRow

__all__ = ["dictionary_items"]

_Entry = tuple[str, str, str | None]
"""(key, name, parent) of one item."""

_ENTRIES: dict[DictionaryKind, Callable[[PriceRow], _Entry]] = {
    DictionaryKind.DEPARTURE_CITIES: lambda r: (r.city_key, r.departure_city, None),
    DictionaryKind.COUNTRIES: lambda r: (r.country_key, r.country, None),
    DictionaryKind.RESORTS: lambda r: (r.resort_key, r.resort, r.country_key),
    DictionaryKind.HOTELS: lambda r: (key(r.hotel), r.hotel, r.resort_key),
    DictionaryKind.MEALS: lambda r: (r.meal, r.meal, None),
    DictionaryKind.STARS: lambda r: (str(r.stars), f"{r.stars}*", None),
    DictionaryKind.CURRENCIES: lambda r: (r.currency, r.currency, None),
}


def dictionary_items(
    rows: Iterable[PriceRow], kind: DictionaryKind, parent: str | None
) -> tuple[DictionaryItem, ...]:
    """The distinct items of ``kind``, sorted by name.

    ``parent`` keeps the rows whose departure city, country or resort has that key or name;
    rows without stars add nothing to the star list.
    """
    wanted = key(parent) if parent else None
    items: dict[str, DictionaryItem] = {}
    for row in rows:
        if wanted and wanted not in (row.city_key, row.country_key, row.resort_key):
            continue
        if kind is DictionaryKind.STARS and row.stars is None:
            continue
        item_key, name, item_parent = _ENTRIES[kind](row)
        items.setdefault(item_key, DictionaryItem(key=item_key, name=name, parent=item_parent))
    return tuple(sorted(items.values(), key=lambda item: item.name.casefold()))
