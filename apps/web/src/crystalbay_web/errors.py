"""One place that turns exceptions into RFC 9457 problem-details responses."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Response
from litestar.exceptions import HTTPException, ValidationException

from crystalbay.errors import (
    AuthenticationError,
    Conflict,
    CrystalBayError,
    IntegrationError,
    IntegrationUnavailable,
    InvalidTransition,
    InvalidValue,
    NotFound,
)
from crystalbay_web.deps import AnyRequest
from crystalbay_web.page_errors import is_page_request, page_error_response

__all__ = ["PROBLEM_JSON", "exception_to_response", "problem"]

logger = logging.getLogger("crystalbay.web")

PROBLEM_JSON = "application/problem+json"

_STATUS: tuple[tuple[type[CrystalBayError], int, str], ...] = (
    (AuthenticationError, 401, "unauthorized"),
    (NotFound, 404, "not-found"),
    (InvalidTransition, 409, "invalid-transition"),
    (Conflict, 409, "conflict"),
    (InvalidValue, 422, "invalid-value"),
    (IntegrationUnavailable, 503, "integration-unavailable"),
    (IntegrationError, 502, "integration-failed"),
)

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid value",
    429: "Too many requests",
    500: "Internal server error",
    502: "Integration failed",
    503: "Service unavailable",
}


def problem(
    status: int, detail: str, *, slug: str | None = None, **extra: object
) -> Response[dict[str, object]]:
    """A problem-details response."""
    body: dict[str, object] = {
        "type": f"/problems/{slug or status}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = {"WWW-Authenticate": 'Bearer realm="crystalbay"'} if status == 401 else None  # noqa: PLR2004
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def exception_to_response(request: AnyRequest, exc: Exception) -> Response[Any]:
    """Map any exception to a problem-details response; never leak a traceback.

    Dashboard pages get HTML instead (:mod:`crystalbay_web.page_errors`).
    """
    response = _problem_for(exc)
    if is_page_request(request):
        content = response.content
        detail = str(content.get("detail", "")) if isinstance(content, dict) else ""
        return page_error_response(request, exc, response.status_code or 500, detail)
    return response


def _problem_for(exc: Exception) -> Response[dict[str, object]]:
    if isinstance(exc, CrystalBayError):
        for cls, status, slug in _STATUS:
            if isinstance(exc, cls):
                integration = getattr(exc, "integration", None)
                return problem(
                    status, exc.detail, slug=slug, field=exc.field, integration=integration
                )
    if isinstance(exc, ValidationException):
        return problem(400, _validation_detail(exc), slug="malformed-request", errors=exc.extra)
    if isinstance(exc, HTTPException):
        return problem(exc.status_code, str(exc.detail), extra=exc.extra or None)
    logger.error("unhandled error", exc_info=exc)
    return problem(500, "an unexpected error happened; it was logged", slug="internal")


def _validation_detail(exc: ValidationException) -> str:
    extra = exc.extra
    if isinstance(extra, list) and extra:
        first = extra[0]
        if isinstance(first, dict) and first.get("message"):
            where = f" ({first['key']})" if first.get("key") else ""
            return f"{first['message']}{where}"
    detail = str(exc.detail)
    if detail.startswith("Validation failed for"):
        return "the request body is not valid JSON for this endpoint: " + detail
    return detail
