"""The plugin's hooks: settings declaration and registration through a real hub."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

import pytest

import crystalbay_plugins.samo
import crystalbay_plugins.sandbox
from crystalbay.config import decode_config
from crystalbay.domain.tours import TourQuery
from crystalbay.errors import ConfigurationError
from crystalbay.hub import Hub
from crystalbay_plugins.samo.config import SETTINGS, SamoConfig
from crystalbay_plugins.samo.provider import SamoTourProvider
from crystalbay_plugins.samo.testing import FakeSamo

HubFactory = Callable[..., contextlib.AbstractAsyncContextManager[Hub]]


def test_settings_declare_the_environment_variables() -> None:
    spec = crystalbay_plugins.samo.register_settings()

    assert spec.plugin == "samo"
    assert spec.config_type is SamoConfig
    assert spec.env["api_url"] == "SAMO_API_URL"
    assert spec.env["oauth_token"] == "SAMO_OAUTH_TOKEN"
    assert {spec.env[k] for k in ("language", "currency", "timeout")} == {
        "SAMO_LANGUAGE", "SAMO_CURRENCY", "SAMO_TIMEOUT",
    }  # fmt: skip
    assert spec.secrets == {"oauth_token"}
    assert spec.required == {"api_url", "oauth_token"}


def test_config_decodes_from_strings_with_defaults() -> None:
    raw = {"api_url": "https://booking.example.com/export/default.php", "oauth_token": "t"}

    config = decode_config(SETTINGS, {**raw, "timeout": "12.5"}, SamoConfig)

    assert (config.timeout, config.language, config.currency) == (12.5, "ru", None)


@pytest.mark.parametrize(
    ("raw", "setting"),
    [
        ({"api_url": "booking.example.com", "oauth_token": "t"}, None),
        ({"api_url": "https://x/export/default.php", "oauth_token": "t", "timeout": "0"},
         "SAMO_TIMEOUT"),
    ],
)  # fmt: skip
def test_bad_config_is_a_configuration_error(raw: dict[str, str], setting: str | None) -> None:
    with pytest.raises(ConfigurationError) as caught:
        decode_config(SETTINGS, raw, SamoConfig)

    assert "samo" in str(caught.value)
    if setting:
        assert caught.value.field == setting


async def test_a_configured_hub_gets_samo_and_not_the_sandbox(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.samo, name="samo")
    register_plugin(crystalbay_plugins.sandbox, name="sandbox")
    with FakeSamo() as fake:
        env = {"SAMO_API_URL": fake.url, "SAMO_OAUTH_TOKEN": fake.token, "SAMO_LANGUAGE": "en"}
        async with hub_factory(env=env, mock_http=False) as hub:
            provider = hub.tour_providers["samo"]
            query = TourQuery(
                departure_city="Almaty", country="Thailand", page_size=3,
                date_from=date(2026, 11, 1), date_to=date(2026, 11, 10),
            )  # fmt: skip
            page = await provider.search(query)

    assert isinstance(provider, SamoTourProvider)
    assert "sandbox" not in hub.tour_providers
    assert len(page.offers) == 3
    assert {o.country for o in page.offers} == {"Thailand"}


async def test_an_unconfigured_hub_gets_the_sandbox_only(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.samo, name="samo")
    register_plugin(crystalbay_plugins.sandbox, name="sandbox")
    async with hub_factory() as hub:
        names = set(hub.tour_providers)
        status = hub.plugin_status("samo")

    assert "samo" not in names
    assert "sandbox" in names
    assert status == "not configured"
