"""``POST /webhooks/bitrix24`` in the web app: the token check, the answers, the queued job."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from crystalbay.hub import Hub
from crystalbay.storage.tables import JobRow
from crystalbay_plugins import bitrix24
from crystalbay_plugins.bitrix24.events import WEBHOOK_PATH
from crystalbay_plugins.bitrix24.queueing import DEAL_CHANGED
from crystalbay_plugins.bitrix24.testing import FakeBitrix24, event_body
from crystalbay_web.asgi import create_app

HubFactory = Callable[..., contextlib.AbstractAsyncContextManager[Hub]]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(name="plugin")
def fx_plugin(register_plugin: Callable[..., None]) -> None:
    register_plugin(bitrix24, name="bitrix24")


@contextlib.asynccontextmanager
async def _web(
    hub_factory: HubFactory, env: dict[str, str]
) -> AsyncIterator[tuple[Hub, httpx.AsyncClient]]:
    """A hub that runs no jobs (they stay queued) and a client of its web app."""
    async with hub_factory(env, mock_http=False, run_jobs=False) as hub:
        transport = httpx.ASGITransport(app=create_app(hub))
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
            yield hub, client


async def _queued() -> list[dict[str, object]]:
    return await JobRow.select(JobRow.key, JobRow.payload).where(JobRow.kind == DEAL_CHANGED)


@pytest.mark.usefixtures("plugin")
async def test_a_genuine_deal_event_queues_one_re_read_and_is_answered_at_once(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    env = {"BITRIX_WEBHOOK_URL": fake.webhook_url, "BITRIX_APPLICATION_TOKEN": "t0ken-0123456789"}
    async with _web(hub_factory, env) as (_hub, client):
        body = event_body("ONCRMDEALUPDATE", 42, application_token="t0ken-0123456789")
        first = await client.post(WEBHOOK_PATH, content=body, headers=FORM)
        again = await client.post(WEBHOOK_PATH, content=body, headers=FORM)
        added = await client.post(
            WEBHOOK_PATH,
            content=event_body("ONCRMDEALADD", 43, application_token="t0ken-0123456789"),
            headers=FORM,
        )
        lead = await client.post(
            WEBHOOK_PATH,
            content=event_body("ONCRMLEADADD", 44, application_token="t0ken-0123456789"),
            headers=FORM,
        )
        queued = await _queued()

    assert [r.status_code for r in (first, again, added, lead)] == [200, 200, 200, 200]
    assert first.json() == {"ok": True}
    # Deal events only; two of one deal in one window share a job (test_bitrix24_jobs).
    assert {str(row["payload"]) for row in queued} == {'{"deal_id":42}', '{"deal_id":43}'}
    assert fake.requests == []  # the answer did not wait for the portal


@pytest.mark.usefixtures("plugin")
async def test_forged_missing_and_malformed_events_queue_nothing(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    env = {"BITRIX_WEBHOOK_URL": fake.webhook_url, "BITRIX_APPLICATION_TOKEN": "t0ken-0123456789"}
    async with _web(hub_factory, env) as (_hub, client):
        forged = await client.post(
            WEBHOOK_PATH,
            content=event_body("ONCRMDEALUPDATE", 42, application_token="guessed-token-0000"),
            headers=FORM,
        )
        missing = await client.post(
            WEBHOOK_PATH, content=b"event=ONCRMDEALUPDATE&data[FIELDS][ID]=42", headers=FORM
        )
        malformed = await client.post(
            WEBHOOK_PATH,
            content=b"event=ONCRMDEALUPDATE&auth[application_token]=t0ken-0123456789",
            headers=FORM,
        )
        queued = await _queued()

    assert (forged.status_code, missing.status_code, malformed.status_code) == (401, 401, 400)
    assert forged.headers["content-type"].startswith("application/problem+json")
    assert "application_token is wrong or missing" in forged.json()["detail"]
    assert "guessed-token" not in forged.text
    assert "data[FIELDS][ID]" in malformed.json()["detail"]
    assert queued == []


@pytest.mark.usefixtures("plugin")
async def test_without_a_token_setting_events_are_refused_with_advice(
    hub_factory: HubFactory, fake: FakeBitrix24
) -> None:
    async with _web(hub_factory, {"BITRIX_WEBHOOK_URL": fake.webhook_url}) as (_hub, client):
        answer = await client.post(
            WEBHOOK_PATH, content=event_body("ONCRMDEALUPDATE", 42, application_token="x"),
            headers=FORM,
        )  # fmt: skip
        queued = await _queued()

    assert answer.status_code == 401
    assert "BITRIX_APPLICATION_TOKEN" in answer.json()["detail"]
    assert queued == []


@pytest.mark.usefixtures("plugin")
async def test_the_route_is_absent_while_bitrix24_is_not_configured(
    hub_factory: HubFactory,
) -> None:
    async with hub_factory(run_jobs=False) as hub:
        transport = httpx.ASGITransport(app=create_app(hub))
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
            answer = await client.post(
                WEBHOOK_PATH,
                content=event_body("ONCRMDEALUPDATE", 42, application_token="x"),
                headers=FORM,
            )

    assert answer.status_code == 404
