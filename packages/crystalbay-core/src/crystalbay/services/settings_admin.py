"""Administration of plugins: their state, their settings forms and "test connection".

Saving writes the dashboard's values into the settings table (they win over the
environment) and reloads the hub's plugin settings. An empty secret input keeps the stored
secret; ``clear`` removes a stored value so that the environment or the default applies again.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING

import msgspec

from crystalbay import hookspecs
from crystalbay.errors import NotFound
from crystalbay.plugins import list_plugins
from crystalbay.ports.common import Health
from crystalbay.services.settings_forms import SettingField, describe_fields, validate_settings
from crystalbay.services.settings_health import check_adapter, scrub_secrets
from crystalbay.storage.repositories import PluginSettingRepository

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub

__all__ = ["ConnectionResult", "PluginAdminService", "PluginState", "SettingsForm"]


class PluginState(msgspec.Struct, frozen=True, kw_only=True):
    """A plugin as the settings page lists it.

    Attributes:
        enabled: Loaded by the hub (installed plugins outside ``CRYSTALBAY_PLUGINS`` are not).
        status: ``configured``, ``not configured`` or ``no settings``.
        adapters: ``kind:name`` of each adapter it registered (``tour_provider:samo``).
        healthy: Result of the last connection test, ``None`` before the first.
    """

    name: str
    version: str | None
    builtin: bool
    enabled: bool
    status: str
    adapters: tuple[str, ...] = ()
    healthy: bool | None = None
    health_detail: str = ""


class ConnectionResult(msgspec.Struct, frozen=True, kw_only=True):
    """One adapter's answer to "test connection" (secrets scrubbed from ``detail``)."""

    adapter: str
    ok: bool
    detail: str


class SettingsForm(msgspec.Struct, frozen=True, kw_only=True):
    """A plugin's settings form; ``form_error`` belongs to no single field."""

    plugin: str
    fields: tuple[SettingField, ...]
    status: str
    form_error: str | None = None
    saved: bool = False
    reloaded: bool = False

    @property
    def valid(self) -> bool:
        """No field and no form error."""
        return self.form_error is None and all(f.error is None for f in self.fields)


class PluginAdminService:
    """Lists plugins, edits their settings and tests their connections.

    Args:
        hub: The running hub.
    """

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.repo = PluginSettingRepository()
        self._health: dict[str, Health] = {}

    def plugins(self) -> list[PluginState]:
        """Every loaded plugin, then installed ones that are not enabled, by name."""
        adapters = self._adapters_by_plugin()
        states = [
            PluginState(
                name=info.name,
                version=info.version,
                builtin=info.builtin,
                enabled=True,
                status=self.hub.plugin_status(info.name),
                adapters=tuple(label for label, _ in adapters.get(info.name, [])),
                healthy=self._health[info.name].ok if info.name in self._health else None,
                health_detail=self._health.get(info.name, Health(ok=True, detail="")).detail,
            )
            for info in list_plugins(self.hub.pm)
        ]
        loaded = {state.name for state in states}
        for ep in entry_points(group=hookspecs.PROJECT_NAME):
            if ep.name not in loaded:
                version = ep.dist.version if ep.dist else None
                states.append(
                    PluginState(
                        name=ep.name, version=version, builtin=False, enabled=False, status="off"
                    )
                )
                loaded.add(ep.name)
        return sorted(states, key=lambda state: state.name)

    async def form(self, plugin: str) -> SettingsForm:
        """The plugin's settings form with the current values (secrets masked).

        Raises:
            NotFound: The plugin declares no settings.
        """
        spec = self._spec(plugin)
        stored = (await self.repo.all()).get(plugin, {})
        fields = describe_fields(spec, self.hub.settings.environ, stored)
        return SettingsForm(
            plugin=plugin, fields=tuple(fields), status=self.hub.plugin_status(plugin)
        )

    async def save(
        self, plugin: str, submitted: Mapping[str, str], *, clear: Collection[str] = ()
    ) -> SettingsForm:
        """Validate and store the submitted values, then reload the plugin settings.

        Args:
            plugin: The plugin's name.
            submitted: Input name -> text. Unknown names are ignored; an empty secret keeps
                the stored secret; an empty non-secret removes the dashboard value.
            clear: Fields whose dashboard value is removed (secrets included).

        Returns:
            The form with a message per invalid field, or ``saved=True``. Nothing is stored
            unless every field is valid.

        Raises:
            NotFound: The plugin declares no settings.
        """
        spec = self._spec(plugin)
        stored = (await self.repo.all()).get(plugin, {})
        updated = _merge(spec, stored, submitted, clear)
        raw = spec.raw_values(self.hub.settings.environ, updated)
        errors = {
            name: scrub_secrets(message, spec, raw)
            for name, message in validate_settings(spec, raw).items()
        }
        environ = self.hub.settings.environ
        if errors:
            fields = describe_fields(spec, environ, updated, errors)
            return SettingsForm(
                plugin=plugin,
                fields=tuple(fields),
                status=self.hub.plugin_status(plugin),
                form_error=errors.get(""),
            )
        async with self.hub.db.transaction():
            for name, value in updated.items():
                if stored.get(name, "") != value:
                    await self.repo.put(plugin, name, value)
        reloaded = await self._reload()
        self._health.pop(plugin, None)
        fields = describe_fields(spec, environ, updated)
        status = self.hub.plugin_status(plugin)
        return SettingsForm(
            plugin=plugin, fields=tuple(fields), status=status, saved=True, reloaded=reloaded
        )

    async def test_connection(self, plugin: str) -> list[ConnectionResult]:
        """Run ``check()`` of every adapter the plugin registered; remember the outcome."""
        adapters = self._adapters_by_plugin().get(plugin, [])
        if not adapters:
            detail = f"plugin {plugin!r} has no active adapter: configure it and save first"
            self._health[plugin] = Health(ok=False, detail=detail)
            return [ConnectionResult(adapter=plugin, ok=False, detail=detail)]
        spec = self.hub.plugin_settings.get(plugin)
        raw = self.hub.raw_settings(plugin)
        results = []
        for label, adapter in adapters:
            health = await check_adapter(adapter)
            detail = scrub_secrets(health.detail, spec, raw) if spec else health.detail
            results.append(ConnectionResult(adapter=label, ok=health.ok, detail=detail))
        ok = all(result.ok for result in results)
        summary = "; ".join(f"{r.adapter}: {r.detail}" for r in results)
        self._health[plugin] = Health(ok=ok, detail=summary)
        return results

    def _spec(self, plugin: str) -> PluginSettings:
        spec = self.hub.plugin_settings.get(plugin)
        if spec is None:
            raise NotFound(f"plugin {plugin!r} has no settings", field="plugin")
        return spec

    def _adapters_by_plugin(self) -> dict[str, list[tuple[str, object]]]:
        found: dict[str, list[tuple[str, object]]] = {}
        registries = (
            ("tour_provider", self.hub.tour_providers),
            ("channel", self.hub.channels),
            ("crm", self.hub.crms),
            ("assistant", self.hub.assistants),
        )
        for kind, registry in registries:
            for name in registry:
                entry = (f"{kind}:{name}", registry[name])
                found.setdefault(registry.owners[name], []).append(entry)
        return found

    async def _reload(self) -> bool:
        """Re-read settings; rebuild adapters when the hub can (``reload_plugins``)."""
        reload = getattr(self.hub, "reload_plugins", None)
        if reload is not None:
            await reload()
            return True
        await self.hub.load_plugin_settings()
        self.hub.tours.clear_cache()
        return False


def _merge(
    spec: PluginSettings,
    stored: Mapping[str, str],
    submitted: Mapping[str, str],
    clear: Collection[str],
) -> dict[str, str]:
    fields = spec.config_type.__struct_fields__
    updated = {name: value for name, value in stored.items() if name in fields}
    for name in fields:
        if name in clear:
            updated[name] = ""
            continue
        if name not in submitted:
            continue
        value = submitted[name].strip()
        if name in spec.secrets and not value:
            continue  # an empty secret input keeps what is stored
        updated[name] = value
    return updated
