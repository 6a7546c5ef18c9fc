"""SendGrid settings: variables, defaults, and loud failures naming the variable."""

from __future__ import annotations

import pytest

from crystalbay.config import decode_config
from crystalbay.errors import ConfigurationError
from crystalbay_plugins.sendgrid.config import DEFAULT_API_URL, SETTINGS, SendGridConfig
from crystalbay_plugins.sendgrid.testing import EventSigner

ENV = {"SENDGRID_API_KEY": "SG.key", "SENDGRID_FROM_EMAIL": "Crystal Bay <Tours@CrystalBay.kz>"}


def _decode(env: dict[str, str]) -> SendGridConfig:
    return decode_config(SETTINGS, SETTINGS.raw_values(env, {}), SendGridConfig)


def test_minimal_environment_decodes_with_vendor_defaults() -> None:
    config = _decode(ENV)

    assert config.api_url == DEFAULT_API_URL == "https://api.sendgrid.com"
    assert config.sender() == ("tours@crystalbay.kz", "Crystal Bay")
    assert config.inbound_secret is None
    assert config.events_public_key is None


def test_required_and_secret_settings_are_declared() -> None:
    assert SETTINGS.plugin == "sendgrid"
    assert SETTINGS.required == {"api_key", "from_email"}
    assert SETTINGS.secrets == {"api_key", "inbound_secret"}
    assert not SETTINGS.is_configured(SETTINGS.raw_values({"SENDGRID_API_KEY": "SG.key"}, {}))


def test_every_variable_is_read() -> None:
    key = EventSigner().public_key
    env = {
        **ENV,
        "SENDGRID_API_URL": "http://127.0.0.1:9",
        "SENDGRID_INBOUND_SECRET": "s3cret",
        "SENDGRID_EVENTS_PUBLIC_KEY": key,
    }

    config = _decode(env)

    assert (config.api_url, config.inbound_secret, config.events_public_key) == (
        "http://127.0.0.1:9",
        "s3cret",
        key,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SENDGRID_FROM_EMAIL", "not an address"),
        ("SENDGRID_FROM_EMAIL", "туры@пример.рф"),
        ("SENDGRID_API_URL", "api.sendgrid.com"),
        ("SENDGRID_EVENTS_PUBLIC_KEY", "bm90IGEga2V5"),
        ("SENDGRID_API_KEY", "   "),
    ],
)
def test_malformed_values_stop_start_up_naming_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        _decode({**ENV, variable: value})

    assert caught.value.field == variable
    assert variable in caught.value.detail


def test_repr_hides_secrets() -> None:
    config = _decode({**ENV, "SENDGRID_INBOUND_SECRET": "s3cret"})

    assert "SG.key" not in repr(config)
    assert "s3cret" not in repr(config)
