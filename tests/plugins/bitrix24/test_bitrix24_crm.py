"""The CRM port against the fake portal: contacts, deals, stages, comments, health."""

from __future__ import annotations

import asyncio
from datetime import date

import httpx
import pytest
from b24_support import make_contact, make_lead, values

from crystalbay.domain.leads import TripBrief
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import IntegrationRejected
from crystalbay.ports import CRM
from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.api import BitrixApi
from crystalbay_plugins.bitrix24.client import BitrixClient
from crystalbay_plugins.bitrix24.config import BitrixConfig
from crystalbay_plugins.bitrix24.testing import FakeBitrix24


def _phones(fake: FakeBitrix24, contact_id: int) -> list[str]:
    return values(fake.portal.contacts[contact_id], "PHONE")


def _emails(fake: FakeBitrix24, contact_id: int) -> list[str]:
    return values(fake.portal.contacts[contact_id], "EMAIL")


def test_the_adapter_implements_the_port(crm: Bitrix24CRM) -> None:
    assert isinstance(crm, CRM)
    assert crm.name == "bitrix24"


async def test_a_contact_is_created_once_and_found_again(
    crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    contact = make_contact()

    first = await crm.upsert_contact(contact)
    second = await crm.upsert_contact(contact)

    assert first == second
    assert len(fake.portal.contacts) == 1
    stored = fake.portal.contacts[int(first)]
    assert stored["NAME"] == "Ivan Petrov"
    assert (stored["ORIGINATOR_ID"], stored["ORIGIN_ID"]) == ("crystalbay", "1")
    assert _phones(fake, int(first)) == ["+77011234567"]


async def test_a_contact_typed_in_bitrix_is_found_by_phone_and_completed(
    crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    fake.portal.contacts[7] = {
        "ID": "7",
        "NAME": "Иван (from the call)",
        "PHONE": [{"ID": "70", "VALUE": "+7 (701) 123-45-67", "VALUE_TYPE": "WORK"}],
    }

    ref = await crm.upsert_contact(make_contact(emails=("ivan@example.org", "i@work.kz")))

    assert ref == "7"
    assert len(fake.portal.contacts) == 1
    assert fake.portal.contacts[7]["NAME"] == "Иван (from the call)"  # a manager's name is kept
    assert _phones(fake, 7) == ["+7 (701) 123-45-67"]  # not duplicated
    assert _emails(fake, 7) == ["ivan@example.org", "i@work.kz"]


async def test_a_contact_is_found_by_email_when_the_phone_is_new(
    crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    fake.portal.contacts[3] = {
        "ID": "3",
        "NAME": "",
        "EMAIL": [{"ID": "30", "VALUE": "IVAN@example.org", "VALUE_TYPE": "HOME"}],
    }

    ref = await crm.upsert_contact(make_contact())

    assert ref == "3"
    assert fake.portal.contacts[3]["NAME"] == "Ivan Petrov"  # an empty name is filled
    assert _phones(fake, 3) == ["+77011234567"]


async def test_a_messenger_only_contact_is_found_by_the_hub_id(
    crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    contact = make_contact(42, name="tg user", phones=(), emails=())

    first = await crm.upsert_contact(contact)
    second = await crm.upsert_contact(contact)

    assert first == second
    assert len(fake.portal.contacts) == 1


async def test_concurrent_upserts_of_one_person_create_one_contact(
    crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    refs = await asyncio.gather(*(crm.upsert_contact(make_contact()) for _ in range(8)))

    assert len(set(refs)) == 1
    assert len(fake.portal.contacts) == 1


async def test_a_lead_becomes_a_deal_with_its_fields(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    brief = TripBrief(country="Turkey", resort="Antalya", date_from=date(2025, 5, 10), adults=2)
    lead = make_lead(stage=Stage.CONSULTATION, assignee="anna", brief=brief, source="email")
    contact_ref = await ready_crm.upsert_contact(make_contact())

    ref = await ready_crm.upsert_lead(lead, contact_ref=contact_ref)

    stage_map = await ready_crm.stage_maps.require()
    deal = fake.portal.deals[int(ref)]
    assert deal["TITLE"] == "Turkey in May"
    assert deal["CATEGORY_ID"] == str(stage_map.category_id)
    assert deal["STAGE_ID"] == stage_map.stages[Stage.CONSULTATION]
    assert deal["ASSIGNED_BY_ID"] == "5"  # anna -> 5 from BITRIX_USER_MAP
    assert deal["CONTACT_IDS"] == [int(contact_ref)]
    assert (deal["BEGINDATE"], deal["CLOSEDATE"]) == ("2025-03-01", "2025-05-10")
    assert (deal["SOURCE_ID"], deal["ORIGIN_ID"]) == ("EMAIL", "10")
    assert "Turkey, Antalya" in str(deal["COMMENTS"])
    assert deal["OPPORTUNITY"] == "0.00"  # the budget is the customer's, not the deal's


async def test_upserting_again_updates_the_same_deal(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    ref = await ready_crm.upsert_lead(make_lead(), contact_ref=None)
    lead = make_lead(title="Turkey, 2 adults", external_ids={"bitrix24": ref})

    again = await ready_crm.upsert_lead(lead, contact_ref=None)
    lost_id = await ready_crm.upsert_lead(make_lead(title="Turkey!"), contact_ref=None)

    assert again == lost_id == ref  # without the stored id the deal is found by ORIGIN_ID
    assert list(fake.portal.deals) == [int(ref)]
    assert fake.portal.deals[int(ref)]["TITLE"] == "Turkey!"


async def test_a_deal_deleted_in_bitrix_is_created_again(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    ref = await ready_crm.upsert_lead(make_lead(), contact_ref=None)
    del fake.portal.deals[int(ref)]

    new = await ready_crm.upsert_lead(make_lead(external_ids={"bitrix24": ref}), contact_ref=None)

    assert new != ref
    assert list(fake.portal.deals) == [int(new)]


async def test_amount_currency_and_outcomes_reach_the_deal(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    stage_map = await ready_crm.stage_maps.require()
    won = make_lead(stage=Stage.PAID, outcome=Outcome.WON)
    lost = make_lead(11, outcome=Outcome.LOST, lost_reason="too expensive")

    won_ref = await ready_crm.upsert_deal(won, contact_ref=None, amount=(1850.5, "usd"))
    lost_ref = await ready_crm.upsert_lead(lost, contact_ref=None)

    deal = fake.portal.deals[int(won_ref)]
    assert (deal["OPPORTUNITY"], deal["CURRENCY_ID"]) == ("1850.50", "USD")
    assert (deal["STAGE_ID"], deal["CLOSED"]) == (stage_map.won, "Y")
    assert fake.portal.deals[int(lost_ref)]["STAGE_ID"] == stage_map.lost


async def test_moving_a_stage_updates_the_deal_and_remembers_the_write(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    stage_map = await ready_crm.stage_maps.require()
    ref = await ready_crm.upsert_lead(make_lead(), contact_ref=None)

    await ready_crm.move_stage(ref, Stage.TOUR_SELECTION)

    assert fake.portal.deals[int(ref)]["STAGE_ID"] == stage_map.stages[Stage.TOUR_SELECTION]
    assert ready_crm.wrote_stage(int(ref), stage_map.stages[Stage.TOUR_SELECTION])
    assert not ready_crm.wrote_stage(int(ref), stage_map.stages[Stage.NEW])


async def test_comments_land_on_the_deal_timeline_in_order(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    ref = await ready_crm.upsert_lead(make_lead(), contact_ref=None)

    await ready_crm.add_comment(ref, "Customer asked for Antalya")
    await ready_crm.add_comment(ref, "   ")  # Bitrix refuses empty comments: skipped
    await ready_crm.add_comments(ref, [f"message {i}" for i in range(60)])

    texts = [c["COMMENT"] for c in fake.portal.comments if c["ENTITY_ID"] == int(ref)]
    assert texts == ["Customer asked for Antalya"] + [f"message {i}" for i in range(60)]
    assert {c["ENTITY_TYPE"] for c in fake.portal.comments} == {"deal"}


async def test_deals_need_the_pipeline_to_be_set_up(crm: Bitrix24CRM, fake: FakeBitrix24) -> None:
    with pytest.raises(IntegrationRejected, match="crystalbay bitrix setup"):
        await crm.upsert_lead(make_lead(), contact_ref=None)
    assert not fake.portal.deals


async def test_check_is_healthy_after_setup(ready_crm: Bitrix24CRM) -> None:
    health = await ready_crm.check()

    assert health.ok
    assert "all stages" in health.detail


async def test_check_reports_a_missing_setup(crm: Bitrix24CRM) -> None:
    health = await crm.check()

    assert not health.ok
    assert "not set up" in health.detail
    assert "crystalbay bitrix setup" in health.detail


async def test_check_reports_missing_stages(ready_crm: Bitrix24CRM, fake: FakeBitrix24) -> None:
    stage_map = await ready_crm.stage_maps.require()
    paid = stage_map.stages[Stage.PAID]
    fake.portal.statuses = [s for s in fake.portal.statuses if s["STATUS_ID"] != paid]

    health = await ready_crm.check()

    assert not health.ok
    assert paid in health.detail
    assert "bitrix setup" in health.detail


async def test_a_wrong_webhook_makes_check_unhealthy_with_the_reason(
    fake: FakeBitrix24, http: httpx.AsyncClient, ready_crm: Bitrix24CRM
) -> None:
    wrong = BitrixConfig(webhook_url=fake.webhook_url.replace(fake.code, "expired00code"))
    crm = Bitrix24CRM(BitrixApi(BitrixClient(wrong, http)), stage_maps=ready_crm.stage_maps)

    health = await crm.check()

    assert not health.ok
    assert "webhook URL was refused" in health.detail
    assert "BITRIX_WEBHOOK_URL" in health.detail
    assert "expired00code" not in health.detail
