"""Register the hub's webhook address with Wazzup24 (``GET``/``PATCH /v3/webhooks``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crystalbay.errors import ConfigurationError
from crystalbay_plugins.wazzup24.models import WebhooksRequest, WebhookSubscriptions
from crystalbay_plugins.wazzup24.webhooks import webhook_url

if TYPE_CHECKING:
    from crystalbay_plugins.wazzup24.client import WazzupClient
    from crystalbay_plugins.wazzup24.models import WebhooksState

__all__ = ["MAX_URI_LENGTH", "connect"]

MAX_URI_LENGTH = 200
"""Wazzup accepts a ``webhooksUri`` of at most 200 characters (contract 1.4)."""

_SECRET = re.compile(r"^[A-Za-z0-9_-]{16,}$")
_URL_KEY_HELP = (
    "set WAZZUP_WEBHOOK_SECRET to at least 16 URL-safe characters, e.g. the output of "
    "`python -c 'import secrets; print(secrets.token_urlsafe(24))'`"
)
_WANTED = WebhookSubscriptions(messages_and_statuses=True)


async def connect(client: WazzupClient, public_url: str, *, force: bool = False) -> str:
    """Subscribe ``{public_url}/webhooks/wazzup24/{secret}`` to messages and statuses.

    Wazzup test-POSTs ``{"test": true}`` to the address while this runs and refuses it unless
    the answer is 200, so the hub must already be serving at ``public_url``. Nothing is changed
    when Wazzup already has exactly this registration, unless ``force`` is set.

    Args:
        client: A client for the account.
        public_url: The hub's public address (``PUBLIC_URL``), ``http(s)://...``.
        force: Register even when the current registration already matches.

    Returns:
        The registered address.

    Raises:
        ConfigurationError: No usable webhook secret, or the address is invalid or too long.
        IntegrationRejected: Wazzup refused the address (``uriNotValid``, ``testPostNotPassed``).
        IntegrationUnavailable: Wazzup is unreachable.
    """
    uri = _checked_uri(public_url, client.config.webhook_secret)
    if not force and _matches(await client.get_webhooks(), uri):
        return uri
    await client.set_webhooks(WebhooksRequest(webhooks_uri=uri, subscriptions=_WANTED))
    return uri


def _checked_uri(public_url: str, secret: str | None) -> str:
    if not secret or not _SECRET.match(secret):
        raise ConfigurationError(_URL_KEY_HELP, field="WAZZUP_WEBHOOK_SECRET")
    if not public_url.startswith(("http://", "https://")):
        raise ConfigurationError(
            f"PUBLIC_URL must start with http:// or https://, got {public_url!r}",
            field="PUBLIC_URL",
        )
    uri = webhook_url(public_url, secret)
    if len(uri) > MAX_URI_LENGTH:
        raise ConfigurationError(
            f"the webhook address is {len(uri)} characters, Wazzup accepts at most "
            f"{MAX_URI_LENGTH}; shorten PUBLIC_URL or WAZZUP_WEBHOOK_SECRET",
            field="WAZZUP_WEBHOOK_SECRET",
        )
    return uri


def _matches(state: WebhooksState, uri: str) -> bool:
    others = (
        "contactsAndDealsCreation",
        "channelsUpdates",
        "templateStatus",
        "wabaTemplatesStatus",
    )
    return (
        state.webhooks_uri == uri
        and state.subscribed("messagesAndStatuses")
        and not any(state.subscribed(name) for name in others)
    )
