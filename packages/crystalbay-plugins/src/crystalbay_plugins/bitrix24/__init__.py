"""Bitrix24: contacts and leads mirrored as deals on a travel pipeline (incoming webhook).

Hook implementations only; see ``adapter`` (the CRM port), ``commands`` (``crystalbay bitrix``),
``events`` (outbound events for ``POST /webhooks/bitrix24``), ``sync`` (one lead), ``jobs`` and
``queueing`` (the background sync and deal re-read, queued by ``on_event`` and the web route)
and ``testing`` (a fake Bitrix24 portal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.commands import bitrix
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME, SETTINGS, BitrixConfig
from crystalbay_plugins.bitrix24.jobs import register_jobs
from crystalbay_plugins.bitrix24.queueing import queue_sync_for

if TYPE_CHECKING:
    from collections.abc import Awaitable

    import click

    from crystalbay.config import PluginSettings
    from crystalbay.events import Event
    from crystalbay.hub import Hub
    from crystalbay.ports import CRM

__all__ = ["on_event", "register_commands", "register_crms", "register_settings", "startup"]


@hookimpl
def register_settings() -> PluginSettings:
    """Declare ``BITRIX_WEBHOOK_URL`` (required), the application token and the user map."""
    return SETTINGS


@hookimpl
def register_crms(hub: Hub) -> list[CRM]:
    """The ``bitrix24`` CRM when a webhook URL is configured, none otherwise."""
    config = hub.plugin_config(PLUGIN_NAME, BitrixConfig)
    return [Bitrix24CRM.from_config(config, hub.http)] if config else []


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay bitrix setup`` and ``crystalbay bitrix sync --since DATE``."""
    cli.add_command(bitrix)


@hookimpl
def startup(hub: Hub) -> None:
    """Register the ``bitrix24.sync_lead`` and ``bitrix24.deal_changed`` jobs when configured."""
    if isinstance(hub.crms.get(PLUGIN_NAME), Bitrix24CRM):
        register_jobs(hub)


@hookimpl
def on_event(hub: Hub, event: Event) -> Awaitable[None] | None:
    """Queue a sync of the changed lead; changes Bitrix24 itself caused are not sent back."""
    return queue_sync_for(hub, event)
