"""``crystalbay bot``: run the customer bot by polling Telegram."""

from __future__ import annotations

import click

from crystalbay.cli import run_async
from crystalbay.hub import Hub
from crystalbay.settings import Settings

__all__ = ["bot_command"]


@click.command("bot")
@click.option(
    "--drop-pending", is_flag=True, help="Forget updates that arrived while the bot was down."
)
@run_async
async def bot_command(*, drop_pending: bool) -> None:
    """Run the Telegram bot (long polling; the web app serves the webhook instead).

    Needs TELEGRAM_BOT_TOKEN. Any registered webhook is removed first, because Telegram does
    not deliver updates to polling while a webhook is set.
    """
    from crystalbay_bot.runtime import TelegramBot  # noqa: PLC0415 - aiogram loads only here

    hub = Hub(Settings.from_env())
    await hub.start()  # a long-running process: it also runs background jobs
    try:
        runtime = TelegramBot.from_hub(hub)
        me = await runtime.bot.me()
        click.echo(f"polling as @{me.username} (Ctrl+C to stop)")
        await runtime.run_polling(drop_pending=drop_pending)
    finally:
        await hub.close()
