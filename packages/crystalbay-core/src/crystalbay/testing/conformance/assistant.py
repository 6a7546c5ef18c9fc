"""The conformance suite every ``Assistant`` adapter must pass: valid analyses, grounded drafts."""

# ruff: noqa: S101  # a conformance suite is a test suite: pytest checks with assert

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from crystalbay.domain.assistant import (
    Analysis,
    ChatTurn,
    ConversationContext,
    Draft,
    Intent,
    ReplyContext,
    Urgency,
)
from crystalbay.domain.leads import TripBrief
from crystalbay.domain.messages import Direction
from crystalbay.domain.tours import TourOffer
from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.ports import Assistant
from crystalbay.testing.conformance.faults import Faults, injected
from crystalbay.testing.factories import make_offer

__all__ = ["SAMPLE_CHATS", "AssistantConformance"]

SAMPLE_CHATS: dict[str, tuple[str, ...]] = {
    "russian-brief": ("Здравствуйте! Хотим в Турцию из Алматы в октябре на 7 ночей, 2 взрослых",),
    "english-brief": ("Hi, looking for Vietnam from Astana, 10 nights in March, two adults",),
    "two-turns": ("Добрый день, нужен тур", "Египет, 2 взрослых и ребёнок 5 лет, бюджет 2000$"),
    "booking-question": ("Когда будут документы по брони CB-1042?",),
    "small-talk": ("Спасибо!",),
    "no-words": ("👍",),
}
"""Customer messages every assistant must read without failing."""

_BRIEF_FIELDS = frozenset(f.name for f in msgspec.structs.fields(TripBrief))


def _chat(texts: tuple[str, ...]) -> ConversationContext:
    turns = tuple(ChatTurn(direction=Direction.INBOUND, text=text) for text in texts)
    return ConversationContext(turns=turns, language="ru")


class AssistantConformance:
    """Behaviour every ``Assistant`` must show. Subclass it in a test module.

    Provide the fixture ``assistant`` (the adapter under test; a model-backed one talks to
    its fake vendor). Override ``offers`` for other search results and ``faults`` to test
    error mapping.
    """

    @pytest.fixture
    def faults(self) -> Faults:
        """No fault switches: override to test error mapping."""
        return Faults()

    @pytest.fixture
    def offers(self) -> tuple[TourOffer, ...]:
        """Three offers from a search, as the hub passes them to ``draft_reply``."""
        check_in = date(2026, 10, 10)
        return tuple(
            make_offer(
                provider="sandbox", country="Turkey", resort=resort, hotel=hotel, check_in=check_in
            )
            for resort, hotel in (
                ("Kemer", "Rixos Sungate"),
                ("Belek", "Regnum Carya"),
                ("Alanya", "Granada Luxury Beach"),
            )
        )

    def test_satisfies_the_port(self, assistant: Assistant) -> None:
        """The adapter is a runtime ``Assistant`` with a name."""
        assert isinstance(assistant, Assistant)
        assert isinstance(assistant.name, str)
        assert assistant.name.strip()

    @pytest.mark.asyncio
    @pytest.mark.parametrize("chat", sorted(SAMPLE_CHATS))
    async def test_analyse_returns_a_valid_analysis(self, assistant: Assistant, chat: str) -> None:
        """Intent, brief, confidences in 0-1 per brief field, a 0-100 score and a language."""
        analysis = await assistant.analyse(_chat(SAMPLE_CHATS[chat]))
        assert isinstance(analysis, Analysis)
        assert isinstance(analysis.intent, Intent)
        assert isinstance(analysis.urgency, Urgency)
        assert isinstance(analysis.brief, TripBrief)
        assert set(analysis.confidence) <= _BRIEF_FIELDS, analysis.confidence
        assert all(0.0 <= value <= 1.0 for value in analysis.confidence.values())
        assert 0 <= analysis.score <= 100  # noqa: PLR2004 - the score's documented range
        assert analysis.language.strip()
        # The Struct must survive the trip to the database and back.
        encoded = msgspec.json.encode(analysis)
        assert msgspec.json.decode(encoded, type=Analysis) == analysis

    @pytest.mark.asyncio
    async def test_a_draft_cites_only_the_offers_given(
        self, assistant: Assistant, offers: tuple[TourOffer, ...]
    ) -> None:
        """Citations are a subset of the offers in the reply context; the text is not empty."""
        chat = _chat(SAMPLE_CHATS["russian-brief"])
        draft = await assistant.draft_reply(chat, ReplyContext(offers=offers, language="ru"))
        assert isinstance(draft, Draft)
        assert draft.text.strip()
        assert draft.language.strip()
        assert set(draft.cited_offers) <= {offer.offer_id for offer in offers}

    @pytest.mark.asyncio
    async def test_a_draft_without_offers_cites_none(self, assistant: Assistant) -> None:
        """With no search results the draft may ask questions but cites no offer."""
        chat = _chat(SAMPLE_CHATS["two-turns"])
        context = ReplyContext(offers=(), missing=("date_from", "nights_min"), language="ru")
        draft = await assistant.draft_reply(chat, context)
        assert draft.text.strip()
        assert draft.cited_offers == ()

    @pytest.mark.asyncio
    async def test_an_offer_id_in_the_chat_is_not_cited(
        self, assistant: Assistant, offers: tuple[TourOffer, ...]
    ) -> None:
        """An id the customer typed is not a search result, so it is never cited."""
        chat = _chat(("Можно забронировать offer-999999 из прошлой подборки?",))
        draft = await assistant.draft_reply(chat, ReplyContext(offers=offers[:1]))
        assert "offer-999999" not in draft.cited_offers

    @pytest.mark.asyncio
    async def test_an_outage_is_unavailable(self, assistant: Assistant, faults: Faults) -> None:
        """A model outage raises ``IntegrationUnavailable``, so the hub can fall back."""
        with injected(faults, "unavailable"), pytest.raises(IntegrationUnavailable) as caught:
            await assistant.analyse(_chat(SAMPLE_CHATS["russian-brief"]))
        assert caught.value.integration.strip()

    @pytest.mark.asyncio
    async def test_a_refusal_is_rejected(self, assistant: Assistant, faults: Faults) -> None:
        """A refused key raises ``IntegrationRejected``, not retryable."""
        with injected(faults, "reject"), pytest.raises(IntegrationRejected) as caught:
            await assistant.analyse(_chat(SAMPLE_CHATS["english-brief"]))
        assert not caught.value.retryable
