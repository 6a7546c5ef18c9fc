import pytest

from crystalbay.rules import find_nights


@pytest.mark.parametrize(
    ("text", "nights"),
    [
        ("на 10 ночей", (10, 10)),
        ("7-9 nights", (7, 9)),
        ("от 7 до 10 ночей", (7, 10)),
        ("ночей 7-8", (7, 8)),
        ("nights: 7", (7, 7)),
        ("7н", (7, 7)),
        ("ten nights", (10, 10)),
        ("10 түн", (10, 10)),
        ("9 nigths", (9, 9)),
        ("неделю", (7, 7)),
        ("на неделю", (7, 7)),
        ("a week", (7, 7)),
        ("две недели", (14, 14)),
        ("2 weeks", (14, 14)),
        ("недели на две", (14, 14)),
        ("неделя-две", (7, 14)),
        ("a week or two", (7, 14)),
        ("полторы недели", (10, 11)),
        ("пару недель", (14, 14)),
        ("10 дней", (9, 9)),
        ("дней 10", (9, 9)),
        ("7-10 дней", (6, 9)),
    ],
)
def test_nights(text: str, nights: tuple[int, int]) -> None:
    found = find_nights(text)
    assert found is not None
    assert found.value == nights


@pytest.mark.parametrize(
    "text",
    [
        "через неделю",
        "на следующей неделе",
        "next week",
        "in 2 weeks",
        "пять дней назад",
        "перенести на неделю позже",
        "на 100 ночей",
        "2 взрослых",
    ],
)
def test_relative_dates_and_implausible_stays_are_not_nights(text: str) -> None:
    assert find_nights(text) is None


def test_nights_beat_weeks_in_one_message() -> None:
    found = find_nights("на неделю, а лучше 10 ночей")
    assert found is not None
    assert found.value == (10, 10)
