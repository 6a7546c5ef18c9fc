"""Outbound mapping: subjects derived from the text, the request body SendGrid expects."""

from __future__ import annotations

import json

import msgspec
import pytest

from crystalbay.domain import OutboundMessage
from crystalbay_plugins.sendgrid.mapping import derive_subject, to_mail_request


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Подборка туров в Турцию\nОтель 5*", "Подборка туров в Турцию"),
        ("Здравствуйте, Анна!\n\nВаш тур подтверждён.", "Ваш тур подтверждён."),
        ("  \n\n  Hello   world  ", "Hello world"),
        ("Добрый день!", "Добрый день!"),
        ("", "Crystal Bay"),
    ],
)
def test_subject_is_the_first_meaningful_line(text: str, subject: str) -> None:
    assert derive_subject(text, fallback="Crystal Bay") == subject


def test_long_subject_is_cut_at_a_word_boundary() -> None:
    text = "Мы подобрали для вас несколько вариантов отдыха в Анталии с вылетом из Алматы в мае"

    subject = derive_subject(text, fallback="x")

    assert len(subject) <= 78
    assert subject.endswith("…")
    assert text.startswith(subject[:-1])
    assert subject[-2] != " "


def test_request_matches_the_contract_shape() -> None:
    message = OutboundMessage(chat_address="c@example.com", text="Hello", idempotency_key="k1")

    request = to_mail_request(
        message, recipient="c@example.com", sender=("tours@cb.example", "Crystal; Bay")
    )

    assert json.loads(msgspec.json.encode(request)) == {
        "personalizations": [
            {
                "to": [{"email": "c@example.com"}],
                "custom_args": {"crystalbay_idempotency_key": "k1"},
            }
        ],
        "from": {"email": "tours@cb.example", "name": "Crystal Bay"},
        "subject": "Hello",
        "content": [{"type": "text/plain", "value": "Hello"}],
    }
