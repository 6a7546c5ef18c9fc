import pytest

from crystalbay.domain import Intent
from crystalbay.rules import detect_language
from crystalbay.rules.intents import TurnIntent, is_dispute, is_urgent, turn_intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Это безобразие! Нас никто не встретил в аэропорту", Intent.COMPLAINT),
        ("Отель ужасный, в номере грязно", Intent.COMPLAINT),
        ("This is unacceptable, the room was dirty", Intent.COMPLAINT),
        ("Позовите менеджера, хочу поговорить с живым человеком", Intent.HUMAN),
        ("Перезвоните мне, пожалуйста", Intent.HUMAN),
        ("Can I talk to a manager? Call me back", Intent.HUMAN),
        ("Менеджермен сөйлескім келеді", Intent.HUMAN),
        ("Как можно оплатить тур? Через Kaspi можно?", Intent.PAYMENT),
        ("Можно ли оплатить в рассрочку?", Intent.PAYMENT),
        ("How can I pay for the tour?", Intent.PAYMENT),
        ("Когда будут документы по моей брони?", Intent.BOOKING_QUESTION),
        ("What is the status of my booking?", Intent.BOOKING_QUESTION),
        ("Хотим забронировать второй вариант", Intent.BOOKING),
        ("Берём! Оформляйте", Intent.BOOKING),
        ("let's book the second option", Intent.BOOKING),
        ("Подберите тур, пожалуйста", Intent.TOUR_SEARCH),
        ("Сколько стоит путевка?", Intent.TOUR_SEARCH),
        ("Где находится ваш офис?", Intent.OTHER),
        ("Спасибо большое!", Intent.SMALL_TALK),
        ("Здравствуйте", Intent.SMALL_TALK),
        ("Рахмет!", Intent.SMALL_TALK),
        ("ыва", Intent.OTHER),
    ],
)
def test_keywords_decide_the_intent(text: str, intent: Intent) -> None:
    assert turn_intent(text, brief_fields=0).intent is intent


def test_trip_details_make_a_tour_search_even_after_a_greeting() -> None:
    assert turn_intent("Здравствуйте, Турция, июль", brief_fields=2) == TurnIntent(
        Intent.TOUR_SEARCH, strong=False
    )


def test_a_visa_question_about_one_country_stays_other() -> None:
    assert turn_intent("Нужна ли виза в Таиланд?", brief_fields=1).intent is Intent.OTHER


def test_a_complaint_outranks_trip_details() -> None:
    assert turn_intent("В Кемере ужасный отель", brief_fields=2).intent is Intent.COMPLAINT


@pytest.mark.parametrize(
    ("text", "dispute"),
    [
        ("Деньги списали дважды, верните одну оплату", True),
        ("I want a refund", True),
        ("Оплатил, а бронь так и не подтвердили", True),
        ("Как оплатить тур?", False),
    ],
)
def test_payment_disputes(text: str, *, dispute: bool) -> None:
    assert is_dispute(text) is dispute


@pytest.mark.parametrize(
    ("text", "urgent"), [("Срочно нужен тур!", True), ("leaving tomorrow", True), ("в июле", False)]
)
def test_urgency_words(text: str, *, urgent: bool) -> None:
    assert is_urgent(text) is urgent


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Хотим в Турцию в июле", "ru"),
        ("Looking for a holiday in Turkey", "en"),
        ("Сәлеметсіз бе, Турцияға тур керек", "kk"),
        ("Салем, Египетке тур бар ма?", "kk"),  # Kazakh typed on a Russian keyboard
        ("Рахмет!", "kk"),
        ("Добрый день. 2 adults, Vietnam, Phu Quoc, 5*", "ru"),
        ("Хочу Rixos Premium Belek", "ru"),
        ("", "ru"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text) == language
