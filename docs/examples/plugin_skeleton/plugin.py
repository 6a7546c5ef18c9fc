"""A minimal plugin: typed settings, a tour provider and an event listener."""

from __future__ import annotations

from datetime import timedelta

import msgspec

from crystalbay.config import PluginSettings
from crystalbay.domain import DictionaryItem, TourOffer, TourQuery, TourSearchPage
from crystalbay.events import Event, LeadCreated
from crystalbay.hookspecs import hookimpl
from crystalbay.hub import Hub
from crystalbay.ports import DictionaryKind, Health

SEEN: list[int] = []


# --8<-- [start:settings]
class SkeletonConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Settings of the skeleton provider."""

    hotel: str
    price: float = 999.0


@hookimpl
def register_settings() -> PluginSettings:
    return PluginSettings(
        plugin="skeleton",
        config_type=SkeletonConfig,
        env={"hotel": "SKELETON_HOTEL", "price": "SKELETON_PRICE"},
        required=frozenset({"hotel"}),
    )


# --8<-- [end:settings]


class SkeletonProvider:
    """Offers one hotel for any query."""

    name = "skeleton"

    def __init__(self, config: SkeletonConfig) -> None:
        self.config = config

    async def search(self, query: TourQuery) -> TourSearchPage:
        offer = TourOffer(
            provider=self.name,
            offer_id=f"skeleton-{query.date_from.isoformat()}",
            hotel=self.config.hotel,
            stars=4,
            country=query.country,
            resort=query.country,
            room="Standard",
            meal="BB",
            check_in=query.date_from + timedelta(days=1),
            nights=query.nights_min,
            adults=query.adults,
            price=self.config.price,
            currency=query.currency,
        )
        return TourSearchPage(offers=(offer,), page=query.page, has_more=False)

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        del parent
        if kind is DictionaryKind.DEPARTURE_CITIES:
            return (DictionaryItem(key="almaty", name="Almaty"),)
        return ()

    async def check(self) -> Health:
        return Health(ok=True, detail="always available")


# --8<-- [start:providers]
@hookimpl
def register_tour_providers(hub: Hub) -> list[SkeletonProvider]:
    config = hub.plugin_config("skeleton", SkeletonConfig)
    return [SkeletonProvider(config)] if config else []


# --8<-- [end:providers]


# --8<-- [start:events]
@hookimpl
def on_event(hub: Hub, event: Event) -> None:
    del hub
    if isinstance(event, LeadCreated):
        SEEN.append(event.lead_id)


# --8<-- [end:events]
