"""Turn a :class:`TourQuery` into one ``SearchTour_PRICES`` request (names resolved to ids)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import msgspec

from crystalbay.errors import InvalidValue
from crystalbay_plugins.samo.mapping import OfferContext, display_name
from crystalbay_plugins.samo.price_models import PriceRequest

if TYPE_CHECKING:
    from datetime import date

    from crystalbay.domain.tours import TourQuery
    from crystalbay_plugins.samo.resolver import Directory

__all__ = ["SearchPlan", "check_query", "plan_search", "samo_date"]

MAX_CHILDREN = 3
"""The server uses at most three children's ages (AGE1..AGE3)."""


class SearchPlan(msgspec.Struct, frozen=True, kw_only=True):
    """The resolved request and the context its rows are mapped with."""

    request: PriceRequest
    context: OfferContext


def samo_date(value: date) -> str:
    """A request date as everybody sends it: ``YYYYMMDD``."""
    return value.strftime("%Y%m%d")


def check_query(query: TourQuery) -> None:
    """Refuse queries no operator can answer.

    Raises:
        InvalidValue: Naming the field at fault.
    """
    problems = (
        (query.date_to < query.date_from, "date_to", "date_to is before date_from"),
        (query.nights_min < 1, "nights_min", "nights_min must be at least 1"),
        (query.nights_max < query.nights_min, "nights_max", "nights_max is below nights_min"),
        (query.adults < 1, "adults", "at least one adult travels"),
        (len(query.child_ages) > MAX_CHILDREN, "child_ages", "at most three children"),
        (any(not 0 <= a <= 17 for a in query.child_ages), "child_ages", "ages are 0-17"),  # noqa: PLR2004
        (query.page < 1, "page", "page is 1-based"),
        (query.page_size < 1, "page_size", "page_size must be positive"),
    )
    for failed, field, message in problems:
        if failed:
            raise InvalidValue(message, field=field)


async def plan_search(
    directory: Directory,
    query: TourQuery,
    *,
    provider: str,
    latin: bool,
    sandbox: bool = False,
    fallback_currency: str | None = None,
) -> SearchPlan | None:
    """Resolve ``query``; None when it cannot match anything.

    Star categories and meal plans the country does not offer cannot match; a city, country
    or resort the operator does not know is a mistake in the query.

    Raises:
        InvalidValue: A city, country or resort the operator does not know.
    """
    check_query(query)
    city = await directory.city(query.departure_city)
    state = await directory.state(city.id, query.country)
    stars = await directory.star_ids(city.id, state.id, query.stars) if query.stars else ()
    meals = await directory.meal_ids(city.id, state.id, query.meals)
    if (query.stars and not stars) or (query.meals and not meals):
        return None
    currency = await directory.currency(city.id, state.id, query.currency)
    if currency is None:
        currency = await directory.currency(city.id, state.id, fallback_currency)
    exact_currency = currency is not None and currency.alias.upper() == query.currency.upper()
    request = PriceRequest(
        townfrom=city.id,
        state=state.id,
        checkin_beg=samo_date(query.date_from),
        checkin_end=samo_date(query.date_to),
        nights_from=query.nights_min,
        nights_till=query.nights_max,
        adult=query.adults,
        child_ages=query.child_ages,
        currency=currency.id if currency else None,
        towns=await directory.resort_ids(city.id, state.id, query.resorts),
        meals=meals,
        stars=stars,
        # COSTMAX is assumed to be in the requested CURRENCY [UNC], so only then is it sent.
        cost_max=math.ceil(query.budget) if query.budget and exact_currency else None,
        page=query.page,
        page_size=query.page_size,
    )
    context = OfferContext(
        provider=provider,
        country=display_name(state.name, state.name_alt, latin=latin),
        departure_city=display_name(city.name, city.name_alt, latin=latin),
        child_ages=tuple(sorted(query.child_ages)),
        currency=currency.alias.upper() if currency and currency.alias else None,
        latin=latin,
        sandbox=sandbox,
    )
    return SearchPlan(request=request, context=context)
