"""``FakeWazzup``: a stateful Wazzup24 v3 API on 127.0.0.1 (the REST side)."""

from __future__ import annotations

import threading
import time
import uuid
from typing import TYPE_CHECKING, Self

import msgspec

from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.wazzup24.models import ChannelInfo, SendMessageRequest
from crystalbay_plugins.wazzup24.testing.delivery import SentRecord, WebhookPoster
from crystalbay_plugins.wazzup24.testing.hub_side import HubSide
from crystalbay_plugins.wazzup24.testing.rules import Refusal, validate_send

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

__all__ = ["FakeWazzup", "SentRecord"]


class FakeWazzup(HubSide):
    """Behaves like Wazzup24: key check, channels, sends, limits, webhook registration.

    Args:
        api_key: The only key accepted (``Authorization: Bearer <key>``), else 401.
        rate_limit: Requests per ``rate_window`` seconds and key before 429 (500 per 5 s).
        rate_window: The fixed window; the counter resets every window.
        retry_after: Send this ``Retry-After`` on 429 (Wazzup documents none: default off).
        dedup_window: Seconds a ``crmMessageId`` is remembered (60 s documented).
        echo_api_sends: Post an ``isEcho`` item for API sends (observed in the wild; the
            English docs say otherwise, contract uncertain item 3).
        auto_webhooks: After each send, post echo and statuses from a background thread.
        webhook_retries: Redeliveries of a webhook the hub did not take (undocumented: 0).
        webhook_retry_delay: Seconds between redeliveries.
        crm_key: When set, deliveries carry ``Authorization: Bearer <crm_key>``.
        latency: Seconds the API waits before answering.

    Attributes:
        sent: Accepted messages, in order.
        outage: While True, every API call answers 500.
        webhooks_uri: The registered address, if any.
        subscriptions: The registered switches.
    """

    def __init__(
        self,
        *,
        api_key: str = "0123456789abcdef0123456789abcdef",
        rate_limit: int = 500,
        rate_window: float = 5.0,
        retry_after: float | None = None,
        dedup_window: float = 60.0,
        echo_api_sends: bool = True,
        auto_webhooks: bool = False,
        webhook_retries: int = 0,
        webhook_retry_delay: float = 0.0,
        crm_key: str | None = None,
        latency: float = 0.0,
    ) -> None:
        super().__init__(WebhookPoster(retries=webhook_retries, retry_delay=webhook_retry_delay))
        self.poster.crm_key = crm_key
        self.api_key = api_key
        self.rate_limit, self.rate_window, self.retry_after = rate_limit, rate_window, retry_after
        self.dedup_window = dedup_window
        self.echo_api_sends, self.auto_webhooks = echo_api_sends, auto_webhooks
        self.outage = False
        self.channels: dict[str, ChannelInfo] = {}
        self.sent: list[SentRecord] = []
        self._crm_ids: dict[str, float] = {}
        self._injected: list[Refusal | None] = []
        self._window = (time.monotonic(), 0)
        self._lock = threading.RLock()
        self._server = FakeHTTPServer(self._handle, latency=latency)
        self.add_channel("whatsapp", "77010000001", name="Crystal Bay WhatsApp")

    # --- lifecycle and set-up ---------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL; use it as ``api_url`` (``/v3`` is added by the client)."""
        return self._server.url

    @property
    def requests(self) -> list[FakeRequest]:
        """Every API request received, in order."""
        return self._server.requests

    def __enter__(self) -> Self:
        self._server.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.stop()
        self.poster.close()

    def add_channel(
        self, transport: str, plain_id: str, *, state: str = "active", name: str | None = None
    ) -> str:
        """Add a channel to the account; returns its ``channelId``."""
        channel_id = str(uuid.uuid4())
        self.channels[channel_id] = ChannelInfo(
            channel_id=channel_id, transport=transport, plain_id=plain_id, state=state, name=name
        )
        return channel_id

    @property
    def channel_id(self) -> str:
        """The first channel's id (the default WhatsApp channel)."""
        return next(iter(self.channels))

    def inject_error(
        self,
        code: str,
        *,
        status: int = 400,
        description: str = "",
        data: object = None,
        after: int = 0,
    ) -> None:
        """Make a coming ``POST /v3/message`` fail with ``code`` (e.g. ``BALANCE_IS_EMPTY``).

        Args:
            code: The vendor's error code.
            status: The HTTP status.
            description: The description; the code by default.
            data: The optional ``data`` object.
            after: How many sends succeed before the failing one.
        """
        refusal = Refusal(code, description or code, status=status, data=data)
        self._injected.extend([None] * after + [refusal])

    # --- the API ----------------------------------------------------------------------------

    def _handle(self, request: FakeRequest) -> FakeResponse:
        if self.outage:
            return FakeResponse(status=500)
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            return FakeResponse(status=401)
        if not self._within_rate_limit():
            retry = {"Retry-After": f"{self.retry_after:g}"} if self.retry_after is not None else {}
            return FakeResponse(status=429, headers=retry)  # body undocumented: empty
        route = self._routes().get((request.method, request.path.rstrip("/")))
        if route is None:
            return FakeResponse(status=404)
        try:
            return route(request)
        except Refusal as refusal:
            return refusal.response()

    def _routes(self) -> dict[tuple[str, str], Callable[[FakeRequest], FakeResponse]]:
        return {
            ("GET", "/v3/channels"): self._list_channels,
            ("POST", "/v3/message"): self._send,
            ("GET", "/v3/webhooks"): self._get_webhooks,
            ("PATCH", "/v3/webhooks"): self._set_webhooks,
        }

    def _within_rate_limit(self) -> bool:
        with self._lock:
            started, count = self._window
            now = time.monotonic()
            if now - started >= self.rate_window:
                started += (now - started) // self.rate_window * self.rate_window
                count = 0
            self._window = (started, count + 1)
            return count < self.rate_limit

    def _list_channels(self, _: FakeRequest) -> FakeResponse:
        return FakeResponse(body=msgspec.json.encode(list(self.channels.values())), headers=_JSON)

    def _send(self, request: FakeRequest) -> FakeResponse:
        injected = self._injected.pop(0) if self._injected else None
        if injected is not None:
            raise injected
        send = validate_send(request.body, self.channels)
        record = self._record(send)
        if self.auto_webhooks and self.webhooks_uri:
            threading.Thread(target=self._progress_quietly, args=(record,), daemon=True).start()
        chat_id = send.chat_id or send.username or send.phone
        return FakeResponse.json({"messageId": record.message_id, "chatId": chat_id}, status=201)

    def _record(self, send: SendMessageRequest) -> SentRecord:
        with self._lock:
            now = time.monotonic()
            key = send.crm_message_id
            if key is not None and now - self._crm_ids.get(key, -1e18) < self.dedup_window:
                # Wazzup does not say whether a repeat refreshes the 60 s; it does not here.
                raise Refusal(
                    "REPEATED_CRM_MESSAGE_ID",
                    "Message with this crmMessageId was already sent",
                    data={"crmMessageId": key},
                )
            if key is not None:
                self._crm_ids[key] = now
            closed = send.chat_type == "whatsapp" and send.chat_id in self.closed_windows
            record = SentRecord(
                message_id=str(uuid.uuid4()), request=send, reply_window_closed=closed
            )
            self.sent.append(record)
            return record


_JSON = {"Content-Type": "application/json; charset=utf-8"}
