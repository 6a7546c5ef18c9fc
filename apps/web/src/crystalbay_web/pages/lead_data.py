"""What the lead page shows: the lead, its contact, conversations, assistant and activity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec

from crystalbay.domain.activity import ActivityEntry
from crystalbay.domain.contacts import Contact
from crystalbay.domain.leads import Lead
from crystalbay.domain.messages import Conversation, Direction, Message
from crystalbay.errors import NotFound
from crystalbay.hub import Hub
from crystalbay.services.assistant_flow import StoredAnalysis
from crystalbay_web.sessions import SessionUser

__all__ = ["WHATSAPP", "WHATSAPP_WINDOW", "LeadView", "lead_view", "window_closed"]

WHATSAPP = "whatsapp"
WHATSAPP_WINDOW = timedelta(hours=24)
"""WhatsApp delivers free-form messages only within 24 h of the customer's last message."""

MESSAGES_SHOWN = 200


class LeadView(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the lead page renders.

    Attributes:
        closed_windows: Ids of WhatsApp conversations whose 24-hour window has closed.
        assignees: Who the user may assign the lead to (``None`` = nobody).
    """

    lead: Lead
    contact: Contact | None
    conversations: list[Conversation]
    messages: list[Message]
    closed_windows: list[int]
    analysis: StoredAnalysis | None
    activity: list[ActivityEntry]
    assignees: list[str]

    def conversation(self, conversation_id: int) -> Conversation | None:
        """One of the lead's conversations by id."""
        return next((c for c in self.conversations if c.id == conversation_id), None)


def window_closed(
    conversation: Conversation, messages: list[Message], now: datetime | None = None
) -> bool:
    """Whether a WhatsApp conversation's last inbound message is older than 24 hours."""
    if conversation.channel != WHATSAPP:
        return False
    inbound = [
        m.created_at
        for m in messages
        if m.conversation_id == conversation.id and m.direction is Direction.INBOUND
    ]
    return not inbound or (now or datetime.now(UTC)) - max(inbound) > WHATSAPP_WINDOW


async def _contact(hub: Hub, lead: Lead) -> Contact | None:
    if lead.contact_id is None:
        return None
    try:
        return await hub.contacts.get(lead.contact_id)
    except NotFound:
        return None


async def _assignees(hub: Hub, user: SessionUser) -> list[str]:
    if not user.is_admin:
        return [user.username]
    return [u.username for u in await hub.accounts.repo.list_users() if u.active]


async def lead_view(hub: Hub, user: SessionUser, lead: Lead) -> LeadView:
    """Load what the page shows about ``lead`` (already checked to be visible to ``user``)."""
    conversations = await hub.conversations.for_lead(lead.id)
    messages = await hub.conversations.lead_messages(lead.id, limit=MESSAGES_SHOWN)
    return LeadView(
        lead=lead,
        contact=await _contact(hub, lead),
        conversations=conversations,
        messages=messages,
        closed_windows=[c.id for c in conversations if window_closed(c, messages)],
        analysis=await hub.assistant_flow.latest(lead.id),
        activity=await hub.leads.activity(lead.id),
        assignees=await _assignees(hub, user),
    )
