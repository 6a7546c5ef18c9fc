"""Sync one lead to Bitrix24: contact, deal, and the conversation as timeline comments.

Independent of ``on_event``: an outbox job, the backfill command and tests call it alike.
Idempotent: the contact and the deal are found before anything is created, and comments are
added only for messages newer than the watermark kept on the lead
(``external_ids["bitrix24:last_message"]``). The caller stores :func:`external_ids_after` on the
lead; until it does, a repeated sync may post the same comments again (at-least-once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from crystalbay_plugins.bitrix24.config import PLUGIN_NAME
from crystalbay_plugins.bitrix24.mapping import Money, comment_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead
    from crystalbay.domain.messages import Message
    from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM

__all__ = ["COMMENTS_KEY", "SyncResult", "external_ids_after", "sync_lead"]

COMMENTS_KEY = f"{PLUGIN_NAME}:last_message"
"""``Lead.external_ids`` key of the id of the last message posted as a comment."""


class SyncResult(msgspec.Struct, frozen=True, kw_only=True):
    """What one sync wrote.

    Attributes:
        contact_ref: The Bitrix contact id, when the lead has a contact.
        deal_ref: The Bitrix deal id.
        comments: Comments added by this sync.
        last_message_id: The newest message posted so far (the new watermark).
    """

    contact_ref: str | None
    deal_ref: str
    comments: int
    last_message_id: int | None


async def sync_lead(
    crm: Bitrix24CRM,
    lead: Lead,
    contact: Contact | None,
    messages: Sequence[Message] = (),
    *,
    amount: Money | None = None,
) -> SyncResult:
    """Upsert the contact and the deal, then post the messages not posted yet.

    Args:
        crm: The adapter.
        lead: The lead, with ``external_ids`` as last stored.
        contact: The lead's contact, if any.
        messages: The lead's messages (any order); older ones than the watermark are skipped.
        amount: The deal amount and currency (e.g. the booking's price), when known.
    """
    contact_ref = await crm.upsert_contact(contact) if contact is not None else None
    deal_ref = await crm.upsert_deal(lead, contact_ref=contact_ref, amount=amount)
    watermark = _watermark(lead)
    new = sorted((m for m in messages if watermark is None or m.id > watermark), key=lambda m: m.id)
    if new:
        await crm.add_comments(deal_ref, [comment_text(m) for m in new])
    return SyncResult(
        contact_ref=contact_ref,
        deal_ref=deal_ref,
        comments=len(new),
        last_message_id=new[-1].id if new else watermark,
    )


def external_ids_after(lead: Lead, result: SyncResult) -> dict[str, str] | None:
    """The lead's ``external_ids`` with the deal id and watermark, or ``None`` if unchanged.

    The watermark never moves back: a lead re-read after a concurrent sync may already hold a
    newer one.
    """
    updated = dict(lead.external_ids)
    updated[PLUGIN_NAME] = result.deal_ref
    if result.last_message_id is not None and result.last_message_id > (_watermark(lead) or 0):
        updated[COMMENTS_KEY] = str(result.last_message_id)
    return updated if updated != lead.external_ids else None


def _watermark(lead: Lead) -> int | None:
    raw = lead.external_ids.get(COMMENTS_KEY, "")
    return int(raw) if raw.isdigit() else None
