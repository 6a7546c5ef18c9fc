"""The hub: owns the plugin manager, settings, database, HTTP client, adapters and services."""

from __future__ import annotations

import asyncio
import inspect
import logging
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx
import msgspec

from crystalbay.config import PluginSettings, decode_config
from crystalbay.errors import PluginValidationError
from crystalbay.jobs import JobQueue, JobSettings
from crystalbay.plugins import make_plugin_manager
from crystalbay.ports import CRM, Assistant, Channel, TourProvider
from crystalbay.registry import Registry
from crystalbay.services.accounts import AccountService
from crystalbay.services.assistant_flow import AssistantFlow
from crystalbay.services.bookings import BookingService
from crystalbay.services.contacts import ContactService
from crystalbay.services.conversations import ConversationService
from crystalbay.services.inbox import InboxService
from crystalbay.services.intake import IntakeService
from crystalbay.services.leads import LeadService
from crystalbay.services.tours import TourSearchService
from crystalbay.settings_watch import SettingsWatch
from crystalbay.storage import Database
from crystalbay.storage.repositories import PluginSettingRepository

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pluggy

    from crystalbay.events import Event
    from crystalbay.settings import Settings

__all__ = ["Hub"]

logger = logging.getLogger("crystalbay.hub")

C = TypeVar("C", bound=msgspec.Struct)


class Hub:
    """Everything a host (web app, bot, worker, CLI) needs, started and stopped together.

    Args:
        settings: Process settings.
        pm: A plugin manager; by default built with entry points and the allowlist.
        transport: Replaces every HTTP mount (tests pass ``httpx.MockTransport``).
        settings_poll: Seconds between two checks of the settings table for changes saved by
            another process (``0`` turns the check off).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        pm: pluggy.PluginManager | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        settings_poll: float = 10.0,
    ) -> None:
        self.settings = settings
        self.pm = pm or make_plugin_manager(
            allow=settings.plugins_allow, trace=settings.trace_plugins
        )
        self.db = Database(settings.database_url)
        self._transport = transport
        self.http = httpx.AsyncClient()
        self.channels: Registry[Channel] = Registry(Channel, "register_channels")
        self.tour_providers: Registry[TourProvider] = Registry(
            TourProvider, "register_tour_providers"
        )
        self.crms: Registry[CRM] = Registry(CRM, "register_crms")
        self.assistants: Registry[Assistant] = Registry(Assistant, "register_assistants")
        self.plugin_settings: dict[str, PluginSettings] = {}
        self._raw: dict[str, dict[str, str]] = {}
        self._configs: dict[str, msgspec.Struct] = {}
        self._stored: dict[str, dict[str, str]] = {}
        self._retired_http: list[httpx.AsyncClient] = []
        self._reload_lock = asyncio.Lock()
        self.settings_watch = SettingsWatch(
            lambda: self._stored, self.reload_plugins, settings_poll
        )
        self.contacts = ContactService(self.db, self.emit, settings.default_region)
        self.leads = LeadService(self.db, self.emit)
        self.bookings = BookingService(self.db, self.emit)
        self.intake = IntakeService(self.contacts, self.leads, self.emit)
        self.accounts = AccountService()
        self.jobs = JobQueue(settings.redis_url, settings=JobSettings.from_env(settings.environ))
        self.inbox = InboxService(self.db, self.contacts, self.leads, self.jobs, self.emit)
        self.conversations = ConversationService(self.db, self.jobs, self.channels, self.emit)
        self.assistant_flow = AssistantFlow(
            self.assistants, self.leads, self.conversations, lambda: self.tours, self.jobs
        )
        self.tours = TourSearchService({})
        self.started = False

    async def start(self, *, migrate: bool = True, run_jobs: bool | None = None) -> Self:
        """Connect, migrate, resolve plugin settings, build the HTTP client and adapters.

        Args:
            migrate: Apply pending migrations.
            run_jobs: Run background jobs in this process. By default they run here unless
                ``REDIS_URL`` hands them to ``crystalbay worker`` processes; one-shot commands
                pass ``False`` and leave their jobs to the serving process.

        Raises:
            ConfigurationError: A configured plugin's settings do not decode.
            PluginValidationError: A plugin broke the hook contract.
        """
        await self.db.connect(apply_migrations=migrate)
        try:
            await self.load_plugin_settings()
            await self.http.aclose()
            self.http = self._build_http()
            self._register_adapters()
            self.tours = TourSearchService(self.tour_providers)
        except BaseException:
            await self.close()
            raise
        await self._gather("startup", self.pm.hook.startup(hub=self))
        self.started = True
        await self.jobs.start(consume=self.jobs.in_process if run_jobs is None else run_jobs)
        self.settings_watch.start()
        return self

    async def close(self) -> None:
        """Run shutdown hooks, then close the HTTP clients and the database."""
        await self.settings_watch.stop()
        await self.jobs.stop()
        if self.started:
            await self._gather("shutdown", self.pm.hook.shutdown(hub=self))
        for client in (*self._retired_http, self.http):
            await client.aclose()
        self._retired_http.clear()
        await self.db.close()
        self.started = False

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- plugin configuration -------------------------------------------------------------

    async def load_plugin_settings(self) -> None:
        """Resolve every plugin's settings from the environment and the settings table."""
        stored = await PluginSettingRepository().all()
        self._stored = stored
        self.plugin_settings.clear()
        self._configs.clear()
        for plugin, result in self._each_impl("register_settings", {}):
            specs = [result] if isinstance(result, PluginSettings) else list(result or ())
            for spec in specs:
                if not isinstance(spec, PluginSettings):
                    raise PluginValidationError(
                        f"returned {spec!r}, not PluginSettings",
                        plugin=plugin,
                        hook="register_settings",
                    )
                self.plugin_settings[spec.plugin] = spec
                raw = spec.raw_values(self.settings.environ, stored.get(spec.plugin, {}))
                self._raw[spec.plugin] = raw
                if spec.is_configured(raw):
                    self._configs[spec.plugin] = decode_config(spec, raw, spec.config_type)

    async def reload_plugins(self) -> None:
        """Re-read plugin settings, then rebuild the HTTP client and every adapter.

        The new adapters replace the old ones only once all of them were built, so a plugin
        that refuses its new settings leaves the running ones in place. The previous HTTP
        client stays open for requests still in flight and is closed with the hub.

        Raises:
            ConfigurationError: A plugin's stored settings do not decode.
            PluginValidationError: A plugin broke the hook contract.
        """
        async with self._reload_lock:
            state = self._settings_state()
            previous = self.http
            built = [registry.fresh() for registry in self._registries()]
            try:
                await self.load_plugin_settings()
                self.http = self._build_http()
                self._register_adapters(built)
            except BaseException:
                self._restore_settings_state(state)
                if self.http is not previous:
                    await self.http.aclose()
                    self.http = previous
                raise
            for registry, new in zip(self._registries(), built, strict=True):
                registry.replace_with(new)
            self._retired_http.append(previous)
            self.tours = TourSearchService(self.tour_providers)

    def _settings_state(self) -> tuple[dict[str, Any], ...]:
        return (dict(self.plugin_settings), dict(self._raw), dict(self._configs), self._stored)

    def _restore_settings_state(self, state: tuple[dict[str, Any], ...]) -> None:
        specs, raw, configs, stored = state
        self.plugin_settings.clear()
        self.plugin_settings.update(specs)
        self._raw, self._configs, self._stored = dict(raw), dict(configs), stored

    def plugin_config(self, name: str, type_: type[C]) -> C | None:
        """The plugin's typed configuration, or ``None`` when it is not configured."""
        config = self._configs.get(name)
        return config if isinstance(config, type_) else None

    def plugin_status(self, name: str) -> str:
        """``configured``, ``not configured`` or ``no settings``."""
        if name not in self.plugin_settings:
            return "no settings"
        return "configured" if name in self._configs else "not configured"

    def raw_settings(self, name: str) -> dict[str, str]:
        """The raw values a plugin's config was decoded from (secrets included: never log)."""
        return dict(self._raw.get(name, {}))

    # -- adapters ------------------------------------------------------------------------

    @property
    def assistant(self) -> Assistant | None:
        """The model-backed assistant if one is configured, else the rules assistant."""
        preferred = [name for name in self.assistants if name != "rules"]
        name = preferred[0] if preferred else "rules"
        return self.assistants.get(name)

    def _build_http(self) -> httpx.AsyncClient:
        timeout = httpx.Timeout(30.0, connect=10.0)
        if self._transport is not None:
            return httpx.AsyncClient(transport=self._transport, timeout=timeout)
        mounts: dict[str, httpx.AsyncBaseTransport] = {}
        owners: dict[str, str] = {}
        for plugin, result in self._each_impl("register_http_mounts", {"hub": self}):
            for pattern, transport in (result or {}).items():
                if pattern in mounts:
                    raise PluginValidationError(
                        f"mount {pattern!r} is already claimed by plugin {owners[pattern]!r}",
                        plugin=plugin,
                        hook="register_http_mounts",
                    )
                mounts[pattern], owners[pattern] = transport, plugin
        return httpx.AsyncClient(mounts=mounts, timeout=timeout)

    def _registries(self) -> tuple[Registry[Any], ...]:
        return (self.tour_providers, self.channels, self.crms, self.assistants)

    def _register_adapters(self, registries: Iterable[Registry[Any]] | None = None) -> None:
        for registry in registries if registries is not None else self._registries():
            for plugin, result in self._each_impl(registry.hook, {"hub": self}):
                registry.add_all(plugin, result)

    def _each_impl(self, hook: str, kwargs: dict[str, object]) -> Iterable[tuple[str, Any]]:
        """Call each implementation of a registration hook, naming the plugin it came from."""
        caller = getattr(self.pm.hook, hook)
        for impl in reversed(caller.get_hookimpls()):
            args = {name: kwargs[name] for name in impl.argnames}
            yield impl.plugin_name, impl.function(**args)

    # -- events --------------------------------------------------------------------------

    async def emit(self, event: Event) -> None:
        """Pass ``event`` to every ``on_event`` implementation; failures are isolated."""
        await self._gather("on_event", self.pm.hook.on_event(hub=self, event=event))

    async def _gather(self, hook: str, results: list[object]) -> None:
        awaitables = [r for r in results if inspect.isawaitable(r)]
        outcomes = await asyncio.gather(*awaitables, return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, Exception):
                logger.error("a plugin failed in %s: %s", hook, outcome, exc_info=outcome)

    # -- health --------------------------------------------------------------------------

    async def health(self) -> dict[str, object]:
        """Database and plugin state for ``GET /health``."""
        db_ok = await self.db.ping()
        return {
            "status": "ok" if db_ok else "unavailable",
            "database": {"ok": db_ok, "kind": self.db.kind},
            "plugins": {name: self.plugin_status(name) for name in sorted(self.plugin_settings)},
            "tour_providers": sorted(self.tour_providers),
            "channels": sorted(self.channels),
            "assistant": self.assistant.name if self.assistant else None,
        }
