"""Free text: anything the customer writes outside a wizard question goes to the inbox.

It is stored and processed like a message from any other channel (contact, lead,
conversation, assistant); replies come back through the ``telegram`` channel adapter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import StateFilter

from crystalbay_bot.inbound import inbound
from crystalbay_bot.states import Search

if TYPE_CHECKING:
    from aiogram.types import Message

    from crystalbay.hub import Hub

__all__ = ["inbound", "router"]


async def free_text(message: Message, hub: Hub) -> None:
    """Hand the message to the inbox; a redelivered update is a no-op there."""
    kept = inbound(message)
    if kept is not None:
        await hub.inbox.receive(kept)


def router() -> Router:
    """The inbox router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="inbox")
    r.message.register(free_text, StateFilter(None, Search.results), F.text | F.caption)
    return r
