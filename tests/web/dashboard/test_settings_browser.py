"""Settings in a real browser: an admin configures the SAMO plugin and tests the connection.

The plugin is the real one, talking to the fake SAMO operator over HTTP on 127.0.0.1; saving
rebuilds the hub's adapters at once, so the test runs without a restart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.async_api import Page, expect

import crystalbay_plugins.samo
from crystalbay.ports import DictionaryKind
from crystalbay_plugins.samo.testing import FakeSamo

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(name="samo", scope="module")
def fx_samo() -> Iterator[FakeSamo]:
    with FakeSamo() as fake:
        yield fake


@pytest.fixture(name="live_http")
def fx_live_http() -> bool:
    return False  # the hub reaches the fake operator over real HTTP


@pytest.fixture(name="samo_plugin")
def fx_samo_plugin(register_plugin: Callable[..., None], samo: FakeSamo) -> FakeSamo:
    """The SAMO plugin, loaded but not configured, before the server starts."""
    samo.reset()
    register_plugin(crystalbay_plugins.samo, name="samo")
    return samo


async def _save(page: Page, values: dict[str, str]) -> None:
    form = page.get_by_test_id("plugin-form")
    for name, value in values.items():
        await form.get_by_label(name, exact=False).first.fill(value)
    await page.get_by_test_id("save-settings").click()
    await expect(page.get_by_test_id("settings-saved")).to_be_visible()


async def test_admin_configures_samo_and_tests_the_connection(
    samo_plugin: FakeSamo, admin_page: Page, live_server
) -> None:
    hub, page = live_server.hub, admin_page
    assert "samo" not in hub.tour_providers
    await page.goto(live_server.url("/settings/plugins/samo"))
    await page.get_by_test_id("test-connection").click()  # nothing configured yet
    await expect(page.get_by_test_id("health-results")).to_contain_text("configure it")

    await _save(page, {"api_url": samo_plugin.url, "oauth_token": "a-wrong-token-123"})
    assert "samo" in hub.tour_providers  # rebuilt at once, no restart
    await page.get_by_test_id("test-connection").click()
    results = page.get_by_test_id("health-results")
    await expect(results).to_contain_text("tour_provider:samo")
    await expect(page.get_by_test_id("health-samo")).not_to_contain_text("работает")

    await _save(page, {"oauth_token": samo_plugin.token})
    await page.get_by_test_id("test-connection").click()
    await expect(page.get_by_test_id("health-samo")).to_contain_text("работает")
    html = await page.content()
    assert samo_plugin.token not in html  # the secret never goes back to the browser
    assert "a-wrong-token-123" not in html
    token_input = page.locator("#setting-oauth_token")
    await expect(token_input).to_have_value("")
    assert "samo" in hub.tours.providers  # tour search now asks the operator
    cities = await hub.tours.dictionary(DictionaryKind.DEPARTURE_CITIES)
    assert "Алматы" in [city.name for city in cities]  # the operator answers in Russian
    assert "SearchTour_TOWNFROMS" in samo_plugin.actions
