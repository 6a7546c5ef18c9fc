"""The assistant port: reads conversations and drafts replies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from crystalbay.domain.assistant import Analysis, ConversationContext, Draft, ReplyContext

__all__ = ["Assistant"]


@runtime_checkable
class Assistant(Protocol):
    """Turns free text into structure and drafts grounded replies."""

    name: str

    async def analyse(self, conversation: ConversationContext) -> Analysis:
        """Read the conversation: intent, trip brief with confidences, score, urgency."""
        ...

    async def draft_reply(self, conversation: ConversationContext, context: ReplyContext) -> Draft:
        """Draft a reply in the customer's language, citing only offers in ``context``."""
        ...
