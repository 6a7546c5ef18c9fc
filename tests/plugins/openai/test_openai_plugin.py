"""The plugin inside a real hub: settings from the environment, the ``openai`` assistant."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import msgspec
import pytest

from crystalbay.config import PluginSettings
from crystalbay.domain import ChatTurn, ConversationContext, Direction, Intent
from crystalbay.errors import ConfigurationError
from crystalbay.hub import Hub
from crystalbay_plugins import openai as openai_plugin
from crystalbay_plugins.openai.assistant import OpenAIAssistant
from crystalbay_plugins.openai.config import DEFAULT_BASE_URL, DEFAULT_MODEL, OpenAIConfig
from crystalbay_plugins.openai.testing import FakeOpenAI

HubFactory = Callable[..., contextlib.AbstractAsyncContextManager[Hub]]


def _env(fake: FakeOpenAI, **extra: str) -> dict[str, str]:
    return {"OPENAI_API_KEY": fake.api_key, "OPENAI_BASE_URL": fake.url, **extra}


async def test_with_a_key_the_hub_uses_the_openai_assistant(
    register_plugin: Callable[..., None], hub_factory: HubFactory, fake: FakeOpenAI
) -> None:
    register_plugin(openai_plugin, name="openai")
    turns = (ChatTurn(direction=Direction.INBOUND, text="Хотим в Турцию на 7 ночей, 2 взрослых"),)

    async with hub_factory(_env(fake, OPENAI_MODEL="gpt-4.1-nano")) as hub:
        assert hub.plugin_status("openai") == "configured"
        assistant = hub.assistant
        assert isinstance(assistant, OpenAIAssistant)
        assert sorted(hub.assistants) == ["openai", "rules"]
        analysis = await assistant.analyse(ConversationContext(turns=turns, lead_id=1))

    assert analysis.intent is Intent.TOUR_SEARCH  # the fake's default keyword scan
    assert analysis.brief.country == "Turkey"
    assert fake.requests[0].model == "gpt-4.1-nano"
    assert assistant._chat.sdk.is_closed()  # the shutdown hook closed the SDK client


async def test_without_a_key_the_rules_assistant_stays(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    register_plugin(openai_plugin, name="openai")

    async with hub_factory({"OPENAI_MODEL": "gpt-4.1-nano"}) as hub:
        assert hub.plugin_status("openai") == "not configured"
        assert "openai" not in hub.assistants
        assert hub.assistant is not None
        assert hub.assistant.name == "rules"


async def test_a_malformed_setting_stops_start_up(
    register_plugin: Callable[..., None], hub_factory: HubFactory, fake: FakeOpenAI
) -> None:
    register_plugin(openai_plugin, name="openai")

    with pytest.raises(ConfigurationError, match="OPENAI_BASE_URL"):
        async with hub_factory(_env(fake, OPENAI_BASE_URL="api.openai.com")):
            pass


def test_settings_declaration() -> None:
    spec = openai_plugin.register_settings()

    assert isinstance(spec, PluginSettings)
    assert spec.env["api_key"] == "OPENAI_API_KEY"
    assert spec.env["model"] == "OPENAI_MODEL"
    assert spec.env["base_url"] == "OPENAI_BASE_URL"
    assert spec.secrets == frozenset({"api_key"})
    assert spec.required == frozenset({"api_key"})


def test_defaults_and_a_repr_without_the_key() -> None:
    config = msgspec.convert({"api_key": "sk-proj-abcdefghijkl9876"}, OpenAIConfig)

    assert config.model == DEFAULT_MODEL == "gpt-4.1-mini"
    assert config.base_url == DEFAULT_BASE_URL == "https://api.openai.com/v1"
    assert "abcdefghijkl" not in repr(config)
    assert "9876" in repr(config)


@pytest.mark.parametrize(
    ("values", "setting"),
    [
        ({"api_key": "  "}, "OPENAI_API_KEY"),
        ({"model": ""}, "OPENAI_MODEL"),
        ({"timeout": 0}, "OPENAI_TIMEOUT"),
        ({"max_retries": -1}, "OPENAI_MAX_RETRIES"),
    ],
)
def test_bad_values_name_the_setting(values: dict[str, object], setting: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        msgspec.convert({"api_key": "sk-test", **values}, OpenAIConfig)

    assert caught.value.field == setting
