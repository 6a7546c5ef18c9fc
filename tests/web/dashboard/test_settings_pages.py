"""The settings pages through HTTP: admin only, plugin forms, secrets, connection tests,
keys and users. SAMO is the real plugin talking to a fake operator on 127.0.0.1."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pytest
from dashboard_http import Clients, dashboard_clients

import crystalbay_plugins.samo as samo_plugin
from crystalbay.storage.repositories import PluginSettingRepository
from crystalbay_plugins.samo.testing import FakeSamo

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from crystalbay.hub import Hub

NEW_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90"


@pytest.fixture(name="samo", scope="module")
def fx_samo() -> Iterator[FakeSamo]:
    with FakeSamo() as fake:
        yield fake


@pytest.fixture(name="setup")
async def fx_setup(
    samo: FakeSamo,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[tuple[Hub, Clients]]:
    samo.reset()
    register_plugin(samo_plugin, name="samo")
    env = {"SAMO_API_URL": samo.url, "SAMO_OAUTH_TOKEN": samo.token}
    async with hub_factory(env, mock_http=False) as hub, dashboard_clients(hub) as clients:
        yield hub, clients


def _no_secret(html: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in html


async def test_only_admins_reach_settings(setup: tuple[Hub, Clients]) -> None:
    _, clients = setup
    for path in ("/settings", "/settings/plugins/samo"):
        assert (await clients.manager.get(path)).status_code == 403
    refused = await clients.manager.post("/settings/plugins/samo", data={"timeout": "5"})
    assert refused.status_code == 403
    assert (await clients.manager.post("/settings/keys", data={"name": "x"})).status_code == 403
    anon = await clients.anon.get("/settings")
    assert anon.headers["location"].startswith("/login")


async def test_plugins_are_listed_with_their_state(
    setup: tuple[Hub, Clients], samo: FakeSamo
) -> None:
    _, clients = setup
    page = await clients.admin.get("/settings")
    assert page.status_code == 200
    html = page.text
    assert 'data-testid="plugin-samo"' in html
    assert "tour_provider:samo" in html
    assert 'data-testid="test-samo"' in html
    assert 'data-testid="plugin-log_channel"' in html
    _no_secret(html, samo.token)


async def test_the_form_masks_secrets_and_test_connection_reaches_the_operator(
    setup: tuple[Hub, Clients], samo: FakeSamo
) -> None:
    _, clients = setup
    form = await clients.admin.get("/settings/plugins/samo")
    assert form.status_code == 200
    assert 'name="oauth_token" value=""' in form.text
    assert "••••" + samo.token[-4:] in form.text
    assert f'value="{samo.url}"' in form.text  # plain settings are shown
    assert "SAMO_TIMEOUT" in form.text
    _no_secret(form.text, samo.token)

    result = await clients.admin.post("/settings/plugins/samo/test", headers={"HX-Request": "true"})
    assert result.status_code == 200
    assert "connected:" in result.text
    assert "departure cities" in result.text
    _no_secret(result.text, samo.token)
    listed = await clients.admin.get("/settings")
    assert 'title="tour_provider:samo: connected' in listed.text

    issued, samo.token = samo.token, NEW_TOKEN  # the operator rotates the token
    try:
        failed = await clients.admin.post(
            "/settings/plugins/samo/test", headers={"HX-Request": "true"}
        )
    finally:
        samo.token = issued
    assert 'data-testid="health-samo"' in failed.text
    assert "badge-err" in failed.text
    _no_secret(failed.text, NEW_TOKEN, issued)


async def test_invalid_values_are_explained_next_to_the_field(
    setup: tuple[Hub, Clients], samo: FakeSamo
) -> None:
    hub, clients = setup
    response = await clients.admin.post(
        "/settings/plugins/samo", data={"timeout": "-1", "api_url": samo.url, "oauth_token": ""}
    )
    assert response.status_code == 422
    assert 'data-testid="error-timeout"' in response.text
    assert "&gt; 0" in response.text
    assert 'value="-1"' in response.text
    _no_secret(response.text, samo.token)
    assert await PluginSettingRepository().all() == {}

    bad_url = await clients.admin.post("/settings/plugins/samo", data={"api_url": "ftp://x"})
    assert bad_url.status_code == 422
    assert 'data-testid="form-error"' in bad_url.text
    assert hub.plugin_status("samo") == "configured"


async def test_saving_keeps_an_empty_secret_and_never_echoes_a_new_one(
    setup: tuple[Hub, Clients], samo: FakeSamo
) -> None:
    hub, clients = setup
    saved = await clients.admin.post(
        "/settings/plugins/samo", data={"timeout": "12", "oauth_token": NEW_TOKEN}
    )
    assert saved.status_code == 200
    assert 'data-testid="settings-saved"' in saved.text
    _no_secret(saved.text, NEW_TOKEN, samo.token)
    assert "••••" + NEW_TOKEN[-4:] in saved.text
    assert (await PluginSettingRepository().all())["samo"] == {
        "timeout": "12",
        "oauth_token": NEW_TOKEN,
    }
    again = await clients.admin.post("/settings/plugins/samo", data={"oauth_token": ""})
    assert again.status_code == 200
    assert hub.raw_settings("samo")["oauth_token"] == NEW_TOKEN
    for path in ("/settings", "/settings/plugins/samo"):
        _no_secret((await clients.admin.get(path)).text, NEW_TOKEN, samo.token)


async def test_api_and_widget_keys(setup: tuple[Hub, Clients]) -> None:
    hub, clients = setup
    created = await clients.admin.post("/settings/keys", data={"name": "website"})
    assert created.status_code == 200
    assert 'data-testid="new-secret"' in created.text
    [key] = await hub.accounts.list_keys("api")
    secret = created.text.split('data-testid="new-secret">')[1].split("<")[0]
    assert (await hub.accounts.check_api_key(secret)).id == key.id
    listed = await clients.admin.get("/settings")
    assert secret not in listed.text  # shown once only
    assert f"<code>{key.prefix}…</code>" in listed.text

    bad = await clients.admin.post(
        "/settings/widget-keys", data={"name": "shop", "origins": "shop.example.com/page"}
    )
    assert bad.status_code == 422
    assert 'data-testid="settings-error"' in bad.text
    widget = await clients.admin.post(
        "/settings/widget-keys",
        data={"name": "shop", "origins": "https://shop.example.com\nhttps://www.shop.example.com"},
    )
    assert widget.status_code == 200
    assert "https://shop.example.com, https://www.shop.example.com" in widget.text
    revoked = await clients.admin.post(f"/settings/keys/{key.id}/revoke")
    assert 'data-testid="key-revoked"' in revoked.text
    assert (await hub.accounts.list_keys("api"))[0].revoked


async def test_users_are_created_promoted_and_deactivated(setup: tuple[Hub, Clients]) -> None:
    hub, clients = setup
    weak = await clients.admin.post(
        "/settings/users", data={"username": "erik", "password": "short", "role": "manager"}
    )
    assert weak.status_code == 422
    assert 'value="erik"' in weak.text  # the form keeps what was typed
    made = await clients.admin.post(
        "/settings/users",
        data={"username": "erik", "password": "erik-secret-1", "role": "manager"},
    )
    assert 'data-testid="user-erik"' in made.text
    assert "erik-secret-1" not in made.text
    last_admin = await clients.admin.post("/settings/users/admin/role", data={"role": "manager"})
    assert last_admin.status_code == 422
    promoted = await clients.admin.post("/settings/users/erik/role", data={"role": "admin"})
    assert promoted.status_code == 200
    off = await clients.admin.post("/settings/users/dana/active", data={"active": "0"})
    assert off.status_code == 200
    assert await hub.accounts.session_user("dana") is None
    assert (await clients.manager.get("/analytics")).status_code in (302, 303, 307)  # logged out
    self_off = await clients.admin.post("/settings/users/admin/active", data={"active": "0"})
    assert self_off.status_code == 422
