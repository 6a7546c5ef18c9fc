"""A thin async client for SendGrid's Mail Send API over the hub's shared ``httpx`` client.

The client never retries. SendGrid has no idempotency on Mail Send, so a retry after a timeout
or a 5xx may deliver a second copy; retries, backoff and rate limiting are the outbox worker's
job, driven by :attr:`~crystalbay.errors.IntegrationError.retry_after` and ``retryable``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import httpx
import msgspec

from crystalbay.errors import (
    IntegrationError,
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay_plugins.sendgrid.config import PLUGIN
from crystalbay_plugins.sendgrid.models import (
    ErrorBody,
    ErrorItem,
    MailSendRequest,
    MailSettings,
    SandboxMode,
)

if TYPE_CHECKING:
    from crystalbay_plugins.sendgrid.config import SendGridConfig

__all__ = ["MAX_RETRY_AFTER", "SendGridClient", "error_for_response"]

MAIL_SEND_PATH = "/v3/mail/send"
MAX_RETRY_AFTER = 60.0
"""Cap on the wait derived from ``X-RateLimit-Reset`` (seconds)."""
_HTTP_TOO_LARGE = 413
_HTTP_TOO_MANY = 429


class SendGridClient:
    """One typed method per SendGrid call used by the hub.

    Args:
        config: The plugin's settings (key, base URL).
        http: The hub's shared client; tests pass one pointed at the fake.
    """

    def __init__(self, config: SendGridConfig, http: httpx.AsyncClient) -> None:
        self._config = config
        self._http = http
        self._url = config.api_url.rstrip("/") + MAIL_SEND_PATH

    async def send_mail(self, request: MailSendRequest) -> str:
        """``POST /v3/mail/send``; return the ``X-Message-Id`` of the accepted message.

        SendGrid answers 202 with an empty body.

        Raises:
            IntegrationRejected: 400 (names the field), 401/403 (names the setting), 413.
            IntegrationUnavailable: 429 (``retry_after`` from ``X-RateLimit-Reset``), 5xx,
                timeouts and network errors.
            IntegrationProtocolError: A 2xx without ``X-Message-Id``, or an unexpected status.
        """
        response = await self._post(request)
        message_id = str(response.headers.get("x-message-id", "")).strip()
        if not message_id:
            raise IntegrationProtocolError(
                f"SendGrid answered {response.status_code} without X-Message-Id; "
                "the mail was probably accepted, do not resend blindly",
                integration=PLUGIN,
            )
        return message_id

    async def validate_mail(self, request: MailSendRequest) -> None:
        """Send ``request`` in sandbox mode: SendGrid validates it (200) and sends nothing.

        Raises:
            IntegrationError: As :meth:`send_mail`.
        """
        sandbox = MailSettings(sandbox_mode=SandboxMode(enable=True))
        await self._post(msgspec.structs.replace(request, mail_settings=sandbox))

    async def _post(self, request: MailSendRequest) -> httpx.Response:
        headers = {
            "Authorization": f"Bearer {self._config.api_key}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        try:
            response = await self._http.post(
                self._url, content=msgspec.json.encode(request), headers=headers
            )
        except httpx.TimeoutException as exc:
            raise IntegrationUnavailable(
                "Mail Send timed out; the mail may or may not have been accepted",
                integration=PLUGIN,
            ) from exc
        except httpx.HTTPError as exc:
            raise IntegrationUnavailable(
                f"cannot reach {self._config.api_url} ({type(exc).__name__}); "
                "check SENDGRID_API_URL and the network",
                integration=PLUGIN,
            ) from exc
        if response.status_code in (httpx.codes.OK, httpx.codes.ACCEPTED):
            return response
        raise error_for_response(response)


def error_for_response(response: httpx.Response) -> IntegrationError:
    """Map a SendGrid error response (``{"errors": [{message, field, help}]}``) to our tree."""
    status = response.status_code
    errors = _error_items(response)
    summary = "; ".join(_describe(item) for item in errors) or response.text[:200] or "no body"
    if status == _HTTP_TOO_MANY:
        return IntegrationUnavailable(
            f"rate limited ({summary})", integration=PLUGIN, retry_after=_rate_limit_wait(response)
        )
    if response.is_server_error:
        return IntegrationUnavailable(
            f"SendGrid is failing (HTTP {status}: {summary}); try again later",
            integration=PLUGIN,
            retry_after=_retry_after_header(response),
        )
    if response.is_client_error:
        first_field = next((item.field for item in errors if item.field), None)
        return _rejected(status, summary, first_field)
    return IntegrationProtocolError(f"unexpected HTTP {status}: {summary}", integration=PLUGIN)


def _rejected(status: int, summary: str, field: str | None) -> IntegrationRejected:
    if status == httpx.codes.UNAUTHORIZED:
        return IntegrationRejected(
            f"the API key was refused ({summary}); set SENDGRID_API_KEY to a valid key",
            integration=PLUGIN,
            field="SENDGRID_API_KEY",
        )
    if status == httpx.codes.FORBIDDEN:
        return _forbidden(summary, field)
    if status == httpx.codes.BAD_REQUEST:
        return IntegrationRejected(
            f"SendGrid refused the message: {summary}", integration=PLUGIN, field=field
        )
    if status == _HTTP_TOO_LARGE:
        return IntegrationRejected(
            f"the message is too large ({summary}); SendGrid accepts less than 30 MB in total",
            integration=PLUGIN,
        )
    return IntegrationRejected(f"HTTP {status}: {summary}", integration=PLUGIN, field=field)


def _forbidden(summary: str, field: str | None) -> IntegrationRejected:
    if field == "from":
        return IntegrationRejected(
            f"the sender is not verified ({summary}); verify SENDGRID_FROM_EMAIL in SendGrid "
            "(Settings → Sender Authentication) or change it",
            integration=PLUGIN,
            field="SENDGRID_FROM_EMAIL",
        )
    # Also used for a temporary block after too many bad requests (contract, 1.1).
    return IntegrationRejected(
        f"access forbidden ({summary}); give the key behind SENDGRID_API_KEY the Mail Send "
        "permission",
        integration=PLUGIN,
        field="SENDGRID_API_KEY",
    )


def _error_items(response: httpx.Response) -> tuple[ErrorItem, ...]:
    try:
        return msgspec.json.decode(response.content, type=ErrorBody).errors
    except msgspec.DecodeError:  # a proxy's HTML page, an empty body, ...
        return ()


def _describe(item: ErrorItem) -> str:
    return f"{item.field}: {item.message}" if item.field else item.message


def _rate_limit_wait(response: httpx.Response) -> float:
    """Seconds until ``X-RateLimit-Reset`` (unix seconds), capped.

    No source shows a ``Retry-After`` on Mail Send's 429 (contract, "Uncertain"); a missing
    reset header falls back to one second.
    """
    reset = _number(response.headers.get("x-ratelimit-reset"))
    if reset is None:
        return 1.0
    return min(max(reset - time.time(), 0.0), MAX_RETRY_AFTER)


def _retry_after_header(response: httpx.Response) -> float | None:
    seconds = _number(response.headers.get("retry-after"))
    return None if seconds is None else min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
