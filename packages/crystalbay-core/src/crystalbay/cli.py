"""The ``crystalbay`` command line.

Apps and plugins add subcommands through the ``register_commands`` hook.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import sys
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from crystalbay.domain.accounts import Role
from crystalbay.errors import CrystalBayError
from crystalbay.hub import Hub
from crystalbay.plugins import list_plugins, make_plugin_manager
from crystalbay.settings import Settings

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Coroutine

__all__ = ["cli", "main", "open_hub", "run_async"]

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.asynccontextmanager
async def open_hub(*, migrate: bool = True) -> AsyncIterator[Hub]:
    """Start a hub from the environment for one command."""
    settings = Settings.from_env()
    hub = Hub(settings)
    await hub.start(migrate=migrate, run_jobs=False)
    try:
        yield hub
    finally:
        await hub.close()


def run_async(func: Callable[P, Coroutine[object, object, R]]) -> Callable[P, R]:
    """Run an async command body; turn hub errors into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return asyncio.run(func(*args, **kwargs))
        except CrystalBayError as exc:
            raise click.ClickException(exc.detail) from exc

    return wrapper


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages.")
def cli(*, verbose: bool) -> None:
    """Crystal Bay hub: leads, conversations and tours for travel agencies."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("piccolo").setLevel(logging.DEBUG if verbose else logging.WARNING)


@cli.command()
@run_async
async def migrate() -> None:
    """Apply pending database migrations."""
    async with open_hub(migrate=False) as hub:
        from crystalbay.storage import migrate as run_migrations  # noqa: PLC0415

        report = await run_migrations()
        click.echo(report or "nothing to migrate")
        click.echo(f"database {hub.db.display_url} is up to date")


@cli.command("plugins")
@run_async
async def plugins_command() -> None:
    """List plugins: name, version, hooks implemented, configuration state."""
    async with open_hub() as hub:
        for info in list_plugins(hub.pm):
            names = {info.name} | set(hub.plugin_settings)
            status = hub.plugin_status(info.name) if info.name in names else "no settings"
            click.echo(
                f"{info.name:<18} {info.version or 'built-in':<10} {status:<15} "
                f"{', '.join(info.hooks)}"
            )


@cli.command()
@click.argument("plugin", required=False)
@run_async
async def check(plugin: str | None) -> None:
    """Run the connection check of every adapter (or of one plugin's adapters)."""
    failed = False
    async with open_hub() as hub:
        registries = (hub.tour_providers, hub.channels, hub.crms)
        for registry in registries:
            for name, adapter in registry.items():
                owner = registry.owners[name]
                if plugin and plugin not in (owner, name):
                    continue
                health = await adapter.check()
                failed |= not health.ok
                click.echo(f"{name:<18} {'ok' if health.ok else 'FAILED':<7} {health.detail}")
    if failed:
        sys.exit(1)


@cli.group()
def user() -> None:
    """Dashboard accounts."""


@user.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.MANAGER.value)
@click.option("--name", "display_name", default="", help="Display name.")
@click.password_option(help="Password (asked when omitted).")
@run_async
async def user_create(username: str, role: str, display_name: str, password: str) -> None:
    """Create a dashboard user (admin or manager)."""
    async with open_hub() as hub:
        created = await hub.accounts.create_user(username, password, Role(role), display_name)
        click.echo(f"created {created.role} {created.username}")


@cli.group()
def apikey() -> None:
    """API keys for /api/v1."""


@apikey.command("create")
@click.argument("name")
@run_async
async def apikey_create(name: str) -> None:
    """Create an API key; the key is printed alone on the last line (only a hash is stored)."""
    async with open_hub() as hub:
        key, secret = await hub.accounts.create_api_key(name)
        click.echo(
            f"API key {key.name!r} created (id {key.id}). Store it now; it is not shown again:"
        )
        click.echo(secret)


@cli.command()
@run_async
async def worker() -> None:
    """Run background jobs until stopped; start as many as you like, on any machine.

    With REDIS_URL, web processes wake workers through Redis at once; without it, workers
    find due jobs in the database every few seconds.
    """
    hub = Hub(Settings.from_env())
    await hub.start(run_jobs=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    via = "the database" if hub.jobs.in_process else "Redis"
    click.echo(f"worker {hub.jobs.worker} is running jobs (wake-ups through {via})", err=True)
    try:
        await stop.wait()
    finally:
        await hub.close()
    click.echo(f"worker {hub.jobs.worker} stopped", err=True)


@functools.cache
def _with_plugin_commands() -> click.Group:
    try:
        settings = Settings.from_env()
        pm = make_plugin_manager(allow=settings.plugins_allow)
    except CrystalBayError as exc:
        raise click.ClickException(exc.detail) from exc
    pm.hook.register_commands(cli=cli)
    return cli


def main() -> None:
    """Entry point of the ``crystalbay`` program."""
    _with_plugin_commands()()
