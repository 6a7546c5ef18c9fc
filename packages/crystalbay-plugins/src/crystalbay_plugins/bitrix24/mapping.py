"""Hub values -> Bitrix24 fields (contacts, deals, timeline comments)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.messages import Direction
from crystalbay_plugins.bitrix24.models import ContactFields, DealFields, MultiField

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead, TripBrief
    from crystalbay.domain.messages import Message
    from crystalbay_plugins.bitrix24.models import BitrixContact
    from crystalbay_plugins.bitrix24.stages import StageMap

__all__ = [
    "ORIGINATOR",
    "Money",
    "brief_summary",
    "comment_text",
    "contact_fields",
    "contact_update",
    "deal_fields",
    "digits",
]

ORIGINATOR = "crystalbay"
"""``ORIGINATOR_ID`` of everything the hub creates; ``ORIGIN_ID`` holds the hub's id."""

_SOURCES = {"email": "EMAIL", "widget": "WEB", "api": "WEB", "phone": "CALL"}
"""Lead source -> default ``SOURCE_ID`` (contract 1.5); anything else is ``OTHER``."""

Money = tuple[float, str]
"""An amount and its currency code, e.g. ``(1500.0, "USD")``."""


def digits(phone: str) -> str:
    """Digits of a phone, for comparing numbers written differently."""
    return "".join(ch for ch in phone if ch.isdigit())


def contact_fields(contact: Contact) -> ContactFields:
    """Fields of a new contact: name, phones, e-mails, and the hub's id as the origin."""
    return ContactFields(
        name=contact.name or (contact.phones or contact.emails or ("—",))[0],
        phone=[MultiField(value=p, value_type="MOBILE") for p in contact.phones] or None,
        email=[MultiField(value=e, value_type="WORK") for e in contact.emails] or None,
        originator_id=ORIGINATOR if contact.id is not None else None,
        origin_id=str(contact.id) if contact.id is not None else None,
        opened="Y",
    )


def contact_update(contact: Contact, found: BitrixContact) -> ContactFields | None:
    """What to add to an existing Bitrix contact, or ``None`` when it already has it all.

    Phones and e-mails missing in Bitrix are appended (items without ``ID``, contract 1.6);
    nothing is deleted there, and a name typed in Bitrix is kept unless it is empty.
    """
    have_phones = {digits(p.value) for p in found.phone}
    have_emails = {e.value.strip().lower() for e in found.email}
    phones = [
        MultiField(value=p, value_type="MOBILE")
        for p in contact.phones
        if digits(p) not in have_phones
    ]
    emails = [
        MultiField(value=e, value_type="WORK") for e in contact.emails if e not in have_emails
    ]
    name = contact.name if contact.name and not (found.name or "").strip() else None
    if not (phones or emails or name):
        return None
    return ContactFields(name=name, phone=phones or None, email=emails or None)


def deal_fields(
    lead: Lead,
    stage_map: StageMap,
    *,
    contact_id: int | None,
    users: Mapping[str, int],
    amount: Money | None = None,
) -> DealFields:
    """All fields the hub owns on a lead's deal (``CATEGORY_ID`` is only used on add)."""
    brief = lead.brief
    return DealFields(
        title=lead.title,
        category_id=stage_map.category_id,
        stage_id=stage_map.deal_stage(lead.stage, lead.outcome),
        opportunity=amount[0] if amount else None,
        currency_id=amount[1].upper() if amount else None,
        is_manual_opportunity="Y" if amount else None,
        assigned_by_id=users.get(lead.assignee) if lead.assignee else None,
        contact_ids=[contact_id] if contact_id is not None else None,
        begindate=lead.created_at.date().isoformat(),
        closedate=brief.date_from.isoformat() if brief.date_from else None,
        source_id=_SOURCES.get(lead.source, "OTHER"),
        source_description=lead.source,
        comments=brief_summary(brief) or None,
        originator_id=ORIGINATOR,
        origin_id=str(lead.id),
        opened="Y",
    )


def brief_summary(brief: TripBrief) -> str:
    """The trip brief in one line for the deal's comments, e.g. ``Turkey, Antalya; 7-10 nights``."""
    where = ", ".join(x for x in (brief.country, brief.resort) if x)
    parts = [where] if where else []
    if brief.departure_city:
        parts.append(f"from {brief.departure_city}")
    if brief.date_from:
        until = f" – {brief.date_to.isoformat()}" if brief.date_to else ""
        parts.append(f"{brief.date_from.isoformat()}{until}")
    if brief.nights_min:
        more = (
            f"-{brief.nights_max}"
            if brief.nights_max and brief.nights_max != brief.nights_min
            else ""
        )
        parts.append(f"{brief.nights_min}{more} nights")
    if brief.adults:
        kids = f" + {len(brief.child_ages)} children" if brief.child_ages else ""
        parts.append(f"{brief.adults} adults{kids}")
    if brief.budget:
        parts.append(f"budget {brief.budget.amount:g} {brief.budget.currency}")
    return "; ".join(parts)


def comment_text(message: Message) -> str:
    """A conversation message as a timeline comment: who, where, when, then the text."""
    who = "Customer" if message.direction is Direction.INBOUND else (message.author or "Manager")
    when = message.created_at.strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"{who} · {message.channel} · {when}"]
    if message.text:
        lines.append(message.text)
    lines += [f"[{a.kind}] {a.url}" for a in message.attachments]
    return "\n".join(lines)
