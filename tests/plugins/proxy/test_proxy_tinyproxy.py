"""Forward-proxy routing through a real TinyProxy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

import crystalbay_plugins.proxy as proxy_plugin
from crystalbay_plugins.proxy.config import ProxyConfig
from crystalbay_plugins.proxy.mounts import build_mounts
from crystalbay_plugins.proxy.transports import ProxyTransport

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable

    from conftest import Tinyproxy, TlsTarget

    from crystalbay.hub import Hub
    from crystalbay.testing.http_server import FakeHTTPServer


def client_for(mounts: dict[str, httpx.AsyncBaseTransport]) -> httpx.AsyncClient:
    """The way the hub builds its client: plugin mounts plus direct routing for the rest."""
    return httpx.AsyncClient(
        mounts={**mounts, "all://": httpx.AsyncHTTPTransport()}, trust_env=False
    )


async def test_configured_host_goes_through_the_proxy(
    tinyproxy: Tinyproxy, target: FakeHTTPServer
) -> None:
    samo_url = f"{target.url}/export/default.php"
    mounts = build_mounts(ProxyConfig(proxy_url=tinyproxy.url(), samo_api_url=samo_url))

    async with client_for(mounts) as client:
        response = await client.get(samo_url, params={"samo_action": "api"})

    assert response.status_code == 200
    assert "tinyproxy" in response.json()["via"]
    assert f"GET {samo_url}?samo_action=api" in tinyproxy.log()


async def test_other_hosts_stay_direct(tinyproxy: Tinyproxy, target: FakeHTTPServer) -> None:
    with type(target)(lambda request: target.handler(request)) as other:
        mounts = build_mounts(
            ProxyConfig(proxy_url=tinyproxy.url(), samo_api_url=f"{target.url}/export/")
        )
        async with client_for(mounts) as client:
            routed = await client.get(f"{target.url}/export/")
            direct = await client.get(f"{other.url}/elsewhere")

    assert "tinyproxy" in routed.json()["via"]
    assert direct.json()["via"] is None
    assert "/elsewhere" not in tinyproxy.log()


async def test_https_goes_through_a_connect_tunnel(
    tinyproxy: Tinyproxy, tls_target: TlsTarget
) -> None:
    host = tls_target.url.removeprefix("https://")
    transport = ProxyTransport(tinyproxy.url(), verify=tls_target.client_context)

    async with httpx.AsyncClient(mounts={f"all://{host}": transport}, trust_env=False) as client:
        response = await client.get(f"{tls_target.url}/export/default.php")

    assert response.status_code == 200
    assert response.json()["via"] is None  # the tunnel is end to end: TinyProxy cannot add it
    assert f"CONNECT {host}" in tinyproxy.log()


async def test_wrong_password_is_refused_and_never_shown(
    tinyproxy: Tinyproxy, tls_target: TlsTarget, target: FakeHTTPServer
) -> None:
    wrong = tinyproxy.url(password="wrong-secret-value")
    host = tls_target.url.removeprefix("https://")
    mounts: dict[str, httpx.AsyncBaseTransport] = {
        f"all://{host}": ProxyTransport(wrong, verify=tls_target.client_context),
        f"all://{target.url.removeprefix('http://')}": ProxyTransport(wrong),
    }

    async with httpx.AsyncClient(mounts=mounts, trust_env=False) as client:
        plain = await client.get(f"{target.url}/x")
        with pytest.raises(httpx.ProxyError) as caught:
            await client.get(f"{tls_target.url}/x")

    assert plain.status_code == 407
    assert "wrong-secret-value" not in str(caught.value)
    assert f"{tinyproxy.url(password='****')} (PROXY_URL)" in str(caught.value)
    assert target.requests == []


async def test_hub_client_routes_through_the_proxy(
    tinyproxy: Tinyproxy,
    target: FakeHTTPServer,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> None:
    register_plugin(proxy_plugin, name="proxy")
    env = {"PROXY_URL": tinyproxy.url(), "SAMO_API_URL": f"{target.url}/export/default.php"}

    async with hub_factory(env=env, mock_http=False) as hub:
        response = await hub.http.get(f"{target.url}/export/default.php")

    assert "tinyproxy" in response.json()["via"]
