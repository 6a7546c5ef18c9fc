"""Inbound Parse: both modes, charsets, attachments, sender rules, limits and fuzzing."""

from __future__ import annotations

import base64
import contextlib
import json

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.sendgrid.config import SendGridConfig
from crystalbay_plugins.sendgrid.inbound import (
    InboundPayloadTooLarge,
    parse_inbound,
    parse_inbound_email,
    verify_inbound_secret,
)
from crystalbay_plugins.sendgrid.testing import build_inbound, encode_form_data

TEXT = "Здравствуйте! Ищем тур в Анталию на 7 ночей, 2 взрослых и ребёнок 5 лет."


def test_plain_mail_becomes_an_inbound_message() -> None:
    message = parse_inbound(*build_inbound(text=TEXT, subject="Тур в Анталию"))

    assert message.channel == "email"
    assert message.external_id == "CAB1234567890@mail.example.com"
    assert message.chat_address == message.email == "anna@example.com"
    assert message.sender_name == "Анна Петрова"
    assert message.text == f"Тур в Анталию\n\n{TEXT}"
    assert message.sent_at is not None
    assert message.sent_at.year == 2026


def test_reply_subject_is_not_repeated_in_the_text() -> None:
    message = parse_inbound(*build_inbound(text="Да, подходит", subject="Re: Ваша подборка туров"))

    assert message.text == "Да, подходит"


def test_html_only_mail_is_converted_to_text_without_quoted_history() -> None:
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Хотим&nbsp;в Египет</p>"
        "<div>в мае</div><blockquote>старое письмо</blockquote><script>x()</script></body></html>"
    )
    email = parse_inbound_email(*build_inbound(text=None, html=html))

    assert email.text == "Хотим в Египет\n\nв мае"
    assert email.html == html


def test_attachments_are_kept_with_their_names_types_and_bytes() -> None:
    pdf, photo = b"%PDF-1.4\x00\xff\r\n", b"\x89PNG\r\n\x1a\n"
    files = [("паспорт.pdf", "application/pdf", pdf), ("photo.png", "image/png", photo)]

    message = parse_inbound(*build_inbound(attachments=files))

    assert [(a.name, a.mime_type, a.kind) for a in message.attachments] == [
        ("паспорт.pdf", "application/pdf", "document"),
        ("photo.png", "image/png", "image"),
    ]
    assert (
        message.attachments[0].url
        == "data:application/pdf;base64," + base64.b64encode(pdf).decode()
    )


def test_attachment_url_callback_stores_files() -> None:
    stored: list[bytes] = []

    def store(file: object) -> str:
        stored.append(msgspec.structs.asdict(file)["content"])  # type: ignore[arg-type]
        return f"/uploads/{len(stored)}"

    message = parse_inbound(
        *build_inbound(attachments=[("a.txt", "text/plain", b"hi")]), attachment_url=store
    )

    assert stored == [b"hi"]
    assert message.attachments[0].url == "/uploads/1"


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r", "iso-8859-5"])
def test_fields_are_decoded_in_the_declared_charset(charset: str) -> None:
    content_type, body = build_inbound(text=TEXT, charset=charset, sender="Пётр <petr@example.ru>")
    assert TEXT.encode(charset) in body  # really not UTF-8 on the wire

    message = parse_inbound(content_type, body)

    assert message.text.endswith(TEXT)
    assert message.sender_name == "Пётр"


def test_unknown_charset_falls_back_without_losing_the_text() -> None:
    content_type, body = build_inbound(text=TEXT, charset="utf-8", declared_charset="x-martian")

    assert parse_inbound(content_type, body).text.endswith(TEXT)


def test_undecodable_bytes_are_replaced_not_fatal() -> None:
    fields = [
        ("from", b"anna@example.com"),
        ("text", b"\xff\xfe broken \xc3"),
        ("charsets", json.dumps({"text": "utf-8"}).encode()),
    ]
    message = parse_inbound(*encode_form_data(fields))

    assert "broken" in message.text
    assert "\ufffd" in message.text


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r"])
def test_raw_mode_parses_the_mime_message(charset: str) -> None:
    files = [("тур.pdf", "application/pdf", b"%PDF")]
    content_type, body = build_inbound(
        raw=True, text=TEXT, html=f"<p>{TEXT}</p>", charset=charset, attachments=files
    )

    email = parse_inbound_email(content_type, body)

    assert email.raw_mode
    assert email.text == TEXT
    assert email.html is not None
    assert TEXT in email.html
    assert [(f.filename, f.content) for f in email.files] == [("тур.pdf", b"%PDF")]
    assert email.message_id == "CAB1234567890@mail.example.com"


def test_reply_to_wins_over_from_for_web_form_mail() -> None:
    content_type, body = build_inbound(
        sender="Сайт <noreply@crystalbay.example>",
        headers={"Reply-To": "Иван <Ivan@Example.com>"},
    )

    message = parse_inbound(content_type, body)

    assert (message.chat_address, message.sender_name) == ("ivan@example.com", "Иван")


def test_envelope_sender_is_the_last_resort() -> None:
    fields = [
        ("from", b"undisclosed-recipients:;"),
        ("envelope", b'{"to":["inbox@parse.example"],"from":"bounce@example.org"}'),
        ("text", b"hello"),
    ]
    assert parse_inbound(*encode_form_data(fields)).chat_address == "bounce@example.org"


def test_missing_sender_is_a_protocol_error() -> None:
    with pytest.raises(IntegrationProtocolError, match="no sender"):
        parse_inbound(*encode_form_data([("text", b"hello")]))


def test_missing_message_id_gives_a_stable_content_hash() -> None:
    first = parse_inbound(*build_inbound(message_id=None))
    again = parse_inbound(*build_inbound(message_id=None))
    other = parse_inbound(*build_inbound(message_id=None, text="другое"))

    assert first.external_id.startswith("sha256:")
    assert first.external_id == again.external_id != other.external_id


@pytest.mark.parametrize(
    "text",
    [
        f"{TEXT}\n\nOn Mon, 12 Jan 2026 at 10:00, Crystal Bay <tours@cb.example> wrote:\n> old",
        f"{TEXT}\n\nпн, 12 янв. 2026 г. в 10:00, Crystal Bay <tours@cb.example>:\n> старое",
        f"{TEXT}\n\n12.01.2026, 10:00, Менеджер пишет:\n> старое",
        f"{TEXT}\n-----Original Message-----\nFrom: x\nSent: y",
        f"{TEXT}\n\nFrom: Crystal Bay <tours@cb.example>\nSent: Monday\nSubject: Re",
        f"{TEXT}\n\n> quoted line\n> another",
    ],
)
def test_quoted_history_is_stripped(text: str) -> None:
    assert parse_inbound_email(*build_inbound(text=text)).text == TEXT


def test_text_that_only_looks_like_a_header_is_kept() -> None:
    text = "From: Алматы\nДата: 12 мая\nНа двоих"

    assert parse_inbound_email(*build_inbound(text=text)).text == text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b"{}"),
        ("multipart/form-data", b"--x\r\n"),  # no boundary
        ("multipart/form-data; boundary=xYzZY", b"no parts at all"),
        ("multipart/form-data; boundary=xYzZY\r\nX-Evil: 1", b"--xYzZY--\r\n"),
    ],
)
def test_malformed_requests_are_protocol_errors(content_type: str, body: bytes) -> None:
    with pytest.raises(IntegrationProtocolError):
        parse_inbound(content_type, body)


def test_oversized_body_is_refused_with_a_clear_error() -> None:
    content_type, body = build_inbound(
        attachments=[("big.bin", "application/octet-stream", b"0" * 5_000)]
    )

    with pytest.raises(InboundPayloadTooLarge) as caught:
        parse_inbound(content_type, body, max_bytes=4_096)

    assert caught.value.max_bytes == 4_096
    assert "exceeds the 4096-byte limit" in caught.value.detail
    assert isinstance(caught.value, IntegrationProtocolError)


def test_inbound_secret_is_compared_exactly(config: SendGridConfig) -> None:
    assert verify_inbound_secret("parse-secret-123", config)
    assert not verify_inbound_secret("parse-secret-124", config)
    assert not verify_inbound_secret("", config)
    assert not verify_inbound_secret("секрет", config)


def test_no_configured_secret_refuses_everything(config: SendGridConfig) -> None:
    unsecured = msgspec.structs.replace(config, inbound_secret=None)

    assert not verify_inbound_secret("", unsecured)
    assert not verify_inbound_secret("anything", unsecured)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content_type=st.text(max_size=80), body=st.binary(max_size=2_000))
def test_arbitrary_input_raises_only_protocol_errors(content_type: str, body: bytes) -> None:
    with contextlib.suppress(IntegrationProtocolError):
        parse_inbound(content_type, body)


_FIELD_NAMES = st.sampled_from(
    [
        "from",
        "to",
        "subject",
        "text",
        "html",
        "headers",
        "email",
        "envelope",
        "charsets",
        "attachment-info",
        "attachment1",
        "attachments",
    ]
)


@settings(max_examples=200, deadline=None)
@given(fields=st.lists(st.tuples(_FIELD_NAMES, st.binary(max_size=300)), max_size=8))
def test_arbitrary_form_fields_raise_only_protocol_errors(fields: list[tuple[str, bytes]]) -> None:
    with contextlib.suppress(IntegrationProtocolError):
        parse_inbound(*encode_form_data(fields))
