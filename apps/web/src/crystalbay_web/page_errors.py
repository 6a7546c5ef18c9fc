"""Errors on dashboard pages: HTML instead of problem+json, a redirect when not logged in.

An HTMX request gets a short HTML fragment with the reason (``app.js`` shows it as a toast);
a full page request gets ``error.html``. JSON API and webhook paths never come here.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from litestar import Response
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException
from litestar.plugins.htmx import ClientRedirect
from litestar.response import Redirect, Template
from markupsafe import escape

from crystalbay.errors import CrystalBayError
from crystalbay_web.deps import AnyRequest
from crystalbay_web.i18n import language_of, t
from crystalbay_web.sessions import LoginRequired

__all__ = ["NON_PAGE_PREFIXES", "is_page_request", "page_error_response"]

logger = logging.getLogger("crystalbay.web")

NON_PAGE_PREFIXES: tuple[str, ...] = ("/api/", "/webhooks/", "/schema", "/health", "/-/")
"""Paths answered with problem+json, never with HTML."""

_CSRF_FAILED = "CSRF token verification failed"


def is_page_request(request: AnyRequest) -> bool:
    """Whether ``request`` belongs to the dashboard (HTML) rather than the API."""
    return not request.url.path.startswith(NON_PAGE_PREFIXES)


def page_error_response(
    request: AnyRequest, exc: Exception, status: int, detail: str
) -> Response[object]:
    """Answer a dashboard request that failed with ``exc`` (``status``/``detail`` mapped)."""
    htmx = request.headers.get("hx-request") == "true"
    if isinstance(exc, LoginRequired):
        target = "/login?next=" + quote(request.url.path, safe="/")
        return ClientRedirect(target) if htmx else Redirect(target)
    message = _message(request, exc, status, detail)
    if htmx:
        body = f'<div class="alert alert-error" role="alert">{escape(message)}</div>'
        return Response(body, status_code=status, media_type="text/html")
    return Template(  # type: ignore[return-value]
        template_name="error.html",
        context={"status": status, "message": message},
        status_code=status,
    )


def _message(request: AnyRequest, exc: Exception, status: int, detail: str) -> str:
    lang = language_of(request)
    if isinstance(exc, CrystalBayError):
        return exc.detail
    if isinstance(exc, PermissionDeniedException):
        return t("error.csrf" if exc.detail == _CSRF_FAILED else "error.403", lang)
    if isinstance(exc, NotFoundException):
        return t("error.404", lang)
    if isinstance(exc, HTTPException) and status < 500:  # noqa: PLR2004
        return detail
    return t("error.other", lang)
