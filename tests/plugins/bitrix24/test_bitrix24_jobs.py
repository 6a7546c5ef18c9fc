"""The background jobs in a hub: coalescing keys, the lead sync, the deal re-read, loop guards."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from b24_support import make_lead

from crystalbay.domain.contacts import Contact
from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.events import (
    BookingChanged,
    ContactsMerged,
    Event,
    LeadCreated,
    LeadStageChanged,
    LeadUpdated,
    MessageReceived,
    MessageStatusChanged,
)
from crystalbay.hub import Hub
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.storage.repositories import ConversationRepository, PluginSettingRepository
from crystalbay.storage.tables import JobRow
from crystalbay_plugins import bitrix24
from crystalbay_plugins.bitrix24.backfill import lead_messages, store_refs
from crystalbay_plugins.bitrix24.commands import require_crm, run_setup
from crystalbay_plugins.bitrix24.queueing import (
    DEAL_CHANGED,
    SYNC_LEAD,
    LeadRef,
    enqueue_deal_change,
    enqueue_lead_sync,
    slot_key,
)
from crystalbay_plugins.bitrix24.stages import StageMap
from crystalbay_plugins.bitrix24.sync import COMMENTS_KEY, SyncResult, external_ids_after, sync_lead
from crystalbay_plugins.bitrix24.testing import FakeBitrix24
from crystalbay_plugins.bitrix24.triggers import applying_remote_change, lead_to_sync

HubFactory = Callable[..., contextlib.AbstractAsyncContextManager[Hub]]
FAST_JOBS = {
    "CRYSTALBAY_JOB_POLL": "0.05",
    "CRYSTALBAY_JOB_BACKOFF": "0.05",
    "CRYSTALBAY_JOB_DISPATCH_LEASE": "0.3",
}


@pytest.fixture(name="plugin")
def fx_plugin(register_plugin: Callable[..., None]) -> None:
    register_plugin(bitrix24, name="bitrix24")


def _env(fake: FakeBitrix24) -> dict[str, str]:
    return {
        **FAST_JOBS,
        "BITRIX_WEBHOOK_URL": fake.webhook_url,
        "BITRIX_APPLICATION_TOKEN": fake.application_token,
    }


async def _ready(hub: Hub, *, window: str = "0.05") -> StageMap:
    """``bitrix setup``, then a short sync window (re-read like a saved setting)."""
    stage_map = (await run_setup(hub)).stage_map
    await PluginSettingRepository().put("bitrix24", "sync_window", window)
    await hub.load_plugin_settings()
    return stage_map


async def _lead(hub: Hub, texts: tuple[str, ...] = ()) -> int:
    contact = await hub.contacts.resolve(Contact(name="Dana", phones=("+77015550101",)))
    assert contact.id is not None
    lead = await hub.leads.create(
        LeadDraft(title="Georgia in May", contact_id=contact.id, source="whatsapp"), actor="anna"
    )
    repo = ConversationRepository()
    conversation = await repo.create(
        lead_id=lead.id, contact_id=contact.id, channel="whatsapp", chat_address="77015550101"
    )
    for text in texts:
        await repo.add_message(
            conversation_id=conversation.id,
            direction=Direction.INBOUND,
            channel="whatsapp",
            text=text,
            status=DeliveryStatus.RECEIVED,
        )
    return lead.id


async def _jobs(kind: str) -> list[dict[str, object]]:
    return await JobRow.select().where(JobRow.kind == kind).order_by(JobRow.id)


def _comments(fake: FakeBitrix24) -> list[str]:
    return [str(c["COMMENT"]).splitlines()[-1] for c in fake.portal.comments]


# -- units -------------------------------------------------------------------------------------


def test_a_slot_key_gathers_a_window_and_is_due_when_it_ends() -> None:
    first, delay = slot_key("lead-7", 2.0, 100.5)
    same, _ = slot_key("lead-7", 2.0, 101.99)
    later, _ = slot_key("lead-7", 2.0, 102.0)

    assert first == same == "lead-7-w50"
    assert later == "lead-7-w51"
    assert 100.5 + delay >= 102.0  # not before the last change of the slot
    assert delay < 1.6


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (LeadCreated(lead_id=1, source="whatsapp"), 1),
        (MessageReceived(message_id=9, lead_id=2), 2),
        (BookingChanged(booking_id=4, lead_id=3, status="confirmed"), 3),
        (LeadStageChanged(lead_id=4, before="new", after="consultation", actor="anna"), 4),
        (LeadStageChanged(lead_id=4, before="new", after="consultation", actor="bitrix24"), None),
        (LeadUpdated(lead_id=5, fields=("title", "external_ids")), 5),
        (LeadUpdated(lead_id=5, fields=("external_ids",)), None),
        (MessageStatusChanged(message_id=9, status="read"), None),
        (ContactsMerged(kept_id=1, merged_id=2), None),
    ],
)
def test_which_events_call_for_a_sync(event: Event, expected: int | None) -> None:
    assert lead_to_sync(event) == expected


def test_changes_made_for_a_bitrix_event_are_not_synced_back() -> None:
    outcome = LeadUpdated(lead_id=5, fields=("outcome", "lost_reason"))

    with applying_remote_change():
        inside = lead_to_sync(outcome)

    assert inside is None
    assert lead_to_sync(outcome) == 5


def test_the_comment_watermark_never_moves_back() -> None:
    lead = make_lead(external_ids={"bitrix24": "3", COMMENTS_KEY: "9"})
    older = SyncResult(contact_ref="1", deal_ref="3", comments=2, last_message_id=5)
    newer = SyncResult(contact_ref="1", deal_ref="3", comments=1, last_message_id=12)

    assert external_ids_after(lead, older) is None
    assert external_ids_after(lead, newer) == {"bitrix24": "3", COMMENTS_KEY: "12"}


# -- in a hub ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("plugin")
async def test_changes_of_a_lead_reach_its_deal_through_the_jobs(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False) as hub:
        stage_map = await _ready(hub)
        lead_id = await _lead(hub, ("Hello", "Tbilisi, 2 adults"))
        await hub.leads.change(
            lead_id, LeadChanges(title="Georgia, 7 nights", stage=Stage.CONSULTATION), actor="anna"
        )
        await hub.jobs.drain()
        lead = await hub.leads.get(lead_id)
        jobs = await _jobs(SYNC_LEAD)
        # Another plugin's id on the lead is no reason to sync (nor is the sync's own write).
        ids = {**lead.external_ids, "samo": "claim-1"}
        await hub.leads.change(lead_id, LeadChanges(external_ids=ids), actor="samo")
        after = await _jobs(SYNC_LEAD)

    (deal,) = fake.portal.deals.values()
    assert (deal["TITLE"], deal["STAGE_ID"]) == (
        "Georgia, 7 nights",
        stage_map.stages[Stage.CONSULTATION],
    )
    assert deal["ORIGIN_ID"] == str(lead_id)
    assert lead.external_ids["bitrix24"] == deal["ID"]
    assert _comments(fake) == ["Hello", "Tbilisi, 2 adults"]
    assert len(fake.portal.contacts) == 1
    assert {j["status"] for j in jobs} == {"done"}
    assert len(after) == len(jobs)


@pytest.mark.usefixtures("plugin")
async def test_changes_in_one_window_share_a_job_and_a_later_one_gets_its_own(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        await _ready(hub, window="10")
        now = 1_000_000.0
        first = await enqueue_lead_sync(hub, 7, now=now)
        again = await enqueue_lead_sync(hub, 7, now=now + 9.9)
        other = await enqueue_lead_sync(hub, 8, now=now)
        later = await enqueue_lead_sync(hub, 7, now=now + 10.0)
        deal = await enqueue_deal_change(hub, 7, now=now)
        deal_again = await enqueue_deal_change(hub, 7, now=now + 1)
        # The slot's job already ran (a worker whose clock is ahead): the change gets a new one.
        await JobRow.update({JobRow.status: "done"}).where(JobRow.id == deal)
        deal_late = await enqueue_deal_change(hub, 7, now=now + 2)
        rows = await _jobs(SYNC_LEAD)
        late = await hub.jobs.repo.get(deal_late)

    assert first == again
    assert len({first, other, later}) == 3
    assert deal == deal_again
    assert [r["key"] for r in rows] == ["lead-7-w100000", "lead-8-w100000", "lead-7-w100001"]
    now_utc = datetime.now(UTC)
    assert all(isinstance(r["run_at"], datetime) and r["run_at"] > now_utc for r in rows)
    assert deal_late != deal
    assert late is not None
    assert str(late["key"]).startswith("deal-7-w100000-")
    assert late["status"] == "pending"


@pytest.mark.usefixtures("plugin")
async def test_two_syncs_of_one_lead_never_overlap(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        await _ready(hub)
        lead_id = await _lead(hub, ("One", "Two", "Three"))
        ids = [
            (await hub.jobs.add(SYNC_LEAD, f"lead-{lead_id}-w{n}", LeadRef(lead_id=lead_id)))[0]
            for n in (1, 2, 3)
        ]
        ran = await asyncio.gather(*(hub.jobs.run(job_id) for job_id in ids))
        statuses = [(await hub.jobs.repo.get(job_id) or {}).get("status") for job_id in ids]

    assert ran == [True, True, True]
    assert statuses == ["done", "done", "done"]
    assert len(fake.portal.deals) == 1
    assert len(fake.portal.contacts) == 1
    assert _comments(fake) == ["One", "Two", "Three"]  # each message posted once


@pytest.mark.usefixtures("plugin")
async def test_a_sync_running_in_another_worker_sends_this_one_back(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False) as hub:
        await _ready(hub)
        lead_id = await _lead(hub)
        await hub.jobs.drain()
        deals = len(fake.methods)
        now = datetime.now(UTC)
        [other] = await JobRow.insert(
            JobRow(
                kind=SYNC_LEAD, key=f"lead-{lead_id}-w1", payload="{}", status="running",
                attempts=1, run_at=now, locked_by="elsewhere:1:abc", created_at=now,
                locked_until=now + timedelta(seconds=60), updated_at=now,
            )
        ).returning(JobRow.id)  # fmt: skip
        job_id = await enqueue_lead_sync(hub, lead_id)
        for _ in range(200):
            row = await hub.jobs.repo.get(job_id)
            if row and row["last_error"]:
                break
            await asyncio.sleep(0.02)
        assert row is not None
        assert "another worker" in str(row["last_error"])
        assert row["status"] == "pending"
        assert len(fake.methods) == deals  # nothing was sent meanwhile
        await JobRow.update({JobRow.status: "done"}).where(JobRow.id == other["id"])
        await hub.jobs.drain()
        final = await hub.jobs.repo.get(job_id)

    assert final is not None
    assert final["status"] == "done"
    assert len(fake.methods) > deals


@pytest.mark.usefixtures("plugin")
async def test_a_deal_moved_in_bitrix_moves_the_lead_and_is_not_synced_back(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False) as hub:
        stage_map = await _ready(hub)
        lead_id = await _lead(hub)
        await hub.jobs.drain()
        deal_id = int((await hub.leads.get(lead_id)).external_ids["bitrix24"])
        syncs = len(await _jobs(SYNC_LEAD))

        fake.portal.deals[deal_id]["STAGE_ID"] = stage_map.stages[Stage.CONSULTATION]
        await enqueue_deal_change(hub, deal_id)
        await hub.jobs.drain()
        moved = await hub.leads.get(lead_id)
        fake.portal.deals[deal_id]["STAGE_ID"] = stage_map.lost
        await enqueue_deal_change(hub, deal_id)
        await hub.jobs.drain()
        lost = await hub.leads.get(lead_id)
        after = await _jobs(SYNC_LEAD)
        changes = await _jobs(DEAL_CHANGED)

    assert moved.stage is Stage.CONSULTATION
    assert (lost.outcome, lost.lost_reason) == (Outcome.LOST, "closed as lost in Bitrix24")
    assert len(after) == syncs  # neither the move nor the outcome was synced back
    assert [c["status"] for c in changes] == ["done", "done"]
    assert fake.portal.deals[deal_id]["STAGE_ID"] == stage_map.lost


@pytest.mark.usefixtures("plugin")
async def test_without_the_pipeline_a_sync_fails_at_once_and_a_gone_lead_is_skipped(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False) as hub:
        await PluginSettingRepository().put("bitrix24", "sync_window", "0.05")
        await hub.load_plugin_settings()
        await _lead(hub)
        await hub.jobs.drain()
        failed = await _jobs(SYNC_LEAD)
        await run_setup(hub)
        gone = await enqueue_lead_sync(hub, 9999)
        await hub.jobs.drain()
        skipped = await hub.jobs.repo.get(gone)

    assert [(j["status"], j["attempts"]) for j in failed] == [("failed", 1)]
    assert "bitrix setup" in str(failed[0]["last_error"])
    assert skipped is not None
    assert skipped["status"] == "done"
    assert fake.portal.deals == {}


@pytest.mark.usefixtures("plugin")
async def test_an_unconfigured_plugin_queues_nothing(hub_factory: HubFactory) -> None:
    async with hub_factory(FAST_JOBS) as hub:
        lead = await hub.leads.create(LeadDraft(title="Egypt"), actor="anna")
        await hub.leads.change(lead.id, LeadChanges(stage=Stage.CONSULTATION), actor="anna")
        queued = await JobRow.select().where(JobRow.kind.like("bitrix24.%"))
        with pytest.raises(ValueError, match="no handler"):
            await hub.jobs.add(SYNC_LEAD, "lead-1-w1")

    assert queued == []


@pytest.mark.usefixtures("plugin")
async def test_the_deal_id_is_stored_even_when_the_lead_changed_during_the_sync(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with hub_factory(_env(fake), mock_http=False, run_jobs=False) as hub:
        await _ready(hub)
        lead_id = await _lead(hub, ("Hi",))
        stale = await hub.leads.get(lead_id)
        contact = await hub.contacts.get(stale.contact_id or 0)
        result = await sync_lead(require_crm(hub), stale, contact, await lead_messages(lead_id))
        # Meanwhile a manager renames the lead and another plugin stores its own id.
        await hub.leads.change(
            lead_id, LeadChanges(title="Renamed", external_ids={"samo": "9"}), actor="anna"
        )
        stored = await store_refs(hub, stale, result)

    assert stored.title == "Renamed"
    assert stored.external_ids == {
        "samo": "9",
        "bitrix24": result.deal_ref,
        COMMENTS_KEY: str(result.last_message_id),
    }
