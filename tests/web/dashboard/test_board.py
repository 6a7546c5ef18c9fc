"""The pipeline board in a real browser: drag and drop, lazy columns, filters."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from crystalbay.domain.pipeline import Stage
from crystalbay.services.leads import LeadChanges, LeadDraft

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _card(page: Page, lead_id: int):
    return page.locator(f"[data-lead-id='{lead_id}']")


async def test_drag_to_allowed_column_persists(admin_page: Page, live_server) -> None:
    hub = live_server.hub
    lead = await hub.leads.create(LeadDraft(title="Turkey in July"), actor="t")
    await admin_page.reload()
    card = _card(admin_page, lead.id)
    target = admin_page.locator(".cards[data-stage=consultation]")
    await card.drag_to(target)
    await expect(target.locator(f"[data-lead-id='{lead.id}']")).to_be_visible()
    await expect(admin_page.get_by_test_id("count-consultation")).to_have_text("1")
    await expect(admin_page.get_by_test_id("count-new")).to_have_text("0")
    moved = await hub.leads.get(lead.id)
    assert moved.stage is Stage.CONSULTATION
    activity = await hub.leads.activity(lead.id)
    assert activity[-1].actor == "user:admin"
    assert activity[-1].action == "stage_changed"
    await admin_page.reload()
    await expect(
        admin_page.locator(f".cards[data-stage=consultation] [data-lead-id='{lead.id}']")
    ).to_be_visible()


async def test_drag_to_refused_column_snaps_back(admin_page: Page, live_server) -> None:
    lead = await live_server.hub.leads.create(LeadDraft(title="Egypt"), actor="t")
    await admin_page.set_viewport_size({"width": 2400, "height": 800})  # all nine columns
    await admin_page.reload()
    card = _card(admin_page, lead.id)
    await card.drag_to(admin_page.locator(".cards[data-stage=confirmed]"))
    home = admin_page.locator(f".cards[data-stage=new] [data-lead-id='{lead.id}']")
    await expect(home).to_be_visible()
    await expect(home.get_by_test_id("card-refusal")).to_contain_text("Нельзя перескочить оплату")
    await expect(admin_page.locator(".toast-error")).to_contain_text("оплату")
    await expect(admin_page.get_by_test_id("count-new")).to_have_text("1")
    assert (await live_server.hub.leads.get(lead.id)).stage is Stage.NEW


async def test_columns_load_lazily(admin_page: Page, live_server) -> None:
    for number in range(45):
        await live_server.hub.leads.create(LeadDraft(title=f"Lead {number:02}"), actor="t")
    await admin_page.reload()
    column = admin_page.locator(".cards[data-stage=new]")
    cards = column.get_by_test_id("card")
    await expect(cards).to_have_count(20)
    await expect(admin_page.get_by_test_id("count-new")).to_have_text("45")
    await expect(cards.first).to_contain_text("Lead 44")  # newest first
    await column.get_by_test_id("load-more").scroll_into_view_if_needed()
    await expect(cards).to_have_count(40)
    await column.get_by_test_id("load-more").scroll_into_view_if_needed()
    await expect(cards).to_have_count(45)
    await expect(column.get_by_test_id("load-more")).to_have_count(0)
    await expect(cards.last).to_contain_text("Lead 00")


async def test_filters(admin_page: Page, live_server) -> None:
    hub = live_server.hub
    await hub.leads.create(LeadDraft(title="Bali honeymoon", tags=("vip",)), actor="t")
    await hub.leads.create(LeadDraft(title="Antalya family", source="whatsapp"), actor="t")
    await hub.leads.create(LeadDraft(title="Dubai", assignee="dana", stage=Stage.PAID), actor="t")
    await admin_page.reload()
    cards = admin_page.get_by_test_id("card")
    await expect(cards).to_have_count(3)
    await admin_page.fill("input[name=tag]", "VIP")
    await admin_page.click("#board-filters button[type=submit]")
    await expect(cards).to_have_count(1)
    await expect(cards.first).to_contain_text("Bali honeymoon")
    await admin_page.fill("input[name=tag]", "")
    await admin_page.fill("input[name=source]", "whatsapp")
    await admin_page.click("#board-filters button[type=submit]")
    await expect(cards).to_have_count(1)
    await expect(cards.first).to_contain_text("Antalya family")
    await admin_page.fill("input[name=source]", "")
    await admin_page.select_option("select[name=assignee]", "dana")
    await admin_page.click("#board-filters button[type=submit]")
    await expect(cards).to_have_count(1)
    await expect(admin_page.get_by_test_id("count-paid")).to_have_text("1")
    await admin_page.select_option("select[name=assignee]", "none")
    await admin_page.fill("input[name=q]", "antalya")
    await admin_page.click("#board-filters button[type=submit]")
    await expect(cards).to_have_count(1)
    await expect(cards.first).to_contain_text("Antalya family")
    assert "q=antalya" in admin_page.url


async def test_changes_made_elsewhere_appear_without_reloading(
    admin_page: Page, live_server
) -> None:
    hub = live_server.hub
    mine = await hub.leads.create(LeadDraft(title="Moved here"), actor="t")
    await admin_page.reload()
    await admin_page.wait_for_function("window.cb && window.cb.liveReady")
    await admin_page.evaluate(
        "window.seen = [];"
        "document.body.addEventListener('cb:hub', e => window.seen.push(e.detail.type))"
    )
    await _card(admin_page, mine.id).drag_to(admin_page.locator(".cards[data-stage=consultation]"))
    await expect(admin_page.get_by_test_id("count-consultation")).to_have_text("1")
    await admin_page.wait_for_function("window.seen.includes('LeadStageChanged')")
    await expect(admin_page.get_by_test_id("card")).to_have_count(1)  # our own move: no copy

    other = await hub.leads.create(LeadDraft(title="Created elsewhere"), actor="api:site")
    new_column = admin_page.locator(".cards[data-stage=new]")
    await expect(new_column.locator(f"[data-lead-id='{other.id}']")).to_contain_text(
        "Created elsewhere"
    )
    await expect(admin_page.get_by_test_id("count-new")).to_have_text("1")

    await hub.leads.change(other.id, LeadChanges(stage=Stage.CONSULTATION), actor="user:erik")
    consultation = admin_page.locator(".cards[data-stage=consultation]")
    await expect(consultation.locator(f"[data-lead-id='{other.id}']")).to_be_visible()
    await expect(new_column.locator(f"[data-lead-id='{other.id}']")).to_have_count(0)
    await expect(admin_page.get_by_test_id("count-consultation")).to_have_text("2")
    await expect(admin_page.get_by_test_id("count-new")).to_have_text("0")
    await expect(admin_page.get_by_test_id("board-stale")).to_be_hidden()
    assert await admin_page.locator(f"#board [data-lead-id='{other.id}']").count() == 1
