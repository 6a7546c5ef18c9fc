"""Settings of the price-file provider: where the price files are."""

from __future__ import annotations

from typing import Annotated

import msgspec
from crystalbay.config import PluginSettings

__all__ = ["PLUGIN", "SETTINGS", "PricefileConfig"]

PLUGIN = "pricefile"
"""The plugin's name: entry point, settings and the provider's name in offers."""


class PricefileConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Typed settings.

    Attributes:
        directory: ``PRICEFILE_DIR``: the folder the operators' ``.csv`` and ``.json`` price
            files are saved to (a local folder or a mounted share). It is read on every
            search, so a new file counts at once.
    """

    directory: Annotated[str, msgspec.Meta(min_length=1)]


SETTINGS = PluginSettings(
    plugin=PLUGIN,
    config_type=PricefileConfig,
    env={"directory": "PRICEFILE_DIR"},
    required=frozenset({"directory"}),
)
"""What ``register_settings`` returns."""
