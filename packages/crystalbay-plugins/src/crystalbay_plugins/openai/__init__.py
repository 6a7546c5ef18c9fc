"""OpenAI plugin: the ``openai`` assistant (structured outputs through the ``openai`` SDK).

Hook implementations only. Modules: ``config`` (settings), ``assistant`` (the adapter),
``client`` (one structured completion with retries), ``errors`` (SDK -> hub errors),
``schema`` (strict JSON schemas from msgspec Structs), ``models``/``mapping`` (the answers),
``prompting`` and ``prompts/`` (system prompts in Russian and English), ``masking``
(cards, passports, ... hidden before sending), ``grounding`` (draft verification),
``usage`` (token usage per lead) and ``testing`` (``FakeOpenAI``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.openai.config import PLUGIN, SETTINGS, OpenAIConfig

if TYPE_CHECKING:
    from collections.abc import Awaitable, Iterable

    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub
    from crystalbay.ports import Assistant

__all__ = ["register_assistants", "register_settings", "shutdown"]


@hookimpl
def register_settings() -> PluginSettings:
    """Declare ``OPENAI_API_KEY`` (secret, required), ``OPENAI_MODEL``, ``OPENAI_BASE_URL``."""
    return SETTINGS


@hookimpl
def register_assistants(hub: Hub) -> Iterable[Assistant]:
    """The ``openai`` assistant when ``OPENAI_API_KEY`` is set; nothing otherwise."""
    config = hub.plugin_config(PLUGIN, OpenAIConfig)
    if config is None:
        return []
    # The SDK takes seconds to import: only a hub with a key pays for it.
    from crystalbay_plugins.openai.assistant import OpenAIAssistant  # noqa: PLC0415

    return [OpenAIAssistant(config)]


@hookimpl
def shutdown(hub: Hub) -> Awaitable[None] | None:
    """Close the SDK client of the ``openai`` assistant, if one was built."""
    assistant = hub.assistants.get(PLUGIN)
    close = getattr(assistant, "aclose", None)
    return close() if callable(close) else None
