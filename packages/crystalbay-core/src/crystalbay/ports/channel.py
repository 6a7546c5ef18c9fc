"""The channel port: a way to reach customers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from crystalbay.domain.messages import OutboundMessage
    from crystalbay.ports.common import Health

__all__ = ["Channel"]


@runtime_checkable
class Channel(Protocol):
    """Delivers outbound messages for one channel name (``whatsapp``, ``telegram``, ...).

    Inbound traffic arrives through webhooks that the channel's plugin serves; they decode
    into :class:`~crystalbay.domain.InboundMessage` and go through the inbox service.
    """

    name: str

    async def send(self, message: OutboundMessage) -> str:
        """Deliver ``message``; return the vendor's message id.

        Sending the same ``idempotency_key`` twice must deliver once.

        Raises:
            IntegrationUnavailable: Retry later (outage, rate limit).
            IntegrationRejected: Retrying will not help.
        """
        ...

    async def check(self) -> Health:
        """Check credentials and reachability without sending anything."""
        ...
