"""Settings of the Bitrix24 plugin: the ``BITRIX_*`` variables and the settings-table values."""

from __future__ import annotations

import re
from typing import NoReturn

import msgspec

from crystalbay.config import PluginSettings, mask_secret
from crystalbay.errors import ConfigurationError
from crystalbay_plugins.bitrix24.stages import StageMap, parse_stage_map

__all__ = [
    "DEFAULT_PIPELINE_NAME",
    "DEFAULT_SYNC_WINDOW",
    "PLUGIN_NAME",
    "SETTINGS",
    "BitrixConfig",
    "Endpoint",
]

PLUGIN_NAME = "bitrix24"

DEFAULT_PIPELINE_NAME = "Crystal Bay: туры"
"""Name of the deal pipeline ``crystalbay bitrix setup`` creates (``pipeline_name``)."""

DEFAULT_SYNC_WINDOW = 2.0
"""Seconds of changes gathered into one sync job (``sync_window``)."""

_MAX_WINDOW = 300.0

# ``https://<portal>/rest/<user_id>/<code>/``, optionally followed by a method name that people
# copy along from the portal's example (``.../profile.json``) (contract 1.1).
_WEBHOOK = re.compile(
    r"^(?P<base>https?://[^/\s]+/rest/(?P<user>\d+)/(?P<code>[^/\s]+))(/[^/\s]*)?$"
)


class Endpoint(msgspec.Struct, frozen=True, kw_only=True):
    """The parts of an incoming-webhook URL.

    Attributes:
        base: ``https://<portal>/rest/<user_id>/<code>``, without a trailing slash.
        user_id: The employee the webhook acts as.
        code: The webhook's secret code (never log it).
    """

    base: str
    user_id: int
    code: str

    def __repr__(self) -> str:
        return f"Endpoint(base={self.masked!r})"

    @property
    def masked(self) -> str:
        """The URL with the code hidden, safe for logs and error messages."""
        return self.base.removesuffix(self.code) + mask_secret(self.code)


class BitrixConfig(msgspec.Struct, frozen=True, kw_only=True):
    """The Bitrix24 plugin's settings.

    Raises:
        ConfigurationError: On decoding, when a value is malformed (names the setting).
    """

    webhook_url: str
    """``BITRIX_WEBHOOK_URL``: the incoming webhook, ``https://<portal>/rest/<user>/<code>/``."""
    application_token: str | None = None
    """``BITRIX_APPLICATION_TOKEN``: token of the outgoing webhook that posts events to the hub."""
    user_map: str | None = None
    """``BITRIX_USER_MAP``: hub usernames -> Bitrix user ids, ``anna=5,boris=7`` or JSON."""
    stage_map: str | None = None
    """Written by ``crystalbay bitrix setup`` (settings table only); see ``stages``."""
    pipeline_name: str = DEFAULT_PIPELINE_NAME
    """Name of the deal pipeline to create or find (settings table only)."""
    rate_per_second: float = 2.0
    """Leaky-bucket drain rate: 2 per second on most plans, 5 on Enterprise (contract 1.4)."""
    burst: int = 50
    """Leaky-bucket capacity: 50 on most plans, 250 on Enterprise (contract 1.4)."""
    timeout: float = 60.0
    """Seconds to wait for one answer (Bitrix cuts requests at 60 s, contract 1.1)."""
    sync_window: float = DEFAULT_SYNC_WINDOW
    """Seconds of changes to one lead (or events of one deal) gathered into one job."""

    def __post_init__(self) -> None:
        self.endpoint()
        self.users()
        self.stages()
        if self.rate_per_second <= 0 or self.burst < 1 or self.timeout <= 0:
            _fail("rate_per_second, burst and timeout must be positive", "rate_per_second")
        if not 0 < self.sync_window <= _MAX_WINDOW:
            _fail(f"sync_window must be between 0 and {_MAX_WINDOW:g} seconds", "sync_window")

    def endpoint(self) -> Endpoint:
        """The parsed webhook URL.

        Raises:
            ConfigurationError: The URL does not have the incoming-webhook shape.
        """
        match = _WEBHOOK.match(self.webhook_url.strip())
        if match is None:
            _fail(
                "expected the incoming webhook URL shown by Bitrix24, like "
                "https://<portal>.bitrix24.ru/rest/1/<code>/",
                "webhook_url",
            )
        return Endpoint(base=match["base"], user_id=int(match["user"]), code=match["code"])

    def users(self) -> dict[str, int]:
        """``BITRIX_USER_MAP`` as ``{username: bitrix_user_id}``.

        Raises:
            ConfigurationError: The map is neither ``name=id,...`` nor a JSON object of ids.
        """
        text = (self.user_map or "").strip()
        if not text:
            return {}
        try:
            if text.startswith("{"):
                return msgspec.json.decode(text, type=dict[str, int], strict=False)
            pairs = (item.split("=", 1) for item in text.split(",") if item.strip())
            return {name.strip(): int(uid) for name, uid in pairs}
        except (ValueError, msgspec.DecodeError):
            _fail("write it as username=bitrix_user_id pairs: anna=5,boris=7", "user_map")

    def stages(self) -> StageMap | None:
        """The stored stage map, or ``None`` before ``crystalbay bitrix setup`` ran.

        Raises:
            ConfigurationError: The stored JSON is not a valid stage map.
        """
        if not (self.stage_map or "").strip():
            return None
        try:
            return parse_stage_map(self.stage_map or "")
        except ValueError as exc:
            _fail(f"{exc}; fix it in the settings or run `crystalbay bitrix setup`", "stage_map")

    def __repr__(self) -> str:
        """Never print the webhook code or the application token."""
        return (
            f"BitrixConfig(webhook_url={self.endpoint().masked!r}, "
            f"application_token={mask_secret(self.application_token)!r}, "
            f"pipeline_name={self.pipeline_name!r})"
        )


def _fail(detail: str, field: str) -> NoReturn:
    setting = SETTINGS.env.get(field, field)
    raise ConfigurationError(
        f"plugin {PLUGIN_NAME!r}: invalid configuration (setting {setting}): {detail}",
        field=setting,
    )


SETTINGS = PluginSettings(
    plugin=PLUGIN_NAME,
    config_type=BitrixConfig,
    env={
        "webhook_url": "BITRIX_WEBHOOK_URL",
        "application_token": "BITRIX_APPLICATION_TOKEN",
        "user_map": "BITRIX_USER_MAP",
    },
    secrets=frozenset({"webhook_url", "application_token"}),
    required=frozenset({"webhook_url"}),
)
"""The declaration returned by ``register_settings``."""
