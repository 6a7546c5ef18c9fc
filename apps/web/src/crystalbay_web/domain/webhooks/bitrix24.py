"""``POST /webhooks/bitrix24``: outbound events of a Bitrix24 portal (deal added or changed)."""

from __future__ import annotations

from typing import Any

from litestar import Response, post

from crystalbay.errors import AuthenticationError, IntegrationProtocolError, NotFound
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME, BitrixConfig
from crystalbay_plugins.bitrix24.events import WEBHOOK_PATH, read_event
from crystalbay_plugins.bitrix24.queueing import enqueue_deal_change
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.errors import problem

__all__ = ["DEAL_EVENTS", "bitrix24_webhook"]

DEAL_EVENTS = frozenset({"ONCRMDEALADD", "ONCRMDEALUPDATE"})
"""Events that queue a re-read of the deal; others are acknowledged and ignored."""


@post(WEBHOOK_PATH, status_code=200, include_in_schema=False)
async def bitrix24_webhook(hub: HubDep, request: AnyRequest) -> Response[Any]:
    """Check the application token, queue a re-read of the deal and answer at once.

    Bitrix24 does not resend events, so the answer never waits for the portal or the database
    work behind the event. A wrong or missing token is a 401 and queues nothing.
    """
    config = hub.plugin_config(PLUGIN_NAME, BitrixConfig)
    if config is None:
        raise NotFound("no such webhook")
    try:
        event = read_event(await request.body(), config)
    except AuthenticationError as exc:
        return problem(401, exc.detail, integration=PLUGIN_NAME)
    except IntegrationProtocolError as exc:
        return problem(400, exc.detail, slug="malformed-request", integration=PLUGIN_NAME)
    if event.event in DEAL_EVENTS:
        await enqueue_deal_change(hub, event.entity_id)
    return Response({"ok": True})
