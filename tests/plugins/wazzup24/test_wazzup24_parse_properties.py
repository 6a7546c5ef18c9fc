"""Hypothesis: whatever arrives, parsing returns a result or raises IntegrationProtocolError."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.wazzup24.updates import WazzupWebhook
from crystalbay_plugins.wazzup24.webhooks import parse_webhook

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def _mostly(valid: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Usually a well-typed value, sometimes any JSON."""
    return st.one_of(*[valid] * 9, _JSON)


_TEXT = st.text(max_size=8)
_ITEM = st.fixed_dictionaries(
    {
        **{key: _mostly(_TEXT) for key in ("messageId", "channelId", "chatId")},
        "chatType": _mostly(st.sampled_from(["whatsapp", "telegram", "instagram"]) | _TEXT),
        "status": _mostly(st.sampled_from(["inbound", "sent", "read", "error", "edited"])),
    },
    optional={
        "dateTime": _mostly(st.just("2025-05-06T14:18:00.001Z")),
        "timestamp": _mostly(st.just("2025-02-05T06:01:07.499Z")),
        "isEcho": _mostly(st.booleans()),
        "isEdited": _mostly(st.booleans()),
        "contact": _mostly(st.fixed_dictionaries({}, optional={"name": _TEXT, "phone": _TEXT})),
        "error": _mostly(st.fixed_dictionaries({}, optional={"error": _TEXT})),
        "text": _mostly(_TEXT),
        "contentUri": _mostly(_TEXT),
        "type": _mostly(_TEXT),
    },
)
_BODY = st.fixed_dictionaries(
    {},
    optional={
        "test": _mostly(st.booleans() | st.just("true")),
        "messages": _mostly(st.lists(_ITEM, max_size=3)),
        "statuses": _mostly(st.lists(_ITEM, max_size=3)),
        "createContact": _JSON,
    },
)


def _parses_or_protocol_error(body: bytes) -> None:
    try:
        result = parse_webhook(body)
    except IntegrationProtocolError:
        return
    assert isinstance(result, WazzupWebhook)


@settings(database=None, max_examples=150)
@given(_JSON)
def test_any_json_parses_or_raises_protocol_error(value: object) -> None:
    _parses_or_protocol_error(json.dumps(value).encode())


@settings(database=None, max_examples=120)
@given(_BODY)
def test_webhook_shaped_json_parses_or_raises_protocol_error(value: dict[str, object]) -> None:
    _parses_or_protocol_error(json.dumps(value).encode())


@settings(database=None)
@given(st.binary(max_size=64))
def test_any_bytes_parse_or_raise_protocol_error(body: bytes) -> None:
    _parses_or_protocol_error(body)


@settings(database=None)
@given(
    message_id=st.text(min_size=1, max_size=20),
    chat_id=st.text(min_size=1, max_size=20),
    text=st.text(max_size=50),
    chat_type=st.sampled_from(["whatsapp", "instagram", "telegram", "vk", "someday"]),
)
def test_a_valid_inbound_item_keeps_its_identity(
    message_id: str, chat_id: str, text: str, chat_type: str
) -> None:
    item = {
        "messageId": message_id,
        "channelId": "b96a353b-0000-4000-8000-00000000f981",
        "chatType": chat_type,
        "chatId": chat_id,
        "text": text,
    }

    (message,) = parse_webhook(json.dumps({"messages": [item]}).encode()).messages

    assert message.external_id == message_id
    assert message.chat_address.endswith(f"/{chat_type}/{chat_id}")
    assert message.text == (text or "")
