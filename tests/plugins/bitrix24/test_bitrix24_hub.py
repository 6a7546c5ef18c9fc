"""The plugin inside a real hub: settings, ``bitrix setup`` and ``bitrix sync`` on a database.

These hubs run no background jobs: the tests drive the sync directly, and the jobs that the
``on_event`` hook queues meanwhile stay in the table (``test_bitrix24_jobs`` runs them).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crystalbay.domain.contacts import Contact
from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import ConfigurationError, IntegrationRejected
from crystalbay.hub import Hub
from crystalbay.services.leads import LeadDraft
from crystalbay.storage.repositories import ConversationRepository, PluginSettingRepository
from crystalbay_plugins import bitrix24
from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.commands import require_crm, run_setup, run_sync
from crystalbay_plugins.bitrix24.config import BitrixConfig
from crystalbay_plugins.bitrix24.inbound import apply_deal_change
from crystalbay_plugins.bitrix24.sync import COMMENTS_KEY
from crystalbay_plugins.bitrix24.testing import FakeBitrix24

HubFactory = Callable[..., contextlib.AbstractAsyncContextManager[Hub]]
WRITES = {"crm.dealcategory.add", "crm.status.add"}


@pytest.fixture(name="plugin")
def fx_plugin(register_plugin: Callable[..., None]) -> None:
    register_plugin(bitrix24, name="bitrix24")


def _env(fake: FakeBitrix24) -> dict[str, str]:
    return {
        "BITRIX_WEBHOOK_URL": fake.webhook_url,
        "BITRIX_APPLICATION_TOKEN": fake.application_token,
        "BITRIX_USER_MAP": "anna=5",
    }


async def _stored() -> str | None:
    return (await PluginSettingRepository().all()).get("bitrix24", {}).get("stage_map")


@pytest.mark.usefixtures("plugin")
async def test_a_configured_hub_has_the_bitrix24_crm(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        assert hub.plugin_status("bitrix24") == "configured"
        crm = hub.crms["bitrix24"]
        assert isinstance(crm, Bitrix24CRM)
        assert crm.users == {"anna": 5}
        health = await crm.check()
    assert not health.ok
    assert "bitrix setup" in health.detail


@pytest.mark.usefixtures("plugin")
async def test_without_a_webhook_there_is_no_crm_and_no_command_target(
    hub_factory: HubFactory,
) -> None:
    async with hub_factory() as hub:
        assert hub.plugin_status("bitrix24") == "not configured"
        assert "bitrix24" not in hub.crms
        with pytest.raises(ConfigurationError, match="BITRIX_WEBHOOK_URL"):
            require_crm(hub)


@pytest.mark.usefixtures("plugin")
async def test_a_malformed_webhook_url_stops_start_up(hub_factory: HubFactory) -> None:
    with pytest.raises(ConfigurationError, match="BITRIX_WEBHOOK_URL"):
        async with hub_factory({"BITRIX_WEBHOOK_URL": "https://portal.example/webhook"}):
            pass


@pytest.mark.usefixtures("plugin")
async def test_setup_stores_the_stage_map_and_a_second_run_changes_nothing(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        first = await run_setup(hub)
        stored = await _stored()
        writes = [m for m in fake.methods if m in WRITES]
        second = await run_setup(hub)
        assert await _stored() == stored
        health = await hub.crms["bitrix24"].check()

    assert stored == first.stage_map.to_json()
    assert second.stage_map == first.stage_map
    assert [m for m in fake.methods if m in WRITES] == writes
    assert health.ok

    async with hub_factory(
        _env(fake), mock_http=False, run_jobs=False
    ) as hub:  # the next start reads it
        config = hub.plugin_config("bitrix24", BitrixConfig)
        assert config is not None
        assert config.stages() == first.stage_map
        third = await run_setup(hub)
    assert third.created_stages == ()
    assert not third.created_category


@pytest.mark.usefixtures("plugin")
async def test_an_admins_edit_of_the_stage_map_is_used(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        stage_map = (await run_setup(hub)).stage_map
        edited = stage_map.to_json().replace(
            stage_map.stages[Stage.CONSULTATION], f"C{stage_map.category_id}:PREPARATION"
        )
        await PluginSettingRepository().put("bitrix24", "stage_map", edited)

    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        crm = require_crm(hub)
        current = await crm.stage_maps.require()
        assert current.stages[Stage.CONSULTATION].endswith(":PREPARATION")
        again = await run_setup(hub)  # keeps the admin's choice
        assert again.stage_map == current


async def _lead_with_messages(hub: Hub, texts: list[str]) -> tuple[int, int]:
    contact = await hub.contacts.resolve(
        Contact(name="Aigerim", phones=("+77017654321",), emails=("aigerim@example.kz",))
    )
    assert contact.id is not None
    lead = await hub.leads.create(
        LeadDraft(title="Vietnam in June", contact_id=contact.id, source="whatsapp"),
        actor="test",
    )
    repo = ConversationRepository()
    conversation = await repo.create(
        lead_id=lead.id, contact_id=contact.id, channel="whatsapp", chat_address="77017654321"
    )
    for text in texts:
        await _message(conversation.id, text)
    return lead.id, conversation.id


async def _message(conversation_id: int, text: str) -> None:
    await ConversationRepository().add_message(
        conversation_id=conversation_id,
        direction=Direction.INBOUND,
        channel="whatsapp",
        text=text,
        status=DeliveryStatus.RECEIVED,
    )


@pytest.mark.usefixtures("plugin")
async def test_sync_since_is_idempotent_and_posts_only_new_messages(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    since = datetime.now(UTC) - timedelta(hours=1)
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        with pytest.raises(IntegrationRejected, match="bitrix setup"):
            await run_sync(hub, since, echo=False)
        await run_setup(hub)
        lead_id, conversation_id = await _lead_with_messages(hub, ["Hello", "Danang, 2 adults"])

        first = await run_sync(hub, since, echo=False)
        lead = await hub.leads.get(lead_id)
        second = await run_sync(hub, since, echo=False)
        await _message(conversation_id, "Is 1500 USD enough?")
        third = await run_sync(hub, since, echo=False)
        future = await run_sync(hub, datetime.now(UTC) + timedelta(hours=1), echo=False)

    assert first.synced == second.synced == third.synced == [lead_id]
    assert not first.failed
    assert future.synced == []
    (deal,) = fake.portal.deals.values()
    assert lead.external_ids["bitrix24"] == deal["ID"]
    assert lead.external_ids[COMMENTS_KEY].isdigit()
    assert len(fake.portal.contacts) == 1
    assert deal["CONTACT_IDS"] == [int(next(iter(fake.portal.contacts)))]
    texts = [str(c["COMMENT"]).splitlines()[-1] for c in fake.portal.comments]
    assert texts == ["Hello", "Danang, 2 adults", "Is 1500 USD enough?"]


@pytest.mark.usefixtures("plugin")
async def test_a_lead_that_fails_is_reported_and_the_others_go_on(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    since = datetime.now(UTC) - timedelta(hours=1)
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        await run_setup(hub)
        first, _ = await _lead_with_messages(hub, [])
        second = (await hub.leads.create(LeadDraft(title="Egypt"), actor="test")).id
        fake.fail_next("", status=400, description="Access denied.", method="crm.deal.list")

        summary = await run_sync(hub, since, echo=False)

    assert summary.synced == [second]
    assert "Access denied" in summary.failed[first]
    assert len(fake.portal.deals) == 1


@pytest.mark.usefixtures("plugin")
async def test_deal_moves_in_bitrix_reach_the_lead_and_our_echoes_do_not(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        stage_map = (await run_setup(hub)).stage_map
        crm = require_crm(hub)
        lead_id, _ = await _lead_with_messages(hub, [])
        await run_sync(hub, datetime.now(UTC) - timedelta(hours=1), echo=False)
        deal_id = int((await hub.leads.get(lead_id)).external_ids["bitrix24"])

        await crm.move_stage(str(deal_id), Stage.CONSULTATION)  # our own write: an echo
        echo = await apply_deal_change(hub, crm, deal_id)
        fake.portal.deals[deal_id]["STAGE_ID"] = stage_map.stages[Stage.TOUR_SELECTION]
        moved = await apply_deal_change(hub, crm, deal_id)
        again = await apply_deal_change(hub, crm, deal_id)  # the same event delivered twice
        fake.portal.deals[deal_id]["STAGE_ID"] = stage_map.stages[Stage.COMPLETED]
        refused = await apply_deal_change(hub, crm, deal_id)  # skips payment: pipeline rules
        fake.portal.deals[deal_id]["STAGE_ID"] = stage_map.lost
        lost = await apply_deal_change(hub, crm, deal_id)
        missing = await apply_deal_change(hub, crm, 9999)

    assert echo is None
    assert moved is not None
    assert moved.stage is Stage.TOUR_SELECTION
    assert again is None
    assert refused is None
    assert lost is not None
    assert (lost.outcome, lost.lost_reason) == (Outcome.LOST, "closed as lost in Bitrix24")
    assert missing is None
