"""The assistant's part of the pipeline: analyse, update the lead, draft, reply in auto mode.

Runs as the ``assistant.analyse`` job after a message is tied to its lead. The model-backed
assistant is used when one is configured; when it fails the rules assistant answers instead,
so a vendor outage never stops the pipeline.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.assistant import Analysis, ChatTurn, ConversationContext, Draft, Intent
from crystalbay.domain.messages import ConversationMode
from crystalbay.errors import IntegrationError
from crystalbay.services.grounding import reply_context
from crystalbay.services.leads import LeadChanges
from crystalbay.storage.repositories.messages import MessageStore

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from crystalbay.domain.leads import Lead, TripBrief
    from crystalbay.jobs import Job, JobQueue
    from crystalbay.ports import Assistant
    from crystalbay.services.conversations import ConversationService
    from crystalbay.services.leads import LeadService
    from crystalbay.services.tours import TourSearchService

__all__ = [
    "ASSISTANT_ACTOR",
    "HANDOVER_INTENTS",
    "AssistantFlow",
    "StoredAnalysis",
    "merge_brief",
    "needs_person",
]

logger = logging.getLogger("crystalbay.assistant")

ASSISTANT_ACTOR = "assistant"
CONTEXT_TURNS = 20


HANDOVER_INTENTS = frozenset({Intent.HUMAN, Intent.COMPLAINT})
"""Intents a person must answer, whatever the mode."""


class StoredAnalysis(msgspec.Struct, frozen=True, kw_only=True):
    """What the assistant made of a message, kept with it for the dashboard.

    Attributes:
        offers: Ids of the offers the draft could cite (from the live search).
        missing: Brief fields the draft asks for.
        tokens: Model tokens this step used, when the assistant counts them.
    """

    assistant: str
    analysis: Analysis
    draft: Draft | None = None
    fallback_reason: str | None = None
    offers: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    tokens: int | None = None


def needs_person(stored: StoredAnalysis) -> str | None:
    """Why a person must answer instead of the assistant, or ``None`` when it may reply.

    Complaints, requests for a person, payment questions the assistant is unsure of (a
    dispute), and any draft the assistant itself marks as not confident are handed over.
    """
    intent = stored.analysis.intent
    if intent in HANDOVER_INTENTS:
        return f"intent {intent.value}"
    if stored.draft is None or not stored.draft.confident:
        return "payment dispute" if intent is Intent.PAYMENT else "low confidence"
    return None


class AssistantFlow:
    """Runs the assistant on stored messages.

    Args:
        assistants: The registered assistants by name (``rules`` is built in).
        leads: Lead service (brief and score updates are logged as the assistant).
        conversations: Conversation service (auto-mode replies go through its outbox).
        tours: Tour search, to ground drafts in real offers.
        jobs: The job queue.
    """

    def __init__(
        self,
        assistants: Mapping[str, Assistant],
        leads: LeadService,
        conversations: ConversationService,
        tours: Callable[[], TourSearchService],
        jobs: JobQueue,
    ) -> None:
        self.assistants = assistants
        self.leads = leads
        self.conversations = conversations
        self.tours = tours
        self.store = MessageStore()
        jobs.handler("assistant.analyse", max_attempts=3)(self._job)

    def choose(self) -> tuple[Assistant | None, Assistant | None]:
        """The preferred assistant (a model if configured) and the rules fallback."""
        rules = self.assistants.get("rules")
        models = [a for name, a in self.assistants.items() if name != "rules"]
        return (models[0] if models else rules), rules

    async def _job(self, job: Job) -> None:
        await self.run(int(job.key))

    async def run(self, message_id: int) -> StoredAnalysis | None:
        """Analyse the conversation up to ``message_id`` and act on it; None without assistant."""
        row = await self.store.raw(message_id)
        if row is None or row["conversation_id"] is None:
            return None
        conversation = await self.conversations.get(int(row["conversation_id"]))
        lead = await self.leads.get(conversation.lead_id)
        context = await self._context(lead)
        stored = await self._analyse_and_draft(context)
        if stored is None:
            return None
        payload = msgspec.json.decode(row["payload"] or "{}", type=dict[str, object])
        payload["assistant"] = msgspec.to_builtins(stored)
        await self.store.set_payload(message_id, msgspec.json.encode(payload).decode())
        await self._update_lead(lead, stored.analysis)
        action = "draft"
        if conversation.mode is ConversationMode.AUTO and stored.draft is not None:
            action = await self._auto(conversation.id, stored)
        await self._log(lead.id, message_id, stored, action)
        return stored

    async def latest(self, lead_id: int) -> StoredAnalysis | None:
        """The newest analysis stored on the lead's inbound messages."""
        for message in reversed(await self.conversations.lead_messages(lead_id, limit=50)):
            row = await self.store.raw(message.id)
            if row is None:
                continue
            payload = msgspec.json.decode(row["payload"] or "{}", type=dict[str, object])
            if "assistant" in payload:
                return msgspec.convert(payload["assistant"], StoredAnalysis)
        return None

    async def _context(self, lead: Lead) -> ConversationContext:
        messages = await self.conversations.lead_messages(lead.id, limit=CONTEXT_TURNS)
        turns = tuple(ChatTurn(direction=m.direction, text=m.text) for m in messages if m.text)
        return ConversationContext(turns=turns, brief=lead.brief, lead_id=lead.id)

    async def _analyse_and_draft(self, context: ConversationContext) -> StoredAnalysis | None:
        preferred, rules = self.choose()
        if preferred is None:
            return None
        try:
            return await self._with(preferred, context)
        except IntegrationError as exc:
            if rules is None or preferred is rules:
                raise
            logger.warning(
                "assistant %s failed, the rules assistant answers: %s", preferred.name, exc
            )
            stored = await self._with(rules, context)
            return msgspec.structs.replace(stored, fallback_reason=str(exc))

    async def _with(self, assistant: Assistant, context: ConversationContext) -> StoredAnalysis:
        before = _tokens(assistant, context.lead_id)
        analysis = await assistant.analyse(context)
        merged = merge_brief(context.brief, analysis.brief)
        grounded = await reply_context(merged, analysis.language, self.tours())
        informed = msgspec.structs.replace(context, brief=merged, language=analysis.language)
        draft = await assistant.draft_reply(informed, grounded)
        after = _tokens(assistant, context.lead_id)
        return StoredAnalysis(
            assistant=assistant.name,
            analysis=msgspec.structs.replace(analysis, brief=merged),
            draft=draft,
            offers=tuple(o.offer_id for o in grounded.offers),
            missing=grounded.missing,
            tokens=None if after is None else after - (before or 0),
        )

    async def _update_lead(self, lead: Lead, analysis: Analysis) -> None:
        changes = LeadChanges(brief=analysis.brief, score=max(0, min(100, analysis.score)))
        await self.leads.change(lead.id, changes, actor=ASSISTANT_ACTOR)

    async def _auto(self, conversation_id: int, stored: StoredAnalysis) -> str:
        draft = stored.draft
        assert draft is not None  # noqa: S101 - checked by the caller
        reason = needs_person(stored)
        if reason is not None:
            # Hand over: a person answers from now on.
            await self.conversations.set_mode(
                conversation_id, ConversationMode.MANUAL, actor=ASSISTANT_ACTOR
            )
            return f"handover ({reason})"
        await self.conversations.reply(conversation_id, draft.text, author=ASSISTANT_ACTOR)
        return "auto_reply"

    async def _log(
        self, lead_id: int, message_id: int, stored: StoredAnalysis, action: str
    ) -> None:
        """Record the step and what it was based on in the lead's activity log."""
        analysis = stored.analysis
        record = {
            "message_id": message_id,
            "assistant": stored.assistant,
            "action": action,
            "intent": analysis.intent.value,
            "language": analysis.language,
            "score": analysis.score,
            "reasons": list(analysis.score_reasons),
            "urgency": analysis.urgency.value,
            "missing": list(stored.missing),
            "offers": list(stored.offers),
            "fallback": stored.fallback_reason,
            "tokens": stored.tokens,
        }
        await self.leads.repo.add_activity(
            lead_id,
            actor=ASSISTANT_ACTOR,
            action="assistant",
            note=msgspec.json.encode(record).decode(),
        )


def _tokens(assistant: Assistant, lead_id: int | None) -> int | None:
    """Tokens the assistant has counted for the lead so far (model-backed assistants)."""
    usage = getattr(assistant, "usage", None)
    totals = getattr(usage, "totals", None)
    if totals is None:
        return None
    return int(totals(lead_id).total_tokens)


def merge_brief(known: TripBrief, found: TripBrief) -> TripBrief:
    """The known brief with every field the new analysis found filled in or replaced."""
    values = msgspec.structs.asdict(known)
    for field, value in msgspec.structs.asdict(found).items():
        if value not in (None, ()):
            values[field] = value
    return type(known)(**values)
