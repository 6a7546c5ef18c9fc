"""Conversations and the outbox: replies are queued in the database and delivered by jobs."""

from __future__ import annotations

import builtins
import logging
import uuid
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.messages import (
    Attachment,
    Conversation,
    ConversationMode,
    DeliveryStatus,
    Direction,
    Message,
    OutboundMessage,
)
from crystalbay.errors import IntegrationRejected, InvalidValue
from crystalbay.events import MessageStatusChanged
from crystalbay.storage.repositories import ConversationRepository, LeadRepository
from crystalbay.storage.repositories.messages import MessageStore

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from crystalbay.events import Event
    from crystalbay.jobs import Job, JobQueue
    from crystalbay.ports import Channel
    from crystalbay.storage import Database

__all__ = ["ConversationService", "idempotency_key"]

logger = logging.getLogger("crystalbay.outbox")

DELIVER = "outbox.deliver"
MAX_TEXT = 4096


def idempotency_key(message_id: int) -> str:
    """The key a channel gets with our message ``message_id`` (Wazzup's ``crmMessageId``)."""
    return f"cb-{message_id}"


class ConversationService:
    """Reads conversations; queues, delivers and retries outbound messages.

    Args:
        db: The database.
        jobs: The job queue delivering the outbox.
        channels: The channel adapters by name (filled when the hub starts).
        emit: Publishes events after commit.
    """

    def __init__(
        self,
        db: Database,
        jobs: JobQueue,
        channels: Mapping[str, Channel],
        emit: Callable[[Event], Awaitable[None]],
    ) -> None:
        self.db = db
        self.jobs = jobs
        self.channels = channels
        self.emit = emit
        self.repo = ConversationRepository()
        self.store = MessageStore()
        self.leads = LeadRepository()
        jobs.handler(DELIVER, max_attempts=8, on_failed=self._delivery_failed)(self._deliver)

    # -- reading ------------------------------------------------------------------------------

    async def get(self, conversation_id: int) -> Conversation:
        """One conversation (raises NotFound)."""
        return await self.repo.get(conversation_id)

    async def list(
        self,
        *,
        channel: str | None = None,
        lead_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> builtins.list[Conversation]:
        """Conversations, newest first."""
        return await self.store.conversations(
            channel=channel, lead_id=lead_id, limit=limit, offset=offset
        )

    async def for_lead(self, lead_id: int) -> builtins.list[Conversation]:
        """The lead's conversations, oldest first."""
        return await self.repo.for_lead(lead_id)

    async def messages(self, conversation_id: int, *, limit: int = 200) -> builtins.list[Message]:
        """A conversation's messages, oldest first (raises NotFound)."""
        await self.repo.get(conversation_id)
        return await self.repo.messages(conversation_id, limit=limit)

    async def lead_messages(self, lead_id: int, *, limit: int = 200) -> builtins.list[Message]:
        """Messages of all the lead's conversations, oldest first."""
        ids = [c.id for c in await self.repo.for_lead(lead_id)]
        return await self.store.lead_messages(ids, limit)

    async def open(
        self, lead_id: int, channel: str, chat_address: str, *, contact_id: int
    ) -> Conversation:
        """The conversation for this chat, created (and tied to the lead) if needed."""
        async with self.db.transaction():
            found = await self.repo.find(channel, chat_address)
            if found is None:
                return await self.repo.create(
                    lead_id=lead_id,
                    contact_id=contact_id,
                    channel=channel,
                    chat_address=chat_address,
                )
            if found.lead_id != lead_id:
                await self.repo.relink(found.id, lead_id)
                return await self.repo.get(found.id)
            return found

    # -- sending -------------------------------------------------------------------------------

    async def reply(
        self,
        conversation_id: int,
        text: str,
        *,
        author: str,
        attachments: tuple[Attachment, ...] = (),
    ) -> Message:
        """Queue a reply (the outbox row and its job in one transaction) and return at once.

        Raises:
            NotFound: No such conversation.
            InvalidValue: Empty or too long text.
        """
        clean = text.strip()
        if not clean and not attachments:
            raise InvalidValue("write a text or attach a file", field="text")
        if len(clean) > MAX_TEXT:
            raise InvalidValue(f"the text is longer than {MAX_TEXT} characters", field="text")
        encoded = msgspec.json.encode(list(attachments)).decode()
        async with self.db.transaction():
            conversation = await self.repo.get(conversation_id)
            message = await self.store.add_outbound(
                conversation, clean, author=author, attachments=encoded
            )
            job_id, _ = await self.jobs.add(DELIVER, str(message.id))
            await self.leads.add_activity(
                conversation.lead_id, actor=author, action="reply", note=clean[:500]
            )
        await self.jobs.wake(job_id)
        await self.emit(MessageStatusChanged(message_id=message.id, status=message.status.value))
        return message

    async def retry(self, message_id: int, *, author: str) -> Message:
        """Queue a failed outbound message again.

        Raises:
            NotFound: No such message.
            InvalidValue: The message is not an outbound message that failed.
        """
        message = await self.repo.get_message(message_id)
        if (
            message.direction is not Direction.OUTBOUND
            or message.status is not DeliveryStatus.FAILED
        ):
            raise InvalidValue("only a failed outbound message can be retried", field="message_id")
        async with self.db.transaction():
            await self.store.set_status(message_id, DeliveryStatus.QUEUED)
            job_id, _ = await self.jobs.add(DELIVER, f"{message_id}:{uuid.uuid4().hex[:8]}")
            await self.leads.add_activity(
                (await self.repo.get(message.conversation_id)).lead_id,
                actor=author,
                action="retry",
                note=message.text[:500],
            )
        await self.jobs.wake(job_id)
        return await self.repo.get_message(message_id)

    async def set_mode(
        self, conversation_id: int, mode: ConversationMode, *, actor: str
    ) -> Conversation:
        """Change who answers (manual, suggest, auto) and log it on the lead."""
        before = await self.repo.get(conversation_id)
        if before.mode is mode:
            return before
        async with self.db.transaction():
            after = await self.store.set_mode(conversation_id, mode)
            await self.leads.add_activity(
                after.lead_id, actor=actor, action="mode", note=f"{before.mode} → {mode}"
            )
        return after

    # -- delivery job ---------------------------------------------------------------------------

    async def _deliver(self, job: Job) -> None:
        message_id = int(job.key.split(":", 1)[0])
        message = await self.repo.get_message(message_id)
        if message.status is not DeliveryStatus.QUEUED:
            return  # delivered before (or given up); a repeated job sends nothing
        conversation = await self.repo.get(message.conversation_id)
        channel = self.channels.get(conversation.channel)
        if channel is None:
            raise IntegrationRejected(
                f"no channel adapter handles {conversation.channel!r}; configure its plugin",
                integration=conversation.channel,
            )
        external_id = await channel.send(
            OutboundMessage(
                chat_address=conversation.chat_address,
                text=message.text,
                idempotency_key=idempotency_key(message_id),
                attachments=message.attachments,
            )
        )
        if await self.store.mark_sent(message_id, external_id):
            await self.emit(MessageStatusChanged(message_id=message_id, status="sent"))

    async def _delivery_failed(self, job: Job, error: str) -> None:
        message_id = int(job.key.split(":", 1)[0])
        if await self.store.set_status(message_id, DeliveryStatus.FAILED, error):
            await self.emit(MessageStatusChanged(message_id=message_id, status="failed"))
