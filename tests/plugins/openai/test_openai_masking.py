"""Masking of cards, CVVs, passports and bank accounts; phones survive."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crystalbay_plugins.openai.masking import (
    ACCOUNT,
    CARD,
    CVV,
    IBAN,
    PASSPORT,
    luhn_valid,
    mask_sensitive,
)

WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщыэюя", min_size=1),
    max_size=4,
).map(" ".join)


def _with_check_digit(body: str) -> str:
    """``body`` plus the digit that makes it pass Luhn."""
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


@st.composite
def cards(draw: st.DrawFn) -> str:
    """A Luhn-valid number of 13-19 digits, written in one of the usual groupings."""
    length = draw(st.integers(min_value=13, max_value=19))
    body = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    number = _with_check_digit(body)
    sep = draw(st.sampled_from(["", " ", "-", "\u00a0"]))
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


@st.composite
def phones(draw: st.DrawFn) -> str:
    """A Kazakh or Russian mobile number as customers write it."""
    digits = draw(st.text(alphabet="0123456789", min_size=10, max_size=10))
    a, b, c, d, e = digits[:3], digits[3:6], digits[6:8], digits[8:], digits
    return draw(
        st.sampled_from(
            [
                f"+7 {a} {b} {c} {d}",
                f"+7{e}",
                f"8 ({a}) {b}-{c}-{d}",
                f"8{e}",
                f"+7-{a}-{b}-{c}-{d}",
            ]
        )
    )


@given(card=cards(), before=WORDS, after=WORDS)
def test_any_valid_card_number_is_masked_whatever_surrounds_it(
    card: str, before: str, after: str
) -> None:
    masked = mask_sensitive(f"{before} {card} {after}")

    assert CARD in masked
    assert not re.search(r"\d", masked)  # the surrounding words hold no digits


@given(phone=phones(), card=cards())
def test_phones_survive_next_to_a_masked_card(phone: str, card: str) -> None:
    masked = mask_sensitive(f"мой номер {phone}, карта {card}")

    assert masked == f"мой номер {phone}, карта {CARD}"


@given(phone=phones())
def test_phones_alone_are_left_as_written(phone: str) -> None:
    text = f"Перезвоните мне на {phone}, пожалуйста"

    assert mask_sensitive(text) == text


@given(text=st.text(max_size=80))
def test_masking_is_idempotent(text: str) -> None:
    once = mask_sensitive(text)

    assert mask_sensitive(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CVV 123", f"CVV {CVV}"),
        ("cvc2: 9876", f"cvc2: {CVV}"),
        ("код безопасности 321", f"код безопасности {CVV}"),
        ("паспорт 45 12 345678", f"паспорт {PASSPORT}"),
        ("загранпаспорт: 75 1234567", f"загранпаспорт: {PASSPORT}"),
        ("Passport no. N12345678", f"Passport no. {PASSPORT}"),
        ("серия и номер 4512 345678", f"серия и номер {PASSPORT}"),
        ("вот данные: 45 12 345678", f"вот данные: {PASSPORT}"),
        ("документ AB1234567", f"документ {PASSPORT}"),
        ("IBAN KZ86 125K ZT50 0410 0100", f"IBAN {IBAN}"),
        ("счёт DE89370400440532013000", f"счёт {IBAN}"),
        ("р/с 40817810099910004312", f"р/с {ACCOUNT}"),
        ("карта 5500-0000-0000-0004 cvv 123", f"карта {CARD} cvv {CVV}"),
    ],
)
def test_payment_and_identity_data_is_masked(text: str, expected: str) -> None:
    assert mask_sensitive(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Хотим в Турцию 15.07.2026 на 7 ночей, 2 взрослых и ребёнок 5 лет",
        "Бюджет 1 500 000 тенге, вылет из Алматы",
        "Бронь 12345678, звоните +7 701 123 45 67",
        "4111 1111 1111 1112",  # fails the Luhn check: not a card
        "паспорт готов, телефон 87011234567",
        "мой номер 8701 123456",
    ],
)
def test_ordinary_travel_talk_is_left_alone(text: str) -> None:
    assert mask_sensitive(text) == text


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True), ("", False)],
)
def test_luhn(digits: str, *, valid: bool) -> None:
    assert luhn_valid(digits) is valid
