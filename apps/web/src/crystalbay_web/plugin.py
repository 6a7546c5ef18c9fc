"""Hooks of the web app: the ``serve`` command."""

from __future__ import annotations

import click

from crystalbay.hookspecs import hookimpl
from crystalbay_web.serve import serve

__all__ = ["register_commands"]


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay serve``."""
    cli.add_command(serve)
