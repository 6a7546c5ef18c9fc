"""``/tours``: the tour search page with dictionary-driven selects, sorting and paging.

The form is a plain GET form (shareable URLs); with HTMX the results swap in place and the
country, resort, meal and star choices follow the departure city and country. Sandbox
offers are demonstration data and are labelled as such on every row.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get
from litestar.params import FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from crystalbay.domain.tours import DictionaryItem
from crystalbay.errors import CrystalBayError
from crystalbay.ports import DictionaryKind
from crystalbay.services.tour_results import TourSort
from crystalbay_web.deps import HubDep
from crystalbay_web.pages.ops_format import FORMATTERS
from crystalbay_web.pages.tours_forms import SearchForm
from crystalbay_web.pages.tours_options import country_options, form_options, run_search

__all__ = ["SORTS", "TourPageController", "read_form"]


SORTS = tuple(TourSort)


def read_form(request: HTMXRequest) -> SearchForm:
    """The search form from the request's query string."""
    params = request.query_params
    lists = {name: params.getall(name, []) for name in ("resorts", "meals", "stars")}
    return SearchForm.from_params(dict(params.items()), lists)


def search_context(form: SearchForm, **extra: object) -> dict[str, Any]:
    """What the results and form templates need besides the outcome."""
    return {"form": form, "sorts": SORTS, **FORMATTERS, **extra}


class TourPageController(Controller):
    """The tour search page and its HTMX fragments."""

    path = "/tours"
    include_in_schema = False

    @get("/")
    async def page(self, request: HTMXRequest, hub: HubDep) -> Template:
        """The form, and the results once a city and a country are chosen."""
        form = read_form(request)
        outcome = await run_search(hub, form)
        context = search_context(
            form, outcome=outcome, action="/tours", target="tour-results", push=True, lead=None
        )
        if request.htmx and request.htmx.target == "tour-results":
            return Template("tours/_results.html", context=context)
        context["options"] = await form_options(hub, form)
        return Template("tours/page.html", context=context)

    @get("/countries")
    async def countries(self, hub: HubDep, departure_city: FromQuery[str] = "") -> Template:
        """The country select for a departure city (and empty country-level choices)."""
        problems: list[str] = []
        items: tuple[DictionaryItem, ...] = ()
        if departure_city:
            try:
                items = await hub.tours.dictionary(DictionaryKind.COUNTRIES, departure_city)
            except CrystalBayError as exc:
                problems.append(exc.detail)
        context = {"countries": items, "selected": "", "problems": problems}
        return Template("tours/_countries.html", context=context)

    @get("/country-options")
    async def country(self, hub: HubDep, country: FromQuery[str] = "") -> Template:
        """Resort, meal and star choices of a country."""
        problems: list[str] = []
        options = await country_options(hub, country, problems)
        context = {"form": SearchForm(country=country), "problems": problems, **options}
        return Template("tours/_country_options.html", context=context)
