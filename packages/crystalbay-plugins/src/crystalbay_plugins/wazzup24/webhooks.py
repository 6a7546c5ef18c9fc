"""Framework-free handling of Wazzup24 webhook deliveries.

Wazzup signs nothing for an API-key integration (contract 1.5), so the registered URL carries a
long random secret: ``{PUBLIC_URL}/webhooks/wazzup24/{WAZZUP_WEBHOOK_SECRET}``. A host route
checks it with :func:`verify_secret`, decodes the body with :func:`parse_webhook` and answers
200 at once (Wazzup waits at most 30 s). Deliveries may repeat: store by ``(channel,
external_id)`` and status updates by ``(external_id, status)``.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

import msgspec

from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.wazzup24.config import PLUGIN_NAME
from crystalbay_plugins.wazzup24.mapping import to_echo, to_edit, to_inbound, to_status
from crystalbay_plugins.wazzup24.models import WebhookBody
from crystalbay_plugins.wazzup24.updates import WazzupWebhook

if TYPE_CHECKING:
    from crystalbay_plugins.wazzup24.config import WazzupConfig

__all__ = ["WEBHOOK_PATH", "parse_webhook", "verify_secret", "webhook_url"]

WEBHOOK_PATH = "/webhooks/wazzup24/{secret}"
"""The hub's route for Wazzup deliveries."""

_OTHER_KINDS = ("create_contact", "create_deal", "channels_updates", "template_status")


def webhook_url(public_url: str, secret: str) -> str:
    """The address registered with Wazzup for the hub at ``public_url``."""
    return public_url.rstrip("/") + WEBHOOK_PATH.format(secret=secret)


def verify_secret(path_secret: str, config: WazzupConfig) -> bool:
    """True when the secret from the URL path is the configured one (constant-time).

    Always False when no ``WAZZUP_WEBHOOK_SECRET`` is configured.
    """
    expected = config.webhook_secret
    if not expected:
        return False
    return hmac.compare_digest(path_secret.encode(), expected.encode())


def parse_webhook(body: bytes) -> WazzupWebhook:
    """Decode one delivery into the hub's terms.

    Raises:
        IntegrationProtocolError: The body is not JSON or does not have the documented shape.
    """
    try:
        decoded = msgspec.json.decode(body, type=WebhookBody)
    except msgspec.DecodeError as exc:
        raise IntegrationProtocolError(
            f"webhook body does not match the documented shape: {exc}", integration=PLUGIN_NAME
        ) from exc
    return _convert(decoded)


def _convert(body: WebhookBody) -> WazzupWebhook:
    items = body.messages or []
    edits = [i for i in items if i.is_edited or i.is_deleted]
    new = [i for i in items if not (i.is_edited or i.is_deleted)]
    statuses = (to_status(s) for s in body.statuses or [])
    return WazzupWebhook(
        test=body.test is True or (isinstance(body.test, str) and body.test.lower() == "true"),
        messages=tuple(to_inbound(i) for i in new if not i.is_echo),
        echoes=tuple(to_echo(i) for i in new if i.is_echo),
        edits=tuple(to_edit(i) for i in edits),
        statuses=tuple(s for s in statuses if s is not None),
        ignored=_ignored_kinds(body),
    )


def _ignored_kinds(body: WebhookBody) -> tuple[str, ...]:
    names = {f.name: f.encode_name for f in msgspec.structs.fields(WebhookBody)}
    return tuple(names[kind] for kind in _OTHER_KINDS if getattr(body, kind) is not None)
