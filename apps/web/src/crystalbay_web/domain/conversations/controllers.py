"""``/api/v1/conversations``: read threads, send replies through the outbox, retry, set mode."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Response, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter

from crystalbay.domain.messages import Attachment, Conversation, ConversationMode, Message
from crystalbay_web.auth import api_actor, require_api_key
from crystalbay_web.deps import AnyRequest, HubDep

__all__ = ["ConversationController"]


class ConversationList(msgspec.Struct, frozen=True, kw_only=True):
    """A page of conversations."""

    items: list[Conversation]
    page: int
    page_size: int


class MessageList(msgspec.Struct, frozen=True, kw_only=True):
    """A conversation's messages, oldest first."""

    items: list[Message]


class NewMessage(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A reply to send through the conversation's channel."""

    text: str = ""
    attachments: tuple[Attachment, ...] = ()


class ModeChange(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Who answers: ``manual``, ``suggest`` or ``auto``."""

    mode: ConversationMode


class ConversationController(Controller):
    """Conversations across channels."""

    path = "/api/v1"
    guards = [require_api_key]  # noqa: RUF012 - Litestar's declared attribute
    tags = ["conversations"]  # noqa: RUF012

    @get("/conversations")
    async def list_conversations(
        self,
        hub: HubDep,
        channel: Annotated[str | None, QueryParameter(max_length=32)] = None,
        lead_id: Annotated[int | None, QueryParameter(ge=1)] = None,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> ConversationList:
        """Conversations, newest first, by channel or lead."""
        items = await hub.conversations.list(
            channel=channel, lead_id=lead_id, limit=page_size, offset=(page - 1) * page_size
        )
        return ConversationList(items=items, page=page, page_size=page_size)

    @get("/conversations/{conversation_id:int}")
    async def get_conversation(self, hub: HubDep, conversation_id: FromPath[int]) -> Conversation:
        """One conversation."""
        return await hub.conversations.get(conversation_id)

    @patch("/conversations/{conversation_id:int}")
    async def set_mode(
        self,
        hub: HubDep,
        request: AnyRequest,
        conversation_id: FromPath[int],
        data: JSONBody[ModeChange],
    ) -> Conversation:
        """Switch between manual, suggest and auto replies."""
        return await hub.conversations.set_mode(
            conversation_id, data.mode, actor=api_actor(request)
        )

    @get("/conversations/{conversation_id:int}/messages")
    async def list_messages(
        self,
        hub: HubDep,
        conversation_id: FromPath[int],
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 200,
    ) -> MessageList:
        """The conversation's messages, oldest first, with delivery status."""
        return MessageList(items=await hub.conversations.messages(conversation_id, limit=limit))

    @post("/conversations/{conversation_id:int}/messages", status_code=202)
    async def send_message(
        self,
        hub: HubDep,
        request: AnyRequest,
        conversation_id: FromPath[int],
        data: JSONBody[NewMessage],
    ) -> Response[Message]:
        """Queue a reply; it is delivered in the background (status ``queued`` → ``sent``)."""
        message = await hub.conversations.reply(
            conversation_id, data.text, author=api_actor(request), attachments=data.attachments
        )
        return Response(message, status_code=202)

    @post("/messages/{message_id:int}/retry", status_code=202)
    async def retry_message(
        self, hub: HubDep, request: AnyRequest, message_id: FromPath[int]
    ) -> Response[Message]:
        """Send a failed message again."""
        message = await hub.conversations.retry(message_id, author=api_actor(request))
        return Response(message, status_code=202)
