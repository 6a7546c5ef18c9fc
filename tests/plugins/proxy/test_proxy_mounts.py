"""Which hosts the plugin routes, how it reads its settings, and that secrets stay masked."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

import httpx
import msgspec
import pytest

import crystalbay_plugins.proxy as proxy_plugin
from crystalbay.config import decode_config
from crystalbay.errors import ConfigurationError
from crystalbay_plugins.proxy.config import SETTINGS, ProxyConfig
from crystalbay_plugins.proxy.mounts import build_mounts
from crystalbay_plugins.proxy.relay import RelayTransport
from crystalbay_plugins.proxy.transports import ProxyTransport
from crystalbay_plugins.proxy.urls import mask_url

if TYPE_CHECKING:
    from crystalbay.hub import Hub

PROXY = "http://alice:s3cret-pass@vps.example:8888"
SAMO = "https://booking.crystalbay.com/export/default.php"


class StubHub:
    """Only what the hook uses: ``plugin_config``."""

    def __init__(self, config: ProxyConfig | None) -> None:
        self.config = config
        self.asked: list[str] = []

    def plugin_config(self, name: str, type_: type[ProxyConfig]) -> ProxyConfig | None:
        self.asked.append(name)
        assert type_ is ProxyConfig
        return self.config


def test_samo_host_goes_through_the_forward_proxy_by_default() -> None:
    mounts = build_mounts(ProxyConfig(proxy_url=PROXY, samo_api_url=SAMO))

    assert list(mounts) == ["all://booking.crystalbay.com"]
    assert isinstance(mounts["all://booking.crystalbay.com"], httpx.AsyncHTTPTransport)


def test_proxy_hosts_are_added_with_ports_wildcards_and_urls() -> None:
    config = ProxyConfig(
        proxy_url=PROXY,
        samo_api_url="https://agency.pegast.ru:8443/samo5/export/default.php",
        hosts=" parser.anextour.ru, 127.0.0.1:8080 ,*.kompastour.kz,https://Online.JoinUp.ro/x,",
    )

    mounts = build_mounts(config)

    assert list(mounts) == [
        "all://agency.pegast.ru:8443",
        "all://parser.anextour.ru",
        "all://127.0.0.1:8080",
        "all://*.kompastour.kz",
        "all://online.joinup.ro",
    ]
    assert all(isinstance(t, ProxyTransport) for t in mounts.values())


async def test_only_the_configured_hosts_are_routed() -> None:
    config = ProxyConfig(proxy_url=PROXY, samo_api_url=SAMO, hosts="127.0.0.1:8080")
    mounts = build_mounts(config)

    async with httpx.AsyncClient(mounts=mounts, trust_env=False) as client:
        samo = client._transport_for_url(httpx.URL(SAMO))
        samo_other_port = client._transport_for_url(httpx.URL("http://booking.crystalbay.com:81"))
        local = client._transport_for_url(httpx.URL("http://127.0.0.1:8080/x"))
        local_other_port = client._transport_for_url(httpx.URL("http://127.0.0.1:8081/x"))
        other = client._transport_for_url(httpx.URL("https://api.sendgrid.com/v3/mail/send"))

    assert samo is samo_other_port is mounts["all://booking.crystalbay.com"]  # any port
    assert local is mounts["all://127.0.0.1:8080"]  # this port only
    assert local_other_port is client._transport
    assert other is client._transport


def test_relay_carries_samo_and_the_proxy_carries_the_other_hosts() -> None:
    config = ProxyConfig(
        proxy_url=PROXY,
        relay_url="https://vps.example/samo_proxy.php",
        relay_key="k",
        samo_api_url=SAMO,
        hosts="parser.anextour.ru",
    )

    mounts = build_mounts(config)

    assert isinstance(mounts["all://booking.crystalbay.com"], RelayTransport)
    assert isinstance(mounts["all://parser.anextour.ru"], ProxyTransport)
    assert len(mounts) == 2


def test_nothing_configured_routes_nothing() -> None:
    assert build_mounts(ProxyConfig(samo_api_url=SAMO)) == {}
    assert proxy_plugin.register_http_mounts(cast("Hub", StubHub(ProxyConfig()))) is None
    assert proxy_plugin.register_http_mounts(cast("Hub", StubHub(None))) is None


def test_hook_reads_its_config_slice_through_the_hub() -> None:
    hub = StubHub(ProxyConfig(proxy_url=PROXY, samo_api_url=SAMO))

    mounts = proxy_plugin.register_http_mounts(cast("Hub", hub))

    assert hub.asked == ["proxy"]
    assert mounts is not None
    assert list(mounts) == ["all://booking.crystalbay.com"]


def test_settings_declare_the_environment_and_secrets() -> None:
    spec = proxy_plugin.register_settings()
    environ = {
        "PROXY_URL": PROXY,
        "SAMO_RELAY_URL": "https://vps.example/samo_proxy.php",
        "SAMO_RELAY_KEY": "k",
        "SAMO_API_URL": SAMO,
        "PROXY_HOSTS": "a.example,b.example",
    }

    config = decode_config(spec, spec.raw_values(environ, {}), ProxyConfig)

    assert spec is SETTINGS
    assert spec.plugin == "proxy"
    assert spec.secrets == {"proxy_url", "relay_key"}
    assert spec.required == frozenset()
    assert config == ProxyConfig(
        proxy_url=PROXY,
        relay_url="https://vps.example/samo_proxy.php",
        relay_key="k",
        samo_api_url=SAMO,
        hosts="a.example,b.example",
    )


@pytest.mark.parametrize(
    ("config", "field", "advice"),
    [
        (ProxyConfig(samo_api_url=SAMO, hosts="a.example"), "PROXY_HOSTS", "set PROXY_URL"),
        (ProxyConfig(relay_url="https://vps/r.php"), "SAMO_API_URL", "set SAMO_API_URL"),
        (ProxyConfig(proxy_url=PROXY), "PROXY_HOSTS", "set SAMO_API_URL or PROXY_HOSTS"),
        (ProxyConfig(proxy_url=PROXY, hosts="a.example/path"), "PROXY_HOSTS", "not paths"),
        (ProxyConfig(proxy_url=PROXY, samo_api_url="booking.example"), "SAMO_API_URL", "absolute"),
        (
            ProxyConfig(proxy_url="socks5://alice:s3cret-pass@vps:1080", samo_api_url=SAMO),
            "PROXY_URL",
            "http:// or https://",
        ),
        (
            ProxyConfig(relay_url="ftp://vps/r", samo_api_url=SAMO),
            "SAMO_RELAY_URL",
            "http:// or https://",
        ),
    ],
)
def test_misconfiguration_names_the_setting(config: ProxyConfig, field: str, advice: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        build_mounts(config)

    assert caught.value.field == field
    assert advice in caught.value.detail
    assert "s3cret-pass" not in caught.value.detail


def test_credentials_never_appear_in_reprs_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    config = ProxyConfig(
        proxy_url=PROXY,
        relay_url="https://bob:relay-pass@vps.example/r.php?key=qs-secret",
        relay_key="relay-key-secret",
        samo_api_url=SAMO,
        hosts="parser.anextour.ru",
    )

    with caplog.at_level(logging.INFO, logger="crystalbay_plugins.proxy"):
        mounts = build_mounts(config)
    shown = " ".join([repr(config), str(config), caplog.text, *(repr(t) for t in mounts.values())])

    for secret in ("s3cret-pass", "relay-pass", "qs-secret", "relay-key-secret"):
        assert secret not in shown
    assert "http://alice:****@vps.example:8888" in shown
    assert "routing parser.anextour.ru through" in caplog.text
    assert msgspec.json.decode(msgspec.json.encode(config), type=ProxyConfig) == config


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (PROXY, "http://alice:****@vps.example:8888"),
        ("http://vps:8888", "http://vps:8888"),
        ("http://token@vps:8888/", "http://token:****@vps:8888/"),
        ("https://vps/r.php?key=abc&x=1", "https://vps/r.php?key=****&x=****"),
    ],
)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


async def test_unreachable_proxy_error_is_masked() -> None:
    transport = ProxyTransport("http://alice:s3cret-pass@127.0.0.1:9")

    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        with pytest.raises(httpx.ConnectError) as caught:
            await client.get("http://booking.crystalbay.com/export/default.php")

    assert "s3cret-pass" not in str(caught.value)
    assert "through the forward proxy http://alice:****@127.0.0.1:9 (PROXY_URL)" in str(
        caught.value
    )
