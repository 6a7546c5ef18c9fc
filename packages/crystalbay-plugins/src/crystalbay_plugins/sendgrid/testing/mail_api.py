"""The Mail Send endpoint of the fake: state, documented checks and canned error bodies."""

from __future__ import annotations

import gzip
import json
import math
import secrets
import threading
import time
from typing import TYPE_CHECKING

import httpx

from crystalbay.testing import FakeRequest, FakeResponse
from crystalbay_plugins.sendgrid.testing.sent import SentMail
from crystalbay_plugins.sendgrid.testing.validation import ErrorDict, error, validate_mail

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["CANNED_ERRORS", "MAIL_SEND", "MailSendApi"]

MAIL_SEND = "/v3/mail/send"
CANNED_ERRORS: Mapping[int, ErrorDict] = {
    400: error(
        "The to array is required for all personalization objects, and must have at "
        "least one email object with a valid email address.",
        "personalizations.0.to",
    ),
    401: {
        "message": "The provided authorization grant is invalid, expired, or revoked",
        "field": None,
        "help": None,
    },
    403: {"message": "access forbidden", "field": None},
    413: {"message": "content too large", "field": None},
    429: {"field": None, "message": "too many requests"},
    500: {"message": "internal server error"},
    503: {"message": "internal server error"},
}
"""Bodies of ``errors[0]`` by status, verbatim from the contract's table. The 403 ``access
forbidden`` and 413 ``content too large`` texts (and 401 ``authorization required``) are
OpenAPI examples rather than captured traffic (contract, "Uncertain")."""


class MailSendApi:
    """``POST /v3/mail/send`` as SendGrid answers it (the HTTP server is added by a subclass).

    Args:
        api_key: The only key accepted.
        verified_senders: Sender addresses that pass; ``None`` verifies every sender.
        can_send: ``False`` imitates a key without the ``mail.send`` scope (403).
        rate_limit: Requests allowed per ``rate_window`` seconds (429 beyond), or ``None``.
        rate_window: The rate-limit window in seconds.
        max_bytes: Larger request bodies get 413 (SendGrid: < 30 MB).

    Attributes:
        sent: Accepted messages, in order. ``sandboxed``: sandbox-mode requests (200).
        outage: When True every request gets 503.
    """

    def __init__(
        self,
        *,
        api_key: str = "SG.fake-key.crystalbay",
        verified_senders: Iterable[str] | None = None,
        can_send: bool = True,
        rate_limit: int | None = None,
        rate_window: float = 1.0,
        max_bytes: int = 30 * 1024 * 1024,
    ) -> None:
        self.api_key = api_key
        self._defaults = (
            None if verified_senders is None else frozenset(s.lower() for s in verified_senders),
            can_send,
            rate_limit,
            rate_window,
            max_bytes,
        )
        self.verified_senders: set[str] | None = None
        self.can_send: bool = True
        self.rate_limit: int | None = None
        self.rate_window: float = 1.0
        self.max_bytes: int = 0
        self.outage = False
        self.sent: list[SentMail] = []
        self.sandboxed: list[dict[str, object]] = []
        self._scripted: list[int] = []
        self._window: tuple[float, int] = (0.0, 0)
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget sent mail and scripted failures; restore the constructor's settings.

        Lets one running server serve many tests (starting and stopping one takes ~0.5 s).
        """
        with self._lock:
            verified, self.can_send, self.rate_limit, self.rate_window, self.max_bytes = (
                self._defaults
            )
            self.verified_senders = None if verified is None else set(verified)
            self.outage = False
            self.sent.clear()
            self.sandboxed.clear()
            self._scripted.clear()
            self._window = (0.0, 0)

    def fail_next(self, status: int, times: int = 1) -> None:
        """Answer the next ``times`` Mail Send requests with ``status`` and its canned body."""
        with self._lock:
            self._scripted += [status] * times

    # -- Mail Send ---------------------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        """Answer one request (runs in the server's threads)."""
        if request.method != "POST" or request.path != MAIL_SEND:
            return _errors(404, [{"field": None, "message": "resource not found"}])
        with self._lock:
            return self._mail_send(request)

    def _mail_send(self, request: FakeRequest) -> FakeResponse:
        return self._gate(request) or self._authorize(request) or self._accept(request)

    def _gate(self, request: FakeRequest) -> FakeResponse | None:
        """Outage, scripted failures and size come before anything else."""
        if self.outage:
            return _errors(503, [dict(CANNED_ERRORS[503])])
        if self._scripted:
            return self._canned(self._scripted.pop(0))
        if len(request.body) > self.max_bytes:
            return _errors(413, [dict(CANNED_ERRORS[413])])
        return None

    def _authorize(self, request: FakeRequest) -> FakeResponse | None:
        auth = request.headers.get("authorization")
        if not auth:
            return _errors(401, [{"message": "authorization required", "field": None}])
        if auth != f"Bearer {self.api_key}":
            return _errors(401, [dict(CANNED_ERRORS[401])])
        if not self.can_send:
            return _errors(403, [dict(CANNED_ERRORS[403])])
        if self._rate_limited():
            return self._canned(429)
        return None

    def _accept(self, request: FakeRequest) -> FakeResponse:
        try:
            body = request.body
            if request.headers.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
            payload = json.loads(body)
        except (ValueError, OSError):
            return _errors(400, [error("Bad Request", None, with_help=False)])
        status, errors = validate_mail(payload, self._is_verified)
        if errors:
            return _errors(status, errors)
        message_id = secrets.token_urlsafe(16)[:22]
        # Sandbox mode: 200 and nothing sent; whether X-Message-Id comes with it is undocumented.
        if _sandbox(payload):
            self.sandboxed.append(payload)
            return FakeResponse(status=200, headers={"Content-Type": "text/plain; charset=utf-8"})
        self.sent.append(SentMail(message_id=message_id, payload=payload, headers=request.headers))
        return FakeResponse(
            status=202,
            headers={"X-Message-Id": message_id, "Content-Type": "text/plain; charset=utf-8"},
        )

    def _is_verified(self, sender: str) -> bool:
        return self.verified_senders is None or sender in self.verified_senders

    def _rate_limited(self) -> bool:
        if self.rate_limit is None:
            return False
        now = time.time()
        start, count = self._window
        if now >= start + self.rate_window:
            start, count = math.floor(now / self.rate_window) * self.rate_window, 0
        self._window = (start, count + 1)
        return count >= self.rate_limit

    def _canned(self, status: int) -> FakeResponse:
        body = CANNED_ERRORS.get(status, CANNED_ERRORS[500])
        headers: dict[str, str] = {}
        if status == httpx.codes.TOO_MANY_REQUESTS:
            start, _ = self._window
            reset = math.ceil(max(start + self.rate_window, time.time() + 1))
            limit = str(self.rate_limit or 10_000)
            headers = {
                "X-RateLimit-Limit": limit,
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": str(reset),
            }
        return _errors(status, [dict(body)], headers)


def _sandbox(payload: dict[str, object]) -> bool:
    settings = payload.get("mail_settings")
    mode = settings.get("sandbox_mode") if isinstance(settings, dict) else None
    return isinstance(mode, dict) and mode.get("enable") is True


def _errors(
    status: int, errors: list[ErrorDict], headers: Mapping[str, str] | None = None
) -> FakeResponse:
    return FakeResponse.json({"errors": errors}, status=status, headers=headers)
