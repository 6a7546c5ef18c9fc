"""``crystalbay wazzup connect`` and ``crystalbay wazzup channels``."""

from __future__ import annotations

import click

from crystalbay.errors import ConfigurationError
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import PLUGIN_NAME, WazzupConfig
from crystalbay_plugins.wazzup24.connect import connect as register_webhook

__all__ = ["wazzup"]


@click.group()
def wazzup() -> None:
    """Wazzup24: WhatsApp, Instagram and Telegram through one account."""


@wazzup.command("connect")
@click.option("--force", is_flag=True, help="Register again even if Wazzup already has it.")
def connect_command(*, force: bool) -> None:
    """Register PUBLIC_URL/webhooks/wazzup24/<secret> for messages and statuses.

    The hub must already be serving at PUBLIC_URL: Wazzup test-posts to it while registering.
    """
    from crystalbay.cli import open_hub, run_async  # noqa: PLC0415 - the CLI loads this module

    async def body() -> str:
        async with open_hub() as hub:
            config = _config(hub.plugin_config(PLUGIN_NAME, WazzupConfig))
            if not hub.settings.public_url:
                raise ConfigurationError(
                    "set PUBLIC_URL to the hub's public https address first", field="PUBLIC_URL"
                )
            return await register_webhook(
                WazzupClient(config, hub.http), hub.settings.public_url, force=force
            )

    click.echo(f"Wazzup24 delivers messages and statuses to {_masked(run_async(body)())}")


@wazzup.command("channels")
def channels_command() -> None:
    """List the account's channels and their state."""
    from crystalbay.cli import open_hub, run_async  # noqa: PLC0415

    async def body() -> list[tuple[str, str, str, str]]:
        async with open_hub() as hub:
            config = _config(hub.plugin_config(PLUGIN_NAME, WazzupConfig))
            found = await WazzupClient(config, hub.http).list_channels()
            return [(c.channel_id, c.transport, c.plain_id or "", c.state) for c in found]

    rows = run_async(body)()
    if not rows:
        click.echo("The account has no channels; add one in Wazzup24 first.")
    for channel_id, transport, plain_id, state in rows:
        click.echo(f"{channel_id}  {transport:<12} {plain_id:<16} {state}")


def _config(config: WazzupConfig | None) -> WazzupConfig:
    if config is None:
        raise ConfigurationError(
            "Wazzup24 is not configured: set WAZZUP_API_KEY", field="WAZZUP_API_KEY"
        )
    return config


def _masked(uri: str) -> str:
    """The registered address with the secret path segment hidden."""
    head, _, secret = uri.rpartition("/")
    return f"{head}/{secret[:4]}…" if secret else uri
