"""SAMO-tour plugin: tour search through an operator's ``export/default.php`` API.

Modules: ``config`` (settings), ``client`` (one method per vendor call), ``models`` and
``price_models`` (vendor payloads), ``mapping`` (vendor -> domain), ``provider`` (the
``TourProvider`` adapter), ``catalogue``/``engine`` (the demo operator shared by the fake and
the sandbox) and ``testing`` (``FakeSamo``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.samo.config import SETTINGS, SamoConfig
from crystalbay_plugins.samo.provider import SamoTourProvider

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub
    from crystalbay.ports import TourProvider


@hookimpl
def register_settings() -> PluginSettings:
    """Declare ``SAMO_API_URL``, ``SAMO_OAUTH_TOKEN`` (secret) and the optional settings."""
    return SETTINGS


@hookimpl
def register_tour_providers(hub: Hub) -> Iterable[TourProvider]:
    """The ``samo`` provider, when ``SAMO_API_URL`` and ``SAMO_OAUTH_TOKEN`` are set."""
    config = hub.plugin_config("samo", SamoConfig)
    return [SamoTourProvider(config, hub.http)] if config else []
