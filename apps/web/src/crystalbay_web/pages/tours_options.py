"""Dictionary-fed choices of the search form, and running a search for a page.

Countries depend on the departure city, resorts, meals and stars on the country; each is
read through :meth:`TourSearchService.dictionary` (cached). A provider that fails does not
break the page: its message is shown and the form keeps working with what is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.tours import DictionaryItem
from crystalbay.errors import CrystalBayError, InvalidValue
from crystalbay.ports import DictionaryKind
from crystalbay.services.tour_results import TourSearchResult

if TYPE_CHECKING:
    from crystalbay.hub import Hub
    from crystalbay_web.pages.tours_forms import SearchForm

__all__ = ["FormOptions", "SearchOutcome", "country_options", "form_options", "run_search"]


class FormOptions(msgspec.Struct, frozen=True, kw_only=True):
    """The choices of each select, and what could not be loaded."""

    cities: tuple[DictionaryItem, ...] = ()
    countries: tuple[DictionaryItem, ...] = ()
    resorts: tuple[DictionaryItem, ...] = ()
    meals: tuple[DictionaryItem, ...] = ()
    stars: tuple[DictionaryItem, ...] = ()
    problems: tuple[str, ...] = ()


class SearchOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """A search for the page: the result, or why there is none."""

    result: TourSearchResult | None = None
    errors: dict[str, str] = msgspec.field(default_factory=dict)
    problem: str | None = None

    @property
    def sandbox(self) -> bool:
        """True when any offer shown is demonstration data."""
        return self.result is not None and any(o.sandbox for o in self.result.offers)


async def _items(
    hub: Hub, kind: DictionaryKind, parent: str | None, problems: list[str]
) -> tuple[DictionaryItem, ...]:
    try:
        return await hub.tours.dictionary(kind, parent)
    except CrystalBayError as exc:
        problems.append(exc.detail)
        return ()


async def country_options(hub: Hub, country: str, problems: list[str]) -> dict[str, object]:
    """Resorts, meals and stars of ``country``."""
    if not country:
        return {"resorts": (), "meals": (), "stars": ()}
    return {
        "resorts": await _items(hub, DictionaryKind.RESORTS, country, problems),
        "meals": await _items(hub, DictionaryKind.MEALS, country, problems),
        "stars": _categories(await _items(hub, DictionaryKind.STARS, country, problems)),
    }


def _categories(items: tuple[DictionaryItem, ...]) -> tuple[DictionaryItem, ...]:
    """Star items keyed by their category (``"5*"`` -> ``5``), which ``TourQuery`` takes.

    Items without a category between 1 and 5 (apartments, villas) cannot be searched for.
    """
    found: dict[str, DictionaryItem] = {}
    for item in items:
        digits = [c for c in item.name if c.isdigit()]
        if len(digits) == 1 and "1" <= digits[0] <= "5":
            found.setdefault(digits[0], DictionaryItem(key=digits[0], name=item.name))
    return tuple(found[key] for key in sorted(found))


async def form_options(hub: Hub, form: SearchForm) -> FormOptions:
    """Every select's choices for the form as it stands."""
    problems: list[str] = []
    cities = await _items(hub, DictionaryKind.DEPARTURE_CITIES, None, problems)
    countries: tuple[DictionaryItem, ...] = ()
    if form.departure_city:
        countries = await _items(hub, DictionaryKind.COUNTRIES, form.departure_city, problems)
    extra = await country_options(hub, form.country, problems)
    return FormOptions(
        cities=cities,
        countries=countries,
        problems=tuple(dict.fromkeys(problems)),
        **extra,  # type: ignore[arg-type]
    )


async def run_search(hub: Hub, form: SearchForm) -> SearchOutcome:
    """Search when the form is ready; turn refusals into messages by field."""
    if not form.ready:
        return SearchOutcome()
    try:
        query = form.to_query()
        result = await hub.tours.search(query, sort=form.sort_order(), descending=form.descending)
    except InvalidValue as exc:
        return SearchOutcome(errors={exc.field or "": exc.detail})
    except CrystalBayError as exc:
        return SearchOutcome(problem=exc.detail)
    return SearchOutcome(result=result)
