"""Draft verification: only given offers, only their prices, at most two questions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crystalbay.domain import ReplyContext
from crystalbay.rules.replies import format_price
from crystalbay.testing import make_offer
from crystalbay_plugins.openai.grounding import find_prices, verify_draft
from crystalbay_plugins.openai.models import DraftOut

OFFER = make_offer(
    offer_id="A1", price=1250.0, currency="USD", converted_price=612500.0, converted_currency="KZT"
)
OTHER = make_offer(offer_id="B2", price=980.5, currency="EUR")
CONTEXT = ReplyContext(offers=(OFFER, OTHER), missing=("date_from", "adults", "departure_city"))


def _draft(text: str, cited: list[str], asked: list[str] | None = None) -> DraftOut:
    return DraftOut(text=text, language="ru", cited_offer_ids=cited, asked_fields=asked or [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 250 USD (≈ 612 500 KZT)", [(1250.0, "USD"), (612500.0, "KZT")]),
        ("$1,250.50 или € 980", [(1250.5, "USD"), (980.0, "EUR")]),
        ("150к тенге, 150 тыс. руб", [(150000.0, "KZT"), (150000.0, "RUB")]),
        ("1000руб и 2000 р. и 300usd", [(1000.0, "RUB"), (2000.0, "RUB"), (300.0, "USD")]),
        ("бюджет 1250,5 евро", [(1250.5, "EUR")]),
        ("около 200k", [(200000.0, None)]),
    ],
)
def test_price_looking_numbers_are_found(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(p.amount, p.currency) for p in find_prices(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rixos 5* с 15.07.2026 на 7 ночей, 2 взрослых",
        "Hotel 1001 Nights, check-in 2026-07-15 at 10:30, 3 adults, 2 children",
        "вылет в 06:40, 5 звёзд",
    ],
)
def test_dates_counts_and_stars_are_not_prices(text: str) -> None:
    assert find_prices(text) == []


def test_a_draft_quoting_cited_prices_exactly_is_grounded() -> None:
    text = "Rixos: 1 250 USD (≈ 612 500 KZT). Второй вариант: 980,50 €. Когда летим?"
    draft = _draft(text, ["A1", "B2"], ["date_from"])

    assert verify_draft(draft, CONTEXT) == []


def test_an_invented_price_is_rejected() -> None:
    draft = _draft("Rixos всего за 1 199 USD!", ["A1"])

    assert verify_draft(draft, CONTEXT) == [
        "quotes '1 199 USD', which is not a price of a cited offer"
    ]


def test_a_price_of_an_offer_that_is_not_cited_is_rejected() -> None:
    draft = _draft("Есть вариант за 980.50 EUR", ["A1"])

    assert len(verify_draft(draft, CONTEXT)) == 1


def test_the_right_amount_in_the_wrong_currency_is_rejected() -> None:
    draft = _draft("Rixos: 1250 EUR", ["A1"])

    assert verify_draft(draft, CONTEXT) != []


def test_an_unknown_offer_id_is_rejected() -> None:
    draft = _draft("Есть отличный отель!", ["A1", "Z9"])

    assert verify_draft(draft, CONTEXT) == ["cites offer 'Z9', which was not given"]


def test_restating_the_budget_counts_as_an_ungrounded_price() -> None:
    draft = _draft("Под ваш бюджет 150к тенге подберём тур", [])

    assert verify_draft(draft, CONTEXT) != []


def test_at_most_two_missing_fields_are_asked_for() -> None:
    draft = _draft("Когда, сколько вас и откуда?", [], ["date_from", "adults", "departure_city"])

    assert verify_draft(draft, CONTEXT) == ["asks for 3 fields; at most 2"]


def test_only_missing_fields_are_asked_for() -> None:
    draft = _draft("Какую страну хотите?", [], ["country"])

    assert verify_draft(draft, CONTEXT) == ["asks for country, which the brief does not miss"]


@given(
    price=st.decimals(min_value=1, max_value=10_000_000, places=2).map(float),
    currency=st.sampled_from(["USD", "EUR", "KZT", "RUB"]),
    style=st.sampled_from(["{p} {c}", "{p}{c}", "{c} {p}", "{p} {c}."]),
    grouping=st.sampled_from(["", " ", "\u00a0", ","]),
)
def test_a_price_copied_as_given_always_verifies(
    price: float, currency: str, style: str, grouping: str
) -> None:
    offer = make_offer(offer_id="X", price=price, currency=currency)
    written = format_price(price)
    if grouping:  # 1250000.5 -> 1 250 000.50 (a comma groups only with a dot for decimals)
        whole, _, cents = written.partition(".")
        written = f"{int(whole):,}".replace(",", grouping) + (f".{cents}" if cents else "")
    text = "Вариант: " + style.format(p=written, c=currency)

    draft = _draft(text, ["X"])

    assert verify_draft(draft, ReplyContext(offers=(offer,))) == []
