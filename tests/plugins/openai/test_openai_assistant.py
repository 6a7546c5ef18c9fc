"""The assistant against the fake OpenAI over real HTTP: requests, answers, masking, usage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from crystalbay.domain import Budget, ConversationContext, Intent, ReplyContext, TripBrief, Urgency
from crystalbay.errors import IntegrationProtocolError
from crystalbay.ports import Assistant
from crystalbay.testing import make_offer
from crystalbay_plugins.openai.assistant import OpenAIAssistant
from crystalbay_plugins.openai.config import OpenAIConfig
from crystalbay_plugins.openai.errors import GroundingError
from crystalbay_plugins.openai.prompting import load_prompt
from crystalbay_plugins.openai.testing import FakeOpenAI, Structured, Usage
from crystalbay_plugins.openai.usage import UsageLog, UsageRecorder

Chat = Callable[..., ConversationContext]

BRIEF = {
    "departure_city": "Almaty",
    "country": "Turkey",
    "resort": None,
    "date_from": "2026-07-01",
    "date_to": "2026-07-31",
    "nights_min": 7,
    "nights_max": 7,
    "adults": 2,
    "child_ages": [5],
    "meal": "AI",
    "stars": None,
    "budget_amount": 1500000,
    "budget_currency": "KZT",
}


def _analysis(**changes: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "intent": "tour_search",
        "brief": BRIEF,
        "confidence": [
            {"field": "country", "confidence": 0.95},
            {"field": "adults", "confidence": 0.8},
        ],
        "language": "ru",
        "score": 80,
        "score_reasons": ["указаны страна и даты", "назван бюджет"],
        "urgency": "normal",
    }
    return payload | changes


def _draft(text: str, cited: list[str], asked: list[str] | None = None) -> dict[str, object]:
    return {"text": text, "language": "ru", "cited_offer_ids": cited, "asked_fields": asked or []}


def test_the_adapter_satisfies_the_assistant_port(assistant: OpenAIAssistant) -> None:
    assert isinstance(assistant, Assistant)
    assert assistant.name == "openai"


async def test_analyse_maps_the_structured_answer(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(Structured(payload=_analysis()))

    analysis = await assistant.analyse(
        chat("Хотим в Турцию из Алматы в июле, 2 взрослых и ребёнок 5 лет")
    )

    assert analysis.intent is Intent.TOUR_SEARCH
    assert analysis.brief == TripBrief(
        departure_city="Almaty",
        country="Turkey",
        date_from=date(2026, 7, 1),
        date_to=date(2026, 7, 31),
        nights_min=7,
        nights_max=7,
        adults=2,
        child_ages=(5,),
        meal="AI",
        budget=Budget(amount=1500000, currency="KZT"),
    )
    assert analysis.confidence == {"country": 0.95, "adults": 0.8}
    assert analysis.score == 80
    assert analysis.score_reasons == ("указаны страна и даты", "назван бюджет")
    assert analysis.urgency is Urgency.NORMAL
    assert analysis.language == "ru"


async def test_analyse_drops_values_the_domain_cannot_hold(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    brief = BRIEF | {"date_from": "в июле", "adults": 0, "stars": 9, "child_ages": [5, 40]}
    confidence = [{"field": "stars", "confidence": 0.7}, {"field": "country", "confidence": 3.0}]
    payload = _analysis(brief=brief, confidence=confidence, score=150, language="Russian!")
    fake.script(Structured(payload=payload))

    analysis = await assistant.analyse(chat("...", language="kk"))

    assert analysis.brief.date_from is None
    assert analysis.brief.adults is None
    assert analysis.brief.stars is None
    assert analysis.brief.child_ages == (5,)
    assert analysis.confidence == {"country": 1.0}  # stars was dropped, so is its confidence
    assert analysis.score == 100
    assert analysis.language == "ru"  # "Russian!" is no ISO code: the first two letters are kept


async def test_analyse_sends_the_russian_prompt_and_the_conversation_as_json(
    assistant: OpenAIAssistant, config: OpenAIConfig, fake: FakeOpenAI, chat: Chat
) -> None:
    conversation = chat("Здравствуйте, хотим в Турцию", "Добрый день! На какие даты?", "В июле")

    await assistant.analyse(conversation)

    (request,) = fake.requests
    assert request.model == config.model
    assert request.schema_name == "analysis"
    assert request.body["temperature"] == 0.2
    assert request.body["max_completion_tokens"] == 800
    assert request.messages[0] == {"role": "system", "content": load_prompt("analyse", "ru")}
    assert request.user_data == {
        "today": "2026-03-10",
        "known_brief": {},
        "conversation": [
            {"from": "customer", "text": "Здравствуйте, хотим в Турцию"},
            {"from": "agency", "text": "Добрый день! На какие даты?"},
            {"from": "customer", "text": "В июле"},
        ],
    }


async def test_an_english_conversation_gets_the_english_prompt(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    await assistant.analyse(chat("Hi, we want Turkey in July", language="en"))

    assert fake.requests[0].messages[0]["content"] == load_prompt("analyse", "en")


async def test_card_passport_and_cvv_never_reach_openai_but_the_phone_does(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    text = (
        "Оплачу картой 4111 1111 1111 1111, CVV 123. Паспорт 45 12 345678. Звоните +7 701 123 45 67"
    )

    await assistant.analyse(chat(text))

    sent = fake.requests[0].text
    for secret in ("4111", "1111 1111", "123.", "345678"):
        assert secret not in sent
    assert "[CARD]" in sent
    assert "[PASSPORT]" in sent
    assert "+7 701 123 45 67" in sent


async def test_a_grounded_draft_is_returned(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    offer = make_offer(offer_id="A1", price=1250.0, currency="USD", hotel="Rixos Premium")
    context = ReplyContext(offers=(offer,), missing=("date_from", "adults", "departure_city"))
    fake.script(
        Structured(
            payload=_draft(
                "Rixos Premium — 1 250 USD. Когда и сколько вас?", ["A1"], ["date_from", "adults"]
            )
        )
    )

    draft = await assistant.draft_reply(chat("Хотим в Турцию"), context)

    assert draft.text == "Rixos Premium — 1 250 USD. Когда и сколько вас?"
    assert draft.cited_offers == ("A1",)
    assert draft.language == "ru"
    assert draft.confident is True
    data = fake.requests[0].user_data
    assert data is not None
    assert data["ask_for"] == ["date_from", "adults"]  # the first two missing fields only
    assert data["reply_language"] == "ru"
    assert data["offers"][0]["offer_id"] == "A1"
    assert data["offers"][0]["price"] == "1250"
    assert fake.requests[0].messages[0]["content"] == load_prompt("draft_reply", "ru")


async def test_a_draft_in_english_uses_the_english_prompt(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(
        Structured(payload=_draft("A manager will pick tours for you.", []) | {"language": "en"})
    )

    draft = await assistant.draft_reply(chat("Hello", language="en"), ReplyContext(language="en"))

    assert draft.language == "en"
    assert fake.requests[0].messages[0]["content"] == load_prompt("draft_reply", "en")


async def test_a_draft_with_an_invented_price_is_rejected(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    offer = make_offer(offer_id="A1", price=1250.0, currency="USD")
    fake.script(Structured(payload=_draft("Только сегодня: 999 USD!", ["A1"])))

    with pytest.raises(GroundingError) as caught:
        await assistant.draft_reply(chat("Хотим в Турцию"), ReplyContext(offers=(offer,)))

    assert isinstance(caught.value, IntegrationProtocolError)
    assert caught.value.integration == "openai"
    assert caught.value.problems == ("quotes '999 USD', which is not a price of a cited offer",)
    assert "rules assistant" in caught.value.detail


async def test_a_draft_citing_an_unknown_offer_is_rejected(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    offer = make_offer(offer_id="A1")
    fake.script(Structured(payload=_draft("Посмотрите отель Zeta", ["Z9"])))

    with pytest.raises(GroundingError, match="cites offer 'Z9', which was not given"):
        await assistant.draft_reply(chat("Хотим в Турцию"), ReplyContext(offers=(offer,)))


async def test_usage_is_recorded_per_lead(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(
        Structured(
            payload=_analysis(),
            usage=Usage(prompt_tokens=100, completion_tokens=20, cached_tokens=64),
        ),
        Structured(payload=_analysis(), usage=Usage(prompt_tokens=50, completion_tokens=5)),
        Structured(
            payload=_draft("Ждём ваших пожеланий", []),
            usage=Usage(prompt_tokens=30, completion_tokens=7),
        ),
    )

    await assistant.analyse(chat("Турция", lead_id=1))
    await assistant.analyse(chat("Египет", lead_id=2))
    await assistant.draft_reply(chat("Турция", lead_id=1), ReplyContext())

    log = assistant.usage
    assert isinstance(log, UsageLog)
    first = log.for_lead(1)
    assert [(u.operation, u.prompt_tokens, u.completion_tokens) for u in first] == [
        ("analyse", 100, 20),
        ("draft_reply", 30, 7),
    ]
    assert first[0].cached_prompt_tokens == 64
    assert first[0].total_tokens == 120
    assert first[0].model == "gpt-4.1-mini"
    assert first[0].request_id is not None
    assert first[0].request_id.startswith("req_")
    assert log.totals(1).total_tokens == 157
    assert log.totals(2).requests == 1
    assert [r.usage["total_tokens"] for r in fake.requests if r.usage] == [120, 55, 37]


async def test_usage_of_a_rejected_draft_is_still_recorded(
    config: OpenAIConfig, fake: FakeOpenAI, chat: Chat
) -> None:
    recorded: list[object] = []

    class ListRecorder:
        def record(self, usage: object) -> None:
            recorded.append(usage)

    recorder = ListRecorder()
    assert isinstance(recorder, UsageRecorder)
    assistant = OpenAIAssistant(config, usage=recorder)
    fake.script(Structured(payload=_draft("999 USD", [])))
    try:
        with pytest.raises(GroundingError):
            await assistant.draft_reply(chat("Турция", lead_id=3), ReplyContext())
    finally:
        await assistant.aclose()

    assert len(recorded) == 1


async def test_a_failing_recorder_does_not_lose_the_answer(
    config: OpenAIConfig, fake: FakeOpenAI, chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        def record(self, usage: object) -> None:
            del usage
            raise RuntimeError("database down")

    assistant = OpenAIAssistant(config, usage=Broken())  # type: ignore[arg-type]
    fake.script(Structured(payload=_analysis()))
    try:
        analysis = await assistant.analyse(chat("Турция", lead_id=4))
    finally:
        await assistant.aclose()

    assert analysis.intent is Intent.TOUR_SEARCH
    assert "recording token usage failed for lead 4" in caplog.text
