"""One test per hook (a meta-test fails when a hook has none), using real plugins."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
import httpx
import pytest
from click.testing import CliRunner

from crystalbay.errors import ConfigurationError
from crystalbay.events import EVENT_TYPES, Event, LeadCreated
from crystalbay.hookspecs import hookimpl
from crystalbay.plugins import make_plugin_manager
from crystalbay.services.leads import LeadDraft
from crystalbay.testing import load_file, make_query

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractAsyncContextManager
    from pathlib import Path
    from types import ModuleType

    from crystalbay.hub import Hub

    HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]


def _skeleton() -> ModuleType:
    from pathlib import Path  # noqa: PLC0415

    path = Path(__file__).parents[2] / "docs" / "examples" / "plugin_skeleton" / "plugin.py"
    return load_file(path, "plugin_skeleton_example")


def test_every_hook_has_a_test() -> None:
    pm = make_plugin_manager(load_entrypoints=False)
    hooks = {name for name in dir(pm.hook) if not name.startswith("_")}
    missing = sorted(h for h in hooks if f"test_hook_{h}" not in globals())
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


async def test_hook_register_settings(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    skeleton = _skeleton()
    register_plugin(skeleton, name="skeleton")
    async with hub_factory() as hub:
        assert hub.plugin_status("skeleton") == "not configured"
        assert hub.plugin_config("skeleton", skeleton.SkeletonConfig) is None
    async with hub_factory({"SKELETON_HOTEL": "Azure", "SKELETON_PRICE": "1234.5"}) as hub:
        config = hub.plugin_config("skeleton", skeleton.SkeletonConfig)
        assert config == skeleton.SkeletonConfig(hotel="Azure", price=1234.5)
    with pytest.raises(ConfigurationError, match=r"skeleton.*SKELETON_PRICE"):
        async with hub_factory({"SKELETON_HOTEL": "Azure", "SKELETON_PRICE": "cheap"}):
            pass


async def test_hook_register_tour_providers(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    register_plugin(_skeleton(), name="skeleton")
    async with hub_factory({"SKELETON_HOTEL": "Azure"}) as hub:
        page = await hub.tour_providers["skeleton"].search(make_query())
        assert page.offers[0].hotel == "Azure"
        assert hub.tour_providers.owners["skeleton"] == "skeleton"


async def test_hook_register_http_mounts(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, text="routed")

    class Router:
        @hookimpl
        def register_http_mounts(self) -> dict[str, httpx.AsyncBaseTransport]:
            return {"all://vendor.example": httpx.MockTransport(answer)}

    register_plugin(Router(), name="router")
    async with hub_factory(mock_http=False) as hub:
        response = await hub.http.get("https://vendor.example/api")
    assert response.text == "routed"
    assert seen == ["https://vendor.example/api"]


async def test_hook_register_channels(hub: Hub) -> None:
    # The built-in log channel and the fake channel both came through register_channels.
    assert {"log", "fake"} <= set(hub.channels)
    assert hub.channels.owners["log"] == "log_channel"


async def test_hook_register_crms(hub: Hub) -> None:
    assert hub.crms.owners["fakecrm"] == "fakes"


async def test_hook_register_assistants(hub: Hub) -> None:
    assert hub.assistants.owners["fake"] == "fakes"
    assert hub.assistant is hub.assistants["fake"]


def test_hook_register_commands() -> None:
    class Commands:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command("hello")
            def hello() -> None:
                click.echo("hello from a plugin")

    group = click.Group("crystalbay")
    pm = make_plugin_manager(load_entrypoints=False)
    pm.register(Commands())
    pm.hook.register_commands(cli=group)
    result = CliRunner().invoke(group, ["hello"])
    assert result.output.strip() == "hello from a plugin"


async def test_hook_startup_and_shutdown(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    calls: list[str] = []

    class Lifecycle:
        @hookimpl
        async def startup(self, hub: Hub) -> None:
            calls.append(f"start:{hub.started is False}")

        @hookimpl
        def shutdown(self) -> None:
            calls.append("stop")

    class Broken:
        @hookimpl
        async def startup(self) -> None:
            raise RuntimeError("boom")

    register_plugin(Lifecycle(), name="lifecycle")
    register_plugin(Broken(), name="broken")
    async with hub_factory():
        assert calls == ["start:True"]
    assert calls == ["start:True", "stop"]


test_hook_startup = test_hook_startup_and_shutdown
test_hook_shutdown = test_hook_startup_and_shutdown


async def test_hook_on_event(register_plugin: Callable[..., None], hub_factory: HubFactory) -> None:
    received: list[Event] = []

    class Listener:
        @hookimpl
        async def on_event(self, event: Event) -> None:
            assert type(event) in EVENT_TYPES
            received.append(event)

    class Failing:
        @hookimpl
        def on_event(self) -> None:
            raise RuntimeError("a broken plugin must not stop the others")

    skeleton = _skeleton()
    register_plugin(Listener(), name="listener")
    register_plugin(skeleton, name="skeleton")
    async with hub_factory() as hub:
        lead = await hub.leads.create(LeadDraft(title="Phuket"), actor="test")
    assert received == [LeadCreated(lead_id=lead.id, source="manual")]
    assert [lead.id] == skeleton.SEEN


def test_plugin_module_path_is_not_leaking(tmp_path: Path) -> None:
    # Hooks receive only declared arguments: a hookimpl with an unknown one fails loudly.
    class Bad:
        @hookimpl
        def register_channels(self, hub: Hub, extra: int) -> None:  # pragma: no cover
            del hub, extra

    pm = make_plugin_manager(load_entrypoints=False)
    with pytest.raises(Exception, match="extra"):
        pm.register(Bad())
    assert tmp_path.exists()
