"""Tour provider ``pricefile``: offers from the price lists small operators send by e-mail.

Save the operators' ``.csv`` and ``.json`` files into the folder named by ``PRICEFILE_DIR``;
their offers appear in tour search next to every other provider's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl

from crystalbay_pricefile.config import PLUGIN, SETTINGS, PricefileConfig
from crystalbay_pricefile.folder import PriceFolder
from crystalbay_pricefile.provider import PriceFileProvider

if TYPE_CHECKING:
    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub


@hookimpl
def register_settings() -> PluginSettings:
    """Declare ``PRICEFILE_DIR``."""
    return SETTINGS


@hookimpl
def register_tour_providers(hub: Hub) -> list[PriceFileProvider]:
    """The ``pricefile`` provider, once ``PRICEFILE_DIR`` is set."""
    config = hub.plugin_config(PLUGIN, PricefileConfig)
    return [PriceFileProvider(PriceFolder(Path(config.directory)))] if config else []
