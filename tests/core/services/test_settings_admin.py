"""Settings administration: plugin states, generated forms, validation, secrets, connection
tests, widget keys and users (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Annotated

import msgspec
import pytest

from crystalbay.config import PluginSettings
from crystalbay.domain.accounts import Role
from crystalbay.errors import (
    AuthenticationError,
    IntegrationRejected,
    InvalidTransition,
    InvalidValue,
    NotFound,
    PluginValidationError,
)
from crystalbay.hookspecs import hookimpl
from crystalbay.ports.common import Health
from crystalbay.services.settings_admin import PluginAdminService
from crystalbay.services.user_admin import UserAdminService
from crystalbay.services.widget_keys import normalize_origin
from crystalbay.settings_watch import SettingsWatch
from crystalbay.storage.repositories import PluginSettingRepository

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from crystalbay.domain.tours import DictionaryItem, TourQuery, TourSearchPage
    from crystalbay.hub import Hub

TOKEN = "tok-9f8e7d6c5b4a3921"
ENV = {"DEMO_API_URL": "https://demo.example", "DEMO_TOKEN": TOKEN}


class DemoConfig(msgspec.Struct, frozen=True, kw_only=True):
    api_url: Annotated[str, msgspec.Meta(min_length=1)]
    token: str
    timeout: Annotated[float, msgspec.Meta(gt=0)] = 10.0
    verbose: bool = False
    region: str | None = None

    def __post_init__(self) -> None:
        if not self.api_url.startswith(("http://", "https://")):
            msg = "api_url must be an http(s) URL"
            raise ValueError(msg)


SETTINGS = PluginSettings(
    plugin="demo",
    config_type=DemoConfig,
    env={"api_url": "DEMO_API_URL", "token": "DEMO_TOKEN", "timeout": "DEMO_TIMEOUT"},
    secrets=frozenset({"token"}),
    required=frozenset({"api_url", "token"}),
)


class DemoProvider:
    """A provider whose check echoes its token, as a careless vendor error might."""

    name = "demo"

    def __init__(self, config: DemoConfig, *, mode: str = "ok") -> None:
        self.config, self.mode = config, mode

    async def search(self, query: TourQuery) -> TourSearchPage:
        raise NotImplementedError

    async def dictionary(self, kind: object, *, parent: str | None = None) -> tuple[DictionaryItem]:
        raise NotImplementedError

    async def check(self) -> Health:
        if self.mode == "rejected":
            raise IntegrationRejected(f"token {self.config.token} refused", integration="demo")
        if self.mode == "broken":
            raise RuntimeError(self.config.token)
        return Health(ok=True, detail=f"reached {self.config.api_url}?key={self.config.token}")


class DemoPlugin:
    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode

    @hookimpl
    def register_settings(self) -> PluginSettings:
        return SETTINGS

    @hookimpl
    def register_tour_providers(self, hub: Hub) -> list[DemoProvider]:
        config = hub.plugin_config("demo", DemoConfig)
        return [DemoProvider(config, mode=self.mode)] if config else []


@pytest.fixture(name="demo_hub")
def fx_demo_hub(
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> Callable[..., contextlib.AbstractAsyncContextManager[Hub]]:
    """``async with demo_hub(env, mode)``: a hub with the demo plugin."""

    @contextlib.asynccontextmanager
    async def start(env: dict[str, str] | None = None, mode: str = "ok") -> AsyncIterator[Hub]:
        register_plugin(DemoPlugin(mode), name="demo")
        async with hub_factory(env) as hub:
            yield hub

    return start


# -- plugins ----------------------------------------------------------------------------------


async def test_plugins_lists_loaded_and_installed_plugins(demo_hub: Callable[..., object]) -> None:
    async with demo_hub(ENV) as hub:  # type: ignore[attr-defined]
        states = {s.name: s for s in PluginAdminService(hub).plugins()}

    demo = states["demo"]
    assert (demo.enabled, demo.status, demo.adapters, demo.healthy) == (
        True,
        "configured",
        ("tour_provider:demo",),
        None,
    )
    assert states["log_channel"].builtin
    assert states["log_channel"].adapters == ("channel:log",)
    assert states["log_channel"].status == "no settings"
    # Installed through entry points but not loaded (tests load none): listed as off.
    assert states["samo"].enabled is False
    assert states["samo"].version is not None
    assert list(states) == sorted(states)


# -- forms ------------------------------------------------------------------------------------


async def test_form_fields_come_from_the_config_struct(demo_hub: Callable[..., object]) -> None:
    async with demo_hub({**ENV, "DEMO_TIMEOUT": "12.5"}) as hub:  # type: ignore[attr-defined]
        form = await PluginAdminService(hub).form("demo")

    fields = {f.name: f for f in form.fields}
    assert list(fields) == ["api_url", "token", "timeout", "verbose", "region"]
    assert [fields[n].kind for n in fields] == ["text", "secret", "number", "boolean", "text"]
    assert (fields["api_url"].required, fields["timeout"].required) == (True, False)
    assert (fields["timeout"].value, fields["timeout"].source) == ("12.5", "environment")
    assert (fields["timeout"].default, fields["verbose"].default) == ("10.0", "false")
    assert fields["region"].optional
    assert fields["api_url"].env == "DEMO_API_URL"
    token = fields["token"]
    assert (token.value, token.is_set, token.masked) == ("", True, "••••3921")
    assert TOKEN not in msgspec.json.encode(form).decode()


async def test_unknown_plugin_has_no_form(hub: Hub) -> None:
    with pytest.raises(NotFound):
        await PluginAdminService(hub).form("nope")


async def test_invalid_values_get_a_message_per_field_and_nothing_is_stored(
    demo_hub: Callable[..., object],
) -> None:
    async with demo_hub() as hub:  # type: ignore[attr-defined]
        admin = PluginAdminService(hub)
        form = await admin.save(
            "demo", {"api_url": "https://x.example", "timeout": "-1", "verbose": "maybe"}
        )
        errors = {f.name: f.error for f in form.fields if f.error}
        assert set(errors) == {"timeout", "verbose", "token"}
        assert "> 0" in errors["timeout"]
        assert "required" in errors["token"]
        assert not form.saved
        assert not form.valid
        assert next(f for f in form.fields if f.name == "timeout").value == "-1"  # kept to fix

        whole = await admin.save("demo", {"api_url": "ftp://x", "token": TOKEN})
        assert whole.form_error is not None
        assert "http(s)" in whole.form_error
        assert TOKEN not in whole.form_error
        assert await PluginSettingRepository().all() == {}
        assert hub.plugin_status("demo") == "not configured"


async def test_saving_stores_values_and_reloads_the_plugin_settings(
    demo_hub: Callable[..., object],
) -> None:
    async with demo_hub() as hub:  # type: ignore[attr-defined]
        admin = PluginAdminService(hub)
        form = await admin.save(
            "demo", {"api_url": " https://a.example ", "token": TOKEN, "timeout": "5"}
        )
        assert (form.saved, form.status, form.valid) == (True, "configured", True)
        assert hub.plugin_config("demo", DemoConfig) == DemoConfig(
            api_url="https://a.example", token=TOKEN, timeout=5.0
        )

        # An empty secret keeps the stored one; an empty field falls back to the default.
        await admin.save("demo", {"api_url": "https://b.example", "token": "", "timeout": ""})
        config = hub.plugin_config("demo", DemoConfig)
        assert config == DemoConfig(api_url="https://b.example", token=TOKEN, timeout=10.0)
        stored = (await PluginSettingRepository().all())["demo"]
        assert stored["token"] == TOKEN

        half = await admin.save("demo", {}, clear={"token"})
        assert (half.saved, next(f.error for f in half.fields if f.name == "token")) == (
            False,
            "required once the plugin is being configured",
        )
        cleared = await admin.save("demo", {}, clear={"token", "api_url"})
        assert (cleared.saved, cleared.status) == (True, "not configured")
        assert hub.plugin_config("demo", DemoConfig) is None


async def test_dashboard_values_win_over_the_environment(demo_hub: Callable[..., object]) -> None:
    async with demo_hub(ENV) as hub:  # type: ignore[attr-defined]
        admin = PluginAdminService(hub)
        await admin.save("demo", {"api_url": "https://dashboard.example"})
        fields = {f.name: f for f in (await admin.form("demo")).fields}
        assert (fields["api_url"].value, fields["api_url"].source) == (
            "https://dashboard.example",
            "dashboard",
        )
        assert fields["token"].source == "environment"
        config = hub.plugin_config("demo", DemoConfig)
        assert config is not None
        assert config.api_url == "https://dashboard.example"


# -- test connection --------------------------------------------------------------------------


async def test_connection_test_scrubs_secrets_and_is_remembered(
    demo_hub: Callable[..., object],
) -> None:
    async with demo_hub(ENV) as hub:  # type: ignore[attr-defined]
        admin = PluginAdminService(hub)
        [result] = await admin.test_connection("demo")
        state = next(s for s in admin.plugins() if s.name == "demo")

    assert (result.adapter, result.ok) == ("tour_provider:demo", True)
    assert result.detail == "reached https://demo.example?key=••••3921"
    assert (state.healthy, state.health_detail) == (True, f"tour_provider:demo: {result.detail}")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("rejected", "token ••••3921 refused"), ("broken", "unexpectedly (RuntimeError)")],
)
async def test_a_failing_check_is_reported_not_raised(
    demo_hub: Callable[..., object], mode: str, expected: str
) -> None:
    async with demo_hub(ENV, mode) as hub:  # type: ignore[attr-defined]
        [result] = await PluginAdminService(hub).test_connection("demo")
    assert result.ok is False
    assert expected in result.detail
    assert TOKEN not in result.detail


async def test_connection_test_of_an_unconfigured_plugin(demo_hub: Callable[..., object]) -> None:
    async with demo_hub() as hub:  # type: ignore[attr-defined]
        admin = PluginAdminService(hub)
        [result] = await admin.test_connection("demo")
        assert result.ok is False
        assert "configure it" in result.detail
        assert next(s for s in admin.plugins() if s.name == "demo").healthy is False


# -- widget keys ------------------------------------------------------------------------------


def test_origins_are_normalised_and_checked() -> None:
    assert normalize_origin(" HTTPS://Shop.Example.com/ ") == "https://shop.example.com"
    assert normalize_origin("http://localhost:8000") == "http://localhost:8000"
    for bad in ("*", "shop.example.com", "https://x.com/page", "ftp://x.com", "https://*.x.com"):
        with pytest.raises(InvalidValue):
            normalize_origin(bad)


async def test_widget_keys_are_bound_to_their_origins(hub: Hub) -> None:
    key, secret = await hub.accounts.create_widget_key(
        "site", ["https://shop.example.com/", "https://SHOP.example.com", "http://localhost:8000"]
    )
    assert key.kind == "widget"
    assert key.allowed_origins == ("http://localhost:8000", "https://shop.example.com")
    assert secret.startswith(key.prefix)

    found = await hub.accounts.check_widget_key(secret, "https://shop.example.com")
    assert found.id == key.id
    for origin in ("https://evil.example", None, "not an origin"):
        with pytest.raises(AuthenticationError):
            await hub.accounts.check_widget_key(secret, origin)
    _, api_secret = await hub.accounts.create_api_key("backend")
    with pytest.raises(AuthenticationError):  # an API key is not a widget key
        await hub.accounts.check_widget_key(api_secret, "https://shop.example.com")
    with pytest.raises(InvalidValue):
        await hub.accounts.create_widget_key("none", [" "])


async def test_keys_are_listed_by_kind_and_revoked(hub: Hub) -> None:
    api, _ = await hub.accounts.create_api_key("backend")
    widget, secret = await hub.accounts.create_widget_key("site", ["https://a.example"])

    assert [k.id for k in await hub.accounts.list_keys()] == [widget.id, api.id]
    assert [k.kind for k in await hub.accounts.list_keys("api")] == ["api"]
    revoked = await hub.accounts.revoke_key(widget.id)
    assert revoked.revoked
    with pytest.raises(AuthenticationError):
        await hub.accounts.check_widget_key(secret, "https://a.example")
    with pytest.raises(NotFound):
        await hub.accounts.revoke_key(999)


# -- users ------------------------------------------------------------------------------------


async def test_roles_and_activation_keep_one_admin(hub: Hub) -> None:
    users = UserAdminService(hub.accounts)
    await users.create_user("root", "root-password", Role.ADMIN)
    await users.create_user("dana", "dana-password", Role.MANAGER, " Dana ")

    with pytest.raises(InvalidTransition):
        await users.set_role("root", Role.MANAGER, by="dana")  # the last admin
    with pytest.raises(InvalidTransition):
        await users.set_active("root", active=False, by="dana")
    promoted = await users.set_role("dana", Role.ADMIN, by="root")
    assert promoted.role is Role.ADMIN
    with pytest.raises(InvalidTransition):
        await users.set_active("root", active=False, by="root")  # not yourself
    assert (await users.set_active("root", active=False, by="dana")).active is False
    assert await hub.accounts.session_user("root") is None
    with pytest.raises(InvalidTransition):
        await users.set_role("dana", Role.MANAGER, by="nobody")  # now the last active admin
    assert (await users.set_active("root", active=True, by="dana")).active
    assert [(u.username, u.display_name) for u in await users.list_users()] == [
        ("dana", "Dana"),
        ("root", ""),
    ]
    with pytest.raises(NotFound):
        await users.set_role("ghost", Role.ADMIN, by="dana")


# -- rebuilding adapters ----------------------------------------------------------------------


class PickyPlugin(DemoPlugin):
    """Refuses to build its provider for one region (to test a failed rebuild)."""

    @hookimpl
    def register_tour_providers(self, hub: Hub) -> list[object]:
        config = hub.plugin_config("demo", DemoConfig)
        if config and config.region == "nowhere":
            return [object()]  # not a TourProvider: the registry refuses it
        return [DemoProvider(config)] if config else []


async def test_saving_rebuilds_the_adapters_at_once(demo_hub: Callable[..., object]) -> None:
    async with demo_hub() as hub:  # type: ignore[attr-defined]
        assert "demo" not in hub.tour_providers
        admin = PluginAdminService(hub)
        form = await admin.save("demo", {"api_url": "https://a.example", "token": TOKEN})
        assert form.reloaded
        assert hub.tour_providers["demo"].config.api_url == "https://a.example"
        assert "demo" in hub.tours.providers
        [result] = await admin.test_connection("demo")
        assert result.ok
        assert "https://a.example" in result.detail
        await admin.save("demo", {"api_url": "https://b.example", "token": ""})
        assert hub.tour_providers["demo"].config.api_url == "https://b.example"
        [again] = await admin.test_connection("demo")
        assert "https://b.example" in again.detail
        await admin.save("demo", {}, clear={"token", "api_url"})
        assert "demo" not in hub.tour_providers


async def test_a_failed_rebuild_keeps_the_running_adapters(
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> None:
    register_plugin(PickyPlugin(), name="demo")
    async with hub_factory(ENV) as hub:
        before = hub.tour_providers["demo"]
        client = hub.http
        await PluginSettingRepository().put("demo", "region", "nowhere")
        with pytest.raises(PluginValidationError, match="does not implement TourProvider"):
            await hub.reload_plugins()
        assert hub.tour_providers["demo"] is before
        assert hub.http is client
        assert not client.is_closed
        config = hub.plugin_config("demo", DemoConfig)
        assert config is not None
        assert config.region is None  # the settings in force are still the running ones


async def test_other_processes_notice_saved_settings(demo_hub: Callable[..., object]) -> None:
    async with demo_hub() as hub:  # type: ignore[attr-defined]
        assert not await hub.settings_watch.check()  # nothing changed yet
        # Another process (a second web process, say) stores new values in the same table.
        await PluginSettingRepository().put("demo", "api_url", "https://c.example")
        await PluginSettingRepository().put("demo", "token", TOKEN)
        assert await hub.settings_watch.check()
        assert hub.tour_providers["demo"].config.api_url == "https://c.example"
        assert not await hub.settings_watch.check()  # loaded now: no second rebuild

        reloads: list[str] = []

        async def reload() -> None:
            reloads.append("reload")

        watch = SettingsWatch(dict, reload, interval=0.01)  # believes nothing is stored
        watch.start()
        for _ in range(300):
            if reloads:
                break
            await asyncio.sleep(0.01)
        await watch.stop()
        assert reloads
