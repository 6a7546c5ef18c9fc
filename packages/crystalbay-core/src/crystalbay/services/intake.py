"""Lead capture from the website widget and third-party systems (``POST /api/v1/leads/import``)."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import TYPE_CHECKING

import asyncpg
import msgspec

from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.errors import Conflict, InvalidValue
from crystalbay.events import Event, LeadCreated, MessageReceived
from crystalbay.storage.repositories import ConversationRepository, IdempotencyRepository

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead
    from crystalbay.services.contacts import ContactService
    from crystalbay.services.leads import LeadService

__all__ = ["ImportResult", "IntakeService", "LeadImport"]

_SCOPE = "leads.import"
_MAX_MESSAGE = 10_000


class LeadImport(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A lead from a form: who, how to reach them, what they wrote, where it came from."""

    name: str = ""
    phone: str | None = None
    email: str | None = None
    message: str = ""
    source: str = "api"


class ImportResult(msgspec.Struct, frozen=True, kw_only=True):
    """The lead an import landed on; ``created`` is false for a replay or an existing lead."""

    lead_id: int
    contact_id: int
    created: bool
    replayed: bool = False


class IntakeService:
    """Turns a form submission into a contact, a lead and a stored message, exactly once."""

    def __init__(
        self, contacts: ContactService, leads: LeadService, emit: Callable[[Event], Awaitable[None]]
    ) -> None:
        self.contacts = contacts
        self.leads = leads
        self.emit = emit
        self.keys = IdempotencyRepository()
        self.conversations = ConversationRepository()

    async def import_lead(
        self, data: LeadImport, *, actor: str, idempotency_key: str | None = None
    ) -> ImportResult:
        """Capture a lead; the same ``idempotency_key`` returns the same result.

        Raises:
            InvalidValue: No phone or e-mail, or one of them is malformed.
            Conflict: The key was used before with a different request.
        """
        details = self._details(data)
        request_hash = hashlib.sha256(msgspec.json.encode(data)).hexdigest()
        if idempotency_key and (replay := await self._replay(idempotency_key, request_hash)):
            return replay
        try:
            result, events = await self._store(data, details, actor, idempotency_key, request_hash)
        except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
            # A concurrent request with the same key won the race; answer with its result.
            if idempotency_key and (replay := await self._replay(idempotency_key, request_hash)):
                return replay
            raise
        for event in events:
            await self.emit(event)
        return result

    def _details(self, data: LeadImport) -> Contact:
        if not (data.phone or data.email):
            raise InvalidValue("give a phone or an e-mail so that we can answer", field="phone")
        if len(data.message) > _MAX_MESSAGE:
            raise InvalidValue(f"message is longer than {_MAX_MESSAGE} characters", field="message")
        source = data.source.strip().lower()
        if not source or len(source) > 64 or not source.replace("_", "").replace("-", "").isalnum():  # noqa: PLR2004
            raise InvalidValue("source: 1-64 letters, digits, '-' or '_'", field="source")
        return self.contacts.normalized(
            name=data.name,
            phones=[data.phone] if data.phone else [],
            emails=[data.email] if data.email else [],
        )

    async def _replay(self, key: str, request_hash: str) -> ImportResult | None:
        found = await self.keys.find(_SCOPE, key)
        if found is None:
            return None
        stored_hash, lead_id = found
        if stored_hash != request_hash:
            raise Conflict(
                "this Idempotency-Key was already used with a different request; use a new key",
                field="Idempotency-Key",
            )
        lead = await self.leads.get(lead_id)
        return ImportResult(
            lead_id=lead.id, contact_id=lead.contact_id or 0, created=False, replayed=True
        )

    async def _store(
        self,
        data: LeadImport,
        details: Contact,
        actor: str,
        key: str | None,
        request_hash: str,
    ) -> tuple[ImportResult, list[Event]]:
        events: list[Event] = []
        source = data.source.strip().lower()
        async with self.leads.db.transaction():
            contact = await self.contacts.resolve(details)
            assert contact.id is not None  # noqa: S101 - stored contacts have ids
            lead = await self.leads.repo.find_open_for_contact(contact.id)
            created = lead is None
            if lead is None:
                lead = await self.leads.open_from_message(
                    contact.id,
                    source,
                    data.message,
                    actor=actor,
                    untitled=f"Request from {data.name or source}",
                )
                events.append(LeadCreated(lead_id=lead.id, source=source))
            # The normalised address: "8 (701) ..." and "+7701..." are one chat, not two.
            address = (details.emails or details.phones)[0]
            message_id = await self._store_message(
                data, lead, contact.id, source, actor, address=address
            )
            if message_id is not None:
                events.append(MessageReceived(message_id=message_id, lead_id=lead.id))
            if key:
                await self.keys.remember(_SCOPE, key, request_hash, lead.id)
        return ImportResult(lead_id=lead.id, contact_id=contact.id, created=created), events

    async def _store_message(
        self,
        data: LeadImport,
        lead: Lead,
        contact_id: int,
        source: str,
        actor: str,
        *,
        address: str,
    ) -> int | None:
        if not data.message.strip():
            return None
        conversation = await self.conversations.find(source, address)
        if conversation is None:
            conversation = await self.conversations.create(
                lead_id=lead.id, contact_id=contact_id, channel=source, chat_address=address
            )
        elif conversation.lead_id != lead.id:
            await self.conversations.relink(conversation.id, lead.id)
        message = await self.conversations.add_message(
            conversation_id=conversation.id,
            direction=Direction.INBOUND,
            channel=source,
            text=data.message.strip(),
            status=DeliveryStatus.RECEIVED,
            chat_address=address,
            author=data.name or None,
        )
        await self.leads.repo.add_activity(
            lead.id, actor=actor, action="message", note=message.text
        )
        return message.id
