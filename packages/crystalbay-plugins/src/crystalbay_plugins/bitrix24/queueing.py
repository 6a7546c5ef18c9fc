"""Queueing the plugin's jobs, gathered per time slot: one sync per lead and ``sync_window``.

Time is cut into slots of ``sync_window`` seconds (2 by default). Every change of lead 7 in slot
``n`` maps to the key ``lead-7-w<n>`` of ``bitrix24.sync_lead``, a job due when the slot ends. A
``(kind, key)`` pair is unique forever and a finished job never runs again, so a job must not
start before the last change it stands for: being due at the end of its slot, it starts after
every change that mapped to it was committed, and a later change falls into a later slot with a
job of its own. A burst of changes thus costs one sync per lead and slot, and nothing is missed.
Should the slot's job have started already all the same (another process whose clock runs
ahead), the change gets a job of its own. Events of one deal are gathered the same way
(``deal-42-w<n>`` of ``bitrix24.deal_changed``), which also folds the echoes of the hub's own
writes. The sync is idempotent, so an extra run costs requests, not duplicates.
"""

from __future__ import annotations

import math
import time
import uuid
from typing import TYPE_CHECKING

import msgspec

from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.config import DEFAULT_SYNC_WINDOW, PLUGIN_NAME, BitrixConfig
from crystalbay_plugins.bitrix24.triggers import lead_to_sync

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from crystalbay.events import Event
    from crystalbay.hub import Hub

__all__ = [
    "DEAL_CHANGED",
    "SYNC_LEAD",
    "DealRef",
    "LeadRef",
    "enqueue_deal_change",
    "enqueue_lead_sync",
    "queue_sync_for",
    "slot_key",
]

SYNC_LEAD = "bitrix24.sync_lead"
DEAL_CHANGED = "bitrix24.deal_changed"

_MARGIN = 0.01  # seconds after the slot's end, against rounding


class LeadRef(msgspec.Struct, frozen=True, kw_only=True):
    """Payload of ``bitrix24.sync_lead``."""

    lead_id: int


class DealRef(msgspec.Struct, frozen=True, kw_only=True):
    """Payload of ``bitrix24.deal_changed``."""

    deal_id: int


def slot_key(prefix: str, window: float, now: float) -> tuple[str, float]:
    """The key of the slot ``now`` falls in, and the seconds until that slot is over."""
    slot = math.floor(now / window)
    return f"{prefix}-w{slot}", max(0.0, (slot + 1) * window - now) + _MARGIN


async def enqueue_lead_sync(hub: Hub, lead_id: int, *, now: float | None = None) -> int:
    """Queue a sync of the lead, due at the end of the current slot; return the job id."""
    return await _enqueue(hub, SYNC_LEAD, f"lead-{lead_id}", LeadRef(lead_id=lead_id), now)


async def enqueue_deal_change(hub: Hub, deal_id: int, *, now: float | None = None) -> int:
    """Queue a re-read of the deal, due at the end of the current slot; return the job id."""
    return await _enqueue(hub, DEAL_CHANGED, f"deal-{deal_id}", DealRef(deal_id=deal_id), now)


def queue_sync_for(hub: Hub, event: Event) -> Coroutine[object, object, None] | None:
    """For ``on_event``: queue a sync of the lead ``event`` concerns, if it calls for one."""
    lead_id = lead_to_sync(event)
    if lead_id is None or not isinstance(hub.crms.get(PLUGIN_NAME), Bitrix24CRM):
        return None
    return _queue(hub, lead_id)


async def _queue(hub: Hub, lead_id: int) -> None:
    await enqueue_lead_sync(hub, lead_id)


async def _enqueue(hub: Hub, kind: str, prefix: str, payload: object, now: float | None) -> int:
    config = hub.plugin_config(PLUGIN_NAME, BitrixConfig)
    window = config.sync_window if config else DEFAULT_SYNC_WINDOW
    key, delay = slot_key(prefix, window, time.time() if now is None else now)
    # The delay is never 0, so the sweeper starts the job when it is due: no wake-up here.
    job_id, new = await hub.jobs.add(kind, key, payload, delay=delay)
    if not new and await _started(hub, job_id):
        job_id, _ = await hub.jobs.add(kind, f"{key}-{uuid.uuid4().hex[:8]}", payload, delay=delay)
    return job_id


async def _started(hub: Hub, job_id: int) -> bool:
    """True when the job may have read the state already (running, finished or given up)."""
    row = await hub.jobs.repo.get(job_id)
    return row is not None and row["status"] != "pending"
