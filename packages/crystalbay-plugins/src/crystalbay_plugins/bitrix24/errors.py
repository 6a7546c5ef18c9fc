"""Bitrix24 errors, and the one place that turns an error answer into the hub's error tree.

```
IntegrationRejected
└── BitrixRejected          Bitrix refused the call (``code``, ``status``)
    ├── BitrixAuthError     the webhook URL is wrong, expired or lacks rights/scope
    └── BitrixNotFound      the entity does not exist (``Not found``)
IntegrationUnavailable
└── BitrixBusy              QUERY_LIMIT_EXCEEDED / OPERATION_TIME_LIMIT: wait and retry
```
"""

from __future__ import annotations

from crystalbay.errors import IntegrationError, IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME

__all__ = [
    "BUSY_CODES",
    "BitrixAuthError",
    "BitrixBusy",
    "BitrixNotFound",
    "BitrixRejected",
    "error_for",
]

BUSY_CODES = frozenset({"QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT"})
"""Refusals that happen before the method runs, so the same call may be sent again."""

_WEBHOOK_HELP = (
    "check BITRIX_WEBHOOK_URL: create an incoming webhook in Bitrix24 (Developer resources → "
    "Other → Incoming webhook) with the 'crm' scope and copy its URL"
)

_AUTH: dict[str, str] = {
    "NO_AUTH_FOUND": "the webhook URL was refused (wrong or deleted webhook)",
    "EXPIRED_TOKEN": "the webhook has expired",
    "INVALID_CREDENTIALS": "the webhook's employee lacks the rights for this call",
    "INSUFFICIENT_SCOPE": "the webhook lacks the 'crm' scope",
    "ACCESS_DENIED": "the portal refuses REST calls (REST API needs a commercial plan)",
    "PORTAL_DELETED": "the portal was deleted",
}

_UNAVAILABLE = frozenset({"INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER", "OVERLOAD_LIMIT"})

_HINTS: dict[str, str] = {
    "ERROR_METHOD_NOT_FOUND": "the portal does not know this method",
    "INVALID_REQUEST": "the portal refused the request (Bitrix24 requires https)",
    "ERROR_BATCH_LENGTH_EXCEEDED": "a batch had more than 50 commands",
    "ERROR_BATCH_METHOD_NOT_ALLOWED": "this method is not allowed inside a batch",
}


class BitrixRejected(IntegrationRejected):
    """Bitrix refused the call.

    Attributes:
        code: The ``error`` field (may be empty for CRM validation errors).
        status: The HTTP status (200 for errors inside a batch).
        method: The REST method called.
    """

    def __init__(self, detail: str, *, code: str, status: int, method: str) -> None:
        super().__init__(detail, integration=PLUGIN_NAME)
        self.code = code
        self.status = status
        self.method = method


class BitrixAuthError(BitrixRejected):
    """The incoming webhook is wrong, expired, or lacks rights or scope."""


class BitrixNotFound(BitrixRejected):
    """The entity asked for does not exist (deleted in Bitrix24, or a wrong id)."""


class BitrixBusy(IntegrationUnavailable):
    """The portal's request limit or the method's time budget is used up; retry later."""


def error_for(method: str, status: int, code: str, description: str) -> IntegrationError:
    """The error for an error answer of ``method``.

    Args:
        method: The REST method called.
        status: The HTTP status (200 for a batch item or an in-body error).
        code: The ``error`` field.
        description: The ``error_description`` field.
    """
    said = f" ({code or 'error'}: {description})" if description or code else ""
    # A bare 429 is the documented status of OPERATION_TIME_LIMIT (contract 1.3).
    key = code.upper() or ("OPERATION_TIME_LIMIT" if status == 429 else "")  # noqa: PLR2004
    if key in BUSY_CODES:
        what = "request limit" if key == "QUERY_LIMIT_EXCEEDED" else "time budget of this method"
        return BitrixBusy(
            f"the portal's {what} is used up; retry later{said}",
            integration=PLUGIN_NAME,
            retry_after=60.0 if key == "OPERATION_TIME_LIMIT" else None,
        )
    if key in _AUTH or status == 401:  # noqa: PLR2004
        reason = _AUTH.get(key, "the webhook URL was refused")
        return BitrixAuthError(
            f"{reason}; {_WEBHOOK_HELP}{said}", code=code, status=status, method=method
        )
    if status >= 500 or key in _UNAVAILABLE:  # noqa: PLR2004
        return IntegrationUnavailable(
            f"Bitrix24 failed on {method} (HTTP {status}); try again later{said}",
            integration=PLUGIN_NAME,
        )
    if description.rstrip(".").lower() == "not found" or key in {"NOT_FOUND", "OWNER_NOT_FOUND"}:
        return BitrixNotFound(f"{method}: not found{said}", code=code, status=status, method=method)
    hint = _HINTS.get(key, f"Bitrix24 refused {method} (HTTP {status})")
    return BitrixRejected(f"{hint}{said}", code=code, status=status, method=method)
