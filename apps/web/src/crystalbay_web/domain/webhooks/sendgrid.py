"""SendGrid: ``/webhooks/sendgrid/inbound/{secret}`` (Inbound Parse) and ``/events`` (signed)."""

from __future__ import annotations

import re
from typing import Any

from litestar import Response, post
from litestar.params import FromPath

from crystalbay.errors import IntegrationProtocolError, NotFound
from crystalbay_plugins.sendgrid.config import DEFAULT_MAX_INBOUND_BYTES, PLUGIN, SendGridConfig
from crystalbay_plugins.sendgrid.events import parse_events, verify_event_request
from crystalbay_plugins.sendgrid.inbound import (
    InboundPayloadTooLarge,
    parse_inbound,
    verify_inbound_secret,
)
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.errors import problem

__all__ = ["sendgrid_events", "sendgrid_inbound"]

_OUR_KEY = re.compile(r"^cb-(\d+)$")


def _config(hub: HubDep) -> SendGridConfig:
    config = hub.plugin_config(PLUGIN, SendGridConfig)
    if config is None:
        raise NotFound("no such webhook")
    return config


@post(
    "/webhooks/sendgrid/inbound/{secret:str}",
    status_code=200,
    include_in_schema=False,
    # SendGrid posts up to 30 MB; the `inbound_max_bytes` setting narrows it in the parser.
    request_max_body_size=DEFAULT_MAX_INBOUND_BYTES,
)
async def sendgrid_inbound(
    hub: HubDep, request: AnyRequest, secret: FromPath[str]
) -> Response[Any]:
    """Store an e-mail from Inbound Parse; a wrong secret is a 404 and stores nothing."""
    config = _config(hub)
    if not verify_inbound_secret(secret, config):
        raise NotFound("no such webhook")
    body = await request.body()
    try:
        message = parse_inbound(
            request.headers.get("content-type", ""), body, max_bytes=config.inbound_max_bytes
        )
    except InboundPayloadTooLarge as exc:
        return problem(413, exc.detail, integration=PLUGIN)
    except IntegrationProtocolError as exc:
        return problem(400, exc.detail, slug="malformed-request", integration=PLUGIN)
    receipt = await hub.inbox.receive(message)
    return Response({"ok": True, "duplicate": receipt.duplicate})


@post("/webhooks/sendgrid/events", status_code=200, include_in_schema=False)
async def sendgrid_events(hub: HubDep, request: AnyRequest) -> Response[Any]:
    """Apply delivery events; an unsigned, forged or stale batch is a 403 and changes nothing."""
    config = _config(hub)
    body = await request.body()
    if not verify_event_request(config, request.headers, body):
        return problem(
            403,
            "the Event Webhook signature is missing, wrong or stale; check "
            "SENDGRID_EVENTS_PUBLIC_KEY and the clock",
            integration=PLUGIN,
        )
    try:
        updates = parse_events(body)
    except IntegrationProtocolError as exc:
        return problem(400, exc.detail, slug="malformed-request", integration=PLUGIN)
    applied = 0
    for update in updates:
        if update.status is None:
            continue
        ours = _OUR_KEY.match(update.idempotency_key or "")
        if ours:
            applied += await hub.inbox.update_status_of(
                int(ours.group(1)), update.status, update.detail
            )
        elif update.message_id:
            applied += await hub.inbox.update_status(
                "email", update.message_id, update.status, update.detail
            )
    return Response({"ok": True, "applied": applied})
