"""Which hub events call for a lead sync, and the mark on changes Bitrix24 itself caused.

A deal moved in Bitrix24 moves the hub's lead (``bitrix24.deal_changed``); the events of that
move must not be synced back, or every move would bounce as another deal update. The job runs
:func:`applying_remote_change` around its work, and :func:`lead_to_sync` ignores what happens
inside it: the ``on_event`` hook is called in the task that made the change, so the mark is seen
whatever the event (a stage move, or an outcome that only a ``LeadUpdated`` reports). Stage moves
carry ``actor="bitrix24"`` as well, which is checked too, and ``LeadUpdated`` of ``external_ids``
alone is the sync storing the deal id and its watermark.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import TYPE_CHECKING

from crystalbay.events import (
    BookingChanged,
    LeadCreated,
    LeadStageChanged,
    LeadUpdated,
    MessageReceived,
)
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crystalbay.events import Event

__all__ = ["SYNC_OWNED_FIELDS", "applying_remote_change", "lead_to_sync"]

SYNC_OWNED_FIELDS = frozenset({"external_ids"})
"""Lead fields only the sync writes (the deal id and the comment watermark)."""

_REMOTE: ContextVar[bool] = ContextVar("crystalbay_bitrix24_remote_change", default=False)


@contextlib.contextmanager
def applying_remote_change() -> Iterator[None]:
    """Mark lead changes made inside the block as caused by Bitrix24 (not to be synced back)."""
    token = _REMOTE.set(True)
    try:
        yield
    finally:
        _REMOTE.reset(token)


def lead_to_sync(event: Event) -> int | None:
    """The lead whose deal ``event`` makes stale, or ``None`` when there is nothing to push."""
    if _REMOTE.get():
        return None
    if isinstance(event, LeadStageChanged):
        return None if event.actor == PLUGIN_NAME else event.lead_id
    if isinstance(event, LeadUpdated):
        return None if set(event.fields) <= SYNC_OWNED_FIELDS else event.lead_id
    if isinstance(event, LeadCreated | MessageReceived | BookingChanged):
        return event.lead_id
    return None
