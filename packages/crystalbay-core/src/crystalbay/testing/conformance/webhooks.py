"""The conformance suite for inbound webhooks: authentic deliveries decode, others are refused."""

# ruff: noqa: S101  # a conformance suite is a test suite: pytest checks with assert

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec
import pytest

from crystalbay.domain.messages import InboundMessage
from crystalbay.errors import AuthenticationError, IntegrationProtocolError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

__all__ = ["MALFORMED_BODIES", "WebhookConformance", "WebhookKit", "WebhookRequest"]

MALFORMED_BODIES: tuple[bytes, ...] = (
    b"",
    b"{",
    b"not a webhook at all",
    b"\xff\xfe\x00\x01 binary garbage",
)
"""Bodies no vendor sends (the sample cut in half is checked separately)."""


class WebhookRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A webhook request as the host's route hands it to the plugin.

    Attributes:
        path: The request path, e.g. ``/webhooks/wazzup24/<secret>``.
        headers: Request headers.
        body: The raw body, exactly as received (signatures cover these bytes).
    """

    path: str = "/"
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """The value of header ``name`` in any letter case."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass(frozen=True, kw_only=True)
class WebhookKit:
    """How to drive one webhook of a plugin; return it from the ``webhook`` fixture.

    Attributes:
        parse: The plugin's verify-then-decode step: returns the decoded items (inbound
            messages, status updates) or raises ``AuthenticationError`` for a request that
            is not authentic and ``protocol_error`` for a body it cannot decode. May be async.
        authentic: Wraps any body into a request the plugin will trust (right secret in the
            path, a valid signature over the body).
        sample: A genuine delivery with at least one item, as the vendor posts it.
        forgeries: Requests that must be refused: a wrong secret, a bad signature, a body
            changed after signing, a stale timestamp.
        malformed: Extra bodies to reject besides :data:`MALFORMED_BODIES`.
        protocol_error: What ``parse`` raises for a body it cannot decode (the plugin's
            ``IntegrationProtocolError`` subclass, or that class itself).
    """

    parse: Callable[[WebhookRequest], Sequence[object] | Awaitable[Sequence[object]]]
    authentic: Callable[[bytes], WebhookRequest]
    sample: bytes
    forgeries: Sequence[WebhookRequest]
    malformed: Sequence[bytes] = ()
    protocol_error: type[IntegrationProtocolError] = IntegrationProtocolError

    async def run(self, request: WebhookRequest) -> list[object]:
        """Parse ``request``, awaiting the result when ``parse`` is async."""
        result = self.parse(request)
        items = await result if inspect.isawaitable(result) else result
        return list(items)


async def _outcome(webhook: WebhookKit, request: WebhookRequest) -> list[object] | Exception:
    try:
        return await webhook.run(request)
    except Exception as exc:  # noqa: BLE001 - the suite reports whatever was raised
        return exc


async def _expect_protocol_error(webhook: WebhookKit, body: bytes) -> None:
    outcome = await _outcome(webhook, webhook.authentic(body))
    assert isinstance(outcome, webhook.protocol_error), f"{body[:40]!r} gave {outcome!r}"
    assert outcome.integration.strip()


class WebhookConformance:
    """Behaviour every inbound webhook must show. Subclass it in a test module.

    Provide the fixture ``webhook`` returning a :class:`WebhookKit`.
    """

    @pytest.mark.asyncio
    async def test_a_genuine_delivery_decodes(self, webhook: WebhookKit) -> None:
        """The sample decodes into items; inbound messages carry channel, id and address."""
        items = await webhook.run(webhook.authentic(webhook.sample))
        assert items, "the sample delivery must carry at least one item"
        for item in items:
            if isinstance(item, InboundMessage):
                assert item.channel.strip()
                assert item.external_id.strip(), "external_id makes a redelivery a no-op"
                assert item.chat_address.strip()

    @pytest.mark.asyncio
    async def test_a_redelivery_decodes_identically(self, webhook: WebhookKit) -> None:
        """Vendors redeliver: the same delivery must decode to the same items (and ids)."""
        request = webhook.authentic(webhook.sample)
        assert await webhook.run(request) == await webhook.run(request)

    @pytest.mark.asyncio
    async def test_forged_deliveries_are_refused(self, webhook: WebhookKit) -> None:
        """Every forgery raises ``AuthenticationError``."""
        assert webhook.forgeries, "give at least one forged request in WebhookKit.forgeries"
        for forged in webhook.forgeries:
            with pytest.raises(AuthenticationError):
                await webhook.run(forged)

    @pytest.mark.asyncio
    async def test_a_delivery_without_credentials_is_refused(self, webhook: WebhookKit) -> None:
        """The sample posted to the bare route with no secret or signature is refused."""
        authentic = webhook.authentic(webhook.sample)
        content_type = authentic.header("content-type")
        bare = WebhookRequest(
            path=authentic.path.rsplit("/", 1)[0] + "/",
            headers={"Content-Type": content_type} if content_type else {},
            body=webhook.sample,
        )
        with pytest.raises(AuthenticationError):
            await webhook.run(bare)

    @pytest.mark.asyncio
    async def test_malformed_bodies_are_protocol_errors(self, webhook: WebhookKit) -> None:
        """Authentic but malformed bodies raise the plugin's protocol error, nothing else."""
        for body in (*MALFORMED_BODIES, *webhook.malformed):
            await _expect_protocol_error(webhook, body)

    @pytest.mark.asyncio
    async def test_a_truncated_delivery_is_a_protocol_error(self, webhook: WebhookKit) -> None:
        """The sample cut in half (a broken upload) is refused, not stored half-read."""
        await _expect_protocol_error(webhook, webhook.sample[: len(webhook.sample) // 2])
