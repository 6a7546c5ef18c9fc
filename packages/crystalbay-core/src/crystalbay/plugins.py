"""The plugin manager factory and plugin introspection."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

import msgspec
import pluggy

from crystalbay import hookspecs
from crystalbay.errors import PluginValidationError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = ["DEFAULT_PLUGINS", "PluginInfo", "list_plugins", "make_plugin_manager"]

logger = logging.getLogger("crystalbay.plugins")

DEFAULT_PLUGINS: tuple[str, ...] = (
    "crystalbay.builtin.direct_http",
    "crystalbay.builtin.log_channel",
    "crystalbay.builtin.rules_assistant",
    "crystalbay.builtin.tour_commands",
    "crystalbay.builtin.assistant_commands",
    "crystalbay.builtin.plugin_template",
)
"""Built-in behaviour, registered exactly like third-party plugins."""


class PluginInfo(msgspec.Struct, frozen=True, kw_only=True):
    """What ``crystalbay plugins`` and ``/-/plugins`` show about one plugin."""

    name: str
    version: str | None
    hooks: tuple[str, ...]
    builtin: bool


def make_plugin_manager(
    *,
    load_entrypoints: bool = True,
    allow: Iterable[str] | None = None,
    trace: bool = False,
    defaults: Iterable[str] = DEFAULT_PLUGINS,
) -> pluggy.PluginManager:
    """Build a plugin manager with the built-in plugins and, optionally, entry points.

    Args:
        load_entrypoints: Load the ``crystalbay`` entry-point group (production). Tests pass
            ``False`` and register exactly what they need.
        allow: Only entry points with these names are loaded (``CRYSTALBAY_PLUGINS``).
        trace: Log every hook call, its implementations and results.
        defaults: Modules registered as built-in plugins.

    Raises:
        PluginValidationError: A plugin implements a hook that does not exist.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for module_name in defaults:
        pm.register(importlib.import_module(module_name), name=module_name.rpartition(".")[2])
    if load_entrypoints:
        _load_entrypoints(pm, None if allow is None else frozenset(allow))
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginValidationError(str(exc), plugin=_plugin_name(pm, exc.plugin)) from exc
    if trace:
        _install_tracing(pm)
    return pm


def _load_entrypoints(pm: pluggy.PluginManager, allow: frozenset[str] | None) -> None:
    from importlib.metadata import entry_points  # noqa: PLC0415 - only production needs it

    for ep in entry_points(group=hookspecs.PROJECT_NAME):
        if allow is not None and ep.name not in allow:
            continue
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            raise PluginValidationError(f"cannot import {ep.value}: {exc}", plugin=ep.name) from exc
        pm.register(plugin, name=ep.name)
        pm._plugin_distinfo.append((plugin, ep.dist))  # type: ignore[arg-type]  # noqa: SLF001 - as pluggy's own loader does


def _plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    return pm.get_name(plugin) or repr(plugin)


def _install_tracing(pm: pluggy.PluginManager) -> None:
    def before(
        hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, object]
    ) -> None:
        names = [impl.plugin_name for impl in impls]
        logger.info("hook %s -> %s (args: %s)", hook_name, names, sorted(kwargs))

    def after(
        outcome: pluggy.Result[object],
        hook_name: str,
        impls: Sequence[pluggy.HookImpl],
        kwargs: Mapping[str, object],
    ) -> None:
        del impls, kwargs
        logger.info("hook %s returned %r", hook_name, outcome.get_result())

    pm.add_hookcall_monitoring(before, after)


def list_plugins(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Name, version and implemented hooks of every registered plugin, sorted by name."""
    versions = {pm.get_name(plugin): dist.version for plugin, dist in pm.list_plugin_distinfo()}
    infos = []
    builtin = {name.rpartition(".")[2] for name in DEFAULT_PLUGINS}
    for name, plugin in pm.list_name_plugin():
        hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or ()))
        infos.append(
            PluginInfo(name=name, version=versions.get(name), hooks=hooks, builtin=name in builtin)
        )
    return sorted(infos, key=lambda info: info.name)
