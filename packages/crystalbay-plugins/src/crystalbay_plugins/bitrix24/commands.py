"""``crystalbay bitrix setup`` and ``crystalbay bitrix sync --since DATE``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from crystalbay.errors import ConfigurationError
from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.backfill import BackfillSummary, sync_since
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME, BitrixConfig
from crystalbay_plugins.bitrix24.pipeline import SetupReport, setup_pipeline

if TYPE_CHECKING:
    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub
    from crystalbay_plugins.bitrix24.sync import SyncResult

__all__ = ["bitrix", "require_crm", "run_setup", "run_sync"]

_DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


def require_crm(hub: Hub) -> Bitrix24CRM:
    """The hub's Bitrix24 adapter.

    Raises:
        ConfigurationError: The plugin is not configured.
    """
    crm = hub.crms.get(PLUGIN_NAME)
    if not isinstance(crm, Bitrix24CRM):
        raise ConfigurationError(
            "Bitrix24 is not configured: set BITRIX_WEBHOOK_URL to the incoming webhook URL "
            "(https://<portal>/rest/<user>/<code>/)",
            field="BITRIX_WEBHOOK_URL",
        )
    return crm


async def run_setup(hub: Hub, *, name: str | None = None, lang: str = "ru") -> SetupReport:
    """Create or complete the travel pipeline and store the stage map if it changed."""
    crm = require_crm(hub)
    config = hub.plugin_config(PLUGIN_NAME, BitrixConfig)
    pipeline = name or (config.pipeline_name if config else "")
    current = await crm.stage_maps.get()
    report = await setup_pipeline(crm.api, name=pipeline, current=current, lang=lang)
    if report.stage_map != current:
        await crm.stage_maps.put(report.stage_map)
    return report


async def run_sync(hub: Hub, since: datetime, *, echo: bool = True) -> BackfillSummary:
    """Sync the leads updated since ``since`` (naive times are UTC), printing one line each."""
    moment = since if since.tzinfo else since.replace(tzinfo=UTC)

    def progress(lead: Lead, result: SyncResult) -> None:
        if echo:
            click.echo(f"lead {lead.id} -> deal {result.deal_ref} (+{result.comments} comments)")

    return await sync_since(hub, require_crm(hub), moment, progress=progress)


@click.group("bitrix")
def bitrix() -> None:
    """Bitrix24 CRM: the deal pipeline and lead sync."""


@bitrix.command("setup")
@click.option("--name", default=None, help="Pipeline name (default: the pipeline_name setting).")
@click.option("--lang", type=click.Choice(["ru", "en"]), default="ru", show_default=True)
def setup(name: str | None, lang: str) -> None:
    """Create the travel deal pipeline with its stages (safe to run again)."""
    from crystalbay.cli import open_hub, run_async  # noqa: PLC0415 - the CLI loads this plugin

    async def body() -> SetupReport:
        async with open_hub() as hub:
            return await run_setup(hub, name=name, lang=lang)

    report = run_async(body)()
    mapping = report.stage_map
    state = "created" if report.created_category else "found"
    click.echo(f"pipeline {mapping.category_id} {state}; new stages: {len(report.created_stages)}")
    for local, remote in mapping.stages.items():
        click.echo(f"  {local.value:<17} -> {remote}")
    click.echo(f"  {'won':<17} -> {mapping.won}\n  {'lost':<17} -> {mapping.lost}")


@bitrix.command("sync")
@click.option("--since", required=True, type=click.DateTime(_DATE_FORMATS), help="UTC date/time.")
def sync(since: datetime) -> None:
    """Sync every lead updated since DATE: contact, deal and new messages."""
    from crystalbay.cli import open_hub, run_async  # noqa: PLC0415

    async def body() -> BackfillSummary:
        async with open_hub() as hub:
            return await run_sync(hub, since)

    summary = run_async(body)()
    click.echo(f"synced {len(summary.synced)} leads, {len(summary.failed)} failed")
    for lead_id, reason in summary.failed.items():
        click.echo(f"  lead {lead_id}: {reason}", err=True)
    if summary.failed:
        sys.exit(1)
