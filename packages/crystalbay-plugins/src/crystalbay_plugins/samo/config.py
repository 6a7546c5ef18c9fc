"""Typed settings of the SAMO-tour plugin."""

from __future__ import annotations

from typing import Annotated

import msgspec

from crystalbay.config import PluginSettings, mask_secret

__all__ = ["SETTINGS", "SamoConfig"]


class SamoConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Connection settings of one SAMO-tour operator.

    Attributes:
        api_url: ``SAMO_API_URL``: the export endpoint, ``https://<operator>/export/default.php``.
        oauth_token: ``SAMO_OAUTH_TOKEN``: the operator-issued token (secret, never logged).
        language: ``SAMO_LANGUAGE``: sent as ``LNG``; ``ru``/``rus`` shows the operator's local
            (Cyrillic) names, anything else prefers the Latin ``nameAlt``.
        currency: ``SAMO_CURRENCY``: currency (alias such as ``KZT`` or the operator's id) used
            when the operator does not know the currency a query asks for; unset means the
            operator's default currency.
        timeout: ``SAMO_TIMEOUT``: seconds to wait for one answer.
    """

    api_url: Annotated[str, msgspec.Meta(min_length=1)]
    oauth_token: Annotated[str, msgspec.Meta(min_length=1)]
    # The contract gives no default language: an unknown or absent LNG means the operator's
    # default, which for the Russian-speaking operators we know is Russian.
    language: str = "ru"
    currency: str | None = None
    timeout: Annotated[float, msgspec.Meta(gt=0)] = 30.0

    def __post_init__(self) -> None:
        if not self.api_url.startswith(("http://", "https://")):
            msg = "api_url must be an http(s) URL such as https://<operator>/export/default.php"
            raise ValueError(msg)

    def __repr__(self) -> str:
        return (
            f"SamoConfig(api_url={self.api_url!r}, oauth_token={mask_secret(self.oauth_token)!r}, "
            f"language={self.language!r}, currency={self.currency!r}, timeout={self.timeout!r})"
        )


SETTINGS = PluginSettings(
    plugin="samo",
    config_type=SamoConfig,
    env={
        "api_url": "SAMO_API_URL",
        "oauth_token": "SAMO_OAUTH_TOKEN",
        "language": "SAMO_LANGUAGE",
        "currency": "SAMO_CURRENCY",
        "timeout": "SAMO_TIMEOUT",
    },
    secrets=frozenset({"oauth_token"}),
    required=frozenset({"api_url", "oauth_token"}),
)
"""The declaration returned by ``register_settings``."""
