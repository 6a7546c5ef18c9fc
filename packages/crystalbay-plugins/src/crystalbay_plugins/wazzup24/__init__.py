"""Wazzup24: WhatsApp, Instagram, Telegram and more through one aggregator (v3 CRM API).

Hook implementations only; see ``channel`` (adapters), ``webhooks`` (deliveries), ``connect``
(webhook registration) and ``testing`` (a fake Wazzup24 server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.wazzup24.channel import build_channels
from crystalbay_plugins.wazzup24.commands import wazzup
from crystalbay_plugins.wazzup24.config import PLUGIN_NAME, SETTINGS, WazzupConfig

if TYPE_CHECKING:
    from collections.abc import Iterable

    import click

    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub
    from crystalbay.ports import Channel

__all__ = ["register_channels", "register_commands", "register_settings"]


@hookimpl
def register_settings() -> PluginSettings:
    """Declare ``WAZZUP_API_KEY`` (required), ``WAZZUP_API_URL``, the webhook secret and channel."""
    return SETTINGS


@hookimpl
def register_channels(hub: Hub) -> Iterable[Channel]:
    """One adapter per messenger when an API key is configured, none otherwise."""
    cfg = hub.plugin_config(PLUGIN_NAME, WazzupConfig)
    return build_channels(cfg, hub.http) if cfg else []


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay wazzup connect`` and ``crystalbay wazzup channels``."""
    cli.add_command(wazzup)
