"""No built-in plugin's config shows a secret in ``repr``/``str`` (so a log line cannot leak it)."""

from __future__ import annotations

import pytest

from crystalbay.config import PluginSettings, decode_config
from crystalbay_plugins.bitrix24.config import SETTINGS as BITRIX
from crystalbay_plugins.openai.config import SETTINGS as OPENAI
from crystalbay_plugins.proxy.config import SETTINGS as PROXY
from crystalbay_plugins.samo.config import SETTINGS as SAMO
from crystalbay_plugins.sendgrid.config import SETTINGS as SENDGRID
from crystalbay_plugins.telegram.config import SETTINGS as TELEGRAM
from crystalbay_plugins.wazzup24.config import SETTINGS as WAZZUP

SECRET = "Zq7secretValue9912"
CASES: dict[str, tuple[PluginSettings, dict[str, str]]] = {
    "bitrix24": (
        BITRIX,
        {
            "webhook_url": f"https://agency.bitrix24.kz/rest/1/{SECRET}/",
            "application_token": SECRET,
        },
    ),
    "openai": (OPENAI, {"api_key": f"sk-{SECRET}"}),
    "proxy": (PROXY, {"proxy_url": f"http://user:{SECRET}@127.0.0.1:8888", "relay_key": SECRET}),
    "samo": (
        SAMO,
        {"api_url": "https://operator.example/export/default.php", "oauth_token": SECRET},
    ),
    "sendgrid": (
        SENDGRID,
        {"api_key": f"SG.{SECRET}", "from_email": "tours@example.com", "inbound_secret": SECRET},
    ),
    "telegram": (TELEGRAM, {"bot_token": f"123456:{SECRET}", "webhook_secret": SECRET}),
    "wazzup24": (WAZZUP, {"api_key": SECRET, "webhook_secret": SECRET}),
}


@pytest.mark.parametrize("plugin", sorted(CASES))
def test_secrets_are_masked_in_repr_and_str(plugin: str) -> None:
    spec, raw = CASES[plugin]
    assert set(raw) >= spec.required
    assert spec.secrets <= set(raw)  # every secret field is exercised
    config = decode_config(spec, raw, spec.config_type)
    for shown in (repr(config), str(config)):
        assert SECRET not in shown, shown
        assert type(config).__name__ in shown
