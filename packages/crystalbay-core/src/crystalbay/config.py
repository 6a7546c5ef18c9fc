"""How a plugin declares its settings, and how the hub resolves them.

A plugin returns a :class:`PluginSettings` from ``register_settings``. The hub fills the
plugin's config Struct from environment variables and from the settings table (the dashboard
value wins), decodes it with msgspec, and hands the typed result to the plugin through
``hub.plugin_config(name, ConfigType)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import msgspec

from crystalbay.errors import ConfigurationError

__all__ = ["PluginSettings", "decode_config", "mask_secret"]

T = TypeVar("T", bound=msgspec.Struct)


@dataclass(frozen=True, kw_only=True)
class PluginSettings:
    """A plugin's settings declaration.

    Attributes:
        plugin: The plugin's name (as listed by ``crystalbay plugins``).
        config_type: A msgspec Struct type; each field is one setting.
        env: Field name -> environment variable, e.g. ``{"api_url": "SAMO_API_URL"}``.
        secrets: Fields whose values are masked in the UI and never logged.
        required: Fields that must be set for the plugin to count as configured.
    """

    plugin: str
    config_type: type[msgspec.Struct]
    env: Mapping[str, str] = field(default_factory=dict)
    secrets: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()

    def raw_values(self, environ: Mapping[str, str], stored: Mapping[str, str]) -> dict[str, str]:
        """Collect raw strings: environment first, then stored values on top."""
        raw = {name: environ[var] for name, var in self.env.items() if environ.get(var)}
        raw.update({k: v for k, v in stored.items() if v != ""})
        return raw

    def is_configured(self, raw: Mapping[str, str]) -> bool:
        """True when every required field has a value."""
        return all(raw.get(name) for name in self.required)


def decode_config(spec: PluginSettings, raw: Mapping[str, str], type_: type[T]) -> T:
    """Decode ``raw`` into ``type_``, naming the plugin and the setting on failure.

    Raises:
        ConfigurationError: A value has the wrong type or form.
    """
    try:
        return msgspec.convert(dict(raw), type=type_, strict=False)
    except msgspec.ValidationError as exc:
        message = str(exc)
        path = message.rpartition("at `$.")[2].rstrip("`") if "at `$." in message else None
        setting = spec.env.get(path, path) if path else None
        where = f" (setting {setting})" if setting else ""
        raise ConfigurationError(
            f"plugin {spec.plugin!r}: invalid configuration{where}: {message}",
            field=setting,
        ) from exc


def mask_secret(value: str | None) -> str:
    """Show at most the last four characters of a secret."""
    if not value:
        return ""
    return "••••" + value[-4:] if len(value) > 8 else "••••"  # noqa: PLR2004
