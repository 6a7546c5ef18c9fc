"""The ``acme`` tour provider: one method per port member, vendor failures mapped to hub errors."""

from __future__ import annotations

from datetime import date

import httpx
import msgspec
from crystalbay.domain import DictionaryItem, TourOffer, TourQuery, TourSearchPage
from crystalbay.errors import (
    IntegrationError,
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay.ports import DictionaryKind, Health

from crystalbay_acme.config import AcmeConfig

_UNAUTHORIZED = (401, 403)
_TOO_MANY = 429


class AcmeOffer(msgspec.Struct, frozen=True, kw_only=True):
    """One offer as ACME sends it."""

    id: str
    hotel: str
    stars: int | None = None
    resort: str
    room: str
    meal: str
    check_in: date
    nights: int
    price: float
    currency: str


class AcmeAnswer(msgspec.Struct, frozen=True, kw_only=True):
    """ACME's answer to a search."""

    offers: list[AcmeOffer]
    has_more: bool = False


# --8<-- [start:provider]
class AcmeProvider:
    """Tour provider ``acme``: ACME's search API through the hub's HTTP client."""

    name = "acme"

    def __init__(self, config: AcmeConfig, http: httpx.AsyncClient) -> None:
        self.config, self.http = config, http

    async def search(self, query: TourQuery) -> TourSearchPage:
        """One page of ACME's offers for ``query``."""
        params = {
            "from": query.departure_city,
            "to": query.country,
            "date_from": query.date_from.isoformat(),
            "date_to": query.date_to.isoformat(),
            "adults": str(query.adults),
            "page": str(query.page),
        }
        response = await self._get("/search", params)
        try:
            answer = msgspec.json.decode(response.content, type=AcmeAnswer)
        except msgspec.DecodeError as exc:
            raise IntegrationProtocolError(f"odd search answer: {exc}", integration="acme") from exc
        offers = tuple(_offer(item, query) for item in answer.offers)
        return TourSearchPage(offers=offers, page=query.page, has_more=answer.has_more)

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        """No dictionaries: ACME takes city and country names as they are."""
        del kind, parent
        return ()

    async def check(self) -> Health:
        """Ask for ACME's status page; report a failure instead of raising it."""
        try:
            response = await self._get("/", {})
        except IntegrationError as exc:
            return Health(ok=False, detail=exc.detail)
        return Health(ok=True, detail=f"ACME answers (HTTP {response.status_code})")

    async def _get(self, path: str, params: dict[str, str]) -> httpx.Response:
        url = self.config.api_url.rstrip("/") + path
        headers = {"Authorization": f"Bearer {self.config.api_key}"}
        try:
            response = await self.http.get(
                url, params=params, headers=headers, timeout=self.config.timeout
            )
        except httpx.TransportError as exc:
            raise IntegrationUnavailable(f"cannot reach ACME: {exc}", integration="acme") from exc
        status = response.status_code
        if status in _UNAUTHORIZED:
            raise IntegrationRejected("ACME refused ACME_API_KEY", integration="acme")
        if status == _TOO_MANY or response.is_server_error:
            raise IntegrationUnavailable(f"ACME answered HTTP {status}", integration="acme")
        if not response.is_success:
            raise IntegrationRejected(f"ACME refused the call (HTTP {status})", integration="acme")
        return response


# --8<-- [end:provider]


def _offer(item: AcmeOffer, query: TourQuery) -> TourOffer:
    return TourOffer(
        provider="acme",
        offer_id=item.id,
        hotel=item.hotel,
        stars=item.stars,
        country=query.country,
        resort=item.resort,
        room=item.room,
        meal=item.meal,
        check_in=item.check_in,
        nights=item.nights,
        adults=query.adults,
        child_ages=query.child_ages,
        price=item.price,
        currency=item.currency,
        departure_city=query.departure_city,
    )
