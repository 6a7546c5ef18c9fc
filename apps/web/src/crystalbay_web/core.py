"""``WebCore``: the one plugin that wires routes, dependencies and error handling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar.di import Provide
from litestar.plugins import InitPluginProtocol

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
        from crystalbay_web.domain.leads.controllers import LeadController  # noqa: PLC0415
        from crystalbay_web.domain.system.controllers import health, index, plugins  # noqa: PLC0415

        hub = self.hub

        def provide_hub() -> Hub:
            return hub

        app_config.route_handlers.extend(
            [health, index, plugins, LeadController, ContactController]
        )
        app_config.dependencies["hub"] = Provide(provide_hub, sync_to_thread=False)
        app_config.exception_handlers[Exception] = exception_to_response
        app_config.signature_namespace["Hub"] = type(hub)
        return app_config
