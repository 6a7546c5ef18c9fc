"""Wiring of the HTML dashboard: templates, static files, sessions, CSRF and the page routes.

Security settings:

* the session is an encrypted, signed cookie (``cb_session``, 12 hours, HttpOnly,
  SameSite=Lax, Secure when ``PUBLIC_URL`` is https);
* every unsafe request outside the JSON API and the webhooks needs the CSRF token: forms send
  ``_csrf_token`` (``{{ csrf_input }}``), HTMX sends the ``x-csrftoken`` header from ``<body>``;
* both keys are derived from ``CRYSTALBAY_SECRET_KEY`` (generated into ``CRYSTALBAY_HOME``
  when it is not set).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from litestar import Router
from litestar.config.csrf import CSRFConfig
from litestar.middleware.session.client_side import CookieBackendConfig
from litestar.plugins.htmx import HTMXRequest
from litestar.static_files import create_static_files_router

from crystalbay_web.i18n import remember_language
from crystalbay_web.live import live_events
from crystalbay_web.page_errors import NON_PAGE_PREFIXES
from crystalbay_web.ratelimit import LoginLimiter, make_attempt_store
from crystalbay_web.sessions import require_user
from crystalbay_web.templating import template_config

if TYPE_CHECKING:
    from litestar.config.app import AppConfig

    from crystalbay.hub import Hub

__all__ = ["CSRF_COOKIE", "SESSION_COOKIE", "STATIC", "configure_dashboard"]

STATIC = Path(__file__).parent / "static"
SESSION_COOKIE = "cb_session"
CSRF_COOKIE = "cb_csrf"
SESSION_MAX_AGE = 12 * 3600

_EXCLUDED = [f"^{prefix}" for prefix in ("/api/", "/webhooks/")]


def _derive(secret: str, purpose: str) -> bytes:
    """A separate 32-byte key per purpose, so one leaked key does not give the other."""
    return hashlib.sha256(f"crystalbay:{purpose}:{secret}".encode()).digest()


def configure_dashboard(app_config: AppConfig, hub: Hub) -> None:
    """Add the dashboard's routes, middleware, templates and CSRF protection to ``app_config``."""
    from crystalbay_web.pages import PAGE_HANDLERS, PUBLIC_HANDLERS  # noqa: PLC0415

    secret = hub.settings.ensure_secret_key()
    secure = (hub.settings.public_url or "").startswith("https://")
    session = CookieBackendConfig(
        secret=_derive(secret, "session"),
        key=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        secure=secure,
        httponly=True,
        samesite="lax",
        exclude=[f"^{prefix}" for prefix in NON_PAGE_PREFIXES],
    )
    app_config.middleware.append(session.middleware)
    app_config.csrf_config = CSRFConfig(
        secret=_derive(secret, "csrf").hex(),
        cookie_name=CSRF_COOKIE,
        cookie_secure=secure,
        cookie_httponly=True,
        cookie_samesite="lax",
        exclude=_EXCLUDED,
    )
    app_config.template_config = template_config()
    live_events(hub)  # pages follow hub events through /events
    if app_config.request_class is None:
        app_config.request_class = HTMXRequest
    store = make_attempt_store(hub.settings.redis_url)
    app_config.state["login_limiter"] = LoginLimiter(store=store)

    async def close_store() -> None:
        await store.close()

    app_config.on_shutdown.append(close_store)
    app_config.route_handlers.extend(
        [
            create_static_files_router(
                path="/static", directories=[STATIC], include_in_schema=False
            ),
            Router(path="/", route_handlers=PUBLIC_HANDLERS, before_request=remember_language),
            Router(
                path="/",
                route_handlers=PAGE_HANDLERS,
                guards=[require_user],
                before_request=remember_language,
            ),
        ]
    )
