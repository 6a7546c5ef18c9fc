"""``POST /webhooks/wazzup24/{secret}``: messages, echoes and statuses from Wazzup24."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Response, post
from litestar.params import FromPath

from crystalbay.errors import IntegrationProtocolError, NotFound
from crystalbay.services.inbox import Echo
from crystalbay_plugins.wazzup24.config import PLUGIN_NAME, WazzupConfig
from crystalbay_plugins.wazzup24.webhooks import parse_webhook, verify_secret
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.errors import problem

__all__ = ["wazzup24_webhook"]

logger = logging.getLogger("crystalbay.webhooks")


@post("/webhooks/wazzup24/{secret:str}", status_code=200, include_in_schema=False)
async def wazzup24_webhook(
    hub: HubDep, request: AnyRequest, secret: FromPath[str]
) -> Response[Any]:
    """Store what Wazzup24 delivers and answer at once; a wrong secret is a 404."""
    config = hub.plugin_config(PLUGIN_NAME, WazzupConfig)
    if config is None or not verify_secret(secret, config):
        raise NotFound("no such webhook")
    try:
        delivery = parse_webhook(await request.body())
    except IntegrationProtocolError as exc:
        return problem(400, exc.detail, slug="malformed-request", integration=PLUGIN_NAME)
    if delivery.test:
        return Response({"ok": True})
    for message in delivery.messages:
        await hub.inbox.receive(message)
    for echo in delivery.echoes:
        await hub.inbox.record_echo(
            Echo(
                channel=echo.channel,
                external_id=echo.external_id,
                chat_address=echo.chat_address,
                text=echo.text,
                author=echo.author_name,
            )
        )
    channels = [name for name, owner in hub.channels.owners.items() if owner == PLUGIN_NAME]
    for status in delivery.statuses:
        await hub.inbox.update_status(channels, status.external_id, status.status, status.error)
    if delivery.edits or delivery.ignored:
        logger.info(
            "wazzup24: %d edits and %s not handled", len(delivery.edits), delivery.ignored or "-"
        )
    return Response({"ok": True})
