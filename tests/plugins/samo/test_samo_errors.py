"""Every failure of the operator maps to the error tree with a message that says what to do."""

from __future__ import annotations

import logging

import httpx
import pytest

from crystalbay.errors import (
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.samo.client import SamoClient
from crystalbay_plugins.samo.config import SamoConfig
from crystalbay_plugins.samo.testing import FakeSamo
from crystalbay_plugins.samo.transport import HttpTransport

ALMATY = 1344


async def test_blacklisted_address_names_the_ip_and_the_routing_settings(
    client: SamoClient, fake: FakeSamo
) -> None:
    fake.block("35.190.139.72")

    with pytest.raises(IntegrationRejected) as caught:
        await client.townfroms()

    message = str(caught.value)
    assert "35.190.139.72" in message
    assert "PROXY_URL" in message
    assert "SAMO_RELAY_URL" in message
    assert caught.value.integration == "samo"
    assert not caught.value.retryable


async def test_blacklisted_address_in_the_xml_form_is_recognised(
    client: SamoClient, fake: FakeSamo
) -> None:
    fake.block("34.138.15.10", body="xml")

    with pytest.raises(IntegrationRejected, match=r"34\.138\.15\.10"):
        await client.townfroms()


async def test_blacklist_names_the_address_the_operator_saw(
    client: SamoClient, fake: FakeSamo
) -> None:
    fake.block()

    with pytest.raises(IntegrationRejected, match=r"127\.0\.0\.1"):
        await client.townfroms()


@pytest.mark.parametrize("with_body", [False, True])
async def test_wrong_token_is_rejected_without_echoing_it(
    fake: FakeSamo, http: httpx.AsyncClient, *, with_body: bool
) -> None:
    fake.invalid_token_body = with_body
    secret = "ffffeeeeddddccccbbbbaaaa99998888"
    client = SamoClient.over_http(SamoConfig(api_url=fake.url, oauth_token=secret), http)

    with pytest.raises(IntegrationRejected) as caught:
        await client.townfroms()

    assert "SAMO_OAUTH_TOKEN" in str(caught.value)
    assert secret not in str(caught.value)


async def test_missing_scope_is_rejected(client: SamoClient, fake: FakeSamo) -> None:
    fake.scopes = {"export-dictionary"}

    with pytest.raises(IntegrationRejected, match="online-api"):
        await client.townfroms()


async def test_error_object_inside_http_200_is_rejected_with_the_operator_message(
    config: SamoConfig, http: httpx.AsyncClient
) -> None:
    transport = HttpTransport(config, http)
    client = SamoClient(transport)

    with pytest.raises(IntegrationRejected, match='expects parameter "TOWNFROMINC"'):
        await client._call("SearchTour_STATES", {}, list[object])


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("SearchTour_FOO", "does not know this method"),
        ("Booking_CalcClaim", "has not installed this module"),
    ],
)
async def test_unknown_actions_are_rejected_with_a_hint(
    client: SamoClient, action: str, expected: str
) -> None:
    with pytest.raises(IntegrationRejected, match=expected):
        await client._call(action, {}, list[object])


async def test_a_malformed_date_is_rejected(client: SamoClient) -> None:
    params = {"TOWNFROMINC": "1344", "STATEINC": "47", "CHECKIN_BEG": "31.02.2026"}
    params["CHECKIN_END"] = "20260910"

    with pytest.raises(IntegrationRejected, match="look like not date"):
        await client._call("SearchTour_NIGHTS", params, dict[str, object])


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retryable(client: SamoClient, fake: FakeSamo, status: int) -> None:
    fake.fail_next(status)

    with pytest.raises(IntegrationUnavailable, match=f"HTTP {status}") as caught:
        await client.townfroms()

    assert caught.value.retryable
    assert await client.townfroms()  # the next call succeeds again


async def test_a_slow_operator_times_out_as_unavailable(
    fake: FakeSamo, http: httpx.AsyncClient
) -> None:
    fake.latency = 0.5
    config = SamoConfig(api_url=fake.url, oauth_token=fake.token, timeout=0.1)

    with pytest.raises(IntegrationUnavailable, match="SAMO_TIMEOUT") as caught:
        await SamoClient.over_http(config, http).townfroms()

    assert caught.value.retryable


async def test_an_unreachable_operator_is_unavailable(http: httpx.AsyncClient) -> None:
    with FakeHTTPServer(lambda _: FakeResponse()) as server:
        url = server.url + "/export/default.php"
    config = SamoConfig(api_url=url, oauth_token="x" * 32, timeout=2.0)

    with pytest.raises(IntegrationUnavailable, match="cannot reach"):
        await SamoClient.over_http(config, http).townfroms()


async def test_a_wrong_path_is_rejected_naming_the_setting(
    fake: FakeSamo, http: httpx.AsyncClient
) -> None:
    config = SamoConfig(api_url=fake.url.replace("default.php", "index.php"), oauth_token="t")

    with pytest.raises(IntegrationRejected, match="SAMO_API_URL"):
        await SamoClient.over_http(config, http).townfroms()


def _html(request: FakeRequest) -> FakeResponse:
    del request
    return FakeResponse(
        body=b"<html>Welcome to nginx</html>", headers={"Content-Type": "text/html"}
    )


async def test_a_non_json_answer_is_a_protocol_error(http: httpx.AsyncClient) -> None:
    with FakeHTTPServer(_html) as server:
        config = SamoConfig(api_url=server.url + "/export/default.php", oauth_token="t")
        with pytest.raises(IntegrationProtocolError, match="not JSON"):
            await SamoClient.over_http(config, http).townfroms()


async def test_the_token_never_reaches_the_logs(
    client: SamoClient, fake: FakeSamo, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await client.states(ALMATY)

    assert "oauth_token=***" in caplog.text
    assert fake.token not in caplog.text


def test_the_config_repr_masks_the_token() -> None:
    config = SamoConfig(
        api_url="https://op.example/export/default.php", oauth_token="a" * 28 + "9f3c"
    )

    assert "a" * 28 not in repr(config)
    assert "9f3c" in repr(config)
