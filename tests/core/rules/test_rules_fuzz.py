"""Arbitrary text never crashes an extractor, and what comes out is always plausible."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from crystalbay.domain import ChatTurn, ConversationContext, Direction, Intent
from crystalbay.rules import (
    MEAL_CODES,
    RulesAssistant,
    detect_language,
    find_budget,
    find_dates,
    find_departure,
    find_destination,
    find_meal,
    find_nights,
    find_stars,
    find_travellers,
    normalize,
)

# Fragments that look like travel chat, so that the patterns are really exercised.
FRAGMENTS = st.sampled_from(
    [
        "с", "по", "до", "на", "из", "в", "-", ".", ",", "/", "+", "$", "€", "тг", "тыс", "млн",
        "к", "10", "20", "1", "5", "31", "12", "2025", "05", "1,5", "2 000", "мая", "марта",
        "июне", "may", "june", "начале", "конце", "mid", "ночей", "nights", "дней", "недели",
        "неделю", "через", "next", "week", "взрослых", "adults", "детей", "ребенок", "лет",
        "years", "old", "вдвоем", "семья", "из", "трех", "Турция", "Нячанг", "Phu Quoc",
        "Алматы", "all inclusive", "завтраки", "5*", "звезд", "пятерка", "бюджет", "budget",
        "Сәлеметсіз", "керек", "ересек", "түн", "бала", "жаста", "завтра", "новый год",
    ]
)  # fmt: skip
CHATTY = st.lists(FRAGMENTS, max_size=25).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=300), CHATTY)
TODAY = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(text=ANY_TEXT)
def test_places_never_crash(text: str) -> None:
    destination = find_destination(text)
    departure = find_departure(text)
    assert destination is None or 0 < destination.confidence <= 1
    assert departure is None or departure.value


@given(text=ANY_TEXT, today=TODAY)
def test_dates_are_ordered_and_not_in_the_past(text: str, today: date) -> None:
    found = find_dates(text, today)
    if found is not None:
        window = found.value
        assert window.start <= window.end
        assert window.end >= today
        assert window.nights is None or 1 <= window.nights <= 30


@given(text=ANY_TEXT)
def test_nights_are_plausible(text: str) -> None:
    found = find_nights(text)
    if found is not None:
        low, high = found.value
        assert 1 <= low <= high <= 60


@given(text=ANY_TEXT)
def test_party_is_plausible(text: str) -> None:
    found = find_travellers(text)
    if found is not None:
        party = found.value
        assert party.adults is None or party.adults >= 1
        assert all(0 <= age <= 17 for age in party.child_ages)
        assert party.children >= len(party.child_ages)


@given(text=ANY_TEXT)
def test_money_meal_stars_and_language_are_plausible(text: str) -> None:
    budget, meal, stars = find_budget(text), find_meal(text), find_stars(text)
    assert budget is None or (budget.value.amount > 0 and budget.value.currency)
    assert meal is None or meal.value in MEAL_CODES
    assert stars is None or 1 <= stars.value <= 5
    assert detect_language(text) in {"ru", "en", "kk"}
    assert normalize(normalize(text)) == normalize(text)


@settings(max_examples=50, deadline=None)
@given(texts=st.lists(ANY_TEXT, max_size=4), today=TODAY)
def test_the_assistant_reads_any_conversation(texts: list[str], today: date) -> None:
    conversation = ConversationContext(
        turns=tuple(ChatTurn(direction=Direction.INBOUND, text=text) for text in texts)
    )
    analysis, _ = RulesAssistant(today=today).read(conversation)
    assert isinstance(analysis.intent, Intent)
    assert 0 <= analysis.score <= 100
    assert all(0 <= value <= 1 for value in analysis.confidence.values())
