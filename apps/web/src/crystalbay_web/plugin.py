"""Hooks of the web app: the ``serve`` command, and live updates from every process."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from crystalbay.hookspecs import hookimpl
from crystalbay_web.live import live_events
from crystalbay_web.serve import serve

if TYPE_CHECKING:
    from crystalbay.hub import Hub

__all__ = ["register_commands", "startup"]


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay serve``."""
    cli.add_command(serve)


@hookimpl
def startup(hub: Hub) -> None:
    """With ``REDIS_URL``, publish this process's events (a worker's, say) to every dashboard."""
    if hub.settings.redis_url:
        live_events(hub)
