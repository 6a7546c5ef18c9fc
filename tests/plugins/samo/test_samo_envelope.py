"""The envelope rules on literal bodies: key presence, not truth, decides an error."""

from __future__ import annotations

import pytest

from crystalbay.errors import (
    IntegrationError,
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay_plugins.samo.envelope import decode_envelope
from crystalbay_plugins.samo.models import State
from crystalbay_plugins.samo.price_models import PricesPayload

STATES = "SearchTour_STATES"


def test_success_payload_is_decoded_leniently() -> None:
    name = rb"\u0412\u044c\u0435\u0442\u043d\u0430\u043c"  # Вьетнам, PHP-escaped
    body = (
        b'{"SearchTour_STATES":[{"id":"47","name":"'
        + name
        + b'","nameAlt":"Vietnam","selected":""}]}'
    )

    (state,) = decode_envelope(body, STATES, tuple[State, ...], "samo")

    assert (state.id, state.name, state.name_alt) == (47, "Вьетнам", "Vietnam")


@pytest.mark.parametrize(
    ("body", "error", "match"),
    [
        (b'{"api":{"error":0,"action":"SearchTour_STATES","message":"Incorrect action"}}',
         IntegrationRejected, "Incorrect action"),
        (b'{"SearchTour_STATES":{"error":0,"action":"SearchTour_STATES","message":"Login failed"}}',
         IntegrationRejected, "agent login"),
        (b'{"SearchTour_STATES":{"error":0,"message":"Internal server error"}}',
         IntegrationUnavailable, "internal error"),
        (b'{"error":{"action":"SearchTour_STATES","message":"Access denied"}}',
         IntegrationRejected, "lacks rights"),
        (b'{"error":"apiKey provided, but invalid"}', IntegrationRejected, "SAMO_OAUTH_TOKEN"),
        (b'{"error":"apiKey provided, but invalid, blacklisted address 35.190.139.72"}',
         IntegrationRejected, r"35\.190\.139\.72.*PROXY_URL"),
        (b'{"SearchTour_TOWNS":[]}', IntegrationProtocolError, "no 'SearchTour_STATES' key"),
        (b"[1, 2]", IntegrationProtocolError, "unexpected answer"),
        (b'{"SearchTour_STATES":[{"name":"no id"}]}', IntegrationProtocolError, "id"),
        (b"callback({})", IntegrationProtocolError, "not JSON"),
    ],
)  # fmt: skip
def test_failures_map_to_the_error_tree(
    body: bytes, error: type[IntegrationError], match: str
) -> None:
    with pytest.raises(error, match=match):
        decode_envelope(body, STATES, tuple[State, ...], "samo")


def test_a_search_error_code_next_to_prices_fails_the_call() -> None:
    body = b'{"SearchTour_PRICES":{"prices":[],"error":17,"errorParam":"HOTELS"}}'

    with pytest.raises(IntegrationRejected, match=r"code 17.*HOTELS"):
        decode_envelope(body, "SearchTour_PRICES", PricesPayload, "samo")


def test_the_action_key_is_found_whatever_its_case() -> None:
    body = b'{"searchtour_states":[{"id":3,"name":"Egypt"}]}'

    assert decode_envelope(body, STATES, tuple[State, ...], "samo")[0].id == 3
