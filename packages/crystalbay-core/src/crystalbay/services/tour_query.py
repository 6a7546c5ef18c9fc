"""Query normalisation: equivalent searches share one cache entry and one upstream call."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from crystalbay.domain.tours import TourQuery

__all__ = ["normalize_query", "query_key"]


def normalize_query(query: TourQuery) -> TourQuery:
    """Strip names, sort and de-duplicate filters, upper-case the currency.

    Child ages are sorted but kept duplicated (two children aged 5 are two travellers).
    """
    return msgspec.structs.replace(
        query,
        departure_city=query.departure_city.strip(),
        country=query.country.strip(),
        resorts=_clean_names(query.resorts),
        meals=_clean_names(query.meals),
        stars=tuple(sorted(set(query.stars))),
        child_ages=tuple(sorted(query.child_ages)),
        currency=query.currency.strip().upper(),
    )


def query_key(query: TourQuery) -> bytes:
    """A cache key for a normalised query; names compare case-insensitively.

    Every field of :class:`TourQuery` takes part, so a field added later is keyed too.
    """
    folded = msgspec.structs.replace(
        query,
        departure_city=query.departure_city.casefold(),
        country=query.country.casefold(),
        resorts=tuple(name.casefold() for name in query.resorts),
        meals=tuple(name.casefold() for name in query.meals),
    )
    return msgspec.json.encode(folded)


def _clean_names(names: tuple[str, ...]) -> tuple[str, ...]:
    unique: dict[str, str] = {}
    for name in names:
        stripped = name.strip()
        if stripped:
            unique.setdefault(stripped.casefold(), stripped)
    return tuple(unique[folded] for folded in sorted(unique))
