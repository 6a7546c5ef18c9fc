"""``crystalbay bitrix sync --since DATE``: sync every lead updated since a moment."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crystalbay.domain.bookings import BookingStatus
from crystalbay.errors import Conflict, IntegrationError
from crystalbay.services.leads import LeadChanges
from crystalbay.storage.repositories import ConversationRepository, LeadFilter
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME
from crystalbay_plugins.bitrix24.sync import SyncResult, external_ids_after, sync_lead

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from crystalbay.domain.leads import Lead
    from crystalbay.domain.messages import Message
    from crystalbay.hub import Hub
    from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
    from crystalbay_plugins.bitrix24.mapping import Money

__all__ = ["BackfillSummary", "lead_messages", "store_refs", "sync_one", "sync_since"]

logger = logging.getLogger("crystalbay.plugins.bitrix24")

_PAGE = 200
_STORE_ATTEMPTS = 5


@dataclass
class BackfillSummary:
    """Leads synced and leads that failed (id -> reason)."""

    synced: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


async def sync_since(
    hub: Hub,
    crm: Bitrix24CRM,
    since: datetime,
    *,
    progress: Callable[[Lead, SyncResult], None] | None = None,
) -> BackfillSummary:
    """Sync every lead updated at or after ``since`` (oldest changes first).

    A lead that fails is reported and skipped; the others go on.

    Raises:
        IntegrationRejected: The pipeline is not set up (nothing is synced then).
    """
    await crm.stage_maps.require()
    summary = BackfillSummary()
    for lead_id in reversed(await _lead_ids_since(hub, since)):
        try:
            lead, result = await sync_one(hub, crm, lead_id)
        except IntegrationError as exc:
            logger.warning("bitrix24: lead %s was not synced: %s", lead_id, exc.detail)
            summary.failed[lead_id] = exc.detail
            continue
        summary.synced.append(lead_id)
        if progress is not None:
            progress(lead, result)
    return summary


async def sync_one(hub: Hub, crm: Bitrix24CRM, lead_id: int) -> tuple[Lead, SyncResult]:
    """Sync one lead from the database and store the deal id and watermark on it.

    This is also the body of the ``bitrix24.sync_lead`` job (:mod:`.jobs`).
    """
    lead = await hub.leads.get(lead_id)
    contact = await hub.contacts.get(lead.contact_id) if lead.contact_id is not None else None
    messages = await lead_messages(lead.id)
    result = await sync_lead(crm, lead, contact, messages, amount=await _amount(hub, lead.id))
    return await store_refs(hub, lead, result), result


async def store_refs(hub: Hub, lead: Lead, result: SyncResult) -> Lead:
    """Store the deal id and the watermark on the lead, merged into its current ``external_ids``.

    The comments are already posted, so losing this write would post them again: a concurrent
    change of the lead (a ``Conflict``) is met by re-reading it and writing again.
    """
    for _ in range(_STORE_ATTEMPTS - 1):
        with contextlib.suppress(Conflict):
            return await _store(hub, lead, result)
        lead = await hub.leads.get(lead.id)
    return await _store(hub, lead, result)


async def _store(hub: Hub, lead: Lead, result: SyncResult) -> Lead:
    external_ids = external_ids_after(lead, result)
    if external_ids is None:
        return lead
    changes = LeadChanges(external_ids=external_ids, version=lead.version)
    return await hub.leads.change(lead.id, changes, actor=PLUGIN_NAME)


async def lead_messages(lead_id: int) -> list[Message]:
    """Every message of the lead's conversations, oldest first."""
    repo = ConversationRepository()
    messages = [
        message
        for conversation in await repo.for_lead(lead_id)
        for message in await repo.messages(conversation.id, limit=100_000)
    ]
    return sorted(messages, key=lambda m: m.id)


async def _lead_ids_since(hub: Hub, since: datetime) -> list[int]:
    """Ids first, newest change first: syncing bumps ``updated_at`` and would reorder pages."""
    ids: list[int] = []
    offset = 0
    while True:
        leads, _ = await hub.leads.list(LeadFilter(limit=_PAGE, offset=offset))
        ids += [lead.id for lead in leads if lead.updated_at >= since]
        if len(leads) < _PAGE or leads[-1].updated_at < since:
            return ids
        offset += _PAGE


async def _amount(hub: Hub, lead_id: int) -> Money | None:
    """The newest live booking's price, as the deal amount."""
    bookings, _ = await hub.bookings.list(lead_id=lead_id, limit=20)
    for booking in bookings:
        if booking.status is not BookingStatus.CANCELLED:
            return booking.price, booking.currency
    return None
