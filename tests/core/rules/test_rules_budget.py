import pytest

from crystalbay.domain import Budget
from crystalbay.rules import find_budget


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("до 2000$", 2000, "USD"),
        ("$3000", 3000, "USD"),
        ("USD 1800", 1800, "USD"),
        ("бюджет: 2000 долларов", 2000, "USD"),
        ("до 3к$", 3000, "USD"),
        ("2500 евро", 2500, "EUR"),
        ("300 тыс. тенге", 300_000, "KZT"),
        ("1,5 млн тг", 1_500_000, "KZT"),
        ("1 500 000 тенге", 1_500_000, "KZT"),
        ("до 400 мың теңге", 400_000, "KZT"),
        ("150 000 руб", 150_000, "RUB"),
        ("1500-2000$", 2000, "USD"),
        ("от 1000 до 1500 евро", 1500, "EUR"),
    ],
)
def test_budget_with_a_currency(text: str, amount: float, currency: str) -> None:
    found = find_budget(text)
    assert found is not None
    assert found.value == Budget(amount=amount, currency=currency)
    assert found.confidence == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("бюджет 500к", 500_000, "KZT"),
        ("бюджет 1500", 1500, "USD"),
        ("около 700 тысяч", 700_000, "KZT"),
    ],
)
def test_budget_without_a_currency_is_a_guess(text: str, amount: float, currency: str) -> None:
    found = find_budget(text)
    assert found is not None
    assert found.value == Budget(amount=amount, currency=currency)
    assert found.confidence < 0.9


@pytest.mark.parametrize(
    "text", ["до 20 мая", "до 10 ночей", "2 взрослых", "за 7 ночей", "10.05", "5 евро", ""]
)
def test_numbers_that_are_not_money(text: str) -> None:
    assert find_budget(text) is None


def test_per_person_prices_are_less_confident() -> None:
    found = find_budget("1500$ на человека")
    assert found is not None
    assert found.confidence < 0.9
