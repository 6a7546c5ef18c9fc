"""Turn SAMO's failure answers into the hub's error tree, with messages that say what to do."""

from __future__ import annotations

import re

from crystalbay.errors import (
    IntegrationError,
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)

__all__ = ["api_error", "blacklisted", "http_error", "protocol", "top_level_error"]

_BLACKLIST = re.compile(r"blacklisted address\s*:?\s*([0-9A-Fa-f:.]+[0-9A-Fa-f])?")
_RETRYABLE = frozenset({408, 425, 429})


def blacklisted(text: str, integration: str) -> IntegrationRejected | None:
    """The "blacklisted address" refusal (JSON or XML body) naming the IP the operator saw."""
    match = _BLACKLIST.search(text)
    if match is None:
        return None
    ip = match.group(1) or "(address not given)"
    return IntegrationRejected(
        f"the operator refused our IP address {ip} (blacklisted address): the token only works "
        f"from whitelisted addresses. Ask the operator to whitelist {ip}, or route SAMO traffic "
        "through the whitelisted server with PROXY_URL (forward proxy) or SAMO_RELAY_URL "
        "(relay script).",
        integration=integration,
    )


def http_error(
    status: int, text: str, www_authenticate: str, retry_after: str | None, integration: str
) -> IntegrationError:
    """Map a non-200 answer (the token check happens before dispatch) to an error."""
    refused = blacklisted(text, integration)
    if refused is not None:
        return refused
    if status >= 500 or status in _RETRYABLE:  # noqa: PLR2004
        return IntegrationUnavailable(
            f"the operator answered HTTP {status}; try again later",
            integration=integration,
            retry_after=_seconds(retry_after),
        )
    return IntegrationRejected(
        _rejection(status, www_authenticate.lower()), integration=integration
    )


def _rejection(status: int, challenge: str) -> str:
    # A forward proxy refusing our credentials answers 407, or (TinyProxy 1.11) 401 with a
    # Basic challenge; the operator's own token errors carry a Bearer challenge.
    if status == 407 or (status == 401 and challenge.startswith("basic")):  # noqa: PLR2004
        return (
            f"HTTP {status}: the forward proxy refused our credentials; check the user and "
            "password in PROXY_URL (http://user:pass@host:port)"
        )
    if status == 400:  # noqa: PLR2004
        return (
            "HTTP 400 (invalid_request): the token was missing or sent twice; "
            "check SAMO_OAUTH_TOKEN"
        )
    if status == 401:  # noqa: PLR2004
        return (
            "HTTP 401 (invalid_token): the operator does not accept the token from this "
            "address; check SAMO_OAUTH_TOKEN and that it was issued by this operator"
        )
    if status == 403 and "insufficient_scope" in challenge:  # noqa: PLR2004
        return (
            "HTTP 403 (insufficient_scope): the token lacks the 'online-api' scope; "
            "ask the operator to enable the JSON API for it"
        )
    if status == 404:  # noqa: PLR2004
        return (
            "HTTP 404: SAMO_API_URL does not point at the operator's export endpoint "
            "(https://<operator>/export/default.php)"
        )
    return f"HTTP {status}: the operator refused the request"


def top_level_error(message: str, integration: str) -> IntegrationError:
    """A bare ``{"error": "..."}`` answer: an access problem found before dispatch."""
    refused = blacklisted(message, integration)
    if refused is not None:
        return refused
    if "apikey provided" in message.lower():
        return IntegrationRejected(
            f"the operator rejected the token ({message!r}); check SAMO_OAUTH_TOKEN",
            integration=integration,
        )
    return IntegrationRejected(f"the operator refused the call: {message}", integration=integration)


_HINTS = {
    "method does not exists": "the operator has not installed this module",
    "incorrect action": "the operator does not know this method",
    "login failed": "the call needs an agent login, which a token alone does not give",
    "access denied": "the token lacks rights for this method",
}


def api_error(action: str, message: str, integration: str) -> IntegrationError:
    """An error object inside an HTTP 200 answer (under the action key or ``"api"``)."""
    if message.strip().lower() == "internal server error":
        return IntegrationUnavailable(
            f"{action}: the operator hit an internal error; try again later",
            integration=integration,
        )
    hint = _HINTS.get(message.strip().lower())
    suffix = f" ({hint})" if hint else ""
    return IntegrationRejected(f"{action} failed: {message}{suffix}", integration=integration)


def protocol(action: str, problem: str, integration: str) -> IntegrationProtocolError:
    """An answer we cannot understand."""
    return IntegrationProtocolError(
        f"{action}: unexpected answer ({problem}); check that SAMO_API_URL is the operator's "
        "export endpoint",
        integration=integration,
    )


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
