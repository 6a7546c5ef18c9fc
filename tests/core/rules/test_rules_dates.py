from datetime import date

import pytest

from crystalbay.rules import find_dates

TODAY = date(2025, 3, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("в мае", date(2025, 5, 1), date(2025, 5, 31)),
        ("в марте", date(2025, 3, 12), date(2025, 3, 31)),  # this month: from today
        ("в феврале", date(2026, 2, 1), date(2026, 2, 28)),  # past month: next year
        ("in July", date(2025, 7, 1), date(2025, 7, 31)),
        ("шілдеде", date(2025, 7, 1), date(2025, 7, 31)),
        ("в начале июня", date(2025, 6, 1), date(2025, 6, 10)),
        ("в середине декабря", date(2025, 12, 11), date(2025, 12, 20)),
        ("в конце августа", date(2025, 8, 21), date(2025, 8, 31)),
        ("early June", date(2025, 6, 1), date(2025, 6, 10)),
        ("mid-June", date(2025, 6, 11), date(2025, 6, 20)),
        ("end of July", date(2025, 7, 21), date(2025, 7, 31)),
        ("маусымның басында", date(2025, 6, 1), date(2025, 6, 10)),
        ("во второй половине июля", date(2025, 7, 16), date(2025, 7, 31)),
        ("в июне или июле", date(2025, 6, 1), date(2025, 7, 31)),
        ("10 мая", date(2025, 5, 10), date(2025, 5, 10)),
        ("8 марта", date(2026, 3, 8), date(2026, 3, 8)),  # past day: next year
        ("с 5.06", date(2025, 6, 5), date(2025, 6, 5)),
        ("10.05.2026", date(2026, 5, 10), date(2026, 5, 10)),
        ("до 20 мая", TODAY, date(2025, 5, 20)),
        ("around May 15.", date(2025, 5, 15), date(2025, 5, 15)),
        ("наурыз айының соңында", date(2025, 3, 21), date(2025, 3, 31)),
        ("next week", date(2025, 3, 17), date(2025, 3, 23)),
        ("на следующей неделе", date(2025, 3, 17), date(2025, 3, 23)),
        ("завтра", date(2025, 3, 13), date(2025, 3, 13)),
        ("через 2 недели", date(2025, 3, 26), date(2025, 4, 1)),
        ("в эти выходные", date(2025, 3, 15), date(2025, 3, 16)),
        ("на эти выходные", date(2025, 3, 15), date(2025, 3, 16)),
        ("на новый год", date(2025, 12, 28), date(2026, 1, 3)),
        ("на майские", date(2025, 5, 1), date(2025, 5, 10)),
        ("летом", date(2025, 6, 1), date(2025, 8, 31)),
    ],
)
def test_date_windows(text: str, start: date, end: date) -> None:
    found = find_dates(text, TODAY)
    assert found is not None
    assert (found.value.start, found.value.end) == (start, end)
    assert found.value.nights is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("с 10 по 20 мая", date(2025, 5, 10), date(2025, 5, 20)),
        ("10-20 мая", date(2025, 5, 10), date(2025, 5, 20)),
        ("10-20.05", date(2025, 5, 10), date(2025, 5, 20)),
        ("с 20.06 по 30.06", date(2025, 6, 20), date(2025, 6, 30)),
        ("с 25 декабря по 5 января", date(2025, 12, 25), date(2026, 1, 5)),
        ("May 10-20", date(2025, 5, 10), date(2025, 5, 20)),
        ("from May 10 to May 20", date(2025, 5, 10), date(2025, 5, 20)),
        ("from 10th to 20th of May", date(2025, 5, 10), date(2025, 5, 20)),
        ("вылет 10 мая, обратно 20 мая", date(2025, 5, 10), date(2025, 5, 20)),
    ],
)
def test_explicit_trip_ranges_imply_the_nights(text: str, start: date, end: date) -> None:
    found = find_dates(text, TODAY)
    assert found is not None
    assert found.value.start == start
    assert found.value.end == end
    assert found.value.nights == (end - start).days


def test_a_day_range_beats_the_month_it_refines() -> None:
    found = find_dates("в мае, точнее с 10 по 20 мая", TODAY)
    assert found is not None
    assert found.value.start == date(2025, 5, 10)


def test_the_later_of_two_months_wins() -> None:
    found = find_dates("ой, не в апреле, а в мае", TODAY)
    assert found is not None
    assert found.value.start == date(2025, 5, 1)


@pytest.mark.parametrize(
    "text",
    [
        "1,5 млн тг",
        "1.5 года",
        "4.5*",
        "2 взрослых 2 детей 3 и 7 лет",
        "may I ask a question",
        "ноябрь 10 ночей",
        "31 апреля",
        "",
    ],
)
def test_numbers_that_are_not_days(text: str) -> None:
    found = find_dates(text, TODAY)
    assert found is None or found.value.start.day == 1  # at most a whole month, never a day


def test_an_impossible_day_falls_back_to_the_month() -> None:
    found = find_dates("31 апреля", TODAY)
    assert found is not None
    assert (found.value.start, found.value.end) == (date(2025, 4, 1), date(2025, 4, 30))


def test_confidence_reflects_precision() -> None:
    day, month, season = (find_dates(t, TODAY) for t in ("10 мая", "в мае", "летом"))
    assert day is not None
    assert month is not None
    assert season is not None
    assert day.confidence > month.confidence > season.confidence
