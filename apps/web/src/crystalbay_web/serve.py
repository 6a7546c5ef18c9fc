"""``crystalbay serve``: run the web app with uvicorn."""

from __future__ import annotations

import asyncio
import secrets

import click
import uvicorn

from crystalbay.domain.accounts import Role
from crystalbay.errors import CrystalBayError
from crystalbay.hub import Hub
from crystalbay.settings import Settings

__all__ = ["serve"]


async def _first_admin(hub: Hub) -> str | None:
    """Create an ``admin`` account with a random password when there is no user yet."""
    if await hub.accounts.repo.list_users():
        return None
    password = secrets.token_urlsafe(12)
    await hub.accounts.create_user("admin", password, Role.ADMIN, "Administrator")
    hub.settings.home.mkdir(parents=True, exist_ok=True)
    path = hub.settings.home / "initial_admin_password"
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


async def _prepare(settings: Settings) -> tuple[str, str | None]:
    """Migrate, validate plugins and make the first admin; return the database shown to people."""
    async with Hub(settings) as hub:
        return hub.db.display_url, await _first_admin(hub)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Run the dashboard, the JSON API and the webhooks."""
    try:
        settings = Settings.from_env()
        database, password = asyncio.run(_prepare(settings))
    except CrystalBayError as exc:
        raise click.ClickException(exc.detail) from exc
    base = f"http://{host}:{port}"
    click.echo(f"Crystal Bay hub on {base}  (database: {database})")
    click.echo(f"  dashboard: {base}/   API: {base}/api/v1   OpenAPI: {base}/schema/openapi.json")
    if password:
        click.echo(f"  log in as 'admin' with password {password}")
        click.echo(f"  (also saved in {settings.home / 'initial_admin_password'})")
    else:
        click.echo(
            "  log in with your account; add one with `crystalbay user create NAME --role admin`"
        )
    click.echo("  API key for /api/v1: `crystalbay apikey create NAME`")
    from crystalbay_web.asgi import create_app  # noqa: PLC0415 - the whole app, only to serve

    uvicorn.run(create_app(Hub(settings)), host=host, port=port, log_level="info")
