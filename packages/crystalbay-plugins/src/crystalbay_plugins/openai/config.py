"""OpenAI settings: the ``OPENAI_*`` variables, decoded into :class:`OpenAIConfig`."""

from __future__ import annotations

from urllib.parse import urlsplit

import msgspec

from crystalbay.config import PluginSettings, mask_secret
from crystalbay.errors import ConfigurationError

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_MODEL", "PLUGIN", "SETTINGS", "OpenAIConfig"]

PLUGIN = "openai"

DEFAULT_BASE_URL = "https://api.openai.com/v1"
"""The SDK's own default (contract 1.1); passed explicitly so the SDK never reads the env."""

DEFAULT_MODEL = "gpt-4.1-mini"
"""The small model the contract's examples use (contract 1.2); override with ``OPENAI_MODEL``."""


class OpenAIConfig(msgspec.Struct, frozen=True, kw_only=True):
    """The OpenAI plugin's settings.

    Raises:
        ConfigurationError: On decoding, when a value is malformed (names the variable).
    """

    api_key: str
    """``OPENAI_API_KEY``: the project API key (secret). Without it the rules assistant runs."""
    model: str = DEFAULT_MODEL
    """``OPENAI_MODEL``: a chat model that supports structured outputs (``json_schema``)."""
    base_url: str = DEFAULT_BASE_URL
    """``OPENAI_BASE_URL``: API base URL ending in ``/v1``; point it at a fake in tests."""
    timeout: float = 30.0
    """``OPENAI_TIMEOUT``: seconds one attempt may take (the SDK's own default is 600 s)."""
    max_retries: int = 2
    """``OPENAI_MAX_RETRIES``: extra attempts after a 408/409/429/5xx answer or a timeout."""
    max_retry_wait: float = 20.0
    """Longest ``retry-after`` honoured in-line; longer waits fail at once (settings table)."""
    retry_backoff: float = 0.5
    """First back-off in seconds when the server names no wait; doubles, capped at 8 s."""
    temperature: float | None = 0.2
    """Sampling temperature (settings table only); empty for models that refuse one."""
    max_completion_tokens: int = 800
    """Upper bound on the tokens of one answer (settings table only)."""

    def __post_init__(self) -> None:
        if not self.api_key.strip():
            _fail("OPENAI_API_KEY is empty; create a key at platform.openai.com", "OPENAI_API_KEY")
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            _fail(f"{self.base_url!r} is not an http(s) URL", "OPENAI_BASE_URL")
        if not self.model.strip():
            _fail("OPENAI_MODEL is empty; unset it to use the default", "OPENAI_MODEL")
        if self.timeout <= 0:
            _fail("OPENAI_TIMEOUT must be a positive number of seconds", "OPENAI_TIMEOUT")
        if self.max_retries < 0:
            _fail("OPENAI_MAX_RETRIES must be 0 or more", "OPENAI_MAX_RETRIES")

    def __repr__(self) -> str:
        """Never print the key."""
        return (
            f"OpenAIConfig(api_key={mask_secret(self.api_key)!r}, model={self.model!r}, "
            f"base_url={self.base_url!r})"
        )


def _fail(message: str, setting: str) -> None:
    named = message if setting in message else f"{setting}: {message}"
    raise ConfigurationError(f"plugin 'openai': {named}", field=setting)


SETTINGS = PluginSettings(
    plugin=PLUGIN,
    config_type=OpenAIConfig,
    env={
        "api_key": "OPENAI_API_KEY",
        "model": "OPENAI_MODEL",
        "base_url": "OPENAI_BASE_URL",
        "timeout": "OPENAI_TIMEOUT",
        "max_retries": "OPENAI_MAX_RETRIES",
    },
    secrets=frozenset({"api_key"}),
    required=frozenset({"api_key"}),
)
