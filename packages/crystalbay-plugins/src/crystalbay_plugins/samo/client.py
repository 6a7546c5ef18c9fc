"""The typed SAMO client: one method per vendor call, returning vendor Structs."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from msgspec.structs import replace

from crystalbay_plugins.samo.envelope import decode_envelope
from crystalbay_plugins.samo.models import (
    Currency,
    Hotel,
    Meal,
    Nights,
    Star,
    State,
    Town,
    TownFrom,
)
from crystalbay_plugins.samo.price_models import PricesPayload, join_ids
from crystalbay_plugins.samo.transport import HttpTransport

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Mapping, Sequence

    import httpx

    from crystalbay_plugins.samo.config import SamoConfig
    from crystalbay_plugins.samo.price_models import PriceRequest
    from crystalbay_plugins.samo.transport import SamoTransport

__all__ = ["SamoClient", "has_more"]

T = TypeVar("T")


class SamoClient:
    """Calls the ``SearchTour`` module of one operator.

    Args:
        transport: How calls travel; use :meth:`over_http` for a real operator.
    """

    def __init__(self, transport: SamoTransport) -> None:
        self.transport = transport

    @classmethod
    def over_http(cls, config: SamoConfig, http: httpx.AsyncClient) -> SamoClient:
        """A client for the operator at ``config.api_url`` using the hub's HTTP client."""
        return cls(HttpTransport(config, http))

    async def townfroms(self) -> tuple[TownFrom, ...]:
        """``SearchTour_TOWNFROMS``: departure cities."""
        return await self._call("SearchTour_TOWNFROMS", {}, tuple[TownFrom, ...])

    async def states(self, townfrom: int) -> tuple[State, ...]:
        """``SearchTour_STATES``: destination countries from ``townfrom``."""
        params = {"TOWNFROMINC": str(townfrom)}
        return await self._call("SearchTour_STATES", params, tuple[State, ...])

    async def towns(self, townfrom: int, state: int) -> tuple[Town, ...]:
        """``SearchTour_TOWNS``: resorts of ``state``."""
        return await self._call("SearchTour_TOWNS", _route(townfrom, state), tuple[Town, ...])

    async def hotels(
        self, townfrom: int, state: int, towns: Sequence[int] = ()
    ) -> tuple[Hotel, ...]:
        """``SearchTour_HOTELS``: hotels of ``state``, optionally of some resorts only."""
        params = _route(townfrom, state)
        if towns:
            params["TOWNS"] = join_ids(towns)
        return await self._call("SearchTour_HOTELS", params, tuple[Hotel, ...])

    async def meals(self, townfrom: int, state: int) -> tuple[Meal, ...]:
        """``SearchTour_MEALS``: meal groups."""
        return await self._call("SearchTour_MEALS", _route(townfrom, state), tuple[Meal, ...])

    async def stars(self, townfrom: int, state: int) -> tuple[Star, ...]:
        """``SearchTour_STARS``: star groups."""
        return await self._call("SearchTour_STARS", _route(townfrom, state), tuple[Star, ...])

    async def currencies(self, townfrom: int, state: int) -> tuple[Currency, ...]:
        """``SearchTour_CURRENCIES``: currencies prices can be converted to."""
        params = _route(townfrom, state)
        return await self._call("SearchTour_CURRENCIES", params, tuple[Currency, ...])

    async def nights(self, townfrom: int, state: int, checkin_beg: str, checkin_end: str) -> Nights:
        """``SearchTour_NIGHTS`` for a departure window (dates ``YYYYMMDD``)."""
        params = _route(townfrom, state)
        params.update(CHECKIN_BEG=checkin_beg, CHECKIN_END=checkin_end)
        # Some operators answer a bare list of nights instead of the object.
        shape = cast("type[Nights | list[int]]", Nights | list[int])
        payload = await self._call("SearchTour_NIGHTS", params, shape)
        return Nights(nights=payload) if isinstance(payload, list) else payload

    async def prices(self, request: PriceRequest) -> PricesPayload:
        """``SearchTour_PRICES``: one page (``request.page``, 1-based) of offers."""
        return await self._call("SearchTour_PRICES", request.to_params(), PricesPayload)

    async def price_pages(
        self, request: PriceRequest, *, max_pages: int = 10
    ) -> AsyncIterator[PricesPayload]:
        """Yield pages from ``request.page`` on until the pager says there are no more."""
        page = request.page
        for _ in range(max_pages):
            payload = await self.prices(replace(request, page=page))
            yield payload
            if not payload.prices or not has_more(payload, page, request.page_size):
                return
            page += 1

    async def _call(self, action: str, params: Mapping[str, str], type_: type[T]) -> T:
        body = await self.transport.call(action, params)
        return decode_envelope(body, action, type_, self.transport.integration)


def has_more(payload: PricesPayload, page: int, page_size: int | None) -> bool:
    """True when pages follow ``page``.

    The pager's ``total`` decides; builds that omit it [UNC] are assumed to have more when
    the page came back full.
    """
    total = getattr(payload.pager, "total", None)
    if isinstance(total, int):
        return total > page
    return page_size is not None and len(payload.prices) >= page_size


def _route(townfrom: int, state: int) -> dict[str, str]:
    return {"TOWNFROMINC": str(townfrom), "STATEINC": str(state)}
