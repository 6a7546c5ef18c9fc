"""``WebCore``: the one plugin that wires routes, dependencies and error handling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar.di import Provide
from litestar.plugins import InitPluginProtocol

from crystalbay_web.dashboard import configure_dashboard
from crystalbay_web.errors import exception_to_response

if TYPE_CHECKING:
    from litestar.config.app import AppConfig

    from crystalbay.hub import Hub

__all__ = ["WebCore"]


class WebCore(InitPluginProtocol):
    """Registers controllers, the ``hub`` dependency and the exception handler."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        """Add routes, dependencies and handlers to the app being built."""
        from crystalbay_web.domain.contacts.controllers import ContactController  # noqa: PLC0415
        from crystalbay_web.domain.conversations.controllers import (  # noqa: PLC0415
            ConversationController,
        )
        from crystalbay_web.domain.leads.controllers import LeadController  # noqa: PLC0415
        from crystalbay_web.domain.system.controllers import health, index, plugins  # noqa: PLC0415
        from crystalbay_web.domain.tours.controllers import TourController  # noqa: PLC0415
        from crystalbay_web.domain.webhooks.bitrix24 import bitrix24_webhook  # noqa: PLC0415
        from crystalbay_web.domain.webhooks.sendgrid import (  # noqa: PLC0415
            sendgrid_events,
            sendgrid_inbound,
        )
        from crystalbay_web.domain.webhooks.telegram import configure_telegram  # noqa: PLC0415
        from crystalbay_web.domain.webhooks.wazzup24 import wazzup24_webhook  # noqa: PLC0415
        from crystalbay_web.domain.widget.controllers import (  # noqa: PLC0415
            preflight_middleware,
            widget_js,
        )

        hub = self.hub

        def provide_hub() -> Hub:
            return hub

        app_config.route_handlers.extend(
            [
                health,
                index,
                plugins,
                LeadController,
                ContactController,
                TourController,
                ConversationController,
                wazzup24_webhook,
                bitrix24_webhook,
                sendgrid_inbound,
                sendgrid_events,
                widget_js,
            ]
        )
        app_config.dependencies["hub"] = Provide(provide_hub, sync_to_thread=False)
        app_config.middleware.append(preflight_middleware)
        app_config.exception_handlers[Exception] = exception_to_response
        app_config.signature_namespace["Hub"] = type(hub)
        configure_telegram(app_config)
        configure_dashboard(app_config, hub)  # pages, sessions, CSRF, templates, static files
        return app_config
