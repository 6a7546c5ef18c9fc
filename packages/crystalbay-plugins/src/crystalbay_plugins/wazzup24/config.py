"""Settings of the Wazzup24 plugin."""

from __future__ import annotations

import msgspec

from crystalbay.config import PluginSettings, mask_secret

__all__ = ["DEFAULT_API_URL", "PLUGIN_NAME", "SETTINGS", "WazzupConfig"]

PLUGIN_NAME = "wazzup24"

DEFAULT_API_URL = "https://api.wazzup24.com/v3"
"""The vendor's one base URL for every account (contract 1.1)."""


class WazzupConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Typed configuration handed to the Wazzup24 adapters.

    Attributes:
        api_key: Account API key ("Integration with CRM" → "API" in Wazzup). Opaque string;
            its format is deliberately not validated (the docs show 32 and 35 characters).
        api_url: Base URL; ``.../v3`` or the bare host both work. Point it at a fake in tests.
        webhook_secret: Random secret embedded in the webhook URL we register, because Wazzup
            signs nothing for API-key integrations (contract 1.5).
        default_channel_id: Wazzup ``channelId`` used when a chat address names none.
    """

    api_key: str
    api_url: str = DEFAULT_API_URL
    webhook_secret: str | None = None
    default_channel_id: str | None = None

    def __repr__(self) -> str:
        secret = mask_secret(self.webhook_secret) if self.webhook_secret else None
        return (
            f"WazzupConfig(api_key={mask_secret(self.api_key)!r}, api_url={self.api_url!r}, "
            f"webhook_secret={secret!r}, default_channel_id={self.default_channel_id!r})"
        )

    __str__ = __repr__


SETTINGS = PluginSettings(
    plugin=PLUGIN_NAME,
    config_type=WazzupConfig,
    env={
        "api_key": "WAZZUP_API_KEY",
        "api_url": "WAZZUP_API_URL",
        "webhook_secret": "WAZZUP_WEBHOOK_SECRET",
        "default_channel_id": "WAZZUP_CHANNEL_ID",
    },
    secrets=frozenset({"api_key", "webhook_secret"}),
    required=frozenset({"api_key"}),
)
