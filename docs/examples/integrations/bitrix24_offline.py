"""Bitrix24 offline: ``FakeBitrix24`` is a portal on 127.0.0.1 with an incoming webhook."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import crystalbay_plugins.bitrix24
from crystalbay.domain.pipeline import STAGES, Stage
from crystalbay.hub import Hub
from crystalbay_plugins.bitrix24.commands import run_setup
from crystalbay_plugins.bitrix24.stages import parse_stage_map
from crystalbay_plugins.bitrix24.testing import FakeBitrix24

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]
STAGE_MAP = Path(__file__).with_name("bitrix24_stage_map.json")


async def test_setup_makes_the_pipeline_the_check_wants(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.bitrix24, name="bitrix24")
    with FakeBitrix24() as fake:
        env = {
            "BITRIX_WEBHOOK_URL": fake.webhook_url,
            "BITRIX_APPLICATION_TOKEN": fake.application_token,
        }
        async with hub_factory(env, mock_http=False) as hub:
            before = await hub.crms["bitrix24"].check()
            report = await run_setup(hub)  # what `crystalbay bitrix setup` does
            after = await hub.crms["bitrix24"].check()

    assert not before.ok
    assert "crystalbay bitrix setup" in before.detail
    assert after.ok, after.detail
    category = report.stage_map.category_id
    assert report.stage_map.stages[Stage.PAID] == f"C{category}:CB_PAID"


def test_the_documented_stage_map_is_valid() -> None:
    stage_map = parse_stage_map(STAGE_MAP.read_text())

    assert set(stage_map.stages) == set(STAGES)
    assert (stage_map.won, stage_map.lost) == ("C5:WON", "C5:LOSE")
