"""The plugin's job handlers: a lead sync after local changes, a deal re-read after events.

``bitrix24.sync_lead`` runs :func:`~crystalbay_plugins.bitrix24.backfill.sync_one`;
``bitrix24.deal_changed`` runs :func:`~crystalbay_plugins.bitrix24.inbound.apply_deal_change`
and marks what it changes as caused by Bitrix24, so that it is not synced back. How the jobs are
queued and gathered per time slot is in :mod:`~crystalbay_plugins.bitrix24.queueing`.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from crystalbay.errors import IntegrationUnavailable, NotFound
from crystalbay.storage.tables import JobRow
from crystalbay_plugins.bitrix24.backfill import sync_one
from crystalbay_plugins.bitrix24.commands import require_crm
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME
from crystalbay_plugins.bitrix24.guards import KeyedLocks
from crystalbay_plugins.bitrix24.inbound import apply_deal_change
from crystalbay_plugins.bitrix24.queueing import DEAL_CHANGED, SYNC_LEAD, DealRef, LeadRef
from crystalbay_plugins.bitrix24.triggers import applying_remote_change

if TYPE_CHECKING:
    from crystalbay.hub import Hub
    from crystalbay.jobs import Job

__all__ = ["MAX_ATTEMPTS", "register_jobs"]

logger = logging.getLogger("crystalbay.plugins.bitrix24")

MAX_ATTEMPTS = 24
"""With the queue's backoff (2 s doubling, at most 10 min apart): 1.3 to 2.6 hours of outage."""


def register_jobs(hub: Hub) -> None:
    """Register both handlers on ``hub.jobs`` (once per hub, from the ``startup`` hook)."""
    locks = KeyedLocks()

    async def sync_lead_job(job: Job) -> None:
        lead_id = job.decode(LeadRef).lead_id
        # Syncs of one lead never overlap: in this process the lock waits, and a sync still
        # running in another worker sends this one back to the queue.
        async with locks.hold(f"lead:{lead_id}"):
            if await _earlier_sync_elsewhere(job, lead_id, hub.jobs.worker):
                raise IntegrationUnavailable(
                    f"lead {lead_id} is being synced by another worker; trying again later",
                    integration=PLUGIN_NAME,
                )
            try:
                await sync_one(hub, require_crm(hub), lead_id)
            except NotFound:
                logger.info("bitrix24: lead %s no longer exists; nothing to sync", lead_id)

    async def deal_changed_job(job: Job) -> None:
        with applying_remote_change():
            await apply_deal_change(hub, require_crm(hub), job.decode(DealRef).deal_id)

    hub.jobs.handler(SYNC_LEAD, max_attempts=MAX_ATTEMPTS, on_failed=_gave_up)(sync_lead_job)
    hub.jobs.handler(DEAL_CHANGED, max_attempts=MAX_ATTEMPTS, on_failed=_gave_up)(deal_changed_job)


async def _earlier_sync_elsewhere(job: Job, lead_id: int, worker: str) -> bool:
    """True while an earlier sync job of the lead runs in another process (its lease is live)."""
    row = (
        await JobRow.select(JobRow.id)
        .where(
            (JobRow.kind == SYNC_LEAD)
            & (JobRow.status == "running")
            & (JobRow.id < job.id)
            & JobRow.key.like(f"lead-{lead_id}-w%")
            & (JobRow.locked_by != worker)
            & (JobRow.locked_until > datetime.now(UTC))
        )
        .first()
    )
    return row is not None


async def _gave_up(job: Job, error: str) -> None:
    logger.error(
        "bitrix24: gave up %s %s after %d attempts (%s); once Bitrix24 works again, run "
        "`crystalbay bitrix sync --since <the day it broke>` to catch up",
        job.kind, job.key, job.attempts, error,
    )  # fmt: skip
