"""The client against the fake portal: envelopes, paging, errors, retries, batch."""

from __future__ import annotations

import json

import httpx
import pytest

from crystalbay.errors import IntegrationProtocolError, IntegrationUnavailable
from crystalbay.testing import FakeHTTPServer, FakeResponse
from crystalbay_plugins.bitrix24.api import BitrixApi
from crystalbay_plugins.bitrix24.batch import Command, run_batch, run_each
from crystalbay_plugins.bitrix24.client import BitrixClient
from crystalbay_plugins.bitrix24.config import BitrixConfig
from crystalbay_plugins.bitrix24.errors import (
    BitrixAuthError,
    BitrixBusy,
    BitrixNotFound,
    BitrixRejected,
)
from crystalbay_plugins.bitrix24.models import ContactFields, MultiField
from crystalbay_plugins.bitrix24.ratelimit import LeakyBucket
from crystalbay_plugins.bitrix24.testing import FakeBitrix24


def _contact(name: str) -> ContactFields:
    return ContactFields(name=name, phone=[MultiField(value="+77010000000", value_type="WORK")])


async def test_results_are_decoded_from_the_envelope(api: BitrixApi, fake: FakeBitrix24) -> None:
    contact_id = await api.add_contact(_contact("Ivan"))

    contact = await api.get_contact(contact_id)

    assert contact.id == contact_id
    assert contact.name == "Ivan"
    assert [p.value for p in contact.phone] == ["+77010000000"]
    assert fake.portal.contacts[contact_id]["ID"] == str(contact_id)  # strings on the wire


async def test_list_methods_follow_next_in_pages_of_50(
    api: BitrixApi, client: BitrixClient, fake: FakeBitrix24
) -> None:
    for i in range(120):
        fake.portal.contacts[i + 1] = {"ID": str(i + 1), "NAME": f"c{i}", "ORIGIN_ID": "x"}
    before = client.calls

    found = await api.find_contacts({"ORIGIN_ID": "x"})

    assert [c.id for c in found] == list(range(1, 121))
    assert client.calls - before == 3
    starts = [json.loads(r.body).get("start") for r in fake.requests[-3:]]
    assert starts == [0, 50, 100]


@pytest.mark.parametrize("damage", ["code", "revoke"])
async def test_a_wrong_or_deleted_webhook_is_rejected_with_advice(
    fake: FakeBitrix24, http: httpx.AsyncClient, damage: str
) -> None:
    url = (
        fake.webhook_url.replace(fake.code, "wrongcode123")
        if damage == "code"
        else fake.webhook_url
    )
    if damage == "revoke":
        fake.revoke_webhook()
    client = BitrixClient(BitrixConfig(webhook_url=url), http)

    with pytest.raises(BitrixAuthError) as caught:
        await client.call("crm.dealcategory.list")

    assert caught.value.code == "NO_AUTH_FOUND"
    assert caught.value.status == 401
    assert "BITRIX_WEBHOOK_URL" in caught.value.detail
    assert not caught.value.retryable


async def test_an_unknown_method_is_rejected(client: BitrixClient) -> None:
    with pytest.raises(BitrixRejected) as caught:
        await client.call("crm.nonsense.get")

    assert caught.value.code == "ERROR_METHOD_NOT_FOUND"
    assert caught.value.status == 404


async def test_a_missing_entity_is_not_found(api: BitrixApi) -> None:
    with pytest.raises(BitrixNotFound, match="Not found"):
        await api.get_deal(999)


@pytest.mark.parametrize(
    ("error", "status"),
    [("QUERY_LIMIT_EXCEEDED", 503), ("QUERY_LIMIT_EXCEEDED", 200), ("OPERATION_TIME_LIMIT", 429)],
)
async def test_busy_refusals_are_waited_out_and_retried(
    api: BitrixApi, client: BitrixClient, fake: FakeBitrix24, error: str, status: int
) -> None:
    fake.fail_next(error, status=status, method="crm.contact.add", times=2)

    contact_id = await api.add_contact(_contact("Ivan"))

    assert list(fake.portal.contacts) == [contact_id]  # created once
    assert client.calls == 3


async def test_busy_refusals_end_in_unavailable_after_the_retries(
    fake: FakeBitrix24, config: BitrixConfig, http: httpx.AsyncClient
) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async def no_wait(seconds: float) -> None:
        del seconds

    limiter = LeakyBucket(50, 2.0, clock=lambda: 0.0, sleep=no_wait)  # time stands still
    client = BitrixClient(config, http, limiter=limiter, retries=3, backoff=0.5, sleep=sleep)
    fake.fail_next("QUERY_LIMIT_EXCEEDED", status=503, times=10)

    with pytest.raises(BitrixBusy) as caught:
        await client.call("crm.dealcategory.list")

    assert isinstance(caught.value, IntegrationUnavailable)
    assert caught.value.retryable
    assert waits == [0.5, 1.0, 2.0]  # growing delay, bounded
    assert client.calls == 4
    assert limiter.level == 50  # the refusal told the client the portal's bucket is full


async def test_a_server_error_is_unavailable_and_not_repeated(
    client: BitrixClient, fake: FakeBitrix24
) -> None:
    fake.outage = True

    with pytest.raises(IntegrationUnavailable, match="try again later"):
        await client.call("crm.contact.add", {"fields": {"NAME": "x"}})

    assert client.calls == 1  # an add may have run: the outbox retries, not the client


async def test_an_answer_that_is_not_an_envelope_is_a_protocol_error(
    http: httpx.AsyncClient,
) -> None:
    with FakeHTTPServer(lambda _: FakeResponse(body=b"<html>maintenance</html>")) as server:
        client = BitrixClient(BitrixConfig(webhook_url=f"{server.url}/rest/1/abc/"), http)
        with pytest.raises(IntegrationProtocolError, match="not a Bitrix24 envelope"):
            await client.call("crm.dealcategory.list")


async def test_an_unreachable_portal_is_unavailable_and_the_code_stays_hidden(
    http: httpx.AsyncClient,
) -> None:
    client = BitrixClient(BitrixConfig(webhook_url="http://127.0.0.1:9/rest/1/s3cr3tc0de99/"), http)

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.call("crm.dealcategory.list")

    assert "s3cr3tc0de99" not in str(caught.value)
    assert "BITRIX_WEBHOOK_URL" in caught.value.detail


async def test_a_batch_returns_results_and_errors_by_key(
    client: BitrixClient, fake: FakeBitrix24
) -> None:
    outcome = await run_batch(
        client,
        {
            "add": Command("crm.contact.add", {"fields": {"NAME": "A & B"}}),
            "get": Command("crm.deal.get", {"id": 404}),
            "list": Command("crm.contact.list", {"select": ["ID", "NAME"]}),
        },
    )

    assert json.loads(bytes(outcome.results["add"])) == 1
    assert fake.portal.contacts[1]["NAME"] == "A & B"
    assert json.loads(bytes(outcome.results["list"])) == [{"ID": "1", "NAME": "A & B"}]
    assert isinstance(outcome.errors["get"], BitrixNotFound)
    assert client.calls == 1


async def test_many_commands_go_in_batches_of_50(client: BitrixClient, fake: FakeBitrix24) -> None:
    commands = [Command("crm.contact.add", {"fields": {"NAME": f"c{i}"}}) for i in range(120)]

    ids = await run_each(client, commands, int)

    assert ids == list(range(1, 121))
    assert client.calls == 3
    assert [fake.portal.contacts[i]["NAME"] for i in (1, 120)] == ["c0", "c119"]
    with pytest.raises(ValueError, match="at most 50"):
        await run_batch(client, {f"k{i}": commands[0] for i in range(51)})


async def test_the_fake_batch_resolves_references_and_halts(fake: FakeBitrix24) -> None:
    cmd = {
        "a": "crm.contact.add?fields[NAME]=First",
        "b": "crm.contact.get?id=$result[a]",
        "c": "crm.deal.get?id=777",
        "d": "crm.contact.add?fields[NAME]=Never",
    }
    async with httpx.AsyncClient() as http:
        answer = await http.post(fake.webhook_url + "batch", json={"halt": 1, "cmd": cmd})

    body = answer.json()["result"]
    assert body["result"]["b"]["NAME"] == "First"
    assert body["result_error"]["c"] == {"error": "", "error_description": "Not found"}
    assert "d" not in body["result"]
    assert body["result_next"] == []  # empty maps are lists
    assert len(fake.portal.contacts) == 1
