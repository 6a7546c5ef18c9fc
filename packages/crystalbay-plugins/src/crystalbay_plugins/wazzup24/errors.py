"""Wazzup24 errors, and the one place that turns a failed HTTP answer into the hub's error tree.

```
IntegrationRejected
└── WazzupRejected            a 4xx with a Wazzup error code (``code``, ``status``)
    ├── ReplyWindowClosed     WhatsApp's 24-hour reply window is closed (``24_HOURS_EXCEEDED``)
    └── RepeatedCrmMessageId  the same crmMessageId was used in the last 60 s: nothing was sent
IntegrationUnavailable        5xx, 429, timeouts and a few codes where waiting may help
```
"""

from __future__ import annotations

import msgspec

from crystalbay.errors import IntegrationError, IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.wazzup24.config import PLUGIN_NAME
from crystalbay_plugins.wazzup24.models import ErrorBody

__all__ = [
    "REPLY_WINDOW_HELP",
    "RepeatedCrmMessageId",
    "ReplyWindowClosed",
    "WazzupRejected",
    "error_for_response",
    "normalize_code",
]

REPLY_WINDOW_HELP = (
    "WhatsApp lets a business send free-form messages only within 24 hours of the customer's "
    "last message; send an approved WhatsApp template or wait until the customer writes again"
)

_HINTS = {
    "BALANCEISEMPTY": "the Wazzup balance is empty; top it up in the Wazzup account",
    "CHANNELNOMONEY": "the channel is not paid for; top up the Wazzup balance",
    "CHANNELNOTFOUND": "no such channel in this account; check WAZZUP_CHANNEL_ID and the address",
    "CHANNELBLOCKED": "the channel is blocked; see Wazzup → Channels",
    "WRONGTRANSPORT": "the chat type does not match the channel's messenger",
    "INVALIDMESSAGEDATA": "the message is malformed (see the fields in the description)",
    "MESSAGEONLYTEXTORCONTENT": "a message carries either text or a file, not both",
    "MESSAGENOTHINGTOSEND": "the message has neither text nor a file",
    "URINOTVALID": "the webhook URL is not valid; check PUBLIC_URL",
    "TESTPOSTNOTPASSED": (
        "Wazzup's test POST to the webhook URL was not answered with 200; make sure PUBLIC_URL "
        "is reachable from the internet and the hub is running"
    ),
}

# Inferred, not documented: codes where the same request may succeed later.
_RETRYABLE = frozenset(
    {"MESSAGECHANNELUNAVAILABLE", "UNKNOWNERROR", "UNKNOWNERRORWITHTRACEID", "TOOMANYEXTREQS"}
)


class WazzupRejected(IntegrationRejected):
    """Wazzup refused the request with an error code.

    Attributes:
        code: The vendor's code as sent (e.g. ``CHANNEL_NOT_FOUND``).
        status: The HTTP status.
    """

    def __init__(self, detail: str, *, code: str | None, status: int) -> None:
        super().__init__(detail, integration=PLUGIN_NAME)
        self.code = code
        self.status = status


class ReplyWindowClosed(WazzupRejected):
    """WhatsApp's 24-hour customer-service window is closed for this chat."""


class RepeatedCrmMessageId(WazzupRejected):
    """The ``crmMessageId`` was used in the last 60 s; Wazzup sent nothing this time."""


def normalize_code(code: str | None) -> str:
    """Compare codes case- and underscore-insensitively (the docs spell some both ways)."""
    return (code or "").replace("_", "").upper()


def error_for_response(
    status: int, body: bytes, *, retry_after: float | None = None
) -> IntegrationError:
    """The error to raise for a non-2xx answer.

    Args:
        status: HTTP status of the answer.
        body: Raw body; may be empty or not JSON.
        retry_after: Seconds to wait, for a 429.
    """
    if status == 401:  # noqa: PLR2004
        return WazzupRejected(
            "the API key was refused (HTTP 401); copy the key from Wazzup → Integration with "
            "CRM → API into WAZZUP_API_KEY",
            code=None,
            status=status,
        )
    if status == 403:  # noqa: PLR2004
        return WazzupRejected(
            "this key may not use this route (HTTP 403); a 'sidecar' key only sends messages and "
            "manages webhooks: use the account's own API key",
            code=None,
            status=status,
        )
    if status == 429:  # noqa: PLR2004
        return IntegrationUnavailable(
            "rate limit of 500 requests per 5 seconds exceeded; try again shortly",
            integration=PLUGIN_NAME,
            retry_after=retry_after,
        )
    if status >= 500:  # noqa: PLR2004
        return IntegrationUnavailable(
            f"Wazzup answered HTTP {status}; it is probably down, try again later",
            integration=PLUGIN_NAME,
        )
    return _error_for_code(status, _decode(body))


def _decode(body: bytes) -> ErrorBody:
    try:
        return msgspec.json.decode(body, type=ErrorBody)
    except msgspec.DecodeError:
        return ErrorBody()


def _error_for_code(status: int, parsed: ErrorBody) -> IntegrationError:
    code = parsed.code
    key = normalize_code(code)
    said = f" ({code}: {parsed.description or 'no description'})" if code else ""
    if key == "REPEATEDCRMMESSAGEID":
        return RepeatedCrmMessageId(
            f"this crmMessageId was used in the last 60 seconds, so nothing was sent again{said}",
            code=code,
            status=status,
        )
    # 24_HOURS_EXCEEDED is documented as an asynchronous status error; a synchronous answer
    # with this code is not documented but is handled the same way (uncertain).
    if key == "24HOURSEXCEEDED":
        return ReplyWindowClosed(f"{REPLY_WINDOW_HELP}{said}", code=code, status=status)
    if key in _RETRYABLE:
        return IntegrationUnavailable(
            f"Wazzup could not send now; try again later{said}", integration=PLUGIN_NAME
        )
    hint = _HINTS.get(key, f"Wazzup refused the request (HTTP {status})")
    return WazzupRejected(f"{hint}{said}{_data_suffix(parsed.data)}", code=code, status=status)


def _data_suffix(data: object) -> str:
    return f"; details: {msgspec.json.encode(data).decode()}" if data is not None else ""
