"""``OpenAIAssistant``: the ``Assistant`` port backed by OpenAI structured outputs."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, Any

from crystalbay_plugins.openai.client import Answer, ChatClient
from crystalbay_plugins.openai.config import PLUGIN
from crystalbay_plugins.openai.errors import GroundingError
from crystalbay_plugins.openai.grounding import MAX_QUESTIONS, verify_draft
from crystalbay_plugins.openai.mapping import to_analysis, to_draft
from crystalbay_plugins.openai.models import AnalysisOut, DraftOut
from crystalbay_plugins.openai.prompting import analyse_messages, draft_messages
from crystalbay_plugins.openai.usage import TokenUsage, UsageLog, UsageRecorder

if TYPE_CHECKING:
    from collections.abc import Callable

    import openai

    from crystalbay.domain import Analysis, ConversationContext, Draft, ReplyContext
    from crystalbay_plugins.openai.config import OpenAIConfig

__all__ = ["OpenAIAssistant"]

logger = logging.getLogger(__name__)


class OpenAIAssistant:
    """Reads conversations and drafts grounded replies with an OpenAI chat model.

    Customer text is masked (cards, CVVs, passports, IBANs) before it is sent. Every
    answered request's token usage goes to ``usage`` under the conversation's ``lead_id``.

    Args:
        config: The plugin's settings.
        usage: Where token usage goes; an in-memory :class:`UsageLog` by default.
        today: The date relative dates are resolved against (tests); the system date else.
        sdk: A ready ``AsyncOpenAI`` client (tests); built from ``config`` by default.

    Both methods raise:
        IntegrationUnavailable: Rate limits, 5xx or timeouts outlasted the retries.
        IntegrationRejected: The key (``OPENAI_API_KEY``), model or request was refused.
        IntegrationProtocolError: A refusal, a cut answer, or JSON that breaks the schema;
            :class:`GroundingError` for a draft that is not grounded in ``context.offers``.
    """

    name = PLUGIN

    def __init__(
        self,
        config: OpenAIConfig,
        *,
        usage: UsageRecorder | None = None,
        today: Callable[[], date] | None = None,
        sdk: openai.AsyncOpenAI | None = None,
    ) -> None:
        self.config = config
        self.usage: UsageRecorder = usage if usage is not None else UsageLog()
        self._today = today or date.today
        self._chat = ChatClient(config, sdk=sdk)

    async def analyse(self, conversation: ConversationContext) -> Analysis:
        """Read the conversation: intent, trip brief with confidences, score, urgency."""
        messages = analyse_messages(conversation, self._today())
        answer = await self._chat.structured(messages, "analysis", AnalysisOut)
        self._record(answer, conversation.lead_id, "analyse")
        return to_analysis(answer.value, fallback_language=conversation.language or "ru")

    async def draft_reply(self, conversation: ConversationContext, context: ReplyContext) -> Draft:
        """Draft a reply in ``context.language`` citing only ``context.offers``.

        The draft asks for at most the first two of ``context.missing``. It is verified
        before it is returned: every cited offer exists, every price-looking number is a
        price of a cited offer, and no other field is asked for.

        Raises:
            GroundingError: The model's draft failed verification (it is never returned:
                the caller falls back to the rules assistant's grounded draft).
        """
        ask_for = context.missing[:MAX_QUESTIONS]
        messages = draft_messages(conversation, context, ask_for, self._today())
        answer = await self._chat.structured(messages, "draft_reply", DraftOut)
        self._record(answer, conversation.lead_id, "draft_reply")
        problems = verify_draft(answer.value, context)
        if problems:
            raise GroundingError(problems)
        return to_draft(answer.value, fallback_language=context.language)

    async def aclose(self) -> None:
        """Release the SDK client's connections."""
        await self._chat.aclose()

    def _record(self, answer: Answer[Any], lead_id: int | None, operation: str) -> None:
        entry = TokenUsage(
            lead_id=lead_id,
            operation=operation,
            model=answer.model,
            prompt_tokens=answer.prompt_tokens,
            completion_tokens=answer.completion_tokens,
            total_tokens=answer.total_tokens,
            cached_prompt_tokens=answer.cached_prompt_tokens,
            request_id=answer.request_id,
        )
        try:
            self.usage.record(entry)
        except Exception:  # a broken recorder must not lose the answer
            logger.exception("openai: recording token usage failed for lead %s", lead_id)
