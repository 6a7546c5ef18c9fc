"""The evaluation set's file format: conversations and the brief expected from each.

The set is a JSON file: ``{"today": "2025-03-12", "cases": [...]}``. Each case has an ``id``,
``messages`` (strings are the customer's; ``{"agent": "..."}`` objects are our replies in
between) and ``expect``: the intent, the language and every brief field the conversation
states. Fields left out are expected to stay empty.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import msgspec

from crystalbay.domain import ChatTurn, ConversationContext, Direction, Intent, TripBrief

__all__ = ["AgentTurn", "EvalCase", "EvalSet", "Expected", "conversation_of", "load_eval_set"]


class AgentTurn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Our message between the customer's ones."""

    agent: str


class Expected(TripBrief, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The brief a careful manager would write down, with the intent and language."""

    intent: Intent
    language: str = "ru"


class EvalCase(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One conversation and what should be read from it."""

    id: str
    messages: tuple[str | AgentTurn, ...]
    expect: Expected
    note: str = ""


class EvalSet(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The cases and the date their relative dates are resolved against."""

    today: date
    cases: tuple[EvalCase, ...]


def load_eval_set(path: Path | str) -> EvalSet:
    """Decode an evaluation set file (strict: unknown keys are errors)."""
    return msgspec.json.decode(Path(path).read_bytes(), type=EvalSet)


def conversation_of(case: EvalCase) -> ConversationContext:
    """The case's messages as the assistant sees them."""
    turns = tuple(
        ChatTurn(direction=Direction.INBOUND, text=message)
        if isinstance(message, str)
        else ChatTurn(direction=Direction.OUTBOUND, text=message.agent)
        for message in case.messages
    )
    return ConversationContext(turns=turns)
