"""How the fake Wazzup24 posts webhooks to the hub, and the payloads it posts."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import httpx
import msgspec

from crystalbay_plugins.wazzup24.models import SendMessageRequest

__all__ = ["Delivery", "SentRecord", "WebhookPoster", "echo_item", "now_iso", "status_item"]


class SentRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A message the fake accepted (a repeated ``crmMessageId`` is not recorded again).

    Attributes:
        message_id: The ``messageId`` answered.
        request: The request as sent.
        reply_window_closed: WhatsApp's 24-hour window was closed: it will fail with
            ``24_HOURS_EXCEEDED`` in a status webhook (the only place the contract shows it).
    """

    message_id: str
    request: SendMessageRequest
    reply_window_closed: bool = False


class Delivery(msgspec.Struct, frozen=True, kw_only=True):
    """One webhook delivery and its attempts.

    Attributes:
        uri: Where it went.
        payload: The JSON body.
        attempts: Status of each attempt; ``None`` when the hub could not be reached.
    """

    uri: str
    payload: dict[str, object]
    attempts: tuple[int | None, ...]

    @property
    def delivered(self) -> bool:
        """True when the last attempt got a 2xx answer."""
        last = self.attempts[-1] if self.attempts else None
        return last is not None and 200 <= last < 300  # noqa: PLR2004


class WebhookPoster:
    """Posts JSON like Wazzup: no signature, ``Authorization`` only with a crmKey, 30-s timeout.

    Wazzup v3 documents no redelivery (contract, uncertain item 1), so ``retries`` defaults to
    0; raise it to exercise the hub's idempotency. An answer outside 2xx (or no answer) is
    retried at most ``retries`` times, ``retry_delay`` seconds apart.
    """

    def __init__(
        self,
        *,
        retries: int = 0,
        retry_delay: float = 0.0,
        timeout: float = 30.0,
        crm_key: str | None = None,
    ) -> None:
        self.retries = retries
        self.retry_delay = retry_delay
        self.crm_key = crm_key
        self._http = httpx.Client(timeout=timeout)

    def close(self) -> None:
        """Release the connections."""
        self._http.close()

    def post(self, uri: str, payload: dict[str, object], *, retries: int | None = None) -> Delivery:
        """Deliver ``payload`` to ``uri``, retrying a failure up to ``retries`` times."""
        # The content type is documented verbatim, dash included (contract 1.5). A fresh
        # connection per delivery, like a remote sender's, never reuses a stale one.
        headers = {"Content-Type": "application/json; charset-utf-8", "Connection": "close"}
        if self.crm_key:
            headers["Authorization"] = f"Bearer {self.crm_key}"
        body = json.dumps(payload, ensure_ascii=False).encode()
        attempts: list[int | None] = []
        for attempt in range(1 + (self.retries if retries is None else retries)):
            if attempt:
                time.sleep(self.retry_delay)
            attempts.append(_attempt(self._http, uri, body, headers))
            if attempts[-1] is not None and 200 <= attempts[-1] < 300:  # noqa: PLR2004
                break
        return Delivery(uri=uri, payload=payload, attempts=tuple(attempts))


def _attempt(http: httpx.Client, uri: str, body: bytes, headers: dict[str, str]) -> int | None:
    try:
        return http.post(uri, content=body, headers=headers).status_code
    except httpx.HTTPError:
        return None


def now_iso() -> str:
    """Wazzup's timestamp form, e.g. ``2025-05-06T14:18:00.001Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def status_item(message_id: str, status: str, error: str | None = None) -> dict[str, object]:
    """One ``statuses`` item; ``error`` is the code when ``status`` is ``error``."""
    item: dict[str, object] = {"messageId": message_id, "timestamp": now_iso(), "status": status}
    if error is not None:
        item["error"] = {"error": error, "description": _DESCRIPTIONS.get(error, error)}
    return item


def echo_item(record: SentRecord, *, status: str = "sent") -> dict[str, object]:
    """The ``isEcho: true`` ``messages`` item Wazzup posts for an outgoing message."""
    sent = record.request
    item: dict[str, object] = {
        "messageId": record.message_id,
        "dateTime": now_iso(),
        "channelId": sent.channel_id,
        "chatType": sent.chat_type,
        "chatId": sent.chat_id or sent.username or sent.phone,
        "type": "text" if sent.text is not None else "document",
        "isEcho": True,
        "status": status,
    }
    if sent.text is not None:
        item["text"] = sent.text
    if sent.content_uri is not None:
        item["contentUri"] = sent.content_uri
    if sent.crm_user_id is not None:
        item["authorId"] = sent.crm_user_id
    return item


_DESCRIPTIONS = {
    "24_HOURS_EXCEEDED": "24 hours have passed since the client's last message",
}
