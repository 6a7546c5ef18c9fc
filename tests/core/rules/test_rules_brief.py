from datetime import date

from crystalbay.domain import Budget, ChatTurn, ConversationContext, Direction, Intent, TripBrief
from crystalbay.rules import read_conversation

TODAY = date(2025, 3, 12)


def chat(*messages: str | tuple[str, str]) -> ConversationContext:
    """Strings are the customer's messages; ``("out", text)`` are ours."""
    turns = tuple(
        ChatTurn(direction=Direction.INBOUND, text=m)
        if isinstance(m, str)
        else ChatTurn(direction=Direction(m[0]), text=m[1])
        for m in messages
    )
    return ConversationContext(turns=turns)


def test_several_messages_form_one_brief() -> None:
    reading = read_conversation(
        chat("Здравствуйте! Хотим в Турцию", "в июле", "на 10 ночей, 2 взрослых и ребенок 4 года"),
        TODAY,
    )
    assert reading.brief == TripBrief(
        country="Turkey",
        date_from=date(2025, 7, 1),
        date_to=date(2025, 7, 31),
        nights_min=10,
        nights_max=10,
        adults=2,
        child_ages=(4,),
    )
    assert [turn.intent for turn in reading.intents] == [Intent.TOUR_SEARCH] * 3


def test_later_statements_override_earlier_ones() -> None:
    reading = read_conversation(
        chat("Хотим в Анталию в мае", "нет, лучше в Египет", "и не в мае, а в июне"), TODAY
    )
    assert reading.brief.country == "Egypt"
    assert reading.brief.resort is None
    assert reading.brief.date_from == date(2025, 6, 1)


def test_a_country_keeps_the_resort_in_it() -> None:
    reading = read_conversation(chat("Нячанг, 7 ночей", "да, Вьетнам"), TODAY)
    assert (reading.brief.country, reading.brief.resort) == ("Vietnam", "Nha Trang")


def test_reading_starts_from_the_known_brief_with_full_confidence() -> None:
    known = TripBrief(country="Egypt", adults=2, budget=Budget(amount=1000, currency="USD"))
    conversation = ConversationContext(
        turns=(ChatTurn(direction=Direction.INBOUND, text="на 7 ночей"),), brief=known
    )
    reading = read_conversation(conversation, TODAY)
    assert reading.brief.country == "Egypt"
    assert reading.brief.nights_min == 7
    assert reading.confidence["country"] == 1.0
    assert reading.confidence["nights_min"] < 1.0


def test_a_bare_number_answers_our_question() -> None:
    reading = read_conversation(chat("Тур в Таиланд", ("out", "На сколько ночей?"), "10"), TODAY)
    assert (reading.brief.nights_min, reading.brief.nights_max) == (10, 10)


def test_a_bare_amount_answers_a_budget_question() -> None:
    reading = read_conversation(chat("Турция", ("out", "Какой бюджет?"), "500 000"), TODAY)
    assert reading.brief.budget == Budget(amount=500_000, currency="KZT")


def test_a_bare_number_without_a_question_means_nothing() -> None:
    reading = read_conversation(chat("Турция", "10"), TODAY)
    assert reading.brief.nights_min is None


def test_outbound_messages_are_not_read_as_the_customers_wishes() -> None:
    reading = read_conversation(chat(("out", "Есть отличный тур в Египет на 7 ночей")), TODAY)
    assert reading.brief == TripBrief()


def test_implied_nights_do_not_override_stated_ones() -> None:
    reading = read_conversation(chat("на 7 ночей", "вылет с 1 по 5 июля"), TODAY)
    assert reading.brief.nights_min == 7


def test_an_age_given_later_completes_the_children() -> None:
    reading = read_conversation(chat("2 взрослых и ребенок", "ребенку 6 лет"), TODAY)
    assert reading.brief.adults == 2
    assert reading.brief.child_ages == (6,)
    assert reading.ages_unknown == 0


def test_children_without_ages_are_counted() -> None:
    reading = read_conversation(chat("2 взрослых и двое детей"), TODAY)
    assert reading.brief.child_ages == ()
    assert reading.ages_unknown == 2
