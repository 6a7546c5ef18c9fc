"""``/api/v1/tours``: search across every enabled provider, and the search-form dictionaries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get
from litestar.params import FromPath, FromQuery, QueryParameter

from crystalbay.domain.tours import TourQuery
from crystalbay.errors import InvalidValue
from crystalbay.ports import DictionaryKind
from crystalbay.services.tour_params import parse_nights
from crystalbay.services.tour_results import TourSort
from crystalbay_web.auth import require_api_key
from crystalbay_web.deps import HubDep
from crystalbay_web.domain.tours.schemas import DictionaryList, TourResults, to_results

__all__ = ["TourController"]

Nights = Annotated[
    str, QueryParameter(max_length=5, description="nights: a number or a range such as 7-10")
]
ChildAges = Annotated[
    list[int] | None, QueryParameter(description="age of each child; repeat for each child")
]
Names = Annotated[list[str] | None, QueryParameter(description="repeat for several values")]


class TourController(Controller):
    """Tour search for the dashboard, the bot and third parties."""

    path = "/api/v1/tours"
    guards = [require_api_key]  # noqa: RUF012 - Litestar's declared attribute
    tags = ["tours"]  # noqa: RUF012

    @get("/search")
    async def search(
        self,
        *,
        hub: HubDep,
        departure_city: FromQuery[str],
        country: FromQuery[str],
        date_from: FromQuery[date],
        date_to: FromQuery[date],
        nights: Nights = "7",
        adults: Annotated[int, QueryParameter(ge=1, le=9)] = 2,
        child_ages: ChildAges = None,
        resorts: Names = None,
        meals: Names = None,
        stars: Annotated[list[int] | None, QueryParameter()] = None,
        budget: Annotated[float | None, QueryParameter(gt=0)] = None,
        currency: Annotated[str, QueryParameter(min_length=3, max_length=3)] = "USD",
        page: Annotated[int, QueryParameter(ge=1, le=1000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
        sort: FromQuery[TourSort] = TourSort.PRICE,
        descending: FromQuery[bool] = False,
    ) -> TourResults:
        """Offers from every enabled provider, merged and sorted; failed providers are listed."""
        nights_min, nights_max = parse_nights(nights)
        query = TourQuery(
            departure_city=departure_city,
            country=country,
            date_from=date_from,
            date_to=date_to,
            nights_min=nights_min,
            nights_max=nights_max,
            adults=adults,
            child_ages=tuple(child_ages or ()),
            resorts=tuple(resorts or ()),
            meals=tuple(meals or ()),
            stars=tuple(stars or ()),
            budget=budget,
            currency=currency,
            page=page,
            page_size=page_size,
        )
        result = await hub.tours.search(query, sort=sort, descending=descending)
        return to_results(result)

    @get("/dictionaries/{kind:str}")
    async def dictionary(
        self,
        hub: HubDep,
        kind: FromPath[str],
        parent: Annotated[str | None, QueryParameter(max_length=200)] = None,
    ) -> DictionaryList:
        """A search-form dictionary; ``parent`` narrows it (a city's countries, ...)."""
        try:
            which = DictionaryKind(kind)
        except ValueError:
            known = ", ".join(k.value for k in DictionaryKind)
            msg = f"Unknown dictionary {kind!r}; use one of: {known}."
            raise InvalidValue(msg, field="kind") from None
        items = await hub.tours.dictionary(which, parent)
        return DictionaryList(kind=which.value, parent=parent, items=items)
