"""Resolve query names ("Almaty", "vietnam", "Nha Trang", "AI") to the operator's ids.

Dictionaries are fetched through the client and kept for a while, so a search costs one
``SearchTour_PRICES`` call once the dictionaries are warm.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Protocol, TypeVar

from crystalbay.errors import InvalidValue
from crystalbay_plugins.samo.mapping import parse_flag, parse_stars

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Hashable, Iterable, Sequence

    from crystalbay_plugins.samo.client import SamoClient
    from crystalbay_plugins.samo.models import (
        Currency,
        Hotel,
        Meal,
        Star,
        State,
        Town,
        TownFrom,
    )

__all__ = ["Directory", "NamedRow", "find_row", "normalize"]


class NamedRow(Protocol):
    """Any dictionary row: an id and two names."""

    @property
    def id(self) -> int: ...  # noqa: D102
    @property
    def name(self) -> str: ...  # noqa: D102
    @property
    def name_alt(self) -> str: ...  # noqa: D102


R = TypeVar("R", bound=NamedRow)
V = TypeVar("V")

_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """A matching key: casefolded letters and digits only (``"Viet-nam"`` = ``"VIETNAM"``)."""
    return _NON_WORD.sub("", text.casefold().replace("ё", "е"))


def find_row(rows: Iterable[R], wanted: str) -> R | None:
    """The row whose id, ``name`` or ``nameAlt`` equals ``wanted`` (ignoring case/punctuation)."""
    key = normalize(wanted)
    for row in rows:
        if key in (str(row.id), normalize(row.name), normalize(row.name_alt)):
            return row
    return None


def _require(rows: Sequence[R], wanted: str, what: str, field: str) -> R:
    row = find_row(rows, wanted)
    if row is None:
        known = ", ".join(r.name_alt or r.name for r in rows[:12])
        raise InvalidValue(f"unknown {what} {wanted!r}; known: {known}", field=field)
    return row


class Directory:
    """Cached dictionaries of one operator and the name -> id look-ups built on them.

    Args:
        client: The operator's client.
        ttl: Seconds a dictionary is reused.
    """

    def __init__(self, client: SamoClient, *, ttl: float = 3600.0) -> None:
        self.client = client
        self.ttl = ttl
        self._cache: dict[Hashable, tuple[float, object]] = {}

    async def cities(self) -> tuple[TownFrom, ...]:
        """Departure cities."""
        return await self._cached(("townfroms",), self.client.townfroms)

    async def states(self, townfrom: int) -> tuple[State, ...]:
        """Countries served from ``townfrom``."""
        return await self._cached(("states", townfrom), lambda: self.client.states(townfrom))

    async def towns(self, townfrom: int, state: int) -> tuple[Town, ...]:
        """Resorts of ``state``."""
        return await self._cached(
            ("towns", townfrom, state), lambda: self.client.towns(townfrom, state)
        )

    async def hotels(self, townfrom: int, state: int) -> tuple[Hotel, ...]:
        """Hotels of ``state``."""
        return await self._cached(
            ("hotels", townfrom, state), lambda: self.client.hotels(townfrom, state)
        )

    async def meals(self, townfrom: int, state: int) -> tuple[Meal, ...]:
        """Meal groups."""
        return await self._cached(
            ("meals", townfrom, state), lambda: self.client.meals(townfrom, state)
        )

    async def stars(self, townfrom: int, state: int) -> tuple[Star, ...]:
        """Star groups."""
        return await self._cached(
            ("stars", townfrom, state), lambda: self.client.stars(townfrom, state)
        )

    async def currencies(self, townfrom: int, state: int) -> tuple[Currency, ...]:
        """Currencies."""
        return await self._cached(
            ("currencies", townfrom, state), lambda: self.client.currencies(townfrom, state)
        )

    async def city(self, wanted: str | None) -> TownFrom:
        """A departure city by id or name; ``None`` means the operator's default one."""
        cities = await self.cities()
        if wanted is None or not wanted.strip():
            if not cities:
                raise InvalidValue("the operator lists no departure city", field="departure_city")
            return next((c for c in cities if parse_flag(c.default)), cities[0])
        return _require(cities, wanted, "departure city", "departure_city")

    async def state(self, townfrom: int, wanted: str) -> State:
        """A destination country served from ``townfrom``."""
        return _require(await self.states(townfrom), wanted, "country", "country")

    async def resort_ids(self, townfrom: int, state: int, wanted: Sequence[str]) -> tuple[int, ...]:
        """Ids of the resorts named in ``wanted``."""
        if not wanted:
            return ()
        rows = await self.towns(townfrom, state)
        return tuple(_require(rows, w, "resort", "resorts").id for w in wanted)

    async def meal_ids(self, townfrom: int, state: int, wanted: Sequence[str]) -> tuple[int, ...]:
        """Ids of the meal groups named in ``wanted`` (``"AI"``, ``"BB"``, ids).

        A meal plan missing here is not offered in this country, so it is skipped, not an error.
        """
        if not wanted:
            return ()
        rows = await self.meals(townfrom, state)
        found = (find_row(rows, w) for w in wanted)
        return tuple(row.id for row in found if row is not None)

    async def star_ids(self, townfrom: int, state: int, stars: Iterable[int]) -> tuple[int, ...]:
        """Star-group ids whose name shows one of the categories in ``stars``."""
        wanted = set(stars)
        rows = await self.stars(townfrom, state)
        return tuple(r.id for r in rows if parse_stars(r.name_alt or r.name) in wanted)

    async def currency(self, townfrom: int, state: int, wanted: str | None) -> Currency | None:
        """The currency whose alias, ISO code, name or id is ``wanted``; None if unknown."""
        if not wanted:
            return None
        rows = await self.currencies(townfrom, state)
        key = normalize(wanted)
        for row in rows:
            if key in (normalize(row.alias), normalize(str(row.currency_iso or ""))):
                return row
        return find_row(rows, wanted)

    async def _cached(self, key: Hashable, fetch: Callable[[], Awaitable[V]]) -> V:
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]  # type: ignore[return-value]  # stored by this method for this key
        value = await fetch()
        self._cache[key] = (now + self.ttl, value)
        return value
