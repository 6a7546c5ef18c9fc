"""The conformance suite every ``Channel`` adapter must pass."""

# ruff: noqa: S101  # a conformance suite is a test suite: pytest checks with assert

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from typing import ClassVar, TypeAlias

import pytest

from crystalbay.domain.messages import OutboundMessage
from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.ports import Channel, Health
from crystalbay.testing.conformance.faults import Faults, injected

__all__ = ["ChannelConformance", "Sent"]

Sent: TypeAlias = Callable[[], Sequence[object]]
"""The ``sent`` fixture's type: returns what the vendor has delivered so far."""


def _key() -> str:
    """A fresh idempotency key, so that tests sharing one fake vendor do not collide."""
    return f"conformance-{uuid.uuid4().hex}"


class ChannelConformance:
    """Behaviour every ``Channel`` must show. Subclass it in a test module.

    Provide the fixtures ``channel`` (the adapter under test, talking to its fake vendor),
    ``sent`` (a callable returning the deliveries the vendor has accepted so far, in order)
    and ``chat_address`` (an address the fake vendor delivers to). Override ``faults`` to
    test error mapping. Inbound webhooks have their own suite,
    :class:`~crystalbay.testing.conformance.WebhookConformance`.

    Attributes:
        text: The text of every message the suite sends.
    """

    text: ClassVar[str] = "Здравствуйте! Подобрали для вас 3 тура в Анталию, от 1 450 USD."

    @pytest.fixture
    def faults(self) -> Faults:
        """No fault switches: override to test error mapping."""
        return Faults()

    def outbound(self, chat_address: str, key: str) -> OutboundMessage:
        """The message the suite sends; override to add attachments."""
        return OutboundMessage(chat_address=chat_address, text=self.text, idempotency_key=key)

    def test_satisfies_the_port(self, channel: Channel) -> None:
        """The adapter is a runtime ``Channel`` with a name."""
        assert isinstance(channel, Channel)
        assert isinstance(channel.name, str)
        assert channel.name.strip()

    @pytest.mark.asyncio
    async def test_send_delivers_and_returns_an_id(
        self, channel: Channel, sent: Sent, chat_address: str
    ) -> None:
        """A send reaches the vendor and returns the vendor's message id."""
        before = len(sent())
        message_id = await channel.send(self.outbound(chat_address, _key()))
        assert isinstance(message_id, str)
        assert message_id.strip()
        assert len(sent()) > before

    @pytest.mark.asyncio
    async def test_the_same_key_twice_delivers_once(
        self, channel: Channel, sent: Sent, chat_address: str
    ) -> None:
        """A retry with the same idempotency key returns the same id and sends nothing."""
        message = self.outbound(chat_address, _key())
        first = await channel.send(message)
        delivered = len(sent())
        assert await channel.send(message) == first
        assert len(sent()) == delivered

    @pytest.mark.asyncio
    async def test_concurrent_sends_of_one_key_deliver_once(
        self, channel: Channel, sent: Sent, chat_address: str
    ) -> None:
        """Two workers racing on one outbox row still deliver it once."""
        once = self.outbound(chat_address, _key())
        before = len(sent())
        await channel.send(self.outbound(chat_address, _key()))
        single = len(sent()) - before
        before = len(sent())
        await asyncio.gather(channel.send(once), channel.send(once))
        assert len(sent()) - before == single

    @pytest.mark.asyncio
    async def test_different_keys_deliver_separately(
        self, channel: Channel, sent: Sent, chat_address: str
    ) -> None:
        """Two messages with equal text but different keys are two deliveries."""
        before = len(sent())
        first = await channel.send(self.outbound(chat_address, _key()))
        second = await channel.send(self.outbound(chat_address, _key()))
        assert first != second
        assert len(sent()) >= before + 2

    @pytest.mark.asyncio
    async def test_check_reports_healthy(self, channel: Channel) -> None:
        """``check()`` answers with a ``Health`` and a readable detail, sending nothing."""
        health = await channel.check()
        assert isinstance(health, Health)
        assert health.ok, health.detail
        assert health.detail.strip()

    @pytest.mark.asyncio
    async def test_an_outage_is_unavailable_and_the_key_stays_usable(
        self,
        channel: Channel,
        sent: Sent,
        chat_address: str,
        faults: Faults,
    ) -> None:
        """A vendor outage raises ``IntegrationUnavailable``; a retry with the key delivers once."""
        message = self.outbound(chat_address, _key())
        before = len(sent())
        with injected(faults, "unavailable"), pytest.raises(IntegrationUnavailable) as caught:
            await channel.send(message)
        assert caught.value.retryable
        assert caught.value.integration.strip()
        assert len(sent()) == before, "nothing may be delivered during an outage"
        first = await channel.send(message)
        delivered = len(sent())
        assert delivered > before
        assert await channel.send(message) == first
        assert len(sent()) == delivered

    @pytest.mark.asyncio
    async def test_a_refusal_is_rejected(
        self,
        channel: Channel,
        sent: Sent,
        chat_address: str,
        faults: Faults,
    ) -> None:
        """A refused send (credentials, scope) raises ``IntegrationRejected``, not retryable."""
        before = len(sent())
        with injected(faults, "reject"), pytest.raises(IntegrationRejected) as caught:
            await channel.send(self.outbound(chat_address, _key()))
        assert not caught.value.retryable
        assert caught.value.integration.strip()
        assert len(sent()) == before

    @pytest.mark.asyncio
    async def test_an_outage_shows_in_check(self, channel: Channel, faults: Faults) -> None:
        """``check()`` reports an outage as not ok instead of raising."""
        with injected(faults, "unavailable"):
            health = await channel.check()
        assert not health.ok
        assert health.detail.strip()
