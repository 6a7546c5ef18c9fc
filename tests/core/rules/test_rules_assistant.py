from datetime import date

import pytest

from crystalbay.domain import (
    Analysis,
    Budget,
    ChatTurn,
    ConversationContext,
    Direction,
    Intent,
    TripBrief,
    Urgency,
)
from crystalbay.plugins import make_plugin_manager
from crystalbay.ports import Assistant
from crystalbay.rules import RulesAssistant

TODAY = date(2025, 3, 12)


def inbound(*texts: str) -> ConversationContext:
    return ConversationContext(
        turns=tuple(ChatTurn(direction=Direction.INBOUND, text=t) for t in texts)
    )


@pytest.fixture(name="assistant")
def fx_assistant() -> RulesAssistant:
    return RulesAssistant(today=TODAY)


def test_satisfies_the_assistant_port(assistant: RulesAssistant) -> None:
    assert isinstance(assistant, Assistant)
    assert assistant.name == "rules"


def test_is_registered_as_a_builtin_plugin() -> None:
    pm = make_plugin_manager(load_entrypoints=False)
    results = pm.hook.register_assistants(hub=object())
    assistants = [a for result in results if result for a in result]
    assert [type(a) for a in assistants] == [RulesAssistant]


def test_today_may_be_a_callable() -> None:
    assert RulesAssistant(today=lambda: TODAY).today() == TODAY
    assert isinstance(RulesAssistant().today(), date)


async def test_analyse_reads_a_russian_brief(assistant: RulesAssistant) -> None:
    analysis = await assistant.analyse(
        inbound(
            "Здравствуйте! Хотим в Нячанг в начале июня, вдвоём с ребёнком 5 лет, из Алматы",
            "на 10 ночей, бюджет до 2000$, всё включено, 4*",
        )
    )
    assert analysis.intent is Intent.TOUR_SEARCH
    assert analysis.language == "ru"
    assert analysis.brief == TripBrief(
        departure_city="Almaty",
        country="Vietnam",
        resort="Nha Trang",
        date_from=date(2025, 6, 1),
        date_to=date(2025, 6, 10),
        nights_min=10,
        nights_max=10,
        adults=1,
        child_ages=(5,),
        meal="AI",
        stars=4,
        budget=Budget(amount=2000, currency="USD"),
    )
    assert set(analysis.confidence) == {
        "departure_city", "country", "resort", "date_from", "date_to", "nights_min",
        "nights_max", "adults", "child_ages", "meal", "stars", "budget",
    }  # fmt: skip
    assert all(0.0 < value <= 1.0 for value in analysis.confidence.values())


async def test_score_grows_with_the_brief_budget_and_booking_intent(
    assistant: RulesAssistant,
) -> None:
    vague = await assistant.analyse(inbound("Хотим на море"))
    brief = await assistant.analyse(inbound("Турция, июль, 7 ночей, 2 взрослых, из Алматы"))
    budget = await assistant.analyse(
        inbound("Турция, июль, 7 ночей, 2 взрослых, из Алматы, до 2000$")
    )
    booking = await assistant.analyse(
        inbound("Турция, июль, 7 ночей, 2 взрослых, из Алматы, до 2000$", "Бронируем!")
    )
    assert vague.score < brief.score < budget.score < booking.score <= 100
    assert "назван бюджет" in budget.score_reasons
    assert "хочет бронировать" in booking.score_reasons
    assert booking.intent is Intent.BOOKING


@pytest.mark.parametrize(
    ("texts", "urgency"),
    [
        (("Это безобразие, нас никто не встретил!",), Urgency.HIGH),
        (("Позовите менеджера",), Urgency.HIGH),
        (("Деньги списали дважды, верните",), Urgency.HIGH),
        (("Срочно нужен тур в Турцию",), Urgency.HIGH),
        (("Египет, вылет 15 марта",), Urgency.HIGH),
        (("Турция в июле",), Urgency.NORMAL),
        (("Спасибо!",), Urgency.LOW),
    ],
)
async def test_urgency(assistant: RulesAssistant, texts: tuple[str, ...], urgency: Urgency) -> None:
    assert (await assistant.analyse(inbound(*texts))).urgency is urgency


async def test_the_last_stated_intent_wins(assistant: RulesAssistant) -> None:
    analysis = await assistant.analyse(
        inbound("Хотим забронировать тур", "Хургада, 2 взрослых", "Ой, а как оплатить?")
    )
    assert analysis.intent is Intent.PAYMENT


async def test_language_falls_back_to_the_conversation_for_wordless_messages(
    assistant: RulesAssistant,
) -> None:
    conversation = ConversationContext(
        turns=(ChatTurn(direction=Direction.INBOUND, text="10"),), language="kk"
    )
    assert (await assistant.analyse(conversation)).language == "kk"


async def test_an_empty_conversation_is_other(assistant: RulesAssistant) -> None:
    analysis = await assistant.analyse(ConversationContext(turns=()))
    assert analysis == Analysis(intent=Intent.OTHER, brief=TripBrief(), urgency=Urgency.LOW)
