"""Token usage, recorded per lead.

The adapter hands every answered request's usage to a :class:`UsageRecorder`. The default,
:class:`UsageLog`, keeps it in memory; a host that wants it durable passes its own recorder
(for example one that appends to the lead's activity) when it builds the adapter.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

import msgspec

__all__ = ["TokenUsage", "UsageLog", "UsageRecorder", "UsageTotals"]


class TokenUsage(msgspec.Struct, frozen=True, kw_only=True):
    """The tokens one answered request cost.

    Attributes:
        lead_id: The lead the conversation belongs to (``ConversationContext.lead_id``).
        operation: ``analyse`` or ``draft_reply``.
        model: The model that answered, as the API named it.
        prompt_tokens: Input tokens.
        completion_tokens: Output tokens.
        total_tokens: Both together, as the API counted them.
        cached_prompt_tokens: Input tokens served from the prompt cache.
        request_id: OpenAI's ``x-request-id``, for support tickets.
        at: When the answer arrived (UTC).
    """

    lead_id: int | None
    operation: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    cached_prompt_tokens: int = 0
    request_id: str | None = None
    at: datetime = msgspec.field(default_factory=lambda: datetime.now(UTC))


class UsageTotals(msgspec.Struct, frozen=True, kw_only=True):
    """Summed usage of one lead."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


@runtime_checkable
class UsageRecorder(Protocol):
    """Receives the usage of every answered request."""

    def record(self, usage: TokenUsage) -> None:
        """Store ``usage``; must not raise (a failure here must not lose the answer)."""
        ...


class UsageLog:
    """An in-memory :class:`UsageRecorder` with per-lead accessors (thread-safe)."""

    def __init__(self) -> None:
        self._entries: list[TokenUsage] = []
        self._lock = threading.Lock()

    def record(self, usage: TokenUsage) -> None:
        """Append ``usage``."""
        with self._lock:
            self._entries.append(usage)

    @property
    def entries(self) -> tuple[TokenUsage, ...]:
        """Everything recorded, oldest first."""
        with self._lock:
            return tuple(self._entries)

    def for_lead(self, lead_id: int | None) -> tuple[TokenUsage, ...]:
        """The entries of one lead (``None``: requests made without a lead)."""
        return tuple(entry for entry in self.entries if entry.lead_id == lead_id)

    def totals(self, lead_id: int | None) -> UsageTotals:
        """Summed usage of one lead."""
        entries = self.for_lead(lead_id)
        return UsageTotals(
            requests=len(entries),
            prompt_tokens=sum(e.prompt_tokens for e in entries),
            completion_tokens=sum(e.completion_tokens for e in entries),
            total_tokens=sum(e.total_tokens for e in entries),
        )
