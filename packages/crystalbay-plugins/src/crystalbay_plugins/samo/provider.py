"""The SAMO tour provider: a ``TourProvider`` over any SAMO transport."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.tours import TourSearchPage
from crystalbay.errors import IntegrationError
from crystalbay.ports.common import Health
from crystalbay_plugins.samo.client import SamoClient, has_more
from crystalbay_plugins.samo.dictionaries import dictionary_items
from crystalbay_plugins.samo.mapping import offer_from_row
from crystalbay_plugins.samo.planner import plan_search
from crystalbay_plugins.samo.resolver import Directory

if TYPE_CHECKING:
    import httpx

    from crystalbay.domain.tours import DictionaryItem, TourOffer, TourQuery
    from crystalbay.ports import DictionaryKind
    from crystalbay_plugins.samo.config import SamoConfig

__all__ = ["OperatorTourProvider", "SamoTourProvider", "is_latin"]


def is_latin(language: str) -> bool:
    """Whether to prefer ``nameAlt``: any language but Russian.

    The contract says ``name`` is the operator's local-language name and ``nameAlt`` the
    Latin one; whether ``LNG`` changes ``name`` itself is not confirmed [UNC].
    """
    return language.strip().lower() not in ("ru", "rus", "russian")


class OperatorTourProvider:
    """Searches and serves dictionaries of one SAMO operator, whatever the transport.

    Args:
        client: The operator's client.
        name: Provider name (and ``TourOffer.provider``).
        language: Display language of names (see :func:`is_latin`).
        fallback_currency: Currency used when the operator does not know the query's.
        sandbox: Flag every offer as demonstration data.
        ttl: Seconds dictionaries are reused.
    """

    def __init__(
        self,
        client: SamoClient,
        *,
        name: str,
        language: str = "ru",
        fallback_currency: str | None = None,
        sandbox: bool = False,
        ttl: float = 3600.0,
    ) -> None:
        self.name = name
        self.client = client
        self.directory = Directory(client, ttl=ttl)
        self._latin = is_latin(language)
        self._fallback_currency = fallback_currency
        self._sandbox = sandbox

    async def search(self, query: TourQuery) -> TourSearchPage:
        """One page of offers for ``query``.

        Raises:
            InvalidValue: The query names something this operator does not know.
            IntegrationError: The operator refused, failed or answered nonsense.
        """
        plan = await plan_search(
            self.directory,
            query,
            provider=self.name,
            latin=self._latin,
            sandbox=self._sandbox,
            fallback_currency=self._fallback_currency,
        )
        if plan is None:
            return TourSearchPage(offers=(), page=query.page, has_more=False)
        payload = await self.client.prices(plan.request)
        offers = (offer_from_row(row, plan.context) for row in payload.prices)
        return TourSearchPage(
            offers=tuple(o for o in offers if _within_budget(o, query)),
            page=query.page,
            has_more=has_more(payload, query.page, query.page_size),
        )

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        """A dictionary; ``parent`` narrows it (see :func:`dictionary_items`)."""
        return await dictionary_items(self.directory, kind, parent, latin=self._latin)

    async def check(self) -> Health:
        """Ask for the departure cities, bypassing the cache."""
        try:
            cities = await self.client.townfroms()
        except IntegrationError as exc:
            return Health(ok=False, detail=exc.detail)
        return Health(ok=True, detail=f"connected: {len(cities)} departure cities")


def _within_budget(offer: TourOffer, query: TourQuery) -> bool:
    """Drop offers above the budget when the price is known in the query's currency.

    The operator gets ``COSTMAX`` too, but in which currency it applies is [UNC].
    """
    if query.budget is None:
        return True
    if offer.converted_currency == query.currency.upper() and offer.converted_price is not None:
        return offer.converted_price <= query.budget
    if offer.currency == query.currency.upper():
        return offer.price <= query.budget
    return True


class SamoTourProvider(OperatorTourProvider):
    """Tour provider ``samo``: a SAMO-tour operator's export API over HTTP.

    Args:
        config: The plugin's settings.
        http: The hub's shared HTTP client.
    """

    def __init__(self, config: SamoConfig, http: httpx.AsyncClient) -> None:
        super().__init__(
            SamoClient.over_http(config, http),
            name="samo",
            language=config.language,
            fallback_currency=config.currency,
        )
