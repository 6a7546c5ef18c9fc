"""The ``email`` channel: outbound messages as SendGrid mail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain import OutboundMessage, normalize_email
from crystalbay.errors import IntegrationError, IntegrationRejected, InvalidValue
from crystalbay.ports import Health
from crystalbay_plugins.sendgrid.attachments import load_attachments
from crystalbay_plugins.sendgrid.client import SendGridClient
from crystalbay_plugins.sendgrid.config import PLUGIN
from crystalbay_plugins.sendgrid.idempotency import SendOnce
from crystalbay_plugins.sendgrid.mapping import CHANNEL, to_mail_request

if TYPE_CHECKING:
    import httpx

    from crystalbay_plugins.sendgrid.config import SendGridConfig

__all__ = ["EmailChannel"]


class EmailChannel:
    """Channel ``email``: ``chat_address`` is the customer's e-mail address.

    The subject is the text's first meaningful line; the idempotency key travels in
    ``custom_args`` (``crystalbay_idempotency_key``) so Event Webhook events can be matched
    to the outbox row. SendGrid itself has no idempotency on send: see
    :mod:`crystalbay_plugins.sendgrid.idempotency` for the in-process guard and its limits.

    Args:
        config: The plugin's settings.
        http: The hub's shared HTTP client.
    """

    name = CHANNEL

    def __init__(self, config: SendGridConfig, http: httpx.AsyncClient) -> None:
        self._config = config
        self._http = http
        self._client = SendGridClient(config, http)
        self._once = SendOnce()

    async def send(self, message: OutboundMessage) -> str:
        """Send ``message`` once per idempotency key (in this process); return the X-Message-Id.

        Raises:
            IntegrationRejected: Bad address, refused key or sender, invalid or oversized mail.
            IntegrationUnavailable: Rate limit (``retry_after`` set), outage, network.
        """
        return await self._once.run(message.idempotency_key, lambda: self._send(message))

    async def _send(self, message: OutboundMessage) -> str:
        try:
            recipient = normalize_email(message.chat_address, field="chat_address")
        except InvalidValue as exc:
            raise IntegrationRejected(exc.detail, integration=PLUGIN, field="chat_address") from exc
        attachments = await load_attachments(message.attachments, self._http)
        request = to_mail_request(
            message, recipient=recipient, sender=self._config.sender(), attachments=attachments
        )
        return await self._client.send_mail(request)

    async def check(self) -> Health:
        """Validate key, scope and sender with a sandbox-mode request (nothing is sent)."""
        address, _ = self._config.sender()
        probe = OutboundMessage(
            chat_address=address, text="Crystal Bay connection check", idempotency_key="check"
        )
        request = to_mail_request(probe, recipient=address, sender=self._config.sender())
        try:
            await self._client.validate_mail(request)
        except IntegrationError as exc:
            return Health(ok=False, detail=exc.detail)
        return Health(ok=True, detail=f"SendGrid accepts mail from {address}")
