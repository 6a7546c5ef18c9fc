"""Render a plugin package from the templates in ``templates/plugin/``.

``common/`` holds what every kind shares, one folder per kind the rest. Paths may contain
``__package__``; files end in ``.tmpl`` and are filled with :class:`string.Template`
(``${plugin}``, ``${package}``, ``${dist}``, ``${Name}``, ``${ENV}``, ``${title}`` and the
kind's ``${registry}``, ``${module}``, ``${adapter}``, ...).
"""

from __future__ import annotations

import re
import string
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from crystalbay.errors import InvalidValue

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["KINDS", "MAX_NAME", "PluginNames", "plugin_names", "render_plugin"]

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$")
MAX_NAME = 14
"""Longest ``NAME``: the generated code stays within 100 columns up to this length."""
_SUFFIX = ".tmpl"


class _Kind(msgspec.Struct, frozen=True, kw_only=True):
    label: str
    registry: str
    module: str
    adapter: str
    extra_setting: str = ""
    config_test_args: str = ""


KINDS: dict[str, _Kind] = {
    "tour-provider": _Kind(
        label="tour provider", registry="tour_providers", module="provider", adapter="Provider"
    ),
    "channel": _Kind(
        label="channel",
        registry="channels",
        module="channel",
        adapter="Channel",
        extra_setting="| `{env}_WEBHOOK_SECRET` | the secret the vendor signs webhooks with |",
        config_test_args="        webhook_secret=vendor.webhook_secret,\n",
    ),
    "crm": _Kind(label="CRM", registry="crms", module="crm", adapter="CRM"),
    "assistant": _Kind(
        label="assistant", registry="assistants", module="assistant", adapter="Assistant"
    ),
}
"""What ``--kind`` accepts, with the port's registry and the adapter's module and class."""


class PluginNames(msgspec.Struct, frozen=True, kw_only=True):
    """The names derived from ``NAME``.

    ``acme-tours`` gives plugin ``acme_tours``, package ``crystalbay_acme_tours``,
    distribution ``crystalbay-acme-tours``, class prefix ``AcmeTours``, variable prefix
    ``ACME_TOURS`` and title ``Acme Tours``.
    """

    plugin: str
    package: str
    dist: str
    class_prefix: str
    env_prefix: str
    title: str

    def placeholders(self) -> dict[str, str]:
        """Placeholder -> value: ``plugin``, ``package``, ``dist``, ``Name``, ``ENV``, ``title``."""
        return {
            "plugin": self.plugin,
            "package": self.package,
            "dist": self.dist,
            "Name": self.class_prefix,
            "ENV": self.env_prefix,
            "title": self.title,
        }


def plugin_names(name: str) -> PluginNames:
    """Derive every name from ``name``.

    Raises:
        InvalidValue: ``name`` is not lower-case letters and digits joined by ``-`` or ``_``,
            or is longer than :data:`MAX_NAME`.
    """
    if not _NAME.match(name) or len(name) > MAX_NAME:
        raise InvalidValue(
            f"{name!r} is not a plugin name; use up to {MAX_NAME} lower-case letters and digits,"
            " words joined by '-' or '_' (for example: acme-tours)",
            field="name",
        )
    words = re.split(r"[-_]", name)
    plugin = "_".join(words)
    return PluginNames(
        plugin=plugin,
        package=f"crystalbay_{plugin}",
        dist="crystalbay-" + "-".join(words),
        class_prefix="".join(word.capitalize() for word in words),
        env_prefix=plugin.upper(),
        title=" ".join(word.capitalize() for word in words),
    )


def render_plugin(name: str, kind: str, target: Path) -> list[Path]:
    """Write a ``kind`` plugin package named ``name`` into ``target`` (created).

    Returns:
        The files written, sorted.

    Raises:
        InvalidValue: Bad name, unknown kind, or ``target`` exists and is not empty.
    """
    names = plugin_names(name)
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidValue(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}", field="kind")
    if target.exists() and any(target.iterdir()):
        raise InvalidValue(f"{target} is not empty; choose another --dir", field="dir")
    values = {**names.placeholders(), **_kind_values(kind, spec, names)}
    root = resources.files("crystalbay.builtin") / "templates" / "plugin"
    written: list[Path] = []
    for folder in (root / "common", root / kind):
        written += _render_tree(folder, target, values)
    return sorted(written)


def _kind_values(kind: str, spec: _Kind, names: PluginNames) -> dict[str, str]:
    adapter = names.class_prefix + spec.adapter
    imports = sorted(
        [
            f"from {names.package}.{spec.module} import {adapter}",
            f"from {names.package}.config import {names.class_prefix}Config",
            f"from {names.package}.testing import Fake{names.class_prefix}",
        ]
    )
    return {
        "kind": kind,
        "kind_label": spec.label,
        "registry": spec.registry,
        "module": spec.module,
        "adapter": adapter,
        "first_party_imports": "\n".join(imports),
        "extra_settings_rows": spec.extra_setting.format(env=names.env_prefix),
        "config_test_args": spec.config_test_args,
    }


def _render_tree(folder: Traversable, target: Path, values: dict[str, str]) -> list[Path]:
    written: list[Path] = []
    for entry in folder.iterdir():
        name = entry.name.replace("__package__", values["package"])
        if entry.is_dir():
            written += _render_tree(entry, target / name, values)
        elif name.endswith(_SUFFIX):
            path = target / name.removesuffix(_SUFFIX)
            path.parent.mkdir(parents=True, exist_ok=True)
            text = string.Template(entry.read_text(encoding="utf-8")).substitute(values)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
