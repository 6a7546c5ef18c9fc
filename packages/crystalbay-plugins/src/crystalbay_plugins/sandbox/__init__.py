"""Sandbox tour provider: the demo catalogue, on by default while SAMO is not configured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.samo.config import SamoConfig
from crystalbay_plugins.sandbox.provider import SandboxTourProvider

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crystalbay.hub import Hub
    from crystalbay.ports import TourProvider


@hookimpl
def register_tour_providers(hub: Hub) -> Iterable[TourProvider]:
    """The ``sandbox`` provider, unless a real SAMO operator is configured."""
    if hub.plugin_config("samo", SamoConfig) is not None:
        return []
    return [SandboxTourProvider()]
