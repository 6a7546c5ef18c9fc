"""Hooks of the Telegram bot app: the ``crystalbay bot`` command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl

if TYPE_CHECKING:
    import click

__all__ = ["register_commands"]


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay bot`` (polling mode)."""
    from crystalbay_bot.cli import bot_command  # noqa: PLC0415 - aiogram loads only when used

    cli.add_command(bot_command)
