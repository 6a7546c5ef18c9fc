"""Checks a tour query must pass before any provider is asked.

Every failure raises :class:`~crystalbay.errors.InvalidValue` whose ``field`` names the
:class:`~crystalbay.domain.TourQuery` field at fault and whose message says what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from crystalbay.domain.tours import DictionaryItem, TourQuery

__all__ = [
    "MAX_CHILD_AGE",
    "MAX_NIGHTS",
    "MAX_PAGE_SIZE",
    "MAX_TRAVELLERS",
    "MIN_NIGHTS",
    "check_departure_city",
    "check_query",
]

MIN_NIGHTS = 1
MAX_NIGHTS = 30
MAX_TRAVELLERS = 9
MAX_CHILD_AGE = 17
MAX_PAGE_SIZE = 100


def check_query(query: TourQuery) -> None:
    """Check everything that needs no provider: names, dates, nights, party, paging, budget.

    Raises:
        InvalidValue: The first rule broken; ``field`` names the field.
    """
    for check in _CHECKS:
        check(query)


def check_departure_city(city: str, known: Iterable[DictionaryItem]) -> None:
    """Accept ``city`` when it is a key or a name (case-insensitive) of a known departure city.

    Raises:
        InvalidValue: The city is unknown (``field="departure_city"``).
    """
    wanted = city.strip().casefold()
    names: list[str] = []
    for item in known:
        if wanted in (item.key.casefold(), item.name.casefold()):
            return
        names.append(item.name)
    examples = ", ".join(sorted(names)[:5]) or "none are offered right now"
    raise InvalidValue(
        f"Unknown departure city {city!r}; choose one from the departure-city list"
        f" (for example: {examples}).",
        field="departure_city",
    )


def _names(query: TourQuery) -> None:
    if not query.departure_city.strip():
        raise InvalidValue("Choose a departure city.", field="departure_city")
    if not query.country.strip():
        raise InvalidValue("Choose a destination country.", field="country")


def _dates(query: TourQuery) -> None:
    if query.date_to < query.date_from:
        raise InvalidValue(
            f"The check-in window ends ({query.date_to}) before it starts ({query.date_from});"
            " set date_to on or after date_from.",
            field="date_to",
        )


def _nights(query: TourQuery) -> None:
    for field in ("nights_min", "nights_max"):
        value: int = getattr(query, field)
        if not MIN_NIGHTS <= value <= MAX_NIGHTS:
            raise InvalidValue(
                f"{field} is {value}; choose a stay of {MIN_NIGHTS} to {MAX_NIGHTS} nights.",
                field=field,
            )
    if query.nights_min > query.nights_max:
        raise InvalidValue(
            f"nights_min ({query.nights_min}) is greater than nights_max ({query.nights_max});"
            " lower nights_min or raise nights_max.",
            field="nights_min",
        )


def _party(query: TourQuery) -> None:
    if query.adults < 1:
        raise InvalidValue(
            "At least one adult must travel; set adults to 1 or more.", field="adults"
        )
    for age in query.child_ages:
        if not 0 <= age <= MAX_CHILD_AGE:
            raise InvalidValue(
                f"Child age {age} is outside 0-{MAX_CHILD_AGE}; enter ages in whole years,"
                f" and count travellers older than {MAX_CHILD_AGE} as adults.",
                field="child_ages",
            )
    total = query.adults + len(query.child_ages)
    if total > MAX_TRAVELLERS:
        raise InvalidValue(
            f"{total} travellers is more than {MAX_TRAVELLERS} for one search;"
            " split the group into several searches.",
            field="child_ages" if query.child_ages else "adults",
        )


def _paging(query: TourQuery) -> None:
    if query.page < 1:
        raise InvalidValue("page starts at 1; ask for page 1 or later.", field="page")
    if not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise InvalidValue(
            f"page_size is {query.page_size}; ask for 1 to {MAX_PAGE_SIZE} offers per page.",
            field="page_size",
        )


def _budget(query: TourQuery) -> None:
    if query.budget is not None and query.budget <= 0:
        raise InvalidValue("budget must be positive; leave it empty for no limit.", field="budget")


_CHECKS: tuple[Callable[[TourQuery], None], ...] = (
    _names,
    _dates,
    _nights,
    _party,
    _paging,
    _budget,
)
