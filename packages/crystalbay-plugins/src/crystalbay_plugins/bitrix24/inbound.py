"""Deal changes made in Bitrix24 -> the hub's leads (the job behind ``ONCRMDEALUPDATE``).

The web route verifies the event (:func:`~crystalbay_plugins.bitrix24.events.read_event`),
enqueues ``apply_deal_change(deal_id)`` and answers 200. The job re-reads the deal (the event
carries only its id) and changes the lead only when the deal says something new. Two guards
keep a change from bouncing between the systems:

1. the adapter remembers the stage it last wrote to each deal (:meth:`Bitrix24CRM.wrote_stage`):
   an event for that stage is our own echo, even if the lead has moved on locally since;
2. :func:`~crystalbay_plugins.bitrix24.stages.remote_change` is ``None`` when the deal's stage
   already matches the lead (works across processes and restarts).

Lead changes made here carry ``actor="bitrix24"``; the outbox sync may skip those, but need
not: writing the same stage back is an idempotent update that triggers no further change.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import msgspec

from crystalbay.errors import InvalidTransition, NotFound
from crystalbay.services.leads import LeadChanges
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME
from crystalbay_plugins.bitrix24.errors import BitrixNotFound
from crystalbay_plugins.bitrix24.mapping import ORIGINATOR
from crystalbay_plugins.bitrix24.stages import remote_change

if TYPE_CHECKING:
    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub
    from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM

__all__ = ["apply_deal_change"]

logger = logging.getLogger("crystalbay.plugins.bitrix24")


async def apply_deal_change(hub: Hub, crm: Bitrix24CRM, deal_id: int) -> Lead | None:
    """Bring the deal's lead to the deal's stage or outcome; return the changed lead.

    Returns ``None`` when nothing changed: a deleted deal, a deal the hub did not create, our
    own echo, a stage the map does not know, or a move the pipeline rules refuse (logged; the
    next sync of the lead writes the hub's stage back to the deal).
    """
    found = await _deal_and_lead(hub, crm, deal_id)
    if found is None:
        return None
    stage_id, lead = found
    change = remote_change(stage_id, lead, await crm.stage_maps.require())
    if change is None:
        return None
    values = {k: v for k, v in msgspec.structs.asdict(change).items() if v is not None}
    try:
        return await hub.leads.change(lead.id, LeadChanges(**values), actor=PLUGIN_NAME)
    except InvalidTransition as exc:
        logger.warning("bitrix24: deal %s moved to %s, refused locally: %s", deal_id, stage_id, exc)
        return None


async def _deal_and_lead(hub: Hub, crm: Bitrix24CRM, deal_id: int) -> tuple[str, Lead] | None:
    """The deal's stage and the hub's lead, unless the deal is gone, foreign or our echo."""
    try:
        deal = await crm.get_deal(deal_id)
    except BitrixNotFound:
        return None
    stage_id, origin = deal.stage_id or "", deal.origin_id or ""
    if (
        deal.originator_id != ORIGINATOR
        or not origin.isdigit()
        or crm.wrote_stage(deal.id, stage_id)
    ):
        return None
    try:
        return stage_id, await hub.leads.get(int(origin))
    except NotFound:
        return None
