"""Built-in ``crystalbay plugin new``: generate a plugin package whose tests pass at once.

The package has an entry point, a config Struct, a vendor client, the adapter, a fake of the
vendor over real HTTP and tests that run the hub's conformance suite against it. See
:mod:`crystalbay.builtin.plugin_render` for the templates.
"""

from __future__ import annotations

from pathlib import Path

import click

from crystalbay.builtin.plugin_render import KINDS, plugin_names, render_plugin
from crystalbay.errors import CrystalBayError
from crystalbay.hookspecs import hookimpl

__all__ = ["register_commands"]


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``crystalbay plugin new``."""
    cli.add_command(plugin)


@click.group()
def plugin() -> None:
    """Create plugins for the hub."""


@plugin.command("new")
@click.argument("name")
@click.option("--kind", type=click.Choice(list(KINDS)), required=True, help="The port it adds.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write it (default: ./crystalbay-NAME).",
)
def new(name: str, kind: str, directory: Path | None) -> None:
    """Generate the package of a new plugin NAME: entry point, settings, adapter, fake, tests."""
    try:
        target = directory or Path.cwd() / plugin_names(name).dist
        files = render_plugin(name, kind, target)
    except CrystalBayError as exc:
        raise click.ClickException(exc.detail) from exc
    click.echo(f"created {len(files)} files in {target}")
    click.echo(f"next: cd {target} && pip install -e '.[testing]' && pytest")
