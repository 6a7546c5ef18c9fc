"""SendGrid: the ``email`` channel (Mail Send), Inbound Parse and the signed Event Webhook.

Web routes (wired by the host) use :mod:`crystalbay_plugins.sendgrid.inbound` and
:mod:`crystalbay_plugins.sendgrid.events`; :mod:`crystalbay_plugins.sendgrid.testing` holds a
fake SendGrid for tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.sendgrid.channel import EmailChannel
from crystalbay_plugins.sendgrid.config import PLUGIN, SETTINGS, SendGridConfig

if TYPE_CHECKING:
    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub
    from crystalbay.ports import Channel


@hookimpl
def register_settings() -> PluginSettings:
    """Declare the ``SENDGRID_*`` settings."""
    return SETTINGS


@hookimpl
def register_channels(hub: Hub) -> list[Channel]:
    """The ``email`` channel, when SendGrid is configured."""
    cfg = hub.plugin_config(PLUGIN, SendGridConfig)
    return [EmailChannel(cfg, hub.http)] if cfg else []
