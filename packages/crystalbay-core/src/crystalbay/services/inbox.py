"""The inbox: every customer message lands here once, then a job ties it to a lead.

``receive`` is what webhooks call: it stores the message (unique per channel and vendor id)
and a processing job in one transaction and returns at once, so the vendor gets its answer in
milliseconds whatever the assistant's latency. The ``inbox.process`` job resolves the contact,
finds or opens the lead, appends the message to the conversation and hands it to the assistant.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.contacts import ChannelIdentity
from crystalbay.domain.messages import DeliveryStatus, InboundMessage
from crystalbay.errors import InvalidValue
from crystalbay.events import LeadCreated, MessageReceived, MessageStatusChanged
from crystalbay.storage.repositories import ConversationRepository
from crystalbay.storage.repositories.messages import MessageStore

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Collection

    from crystalbay.domain.contacts import Contact
    from crystalbay.events import Event
    from crystalbay.jobs import Job, JobQueue
    from crystalbay.services.contacts import ContactService
    from crystalbay.services.leads import LeadService
    from crystalbay.storage import Database

__all__ = ["Echo", "InboxService", "Receipt", "Sender"]

logger = logging.getLogger("crystalbay.inbox")

PROCESS = "inbox.process"
ANALYSE = "assistant.analyse"
ECHO = "inbox.echo"


class Echo(msgspec.Struct, frozen=True, kw_only=True):
    """An outgoing message a vendor reported back (our own send, or one from the phone)."""

    channel: str
    external_id: str
    chat_address: str
    text: str = ""
    author: str | None = None


class Receipt(msgspec.Struct, frozen=True, kw_only=True):
    """What ``receive`` did: the stored message, and whether it was seen before."""

    message_id: int
    duplicate: bool


class Sender(msgspec.Struct, frozen=True, kw_only=True):
    """Who wrote, as the channel told us; kept with the message until it is processed."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


class _Processed(msgspec.Struct, frozen=True, kw_only=True):
    lead_id: int
    created: bool


class InboxService:
    """Stores inbound messages durably and turns them into contacts, leads and conversations."""

    def __init__(
        self,
        db: Database,
        contacts: ContactService,
        leads: LeadService,
        jobs: JobQueue,
        emit: Callable[[Event], Awaitable[None]],
    ) -> None:
        self.db = db
        self.contacts = contacts
        self.leads = leads
        self.jobs = jobs
        self.emit = emit
        self.store = MessageStore()
        self.conversations = ConversationRepository()
        self.echo_delay = 5.0
        jobs.handler(PROCESS)(self._process_job)
        jobs.handler(ECHO)(self._echo_job)

    async def receive(self, message: InboundMessage) -> Receipt:
        """Store ``message`` and queue its processing; a redelivery changes nothing.

        Raises:
            InvalidValue: The message has no channel, id or chat address.
        """
        for field in ("channel", "external_id", "chat_address"):
            if not getattr(message, field).strip():
                raise InvalidValue(f"an inbound message needs a {field}", field=field)
        sender = Sender(name=message.sender_name, phone=message.phone, email=message.email)
        async with self.db.transaction():
            message_id, new = await self.store.add_inbound(
                message, msgspec.json.encode({"sender": sender}).decode()
            )
            job_id = (await self.jobs.add(PROCESS, str(message_id)))[0] if new else None
        if job_id is not None:
            await self.jobs.wake(job_id)
        return Receipt(message_id=message_id, duplicate=not new)

    async def update_status(
        self,
        channel: str | Collection[str],
        external_id: str,
        status: DeliveryStatus,
        error: str | None = None,
    ) -> bool:
        """Apply a vendor's delivery status to our message; False if unknown or not newer.

        Args:
            channel: The channel, or every channel the vendor serves (its ids are unique).
            external_id: The vendor's id of the message, as ``send`` returned it.
            status: The new status.
            error: Why it failed, for a person.
        """
        message_id = await self.store.find(channel, external_id)
        if message_id is None:
            return False
        return await self.update_status_of(message_id, status, error)

    async def update_status_of(
        self, message_id: int, status: DeliveryStatus, error: str | None = None
    ) -> bool:
        """Apply a status to our message ``message_id`` (found by its idempotency key)."""
        if not await self.store.set_status(message_id, status, error):
            return False
        await self.emit(MessageStatusChanged(message_id=message_id, status=status.value))
        return True

    async def record_echo(self, echo: Echo) -> None:
        """Keep an outgoing message written outside the hub (the phone, the vendor's app).

        Echoes of our own sends are recognised by their vendor id; since an echo can arrive
        before our send has recorded that id, the check runs as a job a few seconds later.
        """
        if await self.store.find(echo.channel, echo.external_id) is not None:
            return
        await self.jobs.enqueue(
            ECHO, f"{echo.channel}/{echo.external_id}", echo, delay=self.echo_delay
        )

    async def _echo_job(self, job: Job) -> None:
        echo = job.decode(Echo)
        if await self.store.find(echo.channel, echo.external_id) is not None:
            return  # our own send, recorded meanwhile
        conversation = await self.conversations.find(echo.channel, echo.chat_address)
        if conversation is None:
            # The customer's own message may still be on its way through the inbox: try again
            # later (the job gives up after its attempts, and the row keeps the reason).
            raise LookupError(f"no conversation for {echo.channel} chat {echo.chat_address} yet")
        message_id, new = await self.store.add_echo(
            conversation, echo.external_id, echo.text, echo.author
        )
        if new:
            await self.leads.repo.add_activity(
                conversation.lead_id, actor=echo.author or echo.channel, action="reply",
                note=echo.text[:500],
            )  # fmt: skip
            await self.emit(MessageStatusChanged(message_id=message_id, status="sent"))

    async def process(self, message_id: int) -> int | None:
        """Tie the stored message to a contact, a lead and a conversation (idempotent).

        Returns:
            The lead id, or ``None`` when the message was processed before.
        """
        row = await self.store.raw(message_id)
        if row is None or row["processed"]:
            return None
        sender = msgspec.json.decode(row["payload"], type=dict[str, Sender]).get("sender", Sender())
        details = self._details(row["channel"], row["chat_address"], sender)
        async with self.db.transaction():
            outcome = await self._link(message_id, row, details)
            if outcome is None:
                return None
            job_id, _ = await self.jobs.add(ANALYSE, str(message_id), {"message_id": message_id})
        if outcome.created:
            await self.emit(LeadCreated(lead_id=outcome.lead_id, source=row["channel"]))
        await self.emit(MessageReceived(message_id=message_id, lead_id=outcome.lead_id))
        await self.jobs.wake(job_id)
        return outcome.lead_id

    async def _process_job(self, job: Job) -> None:
        await self.process(int(job.key))

    def _details(self, channel: str, address: str, sender: Sender) -> Contact:
        identity = ChannelIdentity(channel=channel, address=address)
        phones = [sender.phone] if sender.phone else []
        emails = [sender.email] if sender.email else []
        try:
            return self.contacts.normalized(
                name=sender.name or "", phones=phones, emails=emails, identities=[identity]
            )
        except InvalidValue:
            # A vendor's odd phone or address must not lose the message: keep the identity.
            logger.warning("channel %s sent unusable contact details; kept the chat id", channel)
            return self.contacts.normalized(name=sender.name or "", identities=[identity])

    async def _link(
        self, message_id: int, row: dict[str, object], details: Contact
    ) -> _Processed | None:
        channel, address = str(row["channel"]), str(row["chat_address"])
        contact = await self.contacts.resolve(details)
        assert contact.id is not None  # noqa: S101 - stored contacts have ids
        lead = await self.leads.repo.find_open_for_contact(contact.id)
        created = lead is None
        if lead is None:
            lead = await self.leads.open_from_message(
                contact.id,
                channel,
                str(row["text"]),
                actor=channel,
                untitled=f"{contact.name or channel}: new request",
            )
        conversation = await self.conversations.find(channel, address)
        if conversation is None:
            conversation = await self.conversations.create(
                lead_id=lead.id, contact_id=contact.id, channel=channel, chat_address=address
            )
        elif conversation.lead_id != lead.id:
            await self.conversations.relink(conversation.id, lead.id)
        if not await self.store.link(message_id, conversation.id):
            return None
        note = str(row["text"])[:500] or "(attachment)"
        await self.leads.repo.add_activity(lead.id, actor=channel, action="message", note=note)
        return _Processed(lead_id=lead.id, created=created)
