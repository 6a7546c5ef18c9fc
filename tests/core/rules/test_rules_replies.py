import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crystalbay.domain import (
    ChatTurn,
    ConversationContext,
    Direction,
    Intent,
    ReplyContext,
    TourOffer,
    TripBrief,
)
from crystalbay.rules import RulesAssistant, format_price
from crystalbay.rules.replies import MAX_CITED, ReplyPlan, compose_reply, offer_line

TODAY = date(2025, 3, 12)
FULL = "Турция, Кемер, с 10 июня на 7 ночей, 2 взрослых, из Алматы"


def offer(offer_id: str, **changes: object) -> TourOffer:
    values: dict[str, object] = {
        "provider": "samo",
        "offer_id": offer_id,
        "hotel": f"Hotel {offer_id}",
        "stars": 5,
        "country": "Turkey",
        "resort": "Kemer",
        "room": "Standard",
        "meal": "AI",
        "check_in": date(2025, 6, 10),
        "nights": 7,
        "adults": 2,
        "price": 1450.0,
        "currency": "USD",
    }
    values.update(changes)
    return TourOffer(**values)  # type: ignore[arg-type]


def chat(*messages: str | tuple[str, str], language: str | None = None) -> ConversationContext:
    turns = tuple(
        ChatTurn(direction=Direction.INBOUND, text=m)
        if isinstance(m, str)
        else ChatTurn(direction=Direction(m[0]), text=m[1])
        for m in messages
    )
    return ConversationContext(turns=turns, language=language)


def questions(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("— ")]


@pytest.fixture(name="assistant")
def fx_assistant() -> RulesAssistant:
    return RulesAssistant(today=TODAY)


async def test_offers_are_cited_exactly_as_given(assistant: RulesAssistant) -> None:
    offers = (
        offer("A1", price=1450.0, hotel="Rixos Sungate", check_in=date(2025, 6, 10)),
        offer("B2", price=1234.5, stars=4, meal="BB", nights=9, check_in=date(2025, 6, 12)),
        offer("C3", price=987_654.0, currency="KZT", converted_price=1980.0,
              converted_currency="USD"),
    )  # fmt: skip
    draft = await assistant.draft_reply(chat(FULL), ReplyContext(offers=offers))
    assert draft.cited_offers == ("A1", "B2", "C3")
    assert draft.confident
    for line, cited in zip(draft.text.splitlines()[2:5], offers, strict=True):
        assert cited.hotel in line
        assert f"{cited.stars}*" in line
        assert cited.check_in.strftime("%d.%m.%Y") in line
        assert f"{cited.nights} ноч" in line
        assert cited.meal in line
        assert f"{format_price(cited.price)} {cited.currency}" in line
    assert "1234.50 USD" in draft.text
    assert "987654 KZT (≈ 1980 USD)" in draft.text


async def test_only_the_first_three_offers_are_cited(assistant: RulesAssistant) -> None:
    offers = tuple(offer(f"id{n}", price=1000.0 + n) for n in range(5))
    draft = await assistant.draft_reply(chat(FULL), ReplyContext(offers=offers))
    assert draft.cited_offers == ("id0", "id1", "id2")
    assert "Hotel id3" not in draft.text
    assert "Hotel id4" not in draft.text
    prices = set(re.findall(r"(\d+(?:\.\d+)?) USD", draft.text))
    assert prices == {"1000", "1001", "1002"}


async def test_no_offers_no_prices(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(chat(FULL), ReplyContext())
    assert draft.cited_offers == ()
    assert not re.search(r"\d+ (?:USD|KZT|EUR|RUB)", draft.text)


async def test_sandbox_offers_are_marked_demo(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(
        chat(FULL), ReplyContext(offers=(offer("S1", sandbox=True), offer("R1")))
    )
    demo_line, real_line = draft.text.splitlines()[2:4]
    assert demo_line.endswith("[демо]")
    assert "[демо]" not in real_line
    assert "демонстрационные" in draft.text


async def test_hotels_on_stop_sale_are_cited_last(assistant: RulesAssistant) -> None:
    offers = (offer("stop", hotel_on_stop=True), offer("ok1"), offer("ok2"), offer("ok3"))
    draft = await assistant.draft_reply(chat(FULL), ReplyContext(offers=offers))
    assert draft.cited_offers == ("ok1", "ok2", "ok3")


async def test_asks_for_at_most_two_missing_fields_in_order(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(chat("Здравствуйте, хотим на море"), ReplyContext())
    assert questions(draft.text) == [
        "— Куда хотите поехать — какая страна или курорт?",
        "— Когда планируете вылет — примерные даты или месяц?",
    ]
    assert draft.text.startswith("Здравствуйте!")


async def test_asks_for_what_is_still_missing(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(
        chat("Турция, июль, 2 взрослых", ("out", "Здравствуйте! На сколько ночей?"), "10"),
        ReplyContext(),
    )
    assert questions(draft.text) == ["— Из какого города вылет?"]
    assert not draft.text.startswith("Здравствуйте")  # we greeted already


async def test_asks_the_childrens_ages(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(
        chat("Турция, июль, 7 ночей, 2 взрослых и двое детей"), ReplyContext()
    )
    assert questions(draft.text) == ["— Сколько лет детям?", "— Из какого города вылет?"]


async def test_context_missing_fields_win(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(
        chat(FULL), ReplyContext(missing=("budget", "stars", "meal"))
    )
    assert questions(draft.text) == [
        "— На какой бюджет ориентируетесь?",
        "— Отель какой категории — 3*, 4* или 5*?",
    ]


async def test_nothing_missing_and_no_offers_promises_a_search(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(chat(FULL), ReplyContext())
    assert questions(draft.text) == []
    assert "подбираю варианты" in draft.text


@pytest.mark.parametrize(
    ("messages", "language", "greeting"),
    [
        (("Hi, we want to go to Turkey in July",), "en", "Hello!"),
        (("Сәлеметсіз бе, Турцияға тур керек",), "kk", "Сәлеметсіз бе!"),
        (("Хотим в Турцию в июле",), "ru", "Здравствуйте!"),
    ],
)
async def test_the_reply_follows_the_customers_language(
    assistant: RulesAssistant, messages: tuple[str, ...], language: str, greeting: str
) -> None:
    draft = await assistant.draft_reply(chat(*messages), ReplyContext())
    assert draft.language == language
    assert draft.text.startswith(greeting)
    assert len(questions(draft.text)) == 2


async def test_an_explicit_reply_language_wins(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(chat(FULL), ReplyContext(language="en"))
    assert draft.language == "en"
    assert draft.text.startswith("Hello!")


async def test_english_offer_lines(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(
        chat("Kemer, June 10, 7 nights, 2 adults, from Almaty"),
        ReplyContext(offers=(offer("E1", nights=1),)),
    )
    assert "check-in 10.06.2025, 1 night, meals AI: 1450 USD" in draft.text


@pytest.mark.parametrize(
    ("text", "confident"),
    [
        ("Это безобразие, нас никто не встретил!", False),
        ("Позовите менеджера", False),
        ("Деньги списали дважды, верните", False),
        ("Когда будут документы по моей брони?", False),
        ("ыыы", False),
        ("Как оплатить тур?", True),
        ("Спасибо!", True),
        ("Хотим в Турцию в июле", True),
    ],
)
async def test_confidence_of_the_draft(
    assistant: RulesAssistant, text: str, *, confident: bool
) -> None:
    draft = await assistant.draft_reply(chat(text), ReplyContext(offers=(offer("X"),)))
    assert draft.confident is confident


async def test_a_complaint_never_cites_offers(assistant: RulesAssistant) -> None:
    draft = await assistant.draft_reply(
        chat("Отель ужасный, грязно!"), ReplyContext(offers=(offer("X"),))
    )
    assert draft.cited_offers == ()
    assert "Hotel X" not in draft.text
    assert "менеджер" in draft.text


@pytest.mark.parametrize(
    ("value", "text"), [(1450.0, "1450"), (1234.5, "1234.50"), (0.99, "0.99"), (1e6, "1000000")]
)
def test_format_price(value: float, text: str) -> None:
    assert format_price(value) == text


@given(
    price=st.floats(min_value=0.01, max_value=1e8, allow_nan=False, allow_infinity=False).map(
        lambda p: round(p, 2)
    ),
    currency=st.sampled_from(["USD", "KZT", "EUR", "RUB"]),
    language=st.sampled_from(["ru", "en", "kk"]),
    hotel=st.text(min_size=1, max_size=30),
)
def test_any_offer_line_shows_its_own_price_and_hotel(
    price: float, currency: str, language: str, hotel: str
) -> None:
    cited = offer("P", price=price, currency=currency, hotel=hotel)
    line = offer_line(1, cited, language)
    assert f"{format_price(price)} {currency}" in line
    assert hotel in line
    assert float(format_price(price)) == pytest.approx(price, abs=0.005)


@given(count=st.integers(min_value=0, max_value=8), missing=st.lists(st.sampled_from(
    ["country", "date_from", "date_to", "nights_min", "nights_max", "adults", "child_ages",
     "departure_city", "budget", "meal", "stars", "resort", "unknown_field"])))  # fmt: skip
def test_plans_cite_at_most_three_and_ask_at_most_two(count: int, missing: list[str]) -> None:
    offers = tuple(offer(f"o{n}") for n in range(count))
    plan = ReplyPlan(
        intent=Intent.TOUR_SEARCH,
        brief=TripBrief(country="Turkey"),
        language="ru",
        offers=offers,
        missing=missing,
    )
    draft = compose_reply(plan)
    assert draft.cited_offers == tuple(o.offer_id for o in offers[:MAX_CITED])
    assert len(questions(draft.text)) <= 2
