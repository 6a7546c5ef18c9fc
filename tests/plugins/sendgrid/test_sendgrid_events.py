"""Event Webhook: ECDSA signature verification and event mapping."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, datetime

import msgspec
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given, settings
from hypothesis import strategies as st

from crystalbay.domain import DeliveryStatus
from crystalbay.errors import ConfigurationError, IntegrationProtocolError
from crystalbay_plugins.sendgrid.config import SendGridConfig
from crystalbay_plugins.sendgrid.events import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    parse_events,
    verify_event_request,
    verify_event_signature,
)
from crystalbay_plugins.sendgrid.signing import load_public_key
from crystalbay_plugins.sendgrid.testing import EventSigner, encode_events

# The known-good vector from sendgrid-python's test_eventwebhook.py (contract, 1.3).
PUBLIC_KEY = (
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe6"
    "2gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g=="
)
TIMESTAMP = "1600112502"
SIGNATURE = (
    "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluL"
    "tEZtM="
)
PAYLOAD = (
    json.dumps(
        [
            {
                "email": "hello@world.com",
                "event": "dropped",
                "reason": "Bounced Address",
                "sg_event_id": "ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA",
                "sg_message_id": "LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-"
                "5F5FC76C-9.0",
                "smtp-id": "<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>",
                "timestamp": 1600112492,
            }
        ],
        sort_keys=True,
        separators=(",", ":"),
    )
    + "\r\n"
).encode()
HEADERS = {SIGNATURE_HEADER: SIGNATURE, TIMESTAMP_HEADER: TIMESTAMP}
NOW = float(TIMESTAMP)


def test_known_good_vector_verifies() -> None:
    assert len(PAYLOAD) == 327
    assert verify_event_signature(PUBLIC_KEY, HEADERS, PAYLOAD, now=NOW)


def test_header_names_are_case_insensitive() -> None:
    lowered = {name.lower(): value for name, value in HEADERS.items()}

    assert verify_event_signature(PUBLIC_KEY, lowered, PAYLOAD, now=NOW)


def test_pem_key_is_accepted() -> None:
    pem = load_public_key(PUBLIC_KEY).public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)

    assert verify_event_signature(pem.decode(), HEADERS, PAYLOAD, now=NOW)


def test_tampered_body_fails() -> None:
    tampered = PAYLOAD.replace(b"dropped", b"delivered")

    assert not verify_event_signature(PUBLIC_KEY, HEADERS, tampered, now=NOW)
    assert not verify_event_signature(PUBLIC_KEY, HEADERS, PAYLOAD.rstrip(), now=NOW)
    assert not verify_event_signature(PUBLIC_KEY, HEADERS, b"payload", now=NOW)


def test_wrong_key_fails() -> None:
    assert not verify_event_signature(EventSigner().public_key, HEADERS, PAYLOAD, now=NOW)


def test_changed_signature_byte_or_timestamp_fails() -> None:
    raw = bytearray(base64.b64decode(SIGNATURE))
    raw[-1] ^= 0x01
    changed = {**HEADERS, SIGNATURE_HEADER: base64.b64encode(bytes(raw)).decode()}
    other_time = {**HEADERS, TIMESTAMP_HEADER: "1600112503"}

    assert not verify_event_signature(PUBLIC_KEY, changed, PAYLOAD, now=NOW)
    assert not verify_event_signature(PUBLIC_KEY, other_time, PAYLOAD, now=NOW)
    assert not verify_event_signature(
        PUBLIC_KEY, {**HEADERS, TIMESTAMP_HEADER: "timestamp"}, PAYLOAD, now=NOW
    )
    assert not verify_event_signature(
        PUBLIC_KEY, {**HEADERS, SIGNATURE_HEADER: "%%%"}, PAYLOAD, now=NOW
    )


@pytest.mark.parametrize("missing", [SIGNATURE_HEADER, TIMESTAMP_HEADER])
def test_missing_headers_fail(missing: str) -> None:
    headers = {name: value for name, value in HEADERS.items() if name != missing}

    assert not verify_event_signature(PUBLIC_KEY, headers, PAYLOAD, now=NOW)


def test_stale_timestamp_fails_unless_the_window_is_disabled() -> None:
    later = NOW + 601

    assert verify_event_signature(PUBLIC_KEY, HEADERS, PAYLOAD, now=NOW + 599)
    assert not verify_event_signature(PUBLIC_KEY, HEADERS, PAYLOAD, now=later)
    assert verify_event_signature(PUBLIC_KEY, HEADERS, PAYLOAD, now=later, tolerance=None)


def test_fake_signatures_verify_with_its_published_key() -> None:
    signer = EventSigner()
    body = encode_events([{"email": "a@b.example", "timestamp": 1, "event": "open"}])

    assert verify_event_signature(signer.public_key, signer.headers(body), body)


def test_request_verification_refuses_without_a_configured_key(config: SendGridConfig) -> None:
    signer = EventSigner()
    body = b"[]\r\n"
    signed = msgspec.structs.replace(config, events_public_key=signer.public_key)

    assert verify_event_request(signed, signer.headers(body), body)
    unsigned = msgspec.structs.replace(config, events_public_key=None)
    assert not verify_event_request(unsigned, signer.headers(body), body)


@pytest.mark.parametrize(
    "bad",
    [
        "not base64!",
        base64.b64encode(b"garbage").decode(),
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
    ],
)
def test_malformed_key_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        verify_event_signature(bad, HEADERS, PAYLOAD, now=NOW)

    assert caught.value.field == "SENDGRID_EVENTS_PUBLIC_KEY"


def test_events_map_to_delivery_statuses() -> None:
    batch = [
        {
            "email": "c@example.com",
            "timestamp": 1767225600,
            "event": "processed",
            "sg_event_id": "e1",
            "sg_message_id": "8mw9nktNSBSGQnrHkXny8Q.filter0001.1234.0",
            "category": ["tour-offer"],
            "crystalbay_idempotency_key": "outbox-42",
        },
        {
            "email": "c@example.com",
            "timestamp": 1767225610,
            "event": "bounce",
            "type": "blocked",
            "reason": "550 5.1.1 user unknown",
            "status": "5.1.1",
            "sg_event_id": "e2",
            "sg_message_id": "8mw9nktNSBSGQnrHkXny8Q.filter0001.1234.0",
            "category": "tour-offer",
        },
        {
            "email": "c@example.com",
            "timestamp": 1767225620,
            "event": "deferred",
            "response": "421 try later",
            "attempt": "2",
            "sg_event_id": "e3",
        },
        {"email": "c@example.com", "timestamp": 1767225630, "event": "open", "sg_event_id": "e4"},
        {"email": "c@example.com", "timestamp": 1767225640, "event": "spamreport"},
        {
            "email": "c@example.com",
            "timestamp": 1767225650,
            "event": "delivered",
            "smtp-id": "<8mw9nktNSBSGQnrHkXny8Q@ismtpd-1>",
        },
    ]

    updates = parse_events(json.dumps(batch).encode())

    assert [(u.event, u.status) for u in updates] == [
        ("processed", DeliveryStatus.SENT),
        ("bounce", DeliveryStatus.FAILED),
        ("deferred", DeliveryStatus.SENT),
        ("open", DeliveryStatus.READ),
        ("spamreport", None),
        ("delivered", DeliveryStatus.DELIVERED),
    ]
    first, bounce, deferred = updates[:3]
    assert first.message_id == "8mw9nktNSBSGQnrHkXny8Q"
    assert first.idempotency_key == "outbox-42"
    assert first.occurred_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert bounce.detail == "bounce (blocked) 550 5.1.1 user unknown [5.1.1]"
    assert deferred.detail == "421 try later (attempt 2)"
    assert updates[4].event_id.startswith("sha256:")  # no sg_event_id: a stable hash
    assert updates[5].message_id == "8mw9nktNSBSGQnrHkXny8Q"  # async events: from smtp-id


def test_signed_vector_payload_parses() -> None:
    [update] = parse_events(PAYLOAD)

    assert update.status is DeliveryStatus.FAILED
    assert update.message_id == "LRzXl_NHStOGhQ4kofSm_A"
    assert update.detail == "Bounced Address"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{}",
        b'[{"event": "open"}]',
        b'[{"email": "a", "timestamp": "x", "event": "open"}]',
        b'[{"email": "a", "timestamp": 1e300, "event": "open"}]',
    ],
)
def test_malformed_batches_are_protocol_errors(body: bytes) -> None:
    with pytest.raises(IntegrationProtocolError):
        parse_events(body)


@settings(max_examples=200, deadline=None)
@given(body=st.binary(max_size=500) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_raise_only_protocol_errors(body: bytes) -> None:
    with contextlib.suppress(IntegrationProtocolError):
        parse_events(body)


_SCALAR = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
)
_JSON = _SCALAR | st.lists(_SCALAR, max_size=2)
_KEYS = st.sampled_from(
    [
        "email",
        "timestamp",
        "event",
        "sg_event_id",
        "sg_message_id",
        "smtp-id",
        "category",
        "reason",
        "status",
        "type",
        "attempt",
        "crystalbay_idempotency_key",
    ]
)


@settings(max_examples=150, deadline=None)
@given(batch=st.lists(st.dictionaries(_KEYS, _JSON, max_size=12), max_size=4))
def test_event_shaped_json_raises_only_protocol_errors(batch: list[dict[str, object]]) -> None:
    try:
        updates = parse_events(json.dumps(batch).encode())
    except IntegrationProtocolError:
        return
    assert len(updates) == len(batch)
