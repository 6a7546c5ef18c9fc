"""The webhook half of the fake Wazzup24: registration, and deliveries as Wazzup posts them."""

from __future__ import annotations

import re
import threading
import uuid
from typing import TYPE_CHECKING

import msgspec

from crystalbay.testing import FakeRequest, FakeResponse
from crystalbay_plugins.wazzup24.testing.delivery import echo_item, now_iso, status_item
from crystalbay_plugins.wazzup24.testing.rules import Refusal

if TYPE_CHECKING:
    from crystalbay_plugins.wazzup24.models import ChannelInfo
    from crystalbay_plugins.wazzup24.testing.delivery import Delivery, SentRecord, WebhookPoster

__all__ = ["HubSide"]

_STEPS = ("sent", "delivered", "read")
_SWITCHES = ("messagesAndStatuses", "contactsAndDealsCreation", "channelsUpdates", "templateStatus")
_MAX_URI = 200
_ABSOLUTE = re.compile(r"^https?://[^/\s?#]+")


class HubSide:
    """Registration, and ``messages`` / ``statuses`` posted to the registered address.

    The posting methods block until the hub answered (and every redelivery is done). When
    the hub under test runs in the test's own event loop, call them through
    ``asyncio.to_thread``; ``auto_webhooks`` posts from a background thread instead.

    Attributes:
        deliveries: Every delivery made (test probes excluded), with its attempts.
        closed_windows: WhatsApp chats whose 24-hour window is closed.
    """

    sent: list[SentRecord]
    channels: dict[str, ChannelInfo]
    echo_api_sends: bool

    def __init__(self, poster: WebhookPoster) -> None:
        self.poster = poster
        self.webhooks_uri: str | None = None
        self.subscriptions: dict[str, bool] = {}
        self.closed_windows: set[str] = set()
        self.deliveries: list[Delivery] = []
        self._registration_lock = threading.Lock()

    def post_webhook(self, payload: dict[str, object]) -> Delivery:
        """Post any payload to the registered address (redelivering per ``webhook_retries``).

        Raises:
            RuntimeError: Nothing is registered for ``messagesAndStatuses``.
        """
        if not self.webhooks_uri or not self.subscriptions.get("messagesAndStatuses"):
            raise RuntimeError("no webhook registered for messagesAndStatuses; connect first")
        delivery = self.poster.post(self.webhooks_uri, payload)
        self.deliveries.append(delivery)
        return delivery

    def receive(
        self,
        chat_id: str,
        text: str | None = None,
        *,
        chat_type: str = "whatsapp",
        channel_id: str | None = None,
        content_uri: str | None = None,
        kind: str | None = None,
        name: str | None = None,
        phone: str | None = None,
    ) -> str:
        """A customer writes: post an inbound item (it reopens the 24-hour window).

        Returns:
            The new ``messageId``.
        """
        self.closed_windows.discard(chat_id)
        contact: dict[str, object] = {"name": name or chat_id}
        if phone:
            contact["phone"] = phone
        item = self._item(chat_id, text, chat_type, channel_id, content_uri)
        item |= {"type": kind or item["type"], "isEcho": False, "status": "inbound"}
        self.post_webhook({"messages": [item | {"contact": contact}]})
        return str(item["messageId"])

    def echo_from_phone(
        self, chat_id: str, text: str, *, chat_type: str = "whatsapp", author: str = "Manager"
    ) -> str:
        """A manager writes from the phone: post an echo the hub did not send."""
        item = self._item(chat_id, text, chat_type, None, None)
        item |= {"isEcho": True, "status": "sent", "authorName": author}
        self.post_webhook({"messages": [item]})
        return str(item["messageId"])

    def progress(self, message_id: str, *, until: str = "read") -> list[Delivery]:
        """Post the echo (if enabled) and the statuses of a sent message up to ``until``.

        A message sent while the reply window was closed fails with ``24_HOURS_EXCEEDED``.
        """
        record = next(r for r in self.sent if r.message_id == message_id)
        posted = []
        if self.echo_api_sends:
            posted.append(self.post_webhook({"messages": [echo_item(record)]}))
        steps: list[tuple[str, str | None]] = [(s, None) for s in _STEPS[: _STEPS.index(until) + 1]]
        if record.reply_window_closed:
            steps = [("error", "24_HOURS_EXCEEDED")]
        for status, error in steps:
            item = status_item(message_id, status, error)
            posted.append(self.post_webhook({"statuses": [item]}))
        return posted

    def close_reply_window(self, chat_id: str) -> None:
        """The customer last wrote over 24 hours ago: WhatsApp sends to them will fail."""
        self.closed_windows.add(chat_id)

    def _get_webhooks(self, _: FakeRequest) -> FakeResponse:
        # Live accounts answer booleans (the docs show strings); the fake sends booleans.
        return FakeResponse.json(
            {"webhooksUri": self.webhooks_uri, "subscriptions": dict(self.subscriptions)}
        )

    def _set_webhooks(self, request: FakeRequest) -> FakeResponse:
        try:
            body = msgspec.json.decode(request.body, type=dict[str, object])
        except msgspec.DecodeError:
            body = {}
        uri, switches = body.get("webhooksUri"), body.get("subscriptions")
        if not _valid_uri(uri) or not isinstance(switches, dict):
            raise Refusal("uriNotValid", "Provided URI is not valid URI")
        probe = self.poster.post(str(uri), {"test": True}, retries=0)
        if probe.attempts[-1] != 200:  # noqa: PLR2004 - exactly 200 is documented
            raise Refusal(
                "testPostNotPassed",
                "URI does not return 200 OK on test request",
                data=probe.attempts[-1],
            )
        with self._registration_lock:
            self.webhooks_uri = str(uri)
            self.subscriptions = {k: switches.get(k) is True for k in _SWITCHES}
        return FakeResponse.json({"ok": True})

    def _progress_quietly(self, record: SentRecord) -> None:
        try:
            self.progress(record.message_id)
        except RuntimeError:  # the registration went away meanwhile
            return

    def _item(
        self,
        chat_id: str,
        text: str | None,
        chat_type: str,
        channel_id: str | None,
        content_uri: str | None,
    ) -> dict[str, object]:
        item: dict[str, object] = {
            "messageId": str(uuid.uuid4()),
            "dateTime": now_iso(),
            "channelId": channel_id or next(iter(self.channels)),
            "chatType": chat_type,
            "chatId": chat_id,
            "type": "text" if content_uri is None else "image",
        }
        if text is not None:
            item["text"] = text
        if content_uri is not None:
            item["contentUri"] = content_uri
        return item


def _valid_uri(uri: object) -> bool:
    return isinstance(uri, str) and len(uri) <= _MAX_URI and bool(_ABSOLUTE.match(uri))
