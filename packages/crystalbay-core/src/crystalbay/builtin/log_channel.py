"""A development channel that writes outbound messages to the log instead of sending them."""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay.ports.common import Health

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crystalbay.domain.messages import OutboundMessage
    from crystalbay.hub import Hub
    from crystalbay.ports import Channel

logger = logging.getLogger("crystalbay.channel.log")


class LogChannel:
    """Channel ``log``: each message is logged once per idempotency key."""

    name = "log"

    def __init__(self) -> None:
        self.sent: dict[str, OutboundMessage] = {}

    async def send(self, message: OutboundMessage) -> str:
        """Log ``message`` (once per idempotency key) and return a stable id."""
        if message.idempotency_key not in self.sent:
            self.sent[message.idempotency_key] = message
            logger.info("to %s: %s", message.chat_address, message.text)
        return "log-" + hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:16]

    async def check(self) -> Health:
        """Always healthy: nothing leaves the process."""
        return Health(ok=True, detail="messages are written to the log")


@hookimpl
def register_channels(hub: Hub) -> Iterable[Channel]:
    """Register the ``log`` channel."""
    del hub
    return [LogChannel()]
