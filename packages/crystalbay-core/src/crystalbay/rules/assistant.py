"""The rules assistant: the ``Assistant`` port without a language model."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from crystalbay.domain import Analysis, Direction, Draft, Intent
from crystalbay.rules.brief import ConversationReading, read_conversation
from crystalbay.rules.intents import detect_language, is_dispute
from crystalbay.rules.replies import ReplyPlan, compose_reply, missing_fields
from crystalbay.rules.scoring import lead_score, overall_intent, urgency

if TYPE_CHECKING:
    from collections.abc import Callable

    from crystalbay.domain import ConversationContext, ReplyContext

__all__ = ["RulesAssistant"]


class RulesAssistant:
    """Reads Russian, English and Kazakh-Russian chats with rules; drafts grounded replies.

    Used when no OpenAI key is configured and as the fallback when the model fails.

    Args:
        today: The date relative dates ("в марте", "next week") are resolved against: a fixed
            date (tests, evaluation) or a callable; the system date when omitted.
    """

    name = "rules"

    def __init__(self, *, today: date | Callable[[], date] | None = None) -> None:
        self._today = today

    def today(self) -> date:
        """The date relative dates are resolved against."""
        if self._today is None:
            return date.today()  # noqa: DTZ011 - the customer's calendar day is meant
        return self._today if isinstance(self._today, date) else self._today()

    def read(self, conversation: ConversationContext) -> tuple[Analysis, ConversationReading]:
        """Analyse synchronously; also return the reading behind the analysis."""
        today = self.today()
        reading = read_conversation(conversation, today)
        intent = overall_intent(reading.intents)
        score, reasons = lead_score(reading.brief, intent, today)
        analysis = Analysis(
            intent=intent,
            brief=reading.brief,
            confidence=dict(reading.confidence),
            language=_language(conversation, reading),
            score=score,
            score_reasons=reasons,
            urgency=urgency(intent, reading.brief, reading.texts, today),
        )
        return analysis, reading

    async def analyse(self, conversation: ConversationContext) -> Analysis:
        """Read the conversation: intent, trip brief with confidences, score, urgency."""
        analysis, _ = self.read(conversation)
        return analysis

    async def draft_reply(self, conversation: ConversationContext, context: ReplyContext) -> Draft:
        """Draft a reply citing only ``context.offers`` and asking for missing fields.

        The language is ``context.language`` when it is not the default ``"ru"``, else the one
        detected in the customer's messages (``conversation.language`` when they have no words).
        """
        analysis, reading = self.read(conversation)
        language = context.language if context.language != "ru" else None
        plan = ReplyPlan(
            intent=analysis.intent,
            brief=analysis.brief,
            language=language or analysis.language,
            offers=context.offers,
            missing=context.missing or missing_fields(analysis.brief, reading.ages_unknown),
            dispute=analysis.intent is Intent.PAYMENT and any(map(is_dispute, reading.texts[-3:])),
            greet=not any(turn.direction is Direction.OUTBOUND for turn in conversation.turns),
        )
        return compose_reply(plan)


def _language(conversation: ConversationContext, reading: ConversationReading) -> str:
    written = " ".join(reading.texts)
    if not re.search(r"[^\W\d_]", written):
        return conversation.language or "ru"
    return detect_language(written)
