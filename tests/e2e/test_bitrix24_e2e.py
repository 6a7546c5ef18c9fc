"""Bitrix24 two-way sync end to end over real HTTP: the served hub, a fake portal, fake Wazzup24.

The portal posts ``ONCRMDEALADD``/``ONCRMDEALUPDATE`` to the served hub after every deal change,
as a real outgoing webhook does, including the changes the hub makes itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from typing import TYPE_CHECKING

import httpx
import pytest

import crystalbay_plugins.bitrix24
import crystalbay_plugins.wazzup24
from crystalbay.domain.pipeline import Stage
from crystalbay.hookspecs import hookimpl
from crystalbay.services.leads import LeadChanges
from crystalbay.storage.repositories import LeadFilter, PluginSettingRepository
from crystalbay.storage.tables import JobRow
from crystalbay_plugins.bitrix24.commands import run_setup
from crystalbay_plugins.bitrix24.events import WEBHOOK_PATH
from crystalbay_plugins.bitrix24.queueing import DEAL_CHANGED, SYNC_LEAD
from crystalbay_plugins.bitrix24.testing import FakeBitrix24
from crystalbay_plugins.bitrix24.triggers import lead_to_sync
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.connect import connect
from crystalbay_plugins.wazzup24.testing import FakeWazzup

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from crystalbay.domain.leads import Lead
    from crystalbay.events import Event
    from crystalbay.hub import Hub
    from crystalbay_plugins.bitrix24.stages import StageMap

    Served = Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]]
    CrmHub = Callable[[], contextlib.AbstractAsyncContextManager[tuple[Hub, str, StageMap]]]

SECRET = "s3cret-webhook-path-0123456789"
# Saved settings (as on the dashboard): a short sync window, and no request limit to wait out.
CRM_SETTINGS = {"sync_window": "0.1", "rate_per_second": "10000", "burst": "10000"}
DEAL_WRITES = ("crm.deal.add", "crm.deal.update")


@pytest.fixture(name="wazzup")
def fx_wazzup() -> Iterator[FakeWazzup]:
    with FakeWazzup() as fake:
        yield fake


@pytest.fixture(name="portal")
def fx_portal(register_plugin: Callable[..., None]) -> Iterator[FakeBitrix24]:
    register_plugin(crystalbay_plugins.wazzup24, name="wazzup24")
    register_plugin(crystalbay_plugins.bitrix24, name="bitrix24")
    with FakeBitrix24(capacity=10_000, rate=10_000.0) as fake:
        yield fake


class SyncReasons:
    """Counts the events that call for a lead sync (each would be a job without coalescing)."""

    def __init__(self) -> None:
        self.count = 0

    @hookimpl
    def on_event(self, event: Event) -> None:
        if lead_to_sync(event) is not None:
            self.count += 1


def _env(portal: FakeBitrix24, wazzup: FakeWazzup) -> dict[str, str]:
    return {
        "WAZZUP_API_KEY": wazzup.api_key,
        "WAZZUP_API_URL": wazzup.url,
        "WAZZUP_WEBHOOK_SECRET": SECRET,
        "WAZZUP_CHANNEL_ID": wazzup.channel_id,
        "BITRIX_WEBHOOK_URL": portal.webhook_url,
        "BITRIX_APPLICATION_TOKEN": portal.application_token,
        "CRYSTALBAY_JOB_BACKOFF_CAP": "0.3",
    }


@pytest.fixture(name="crm_hub")
def fx_crm_hub(
    served_hub: Served,
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
    portal: FakeBitrix24,
    wazzup: FakeWazzup,
) -> CrmHub:
    """``async with crm_hub() as (hub, url, stage_map)``: set up like an admin, then served."""

    @contextlib.asynccontextmanager
    async def factory() -> AsyncIterator[tuple[Hub, str, StageMap]]:
        env = _env(portal, wazzup)
        async with hub_factory(env, mock_http=False, run_jobs=False) as hub:  # the CLI's hub
            stage_map = (await run_setup(hub)).stage_map
            for key, value in CRM_SETTINGS.items():
                await PluginSettingRepository().put("bitrix24", key, value)
        async with served_hub(env) as (hub, url):
            config = hub.plugin_config("wazzup24", WazzupConfig)
            assert config is not None
            await connect(WazzupClient(config, hub.http), url)
            portal.subscribe(url + WEBHOOK_PATH)  # the outgoing webhook, set up in Bitrix24
            yield hub, url, stage_map

    return factory


async def _settle(hub: Hub, portal: FakeBitrix24, within: float = 30.0) -> None:
    """Run jobs until the two sides are quiet: every deal event delivered and handled."""
    deadline = time.monotonic() + within
    while True:
        await hub.jobs.drain(within=within)
        writes = sum(m in DEAL_WRITES for m in portal.methods)
        while len(portal.events_sent) < writes:
            assert time.monotonic() < deadline, "the portal's events did not arrive"
            await asyncio.sleep(0.01)
        await hub.jobs.drain(within=within)
        if sum(m in DEAL_WRITES for m in portal.methods) == writes:
            return


async def _leads(hub: Hub) -> list[Lead]:
    leads, _ = await hub.leads.list(LeadFilter(limit=100))
    return sorted(leads, key=lambda lead: lead.id)


def _deal(portal: FakeBitrix24, lead: Lead) -> dict[str, object]:
    [deal] = [d for d in portal.portal.deals.values() if d["ORIGIN_ID"] == str(lead.id)]
    return deal


def _comments(portal: FakeBitrix24, deal: dict[str, object]) -> list[str]:
    texts = portal.portal.comments
    return [
        str(c["COMMENT"]).splitlines()[-1] for c in texts if c["ENTITY_ID"] == int(str(deal["ID"]))
    ]


def _values(entity: dict[str, object], kind: str) -> list[str]:
    items = entity.get(kind)
    return (
        [str(i["VALUE"]) for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    )


async def _jobs(kind: str) -> list[dict[str, object]]:
    return await JobRow.select(JobRow.status, JobRow.last_error).where(JobRow.kind == kind)


async def test_a_whatsapp_message_becomes_a_deal_with_the_message_as_a_comment(
    crm_hub: CrmHub, portal: FakeBitrix24, wazzup: FakeWazzup
) -> None:
    async with crm_hub() as (hub, _url, stage_map):
        await asyncio.to_thread(
            wazzup.receive, "77011234567", "Добрый день! Хотим в Турцию в июне", name="Айгерим"
        )
        await _settle(hub, portal)
        [lead] = await _leads(hub)

    deal = _deal(portal, lead)
    assert deal["ORIGINATOR_ID"] == "crystalbay"
    assert lead.external_ids["bitrix24"] == deal["ID"]
    assert deal["STAGE_ID"] == stage_map.deal_stage(lead.stage, lead.outcome)
    assert deal["CATEGORY_ID"] == str(stage_map.category_id)
    [contact] = portal.portal.contacts.values()
    assert contact["NAME"] == "Айгерим"
    assert _values(contact, "PHONE") == ["+77011234567"]
    assert deal["CONTACT_IDS"] == [int(str(contact["ID"]))]
    assert _comments(portal, deal) == ["Добрый день! Хотим в Турцию в июне"]
    # The portal told the hub about the deal it created (and any update): handled as echoes.
    assert {(event, status) for _, event, _, status in portal.events_sent} >= {
        ("ONCRMDEALADD", 200)
    }
    assert {status for *_, status in portal.events_sent} == {200}
    assert len(portal.portal.deals) == 1


async def test_a_stage_moved_in_bitrix_moves_the_lead_and_does_not_bounce_back(
    crm_hub: CrmHub, portal: FakeBitrix24, wazzup: FakeWazzup
) -> None:
    async with crm_hub() as (hub, _url, stage_map):
        await asyncio.to_thread(wazzup.receive, "77012223344", "Нужен тур в Египет")
        await _settle(hub, portal)
        [lead] = await _leads(hub)
        deal_id = int(lead.external_ids["bitrix24"])
        syncs = len(await _jobs(SYNC_LEAD))
        updates = portal.methods.count("crm.deal.update")

        # A manager drags the deal to "Consultation" in Bitrix24 (a REST call as the portal UI).
        async with httpx.AsyncClient() as bitrix_user:
            moved = await bitrix_user.post(
                f"{portal.webhook_url}crm.deal.update.json",
                json={"id": deal_id, "fields": {"STAGE_ID": stage_map.stages[Stage.CONSULTATION]}},
            )
        assert moved.status_code == 200
        await _settle(hub, portal)
        after_move = await hub.leads.get(lead.id)
        bounced = portal.methods.count("crm.deal.update") - updates - 1
        syncs_after_move = len(await _jobs(SYNC_LEAD))
        activity = await hub.leads.activity(lead.id)

        # A move made in the hub still goes out.
        await hub.leads.change(lead.id, LeadChanges(stage=Stage.TOUR_SELECTION), actor="anna")
        await _settle(hub, portal)
        final = await hub.leads.get(lead.id)

    assert after_move.stage is Stage.CONSULTATION
    assert bounced == 0  # the hub did not write the deal again after Bitrix moved it
    assert syncs_after_move == syncs
    assert any(a.actor == "bitrix24" and a.action == "stage_changed" for a in activity)
    assert final.stage is Stage.TOUR_SELECTION
    assert portal.portal.deals[deal_id]["STAGE_ID"] == stage_map.stages[Stage.TOUR_SELECTION]
    assert {status for *_, status in portal.events_sent} == {200}


async def test_a_burst_of_lead_changes_arrives_complete_without_duplicates(
    crm_hub: CrmHub,
    portal: FakeBitrix24,
    wazzup: FakeWazzup,
    register_plugin: Callable[..., None],
) -> None:
    reasons = SyncReasons()
    register_plugin(reasons, name="sync-reasons")
    phones = [f"7701300{n:04d}" for n in range(6)]
    async with crm_hub() as (hub, _url, stage_map):
        for phone in phones:
            await asyncio.to_thread(wazzup.receive, phone, f"Привет от {phone}")
        await _settle(hub, portal)
        leads = {lead.contact_id: lead for lead in await _leads(hub)}
        by_phone = {}
        for lead in leads.values():
            contact = await hub.contacts.get(lead.contact_id or 0)
            by_phone[contact.phones[0].lstrip("+")] = lead

        async def burst(phone: str) -> None:
            lead = by_phone[phone]
            await hub.leads.change(
                lead.id, LeadChanges(stage=Stage.CONSULTATION, title=f"Тур {phone}"), actor="anna"
            )
            await asyncio.to_thread(wazzup.receive, phone, "Бюджет 1500 USD")
            await hub.leads.change(lead.id, LeadChanges(tags=("vip",)), actor="anna")
            await asyncio.to_thread(wazzup.receive, phone, "Вылет из Алматы")
            await hub.leads.change(lead.id, LeadChanges(stage=Stage.TOUR_SELECTION), actor="anna")

        await asyncio.gather(*(burst(phone) for phone in phones))
        await _settle(hub, portal)
        final = await _leads(hub)
        syncs = await _jobs(SYNC_LEAD)

    assert len(final) == len(portal.portal.deals) == len(portal.portal.contacts) == 6
    assert sorted(str(d["ORIGIN_ID"]) for d in portal.portal.deals.values()) == sorted(
        str(lead.id) for lead in final
    )
    for lead in final:
        deal = _deal(portal, lead)
        assert deal["STAGE_ID"] == stage_map.stages[Stage.TOUR_SELECTION]
        assert str(deal["TITLE"]).startswith("Тур ")
        comments = _comments(portal, deal)
        assert comments[1:] == ["Бюджет 1500 USD", "Вылет из Алматы"], comments
        assert comments[0].startswith("Привет от")
    posted = Counter((c["ENTITY_ID"], c["COMMENT"]) for c in portal.portal.comments)
    assert set(posted.values()) == {1}
    assert {s["status"] for s in syncs} == {"done"}
    assert len(syncs) < reasons.count  # changes in one window shared a sync


async def test_a_crm_outage_is_survived_and_everything_catches_up(
    crm_hub: CrmHub, portal: FakeBitrix24, wazzup: FakeWazzup
) -> None:
    async with crm_hub() as (hub, _url, stage_map):
        await asyncio.to_thread(wazzup.receive, "77014440000", "Хотим на Мальдивы")
        await _settle(hub, portal)
        [first] = await _leads(hub)

        portal.outage = True
        await hub.leads.change(first.id, LeadChanges(stage=Stage.CONSULTATION), actor="anna")
        await asyncio.to_thread(wazzup.receive, "77014440000", "В ноябре, двое взрослых")
        await asyncio.to_thread(wazzup.receive, "77015550000", "А в Таиланд есть туры?")
        for _ in range(500):  # every sync job has met the outage at least once
            pending = [j for j in await _jobs(SYNC_LEAD) if j["status"] == "pending"]
            if len(pending) >= 2 and all(j["last_error"] for j in pending):
                break
            await asyncio.sleep(0.02)
        assert pending, "no sync job waited for the portal"
        assert "HTTP 500" in str(pending[0]["last_error"])
        assert len(portal.portal.deals) == 1
        assert _deal(portal, first)["STAGE_ID"] == stage_map.stages[Stage.NEW]

        portal.outage = False
        await _settle(hub, portal)
        leads = await _leads(hub)
        syncs = await _jobs(SYNC_LEAD)
        changes = await _jobs(DEAL_CHANGED)

    assert len(leads) == len(portal.portal.deals) == 2
    first_deal, second_deal = (_deal(portal, lead) for lead in leads)
    assert first_deal["STAGE_ID"] == stage_map.stages[Stage.CONSULTATION]
    assert _comments(portal, first_deal) == ["Хотим на Мальдивы", "В ноябре, двое взрослых"]
    assert _comments(portal, second_deal) == ["А в Таиланд есть туры?"]
    assert {s["status"] for s in syncs + changes} == {"done"}  # nothing given up


async def test_a_forged_event_is_refused_and_changes_nothing(
    crm_hub: CrmHub, portal: FakeBitrix24, wazzup: FakeWazzup
) -> None:
    async with crm_hub() as (hub, url, stage_map):
        await asyncio.to_thread(wazzup.receive, "77016660000", "Здравствуйте")
        await _settle(hub, portal)
        [lead] = await _leads(hub)
        deal_id = int(lead.external_ids["bitrix24"])
        # The deal sits on another stage in the portal (changed without an event).
        portal.portal.deals[deal_id]["STAGE_ID"] = stage_map.stages[Stage.CONSULTATION]
        queued = len(await _jobs(DEAL_CHANGED))

        async with httpx.AsyncClient() as attacker:
            forged = await portal.send_event(
                url + WEBHOOK_PATH, deal_id, application_token="guessed-0000", http=attacker
            )
            bare = await attacker.post(  # no auth[...] at all
                url + WEBHOOK_PATH,
                content=f"event=ONCRMDEALUPDATE&data[FIELDS][ID]={deal_id}".encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
        await _settle(hub, portal)
        untouched = await hub.leads.get(lead.id)
        after_forgery = len(await _jobs(DEAL_CHANGED))

        genuine = await portal.send_event(url + WEBHOOK_PATH, deal_id)
        await _settle(hub, portal)
        moved = await hub.leads.get(lead.id)

    assert forged == 401
    assert bare.status_code == 401
    assert untouched.stage is lead.stage
    assert untouched.version == lead.version
    assert after_forgery == queued
    assert genuine == 200
    assert moved.stage is Stage.CONSULTATION
