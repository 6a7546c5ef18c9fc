"""Phone and e-mail normalisation: one spelling per person, idempotent, loud on garbage."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from crystalbay.domain.contacts import normalize_email, normalize_phone
from crystalbay.errors import InvalidValue
from crystalbay.testing.strategies import emails, kz_phones, phone_spellings

E164_KZ = re.compile(r"^\+7\d{10}$")


def spellings(e164: str) -> list[str]:
    """Ways people write one Kazakh mobile number."""
    digits = e164[2:]
    op, a, b, c = digits[:3], digits[3:6], digits[6:8], digits[8:]
    return [
        e164,
        f"+7 {op} {a} {b} {c}",
        f"+7 ({op}) {a}-{b}-{c}",
        f"+7-{op}-{a}-{b}-{c}",
        f"8 ({op}) {a}-{b}-{c}",
        f"8{digits}",
        f"8-{op}-{a}-{b}{c}",
        f"7{digits}",
        digits,
        f"({op}) {a}.{b}.{c}",
        f"  {e164}\t",
        f"\n8 {op} {a} {b} {c} ",
    ]


@given(kz_phones)
def test_every_spelling_of_a_number_normalises_to_the_same_e164(e164: str) -> None:
    assert {normalize_phone(raw) for raw in spellings(e164)} == {e164}


@given(phone_spellings)
def test_phone_normalisation_is_idempotent_and_keeps_the_digits(raw: str) -> None:
    once = normalize_phone(raw)
    assert E164_KZ.match(once)
    assert normalize_phone(once) == once
    assert once.endswith("".join(ch for ch in raw if ch.isdigit())[-10:])


@given(kz_phones)
def test_region_only_matters_without_an_international_prefix(e164: str) -> None:
    assert normalize_phone(e164, region="RU") == e164
    assert normalize_phone(e164, region="DE") == e164


_garbage_phones = st.one_of(
    st.text(alphabet=string.ascii_letters + " -()", max_size=20),
    st.text(alphabet=string.digits, min_size=1, max_size=4),
    st.text(alphabet=string.digits, min_size=18, max_size=30),
    st.sampled_from(["", "   ", "+", "++7", "+7", "phone: none", "+0 000 000 00 00"]),
)


@given(_garbage_phones)
@example("+7 701 123")  # too short even for a local number
@example("+7 000 000 00 00")  # no such operator
def test_garbage_phones_raise_invalid_value_naming_the_field(raw: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        normalize_phone(raw)
    assert caught.value.field == "phone"
    assert caught.value.detail


def test_phone_error_names_the_field_the_caller_gives() -> None:
    with pytest.raises(InvalidValue) as caught:
        normalize_phone("not a number", field="contact.phones[1]")
    assert caught.value.field == "contact.phones[1]"
    assert "not a number" in caught.value.detail


@given(emails)
def test_emails_are_lower_cased_trimmed_and_idempotent(raw: str) -> None:
    once = normalize_email(f"  {raw}\t")
    assert once == raw.lower()
    assert once == once.lower()
    assert normalize_email(once) == once


@given(emails)
def test_spellings_differing_in_case_normalise_to_one_address(raw: str) -> None:
    assert normalize_email(raw.upper()) == normalize_email(raw.lower()) == normalize_email(raw)


def _corruptions(address: str) -> list[str]:
    local, _, domain = address.partition("@")
    return [
        address.replace("@", ""),  # no "@"
        address.replace("@", "@@"),  # two of them
        f"{local}@",  # no domain
        f"@{domain}",  # no local part
        f"{local} x@{domain}",  # a space inside
        f"{local}@{domain.replace('.', '..', 1)}",  # an empty domain label
        f"{local}@{domain.split('.', 1)[0]}",  # no dot in the domain
        f"{local}@{domain}.c",  # one-letter top-level domain
        f"{local}@-{domain}",  # a label starting with "-"
        f"{local}@{domain}.123",  # numeric top-level domain
    ]


@given(emails)
def test_broken_emails_are_rejected_naming_the_field(raw: str) -> None:
    for broken in _corruptions(raw):
        with pytest.raises(InvalidValue) as caught:
            normalize_email(broken, field="reply_to")
        assert caught.value.field == "reply_to", broken


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "plainaddress", "a@b", "a..b@example.com", "a@example..com", "анна@пример.рф"],
)
def test_invalid_emails_raise_with_the_default_field(raw: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        normalize_email(raw)
    assert caught.value.field == "email"
