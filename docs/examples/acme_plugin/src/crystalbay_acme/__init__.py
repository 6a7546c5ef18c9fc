"""Tour provider ``acme``: the ACME operator's search API (the example of ``docs/plugins``)."""

from __future__ import annotations

from crystalbay.config import PluginSettings
from crystalbay.hookspecs import hookimpl
from crystalbay.hub import Hub

from crystalbay_acme.config import AcmeConfig
from crystalbay_acme.provider import AcmeProvider


# --8<-- [start:settings]
@hookimpl
def register_settings() -> PluginSettings:
    """Declare ``ACME_API_URL``, ``ACME_API_KEY`` (secret) and ``ACME_TIMEOUT``."""
    return PluginSettings(
        plugin="acme",
        config_type=AcmeConfig,
        env={"api_url": "ACME_API_URL", "api_key": "ACME_API_KEY", "timeout": "ACME_TIMEOUT"},
        secrets=frozenset({"api_key"}),
        required=frozenset({"api_url", "api_key"}),
    )


# --8<-- [end:settings]


# --8<-- [start:providers]
@hookimpl
def register_tour_providers(hub: Hub) -> list[AcmeProvider]:
    """The ``acme`` provider, once its URL and key are set."""
    config = hub.plugin_config("acme", AcmeConfig)
    return [AcmeProvider(config, hub.http)] if config else []


# --8<-- [end:providers]
