"""The hook contract between the hub and its plugins (pluggy project ``crystalbay``).

Registration hooks are synchronous and return adapters; adapters do the async I/O. Lifecycle
and event hooks may return an awaitable, which the hub awaits; one plugin failing there is
logged and does not stop the others. No hook here is ``firstresult``: every implementation's
result is collected.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Mapping
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click
    import httpx

    from crystalbay.config import PluginSettings
    from crystalbay.events import Event
    from crystalbay.hub import Hub
    from crystalbay.ports import CRM, Assistant, Channel, TourProvider

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]

PROJECT_NAME = "crystalbay"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# ---------------------------------------------------------------------------------------------
# Registration: called once while the hub starts; return adapters or declarations.
# ---------------------------------------------------------------------------------------------


@hookspec
def register_settings() -> PluginSettings | Iterable[PluginSettings] | None:
    """Declare the plugin's settings.

    Fires first, before any adapter is built, so that the hub can resolve every plugin's
    configuration from the environment and the settings table and show it in the dashboard.

    Returns:
        One declaration, several, or ``None`` for a plugin without settings.
    """


@hookspec
def register_http_mounts(hub: Hub) -> Mapping[str, httpx.AsyncBaseTransport] | None:
    """Contribute transports to the hub's shared HTTP client (proxy routing).

    Keys are httpx mount patterns such as ``"all://booking.example.org"``. Fires before the
    other registration hooks; the hub builds one ``httpx.AsyncClient`` from all mounts.
    Two plugins mounting the same pattern stop start-up.
    """


@hookspec
def register_tour_providers(hub: Hub) -> Iterable[TourProvider] | None:
    """Return ``TourProvider`` adapters built from ``hub.plugin_config`` and ``hub.http``.

    Return nothing when the plugin is not configured.
    """


@hookspec
def register_channels(hub: Hub) -> Iterable[Channel] | None:
    """Return channel adapters, one per channel name this plugin delivers to."""


@hookspec
def register_crms(hub: Hub) -> Iterable[CRM] | None:
    """Return CRM adapters."""


@hookspec
def register_assistants(hub: Hub) -> Iterable[Assistant] | None:
    """Return assistants; the hub uses the first non-fallback one, the rules assistant otherwise."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``crystalbay`` command line.

    Fires when the command line is built, before any hub exists; commands that need a hub
    build one with ``crystalbay.cli.open_hub``.
    """


# ---------------------------------------------------------------------------------------------
# Lifecycle
# ---------------------------------------------------------------------------------------------


@hookspec
def startup(hub: Hub) -> Awaitable[None] | None:
    """Fires once the hub is started (database migrated, adapters registered).

    May return an awaitable (e.g. to register a webhook with a vendor); failures are logged
    and do not stop other plugins.
    """


@hookspec
def shutdown(hub: Hub) -> Awaitable[None] | None:
    """Fires when the hub closes, before the database and HTTP client are closed."""


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------


@hookspec
def on_event(hub: Hub, event: Event) -> Awaitable[None] | None:
    """Fires after a domain change is committed (lead created, stage changed, message, ...).

    May return an awaitable. One plugin raising is logged and isolated from the rest; durable
    work (CRM sync, sending) belongs in the outbox, not here.
    """
