"""The plugin's hooks: settings, registration, and search through the hub."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import date
from pathlib import Path

from crystalbay.domain.tours import TourQuery
from crystalbay.hub import Hub

import crystalbay_pricefile

HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]


async def test_not_configured_without_a_folder(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_pricefile, name="pricefile")
    async with hub_factory() as hub:
        assert hub.plugin_status("pricefile") == "not configured"
        assert "pricefile" not in hub.tour_providers


async def test_the_hub_searches_the_price_files(
    register_plugin: Callable[..., None], hub_factory: HubFactory, prices: Path
) -> None:
    register_plugin(crystalbay_pricefile, name="pricefile")
    query = TourQuery(
        departure_city="Astana",
        country="ОАЭ",
        date_from=date(2026, 10, 1),
        date_to=date(2026, 10, 31),
        nights_min=5,
        nights_max=7,
        currency="KZT",
    )
    async with hub_factory({"PRICEFILE_DIR": str(prices)}) as hub:
        result = await hub.tours.search(query)
        health = await hub.tour_providers["pricefile"].check()

    assert result.complete
    assert [o.hotel for o in result.offers][:3] == ["Rove Downtown"] * 3
    assert {o.country for o in result.offers} == {"UAE"}
    assert health.ok
    assert "altyn-travel.json, sunny-tour.csv" in health.detail
