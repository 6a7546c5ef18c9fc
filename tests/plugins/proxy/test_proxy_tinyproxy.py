"""Forward-proxy routing through a real TinyProxy (plain HTTP, CONNECT tunnel, the hub)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import crystalbay_plugins.proxy as proxy_plugin
from crystalbay.testing.http_server import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.proxy.config import ProxyConfig
from crystalbay_plugins.proxy.mounts import build_mounts
from crystalbay_plugins.proxy.transports import ProxyTransport

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from crystalbay.hub import Hub
    from crystalbay_plugins.proxy.testing import TinyProxy


@dataclass(frozen=True)
class TlsTarget:
    server: FakeHTTPServer
    url: str
    host: str
    client_context: ssl.SSLContext


def _echo_via(request: FakeRequest) -> FakeResponse:
    return FakeResponse.json({"via": request.headers.get("via")})


def _self_signed() -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


@pytest.fixture(name="tls_target")
def fx_tls_target(tmp_path: Path) -> Iterator[TlsTarget]:
    """An HTTPS target with a self-signed certificate for 127.0.0.1."""
    cert_pem, key_pem = _self_signed()
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key_pem)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server = FakeHTTPServer(_echo_via)
    server._server.socket = server_context.wrap_socket(server._server.socket, server_side=True)
    client_context = ssl.create_default_context(cadata=cert_pem.decode())
    with server:
        host = server.url.removeprefix("http://")
        yield TlsTarget(server, f"https://{host}", host, client_context)


def client_for(mounts: dict[str, httpx.AsyncBaseTransport]) -> httpx.AsyncClient:
    """The way the hub builds its client: plugin mounts plus direct routing for the rest."""
    return httpx.AsyncClient(
        mounts={**mounts, "all://": httpx.AsyncHTTPTransport()}, trust_env=False
    )


async def test_configured_host_goes_through_the_proxy(
    tinyproxy: TinyProxy, target: FakeHTTPServer
) -> None:
    samo_url = f"{target.url}/export/default.php"
    mounts = build_mounts(ProxyConfig(proxy_url=tinyproxy.url(), samo_api_url=samo_url))

    async with client_for(mounts) as client:
        response = await client.get(samo_url, params={"samo_action": "api"})

    assert response.status_code == 200
    assert "tinyproxy" in response.json()["via"]
    assert f"GET {samo_url}?samo_action=api" in tinyproxy.log()


async def test_other_hosts_stay_direct(
    tinyproxy: TinyProxy, target: FakeHTTPServer, other_target: FakeHTTPServer
) -> None:
    config = ProxyConfig(proxy_url=tinyproxy.url(), samo_api_url=f"{target.url}/export/")

    async with client_for(build_mounts(config)) as client:
        routed = await client.get(f"{target.url}/export/")
        direct = await client.get(f"{other_target.url}/elsewhere")

    assert "tinyproxy" in routed.json()["via"]
    assert direct.json()["via"] is None
    assert "/elsewhere" not in tinyproxy.log()


async def test_https_goes_through_a_connect_tunnel(
    tinyproxy: TinyProxy, tls_target: TlsTarget
) -> None:
    transport = ProxyTransport(tinyproxy.url(), verify=tls_target.client_context)
    mounts = {f"all://{tls_target.host}": transport}

    async with httpx.AsyncClient(mounts=mounts, trust_env=False) as client:
        response = await client.get(f"{tls_target.url}/export/default.php")

    assert response.status_code == 200
    assert response.json()["via"] is None  # end-to-end TLS: TinyProxy cannot add a header
    assert f"CONNECT {tls_target.host}" in tinyproxy.log()


async def test_wrong_password_is_refused_and_never_shown(
    tinyproxy: TinyProxy, tls_target: TlsTarget, target: FakeHTTPServer
) -> None:
    wrong = tinyproxy.url(password="wrong-secret-value")
    mounts: dict[str, httpx.AsyncBaseTransport] = {
        f"all://{tls_target.host}": ProxyTransport(wrong, verify=tls_target.client_context),
        f"all://{target.url.removeprefix('http://')}": ProxyTransport(wrong),
    }

    async with httpx.AsyncClient(mounts=mounts, trust_env=False) as client:
        plain = await client.get(f"{target.url}/x")
        with pytest.raises(httpx.ProxyError) as caught:
            await client.get(f"{tls_target.url}/x")

    assert plain.status_code in (401, 407)  # TinyProxy 1.11 answers 401 to a plain request
    assert "wrong-secret-value" not in str(caught.value)
    assert f"{tinyproxy.url(password='****')} (PROXY_URL)" in str(caught.value)
    assert target.requests == []


async def test_hub_client_routes_through_the_proxy(
    tinyproxy: TinyProxy,
    target: FakeHTTPServer,
    other_target: FakeHTTPServer,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> None:
    register_plugin(proxy_plugin, name="proxy")
    env = {"PROXY_URL": tinyproxy.url(), "SAMO_API_URL": f"{target.url}/export/default.php"}

    async with hub_factory(env=env, mock_http=False) as hub:
        routed = await hub.http.get(f"{target.url}/export/default.php")
        direct = await hub.http.get(other_target.url)

    assert "tinyproxy" in routed.json()["via"]
    assert direct.json()["via"] is None
