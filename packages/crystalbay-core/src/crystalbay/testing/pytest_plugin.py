"""pytest fixtures for hub and plugin authors (registered under ``pytest11``).

* ``hub``: a started hub on a fresh SQLite database, with the built-in plugins and the fakes
  (``fakes.channel``, ``fakes.crm``, ``fakes.assistant``, ``fakes.tours``); no entry points.
* ``hub_factory``: build a hub after registering your own plugins with ``register_plugin``.
* ``http_mock``: answers the hub's outgoing HTTP (``HttpMock``).
* ``api_client``: an HTTP client for the web app with a valid API key (needs crystalbay-web).
* ``database_url``: override it to run against another database.
"""

from __future__ import annotations

import contextlib
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest

from crystalbay.hookspecs import hookimpl
from crystalbay.hub import Hub
from crystalbay.plugins import make_plugin_manager
from crystalbay.settings import Settings
from crystalbay.testing.fakes import FakeAssistant, FakeChannel, FakeCRM
from crystalbay.testing.http_mock import HttpMock

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from pathlib import Path

    import httpx
    import pluggy

__all__ = [
    "fx_api_client",
    "fx_crystalbay_env",
    "fx_database_url",
    "fx_fakes",
    "fx_http_mock",
    "fx_hub",
    "fx_hub_factory",
    "fx_plugin_manager",
    "fx_register_plugin",
]


@pytest.fixture(name="crystalbay_env")
def fx_crystalbay_env(tmp_path: Path) -> dict[str, str]:
    """The environment the test hub reads (a private home folder)."""
    return {"CRYSTALBAY_HOME": str(tmp_path / "home")}


@pytest.fixture(name="database_url")
def fx_database_url(tmp_path: Path) -> str:
    """A fresh SQLite database per test."""
    return f"sqlite:///{tmp_path / 'hub.sqlite3'}"


@pytest.fixture(name="plugin_manager")
def fx_plugin_manager() -> pluggy.PluginManager:
    """Built-in plugins only: tests register exactly what they need."""
    return make_plugin_manager(load_entrypoints=False)


@pytest.fixture(name="register_plugin")
def fx_register_plugin(plugin_manager: pluggy.PluginManager) -> Iterator[Callable[..., None]]:
    """Register a plugin (module or object) for this test; it is removed afterwards."""
    added: list[object] = []

    def register(plugin: object, name: str | None = None) -> None:
        plugin_manager.register(plugin, name=name)
        added.append(plugin)

    yield register
    for plugin in added:
        plugin_manager.unregister(plugin)


@pytest.fixture(name="fakes")
def fx_fakes(register_plugin: Callable[..., None]) -> SimpleNamespace:
    """Fakes of every port, registered through a plugin like real adapters."""
    from crystalbay.testing.fake_tours import FakeTourProvider  # noqa: PLC0415

    ns = SimpleNamespace(
        channel=FakeChannel(), crm=FakeCRM(), assistant=FakeAssistant(), tours=FakeTourProvider()
    )

    class FakesPlugin:
        @hookimpl
        def register_channels(self) -> list[object]:
            return [ns.channel]

        @hookimpl
        def register_crms(self) -> list[object]:
            return [ns.crm]

        @hookimpl
        def register_assistants(self) -> list[object]:
            return [ns.assistant]

        @hookimpl
        def register_tour_providers(self) -> list[object]:
            return [ns.tours]

    register_plugin(FakesPlugin(), name="fakes")
    return ns


@pytest.fixture(name="http_mock")
def fx_http_mock() -> HttpMock:
    """Answers the hub's outgoing HTTP requests."""
    return HttpMock()


@pytest.fixture(name="hub_factory")
def fx_hub_factory(
    crystalbay_env: dict[str, str],
    database_url: str,
    plugin_manager: pluggy.PluginManager,
    http_mock: HttpMock,
) -> Callable[..., contextlib.AbstractAsyncContextManager[Hub]]:
    """``async with hub_factory(env={...}) as hub``: a hub built after your registrations."""

    @contextlib.asynccontextmanager
    async def factory(
        env: dict[str, str] | None = None, *, mock_http: bool = True, run_jobs: bool | None = None
    ) -> AsyncIterator[Hub]:
        settings = Settings.from_env(
            {**crystalbay_env, "DATABASE_URL": database_url, **(env or {})}
        )
        hub = Hub(settings, pm=plugin_manager, transport=http_mock.transport if mock_http else None)
        await hub.start(run_jobs=run_jobs)
        try:
            yield hub
        finally:
            await hub.close()

    return factory


@pytest.fixture(name="hub")
async def fx_hub(
    fakes: SimpleNamespace,
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[Hub]:
    """A started hub with the built-in plugins and the fakes."""
    del fakes
    async with hub_factory() as hub:
        yield hub


@pytest.fixture(name="api_client")
async def fx_api_client(hub: Hub) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the web app (in-process, same event loop), sending a valid API key."""
    web = pytest.importorskip("crystalbay_web.asgi")
    import httpx  # noqa: PLC0415

    _, secret = await hub.accounts.create_api_key("tests")
    transport = httpx.ASGITransport(app=web.create_app(hub))
    headers = {"Authorization": f"Bearer {secret}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=headers
    ) as client:
        yield client
