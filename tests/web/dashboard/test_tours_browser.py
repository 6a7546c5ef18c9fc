"""Tour search and settings in a real browser: HTMX-fed selects, results, test connection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.async_api import Page, expect

from crystalbay.domain.tours import DictionaryItem
from crystalbay.ports import DictionaryKind
from crystalbay.testing import make_offer

if TYPE_CHECKING:
    from types import SimpleNamespace

pytestmark = pytest.mark.asyncio(loop_scope="module")

START = datetime.now(UTC).date() + timedelta(days=30)
K = DictionaryKind


@pytest.fixture(name="tour_data")
def fx_tour_data(fakes: SimpleNamespace) -> SimpleNamespace:
    """Dictionaries and offers of the fake provider (registered before the server starts)."""
    fakes.tours.offers = [
        make_offer(provider="fake", hotel="Sea Pearl", price=1200.0, check_in=START),
        make_offer(provider="fake", hotel="Demo Palace", price=900.0, check_in=START, sandbox=True),
    ]
    fakes.tours.dictionaries.update(
        {
            K.COUNTRIES: [
                DictionaryItem(key="47", name="Vietnam", parent="Almaty"),
                DictionaryItem(key="4", name="Turkey", parent="Astana"),
            ],
            K.RESORTS: [DictionaryItem(key="1600", name="Nha Trang", parent="Vietnam")],
            K.MEALS: [DictionaryItem(key="2", name="Bed & breakfast", parent="Vietnam")],
            K.STARS: [DictionaryItem(key="405", name="5*", parent="Vietnam")],
        }
    )
    return fakes


async def test_search_with_dictionary_driven_selects(
    tour_data: SimpleNamespace, manager_page: Page, live_server
) -> None:
    del tour_data
    page = manager_page
    await page.goto(live_server.url("/tours"))
    country = page.get_by_test_id("country")
    await expect(country.locator("option")).to_have_count(1)  # nothing before a city
    await page.get_by_test_id("departure-city").select_option("Astana")
    await expect(page.get_by_test_id("country").locator("option")).to_have_text(
        ["— выберите —", "Turkey"]
    )
    await page.get_by_test_id("departure-city").select_option("Almaty")
    await expect(page.get_by_test_id("country").locator("option")).to_have_text(
        ["— выберите —", "Vietnam"]
    )
    assert "/tours/countries" not in page.url  # a select's request never lands in history
    await page.get_by_test_id("country").select_option("Vietnam")
    await expect(page.get_by_test_id("choices-resorts")).to_contain_text("Nha Trang")
    await expect(page.get_by_test_id("choices-stars")).to_contain_text("5*")
    await page.get_by_test_id("date-from").fill(START.isoformat())
    await page.get_by_test_id("date-to").fill((START + timedelta(days=3)).isoformat())
    await page.get_by_test_id("nights").fill("7")
    await page.get_by_test_id("search").click()
    offers = page.get_by_test_id("offer")
    await expect(offers).to_have_count(2)
    await expect(offers.first).to_contain_text("Demo Palace")  # cheapest first
    await expect(offers.first).to_contain_text("демо")
    await expect(page.get_by_test_id("sandbox-banner")).to_be_visible()
    assert "country=Vietnam" in page.url  # the search is in the address bar
    await page.get_by_test_id("sort-price").click()  # again: descending
    await expect(offers.first).to_contain_text("Sea Pearl")


async def test_settings_test_connection(
    tour_data: SimpleNamespace, admin_page: Page, live_server
) -> None:
    del tour_data
    page = admin_page
    await page.goto(live_server.url("/settings"))
    await expect(page.get_by_test_id("health-fakes")).to_contain_text("не проверялся")
    await page.get_by_test_id("test-fakes").click()
    await expect(page.get_by_test_id("health-results")).to_contain_text(
        "tour_provider:fake: fake has 2 canned offers"
    )
    await expect(page.get_by_test_id("health-fakes")).to_contain_text("работает")
    await page.reload()  # the result is remembered
    await expect(page.get_by_test_id("health-fakes")).to_contain_text("работает")


async def test_the_lead_slot_shortlists_an_offer(
    tour_data: SimpleNamespace, manager_page: Page, live_server
) -> None:
    del tour_data
    from crystalbay.domain.leads import TripBrief  # noqa: PLC0415
    from crystalbay.services.leads import LeadDraft  # noqa: PLC0415

    brief = TripBrief(
        departure_city="Almaty", country="Vietnam", date_from=START, nights_min=7, adults=2
    )
    lead = await live_server.hub.leads.create(
        LeadDraft(title="Vietnam", source="telegram", brief=brief), actor="system"
    )
    page = manager_page
    await page.goto(live_server.url(f"/leads/{lead.id}"))
    slot = page.get_by_test_id("lead-tours")
    await expect(slot.get_by_test_id("offer")).to_have_count(2)  # searched from the brief
    await slot.get_by_test_id("shortlist-add").last.click()
    await expect(slot.get_by_test_id("shortlist-item")).to_have_count(1)
    await expect(slot.get_by_test_id("shortlist-notice")).to_be_visible()
    await expect(slot.get_by_test_id("shortlist-preview")).to_contain_text("Sea Pearl")


async def test_settings_forms_create_a_key_and_a_user(admin_page: Page, live_server) -> None:
    page = admin_page
    await page.goto(live_server.url("/settings"))
    await page.get_by_test_id("api-key-name").fill("website")
    await page.get_by_test_id("create-api-key").click()
    secret = (await page.get_by_test_id("new-secret").inner_text()).strip()
    key = await live_server.hub.accounts.check_api_key(secret)
    assert key.name == "website"
    form = page.get_by_test_id("user-form")
    await form.locator("input[name=username]").fill("olga")
    await form.locator("input[name=password]").fill("olga-secret-1")
    await page.get_by_test_id("create-user").click()
    await expect(page.get_by_test_id("user-olga")).to_be_visible()
    await page.get_by_test_id("toggle-olga").click()
    await expect(page.get_by_test_id("user-olga")).to_contain_text("нет")
    assert await live_server.hub.accounts.session_user("olga") is None
