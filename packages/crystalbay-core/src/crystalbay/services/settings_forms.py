"""A plugin's settings form, derived from its config Struct, and validation per field.

Fields come from ``msgspec.inspect`` (name, type, default, required) and the plugin's
:class:`~crystalbay.config.PluginSettings` (environment variable, secret, required). Secret
values never leave this module: a field only says whether a secret is set and shows it masked.
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING

import msgspec
import msgspec.inspect as mi

from crystalbay.config import decode_config, mask_secret
from crystalbay.errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crystalbay.config import PluginSettings

__all__ = ["FieldErrors", "SettingField", "describe_fields", "validate_settings"]

FieldErrors = dict[str, str]
"""Field name -> message; the key ``""`` holds an error that belongs to no single field."""

_KINDS: tuple[tuple[type[mi.Type], str], ...] = (
    (mi.BoolType, "boolean"),
    (mi.IntType, "integer"),
    (mi.FloatType, "number"),
)


class SettingField(msgspec.Struct, frozen=True, kw_only=True):
    """One input of a settings form.

    Attributes:
        name: The config field (and the form input's name).
        env: The environment variable that can also set it.
        kind: ``text``, ``secret``, ``integer``, ``number`` or ``boolean``.
        required: The plugin needs it to count as configured.
        optional: ``None`` is an accepted value (leave it empty).
        default: The default shown as a hint, ``None`` when there is none.
        value: The current value for the input; always ``""`` for secrets.
        masked: For a set secret, its masked form (``••••abcd``); else ``""``.
        is_set: A value comes from the dashboard or the environment.
        source: ``dashboard``, ``environment`` or ``default``.
        error: A validation message for this field.
    """

    name: str
    env: str | None
    kind: str
    required: bool
    optional: bool
    default: str | None
    value: str = ""
    masked: str = ""
    is_set: bool = False
    source: str = "default"
    error: str | None = None


def _kind(field_type: mi.Type) -> tuple[str, bool]:
    optional = False
    if isinstance(field_type, mi.UnionType):
        others = [t for t in field_type.types if not isinstance(t, mi.NoneType)]
        optional = len(others) < len(field_type.types)
        field_type = others[0] if len(others) == 1 else field_type
    for cls, kind in _KINDS:
        if isinstance(field_type, cls):
            return kind, optional
    return "text", optional


def _default(info: mi.Field) -> str | None:
    if info.default is msgspec.NODEFAULT or info.default is None:
        return None
    return str(info.default).lower() if isinstance(info.default, bool) else str(info.default)


def describe_fields(
    spec: PluginSettings,
    environ: Mapping[str, str],
    stored: Mapping[str, str],
    errors: FieldErrors | None = None,
) -> list[SettingField]:
    """The form's fields with their current values (secrets masked, never included)."""
    info = mi.type_info(spec.config_type)
    assert isinstance(info, mi.StructType)  # noqa: S101 - PluginSettings requires a Struct
    fields = []
    for field in info.fields:
        kind, optional = _kind(field.type)
        env = spec.env.get(field.name)
        value, source = _current(field.name, env, environ, stored)
        secret = field.name in spec.secrets
        fields.append(
            SettingField(
                name=field.name,
                env=env,
                kind="secret" if secret else kind,
                required=field.name in spec.required or field.required,
                optional=optional,
                default=None if secret else _default(field),
                value="" if secret else value,
                masked=mask_secret(value) if secret and value else "",
                is_set=bool(value),
                source=source,
                error=(errors or {}).get(field.name),
            )
        )
    return fields


def _current(
    name: str, env: str | None, environ: Mapping[str, str], stored: Mapping[str, str]
) -> tuple[str, str]:
    if stored.get(name):
        return stored[name], "dashboard"
    if env and environ.get(env):
        return environ[env], "environment"
    return "", "default"


def validate_settings(spec: PluginSettings, raw: Mapping[str, str]) -> FieldErrors:
    """Check ``raw`` (the merged values) field by field, then as a whole.

    A plugin with none of its required fields set is valid (simply not configured); one
    with some of them set must have all of them.
    """
    hints = typing.get_type_hints(spec.config_type, include_extras=True)
    errors: FieldErrors = {}
    for name, value in raw.items():
        if name not in hints:
            errors[name] = "this plugin has no such setting"
            continue
        try:
            msgspec.convert(value, type=hints[name], strict=False)
        except msgspec.ValidationError as exc:
            errors[name] = str(exc).split(" - at `", 1)[0]
    required = spec.required or frozenset()
    if any(raw.get(name) for name in required):
        for name in sorted(required):
            if not raw.get(name):
                errors.setdefault(name, "required once the plugin is being configured")
    if errors or not spec.is_configured(raw):
        return errors
    try:
        decode_config(spec, raw, spec.config_type)
    except ConfigurationError as exc:
        errors[_field_of(spec, exc.field)] = exc.detail
    return errors


def _field_of(spec: PluginSettings, setting: str | None) -> str:
    """The form field a :class:`ConfigurationError` names (it may name the variable)."""
    if setting is None:
        return ""
    for name, env in spec.env.items():
        if setting in (name, env):
            return name
    return setting if setting in spec.config_type.__struct_fields__ else ""
