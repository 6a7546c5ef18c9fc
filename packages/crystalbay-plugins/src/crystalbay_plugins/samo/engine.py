"""The demo operator's ``SearchTour`` module: answers actions with SAMO JSON envelopes.

Served over HTTP by :class:`~crystalbay_plugins.samo.testing.FakeSamo` and in-process by the
sandbox provider, so both share one implementation of the dictionaries and the search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay_plugins.samo import rows
from crystalbay_plugins.samo.catalogue import CATALOGUE
from crystalbay_plugins.samo.catalogue_model import Catalogue
from crystalbay_plugins.samo.models import Nights, NightsDefault
from crystalbay_plugins.samo.price_models import Pager, PricesPayload
from crystalbay_plugins.samo.price_query import PriceQuery
from crystalbay_plugins.samo.pricing import candidates
from crystalbay_plugins.samo.wire import (
    MethodError,
    encode_php_json,
    error_envelope,
    int_param,
    list_param,
    required_date,
    required_int,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["DEFAULT_PAGE_SIZE", "DEFAULT_SEED", "SamoEngine"]

DEFAULT_SEED = 20250701
DEFAULT_PAGE_SIZE = 20
"""Rows per page when ``REC_ON_PAGE`` is absent (the real default is [UNC])."""


class SamoEngine:
    """Answers ``SearchTour_*`` actions from a :class:`Catalogue`.

    Args:
        catalogue: What the operator sells.
        seed: Makes prices, seats and stop-sales reproducible.
        page_size: Default rows per ``SearchTour_PRICES`` page.
    """

    def __init__(
        self,
        catalogue: Catalogue = CATALOGUE,
        *,
        seed: int = DEFAULT_SEED,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        self.catalogue = catalogue
        self.seed = seed
        self.page_size = page_size
        self._methods: dict[str, Callable[[Mapping[str, str]], object]] = {
            "TOWNFROMS": self._townfroms,
            "STATES": self._states,
            "TOWNS": self._towns,
            "HOTELS": self._hotels,
            "MEALS": self._meals,
            "STARS": self._stars,
            "CURRENCIES": self._currencies,
            "NIGHTS": self._nights,
            "PRICES": self._prices,
        }

    def answer(self, action: str, params: Mapping[str, str]) -> bytes:
        """The JSON body a SAMO server sends for ``action`` (errors inside HTTP 200)."""
        module, _, method = action.partition("_")
        if module.lower() != "searchtour":
            return error_envelope("api", action, "Method does not exists")
        handler = self._methods.get(method.upper())
        if handler is None:
            return error_envelope("api", action, "Incorrect action")
        try:
            payload = handler(params)
        except MethodError as exc:
            return error_envelope(action, action, exc.message)
        return encode_php_json({action: payload})

    def _route(self, params: Mapping[str, str]) -> tuple[int, int, bool]:
        townfrom = required_int(params, "TOWNFROMINC")
        state = required_int(params, "STATEINC")
        served = any((r.city, r.country) == (townfrom, state) for r in self.catalogue.routes)
        return townfrom, state, served

    def _townfroms(self, params: Mapping[str, str]) -> object:
        return rows.townfroms(self.catalogue, int_param(params, "TOWNFROMINC"))

    def _states(self, params: Mapping[str, str]) -> object:
        townfrom = required_int(params, "TOWNFROMINC")
        return rows.states(self.catalogue, townfrom, int_param(params, "STATEINC"))

    def _towns(self, params: Mapping[str, str]) -> object:
        _, state, served = self._route(params)
        return rows.towns(self.catalogue, state, list_param(params, "TOWNS")) if served else []

    def _hotels(self, params: Mapping[str, str]) -> object:
        _, state, served = self._route(params)
        if not served:
            return []
        filters = (list_param(params, "TOWNS"), list_param(params, "STARS"))
        return rows.hotels(self.catalogue, state, *filters, list_param(params, "HOTELS"))

    def _meals(self, params: Mapping[str, str]) -> object:
        _, state, served = self._route(params)
        return rows.meals(self.catalogue, state, list_param(params, "MEALS")) if served else []

    def _stars(self, params: Mapping[str, str]) -> object:
        _, state, served = self._route(params)
        return rows.stars(self.catalogue, state, list_param(params, "STARS")) if served else []

    def _currencies(self, params: Mapping[str, str]) -> object:
        self._route(params)
        return rows.currencies(self.catalogue, int_param(params, "CURRENCY"))

    def _nights(self, params: Mapping[str, str]) -> object:
        townfrom, state, _ = self._route(params)
        beg, end = required_date(params, "CHECKIN_BEG"), required_date(params, "CHECKIN_END")
        query = PriceQuery(
            townfrom=townfrom, state=state, beg=beg, end=end, nights_from=1, nights_till=31,
            adult=int_param(params, "ADULT") or 2,
        )  # fmt: skip
        found: set[int] = set()
        with_seats: set[int] = set()
        for offer in candidates(self.catalogue, self.seed, query):
            found.add(offer.nights)
            if "N" not in (offer.seats_in, offer.seats_out):
                with_seats.add(offer.nights)
        nights = sorted(found) or list(range(1, 32))  # nothing found: 1..31 like the server
        default = NightsDefault(from_=7, till=7) if 7 in found else None  # noqa: PLR2004
        return Nights(nights=nights, places=sorted(with_seats), default=default)

    def _prices(self, params: Mapping[str, str]) -> object:
        query = PriceQuery.from_params(params, self.page_size)
        found = sorted(candidates(self.catalogue, self.seed, query))
        if query.per_hotel:  # one grouped row per hotel; CATCLAIM+HOTELS then expands one
            cheapest: dict[int, object] = {}
            found = [c for c in found if cheapest.setdefault(c.hotel, c) is c]
        total = -(-len(found) // query.page_size)
        start = (query.page - 1) * query.page_size
        page = found[start : start + query.page_size]
        prices = [rows.price_row(self.catalogue, self.seed, query, c) for c in page]
        pager = Pager(current=query.page, total=total)
        if not prices:
            return PricesPayload(prices=[], pager=pager, part=False)
        econom = any("N" not in (c.seats_in, c.seats_out) for c in page)
        freights = {"econom": econom, "busines": False, "comfort": False, "premium": False}
        return PricesPayload(
            prices=prices, pager=pager, freights=freights, surcharge=False, part=False
        )
