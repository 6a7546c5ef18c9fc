"""The relay transport against a fake relay script that forwards to a fake operator."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.testing.http_server import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.proxy.config import ProxyConfig
from crystalbay_plugins.proxy.mounts import build_mounts
from crystalbay_plugins.proxy.relay import RelayTransport
from crystalbay_plugins.proxy.testing import FakeSamoRelay

if TYPE_CHECKING:
    from collections.abc import Iterator

OPERATOR_TOKEN = "0123456789abcdef0123456789abcdef"
HUB_TOKEN = "hub-side-token-that-must-not-leak"
RELAY_KEY = "relay-key-42"
SAMO_URL = "https://booking.crystalbay.com/export/default.php"


def operator(request: FakeRequest) -> FakeResponse:
    """A SAMO stand-in: whitelists the relay's token only, echoes the query in the envelope."""
    if request.arg("oauth_token") != OPERATOR_TOKEN or request.arg("samo_action") != "api":
        return FakeResponse.json({"error": "apiKey provided, but invalid"}, status=403)
    action = request.arg("action") or ""
    return FakeResponse.json({action: {k: v[0] for k, v in request.query.items()}})


@pytest.fixture(name="chain", scope="module")
def fx_chain() -> Iterator[tuple[FakeHTTPServer, FakeSamoRelay, FakeHTTPServer]]:
    """Operator and relay servers, shared by the module (stopping a server takes a while)."""
    with FakeHTTPServer(operator) as operator_server:
        url = f"{operator_server.url}/export/default.php"
        relay = FakeSamoRelay(url, token=OPERATOR_TOKEN, key=RELAY_KEY)
        with FakeHTTPServer(relay) as relay_server:
            yield operator_server, relay, relay_server


@pytest.fixture(name="operator_server")
def fx_operator_server(
    chain: tuple[FakeHTTPServer, FakeSamoRelay, FakeHTTPServer],
) -> FakeHTTPServer:
    chain[0].requests.clear()
    return chain[0]


@pytest.fixture(name="relay")
def fx_relay(chain: tuple[FakeHTTPServer, FakeSamoRelay, FakeHTTPServer]) -> FakeSamoRelay:
    relay = chain[1]
    relay.token, relay.key = OPERATOR_TOKEN, RELAY_KEY
    relay.forwarded.clear()
    return relay


@pytest.fixture(name="relay_server")
def fx_relay_server(
    chain: tuple[FakeHTTPServer, FakeSamoRelay, FakeHTTPServer], relay: FakeSamoRelay
) -> FakeHTTPServer:
    del relay  # reset with the server
    chain[2].requests.clear()
    return chain[2]


def client_for(relay_url: str, key: str | None = RELAY_KEY) -> httpx.AsyncClient:
    config = ProxyConfig(relay_url=relay_url, relay_key=key, samo_api_url=SAMO_URL)
    return httpx.AsyncClient(mounts=build_mounts(config), trust_env=False)


def samo_params(action: str = "SearchTour_STATES", **extra: str) -> dict[str, str]:
    return {
        "samo_action": "api",
        "version": "1.0",
        "type": "json",
        "action": action,
        "oauth_token": HUB_TOKEN,
        **extra,
    }


async def test_samo_call_is_relayed_with_the_server_side_token(
    relay_server: FakeHTTPServer, operator_server: FakeHTTPServer
) -> None:
    async with client_for(f"{relay_server.url}/samo_proxy.php") as client:
        response = await client.get(
            SAMO_URL,
            params=samo_params(TOWNFROMINC="1344", LNG="eng"),
            headers={"Authorization": f"OAuth {HUB_TOKEN}"},
        )

    assert response.status_code == 200
    assert response.json()["SearchTour_STATES"]["TOWNFROMINC"] == "1344"
    assert str(response.request.url).startswith(SAMO_URL)
    (to_relay,) = relay_server.requests
    assert to_relay.path == "/samo_proxy.php"
    assert to_relay.arg("action") == "SearchTour_STATES"
    assert json.loads(to_relay.arg("params") or "") == {
        "version": "1.0",
        "type": "json",
        "TOWNFROMINC": "1344",
        "LNG": "eng",
    }
    assert to_relay.headers["x-relay-key"] == RELAY_KEY
    assert "authorization" not in to_relay.headers
    assert HUB_TOKEN not in repr(to_relay)
    (to_operator,) = operator_server.requests
    assert to_operator.arg("oauth_token") == OPERATOR_TOKEN
    assert to_operator.arg("samo_action") == "api"


async def test_wrong_relay_key_is_rejected(relay_server: FakeHTTPServer) -> None:
    async with client_for(f"{relay_server.url}/samo_proxy.php", key="nope") as client:
        with pytest.raises(IntegrationRejected, match="wrong relay key; check SAMO_RELAY_KEY"):
            await client.get(SAMO_URL, params=samo_params())


async def test_operator_unreachable_is_unavailable(operator_server: FakeHTTPServer) -> None:
    relay = FakeSamoRelay("http://127.0.0.1:9/export/default.php", token=OPERATOR_TOKEN)
    with FakeHTTPServer(relay) as relay_server:
        async with client_for(relay_server.url, key=None) as client:
            with pytest.raises(IntegrationUnavailable, match="502: operator unreachable"):
                await client.get(SAMO_URL, params=samo_params())
    assert operator_server.requests == []


async def test_operator_errors_pass_through_unchanged(
    relay: FakeSamoRelay, relay_server: FakeHTTPServer
) -> None:
    relay.token = "not-whitelisted"

    async with client_for(relay_server.url) as client:
        response = await client.get(SAMO_URL, params=samo_params())

    assert response.status_code == 403
    assert response.json() == {"error": "apiKey provided, but invalid"}


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("POST", samo_params()),
        ("GET", {"samo_action": "reference", "type": "currentstamp"}),
        ("GET", {"samo_action": "api"}),
    ],
)
async def test_calls_the_relay_cannot_carry_are_refused_before_sending(
    relay_server: FakeHTTPServer, method: str, params: dict[str, str]
) -> None:
    async with client_for(relay_server.url) as client:
        with pytest.raises(IntegrationRejected, match="the SAMO relay carries only GET"):
            await client.request(method, SAMO_URL, params=params)

    assert relay_server.requests == []


async def test_unreachable_relay_names_it_without_credentials() -> None:
    transport = RelayTransport("http://bob:relay-pass@127.0.0.1:9/samo_proxy.php")

    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        with pytest.raises(httpx.ConnectError) as caught:
            await client.get(SAMO_URL, params=samo_params())

    message = str(caught.value)
    assert "relay-pass" not in message
    assert "http://bob:****@127.0.0.1:9/samo_proxy.php (SAMO_RELAY_URL)" in message
    assert "relay-pass" not in repr(transport)


def test_credentials_in_the_relay_url_become_basic_auth() -> None:
    transport = RelayTransport("https://bob:pw@vps.example/samo_proxy.php?site=kz", key="k")

    relayed = transport.rewrite(httpx.Request("GET", SAMO_URL, params=samo_params()))

    assert relayed.url.host == "vps.example"
    assert relayed.url.userinfo == b""
    assert relayed.url.params["site"] == "kz"
    assert relayed.headers["authorization"] == "Basic Ym9iOnB3"
    assert relayed.headers["x-relay-key"] == "k"
