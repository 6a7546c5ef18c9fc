"""The customer behind a Telegram chat: their contact, lead, bookings and conversation.

A person is known by the channel identity ``telegram:<chat id>`` (a private chat's id is
the user's id), the same ``chat_address`` the inbox receives their messages under.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.bookings import Traveller
from crystalbay.domain.contacts import ChannelIdentity
from crystalbay.domain.messages import ConversationMode
from crystalbay.domain.pipeline import Outcome
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.storage.repositories import LeadFilter

if TYPE_CHECKING:
    from crystalbay.domain.bookings import Booking
    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead, TripBrief
    from crystalbay.domain.tours import TourOffer
    from crystalbay.hub import Hub

__all__ = [
    "CHANNEL",
    "actor",
    "find_contact_id",
    "hand_over",
    "identity",
    "open_lead",
    "request_booking",
]

CHANNEL = "telegram"


def identity(chat_id: int) -> ChannelIdentity:
    """How the hub knows the person behind a private chat."""
    return ChannelIdentity(channel=CHANNEL, address=str(chat_id))


def actor(chat_id: int) -> str:
    """The activity log's name for the customer in this chat."""
    return f"{CHANNEL}:{chat_id}"


async def find_contact_id(hub: Hub, chat_id: int) -> int | None:
    """The contact of this chat, without creating one."""
    points = [("identity", f"{CHANNEL}:{chat_id}")]
    ids = await hub.contacts.repo.find_by_points(points)
    return ids[0] if ids else None


async def open_lead(
    hub: Hub,
    chat_id: int,
    *,
    name: str,
    title: str,
    phone: str | None = None,
    brief: TripBrief | None = None,
) -> tuple[Contact, Lead]:
    """Find or create the contact and their open lead; record the brief on the lead.

    Raises:
        InvalidValue: The phone is not a phone number.
    """
    details = hub.contacts.normalized(
        name=name, phones=[phone] if phone else [], identities=[identity(chat_id)]
    )
    async with hub.db.transaction():
        contact = await hub.contacts.resolve(details)
    assert contact.id is not None  # noqa: S101 - stored contacts have ids
    found, _ = await hub.leads.list(
        LeadFilter(contact_id=contact.id, outcome=Outcome.OPEN, limit=1)
    )
    if not found:
        draft = LeadDraft(title=title, source=CHANNEL, contact_id=contact.id)
        lead = await hub.leads.create(draft, actor=actor(chat_id))
    else:
        lead = found[0]
    if brief is not None and (merged := _merged(lead.brief, brief)) != lead.brief:
        lead = await hub.leads.change(lead.id, LeadChanges(brief=merged), actor=actor(chat_id))
    return contact, lead


def _merged(known: TripBrief, new: TripBrief) -> TripBrief:
    """``known`` with every field the customer has now answered replaced."""
    answered = {
        name: getattr(new, name)
        for name in new.__struct_fields__
        if getattr(new, name) not in (None, ())
    }
    return msgspec.structs.replace(known, **answered)


async def request_booking(
    hub: Hub,
    chat_id: int,
    *,
    name: str,
    phone: str,
    offer: TourOffer,
    brief: TripBrief | None,
) -> tuple[Booking, Lead, Contact]:
    """Record the customer's booking request for ``offer`` on their lead.

    Raises:
        InvalidValue: The phone is not a phone number.
    """
    title = f"{offer.hotel}, {offer.resort} ({offer.check_in:%d.%m.%Y})"
    contact, lead = await open_lead(hub, chat_id, name=name, title=title, phone=phone, brief=brief)
    booking = await hub.bookings.request(
        lead.id, offer, (Traveller(name=name),), actor=actor(chat_id)
    )
    return booking, await hub.leads.get(lead.id), contact


async def hand_over(
    hub: Hub, chat_id: int, *, name: str, title: str, brief: TripBrief | None = None
) -> Lead:
    """Put the customer's Telegram conversation in manual mode: a manager answers now.

    Args:
        hub: The hub.
        chat_id: The customer's private chat.
        name: Their name, for a new contact.
        title: The title of a lead opened for them.
        brief: What they asked for so far, recorded on the lead.
    """
    contact, lead = await open_lead(hub, chat_id, name=name, title=title, brief=brief)
    assert contact.id is not None  # noqa: S101 - stored contacts have ids
    service = hub.conversations
    mine = [
        c
        for c in await service.for_lead(lead.id)
        if c.channel == CHANNEL and c.chat_address == str(chat_id)
    ]
    conversation = (
        mine[0]
        if mine
        else await service.open(lead.id, CHANNEL, str(chat_id), contact_id=contact.id)
    )
    await service.set_mode(conversation.id, ConversationMode.MANUAL, actor=actor(chat_id))
    return lead
