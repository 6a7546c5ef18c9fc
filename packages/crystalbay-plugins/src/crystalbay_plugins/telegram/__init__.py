"""Telegram: the customer bot's chats as the hub's ``telegram`` channel (Bot API).

Hook implementations only; see ``channel`` (the adapter), ``client`` (Bot API calls),
``errors`` (error mapping) and ``testing`` (a fake Bot API server). The bot itself lives in
the ``crystalbay_bot`` app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.telegram.channel import TelegramChannel
from crystalbay_plugins.telegram.client import TelegramClient
from crystalbay_plugins.telegram.config import PLUGIN_NAME, SETTINGS, TelegramConfig

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub
    from crystalbay.ports import Channel

__all__ = ["register_channels", "register_settings"]


@hookimpl
def register_settings() -> PluginSettings:
    """Declare ``TELEGRAM_BOT_TOKEN`` (required), the API URL, webhook secret, managers' chat."""
    return SETTINGS


@hookimpl
def register_channels(hub: Hub) -> Iterable[Channel]:
    """The ``telegram`` channel when a bot token is configured, nothing otherwise."""
    config = hub.plugin_config(PLUGIN_NAME, TelegramConfig)
    return [TelegramChannel(TelegramClient(config, hub.http))] if config else []
