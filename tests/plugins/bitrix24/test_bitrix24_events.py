"""Outbound events: parsing, token verification, the fake's deliveries, the loop guard."""

from __future__ import annotations

import threading
from urllib.parse import urlencode

import pytest
from b24_support import TOKEN, make_lead

from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import AuthenticationError, IntegrationProtocolError
from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.config import BitrixConfig
from crystalbay_plugins.bitrix24.events import (
    parse_event,
    read_event,
    verify_application_token,
)
from crystalbay_plugins.bitrix24.stages import remote_change
from crystalbay_plugins.bitrix24.testing import FakeBitrix24, event_body

CONFIG = BitrixConfig(
    webhook_url="https://crystalbay.bitrix24.kz/rest/1/code0000/", application_token=TOKEN
)
# The real captured ONCRMDEALUPDATE (contract 1.13): no event_handler_id.
CAPTURED = urlencode(
    [
        ("event", "ONCRMDEALUPDATE"),
        ("data[FIELDS][ID]", "1000983"),
        ("ts", "1742807175"),
        ("auth[domain]", "crystalbay.bitrix24.kz"),
        ("auth[client_endpoint]", "https://crystalbay.bitrix24.kz/rest/"),
        ("auth[server_endpoint]", "https://oauth.bitrix.info/rest/"),
        ("auth[member_id]", "a223c6b3710f85df22e9377d6c4f7553"),
        ("auth[application_token]", TOKEN),
    ]
).encode()


def test_a_captured_deal_update_is_read() -> None:
    event = read_event(CAPTURED, CONFIG)

    assert event.event == "ONCRMDEALUPDATE"
    assert event.entity_id == 1000983
    assert event.ts == 1742807175
    assert event.handler_id is None
    assert event.auth.domain == "crystalbay.bitrix24.kz"
    assert TOKEN not in repr(event)


def test_the_documented_form_with_a_handler_id_is_read() -> None:
    body = event_body("onCrmDealAdd", 5, application_token=TOKEN, handler_id=707)

    event = parse_event(body)

    assert (event.event, event.entity_id, event.handler_id) == ("ONCRMDEALADD", 5, 707)


@pytest.mark.parametrize("token", ["forged-token", "", TOKEN[:-1], TOKEN + "x"])
def test_a_forged_or_missing_token_is_refused(token: str) -> None:
    body = CAPTURED.replace(TOKEN.encode(), token.encode())

    with pytest.raises(AuthenticationError, match="application_token"):
        read_event(body, CONFIG)


def test_events_are_refused_while_no_token_is_configured() -> None:
    unconfigured = BitrixConfig(webhook_url=CONFIG.webhook_url)

    with pytest.raises(AuthenticationError, match="BITRIX_APPLICATION_TOKEN"):
        read_event(CAPTURED, unconfigured)


def test_token_comparison() -> None:
    assert verify_application_token(TOKEN, TOKEN)
    assert not verify_application_token(None, TOKEN)
    assert not verify_application_token(TOKEN, None)
    assert not verify_application_token("", "")


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe\x00garbage",
        b"event=ONCRMDEALUPDATE&auth[application_token]=" + TOKEN.encode(),
        b"data[FIELDS][ID]=5&auth[application_token]=" + TOKEN.encode(),
        b"event=X&data[FIELDS][ID]=five&auth[application_token]=" + TOKEN.encode(),
        b"event=X&data[FIELDS][ID]=0&auth[application_token]=" + TOKEN.encode(),
        b"event=X&data=1&data[FIELDS][ID]=5&auth[application_token]=" + TOKEN.encode(),
        b"event=&data[FIELDS][ID]=5&auth[application_token]=" + TOKEN.encode(),
    ],
)
def test_a_malformed_body_is_refused(body: bytes) -> None:
    with pytest.raises(IntegrationProtocolError):
        read_event(body, CONFIG)


async def test_the_fake_posts_a_form_encoded_event_that_the_hub_side_accepts(
    fake: FakeBitrix24,
) -> None:
    received: list[FakeRequest] = []

    def hub(request: FakeRequest) -> FakeResponse:
        received.append(request)
        return FakeResponse(status=200)

    with FakeHTTPServer(hub) as server:
        status = await fake.send_event(f"{server.url}/webhooks/bitrix24", 42)
        forged = await fake.send_event(f"{server.url}/webhooks/bitrix24", 42, application_token="x")

    assert (status, forged) == (200, 200)
    assert received[0].headers["content-type"] == "application/x-www-form-urlencoded"
    config = BitrixConfig(webhook_url=fake.webhook_url, application_token=fake.application_token)
    assert read_event(received[0].body, config).entity_id == 42
    with pytest.raises(AuthenticationError):
        read_event(received[1].body, config)


async def test_our_own_stage_change_comes_back_as_an_event_and_is_recognised(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    arrived = threading.Event()
    bodies: list[bytes] = []

    def hub(request: FakeRequest) -> FakeResponse:
        bodies.append(request.body)
        arrived.set()
        return FakeResponse(status=200)

    ref = await ready_crm.upsert_lead(make_lead(), contact_ref=None)
    with FakeHTTPServer(hub) as server:
        fake.subscribe(f"{server.url}/webhooks/bitrix24")
        await ready_crm.move_stage(ref, Stage.TOUR_SELECTION)
        assert arrived.wait(5)

    config = BitrixConfig(webhook_url=fake.webhook_url, application_token=fake.application_token)
    event = read_event(bodies[0], config)
    deal = await ready_crm.get_deal(event.entity_id)
    stage_map = await ready_crm.stage_maps.require()
    lead_now = make_lead(stage=Stage.TOUR_SELECTION, external_ids={"bitrix24": ref})
    assert event.event == "ONCRMDEALUPDATE"
    assert ready_crm.wrote_stage(deal.id, deal.stage_id or "")  # guard 1: we wrote it
    assert remote_change(deal.stage_id or "", lead_now, stage_map) is None  # guard 2: no change


async def test_a_managers_move_in_bitrix_maps_to_a_local_change(
    ready_crm: Bitrix24CRM, fake: FakeBitrix24
) -> None:
    stage_map = await ready_crm.stage_maps.require()
    lead = make_lead(stage=Stage.COMMERCIAL_OFFER)
    ref = await ready_crm.upsert_lead(lead, contact_ref=None)
    fake.portal.deals[int(ref)]["STAGE_ID"] = stage_map.stages[Stage.PAID]  # moved in Bitrix
    deal = await ready_crm.get_deal(ref)

    change = remote_change(deal.stage_id or "", lead, stage_map)
    lost = remote_change(stage_map.lost, lead, stage_map)

    assert not ready_crm.wrote_stage(deal.id, deal.stage_id or "")
    assert change is not None
    assert (change.stage, change.outcome) == (Stage.PAID, None)
    assert lost is not None
    assert (lost.stage, lost.outcome, lost.lost_reason) == (
        None,
        Outcome.LOST,
        "closed as lost in Bitrix24",
    )
    assert remote_change(f"C{stage_map.category_id}:PREPARATION", lead, stage_map) is None
