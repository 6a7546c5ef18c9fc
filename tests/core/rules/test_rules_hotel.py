import pytest

from crystalbay.rules import MEAL_CODES, find_meal, find_stars


@pytest.mark.parametrize(
    ("text", "meal"),
    [
        ("all inclusive", "AI"),
        ("All-Inclusive", "AI"),
        ("всё включено", "AI"),
        ("ол инклюзив", "AI"),
        ("AI", "AI"),
        ("барлығы қосылған", "AI"),
        ("ультра всё включено", "UAI"),
        ("завтраки", "BB"),
        ("только завтрак", "BB"),
        ("BB", "BB"),
        ("breakfast only", "BB"),
        ("завтрак и ужин", "HB"),
        ("полупансион", "HB"),
        ("half board", "HB"),
        ("полный пансион", "FB"),
        ("без питания", "RO"),
        ("не обязательно все включено, можно завтраки", "BB"),
    ],
)
def test_meal(text: str, meal: str) -> None:
    found = find_meal(text)
    assert found is not None
    assert found.value == meal
    assert found.value in MEAL_CODES


@pytest.mark.parametrize("text", ["Хотим в Турцию", "2 взрослых", ""])
def test_no_meal(text: str) -> None:
    assert find_meal(text) is None


@pytest.mark.parametrize(
    ("text", "stars"),
    [
        ("5*", 5),
        ("отель 5 звезд", 5),
        ("4 звезды", 4),
        ("пятёрка", 5),
        ("четверку", 4),
        ("5-ти звездочный", 5),
        ("five star", 5),
        ("5 stars", 5),
        ("4-5*", 4),
        ("4*-5*", 4),
        ("*****", 5),
        ("не ниже 4*", 4),
    ],
)
def test_stars(text: str, stars: int) -> None:
    found = find_stars(text)
    assert found is not None
    assert found.value == stars


@pytest.mark.parametrize("text", ["2 взрослых", "7 ночей", "6*"])
def test_no_stars(text: str) -> None:
    assert find_stars(text) is None
