"""Accessibility and small screens in a real browser.

The board works without a mouse (each card's ⇄ button opens a list of stages); every main page
passes an audit of its markup (names for controls, links and buttons, one ``h1``, the page
language, no positive tabindex); on a phone-sized screen no page scrolls sideways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from crystalbay.domain.pipeline import Stage
from crystalbay.services.leads import LeadDraft

pytestmark = pytest.mark.asyncio(loop_scope="module")

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
PAGES = ("/leads", "/leads/{lead}", "/tours", "/bookings", "/analytics", "/settings")

# Problems a screen-reader or keyboard user would hit, listed by a script run in the page.
AUDIT = """() => {
  const problems = [];
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const named = (el) => {
    if ((el.getAttribute("aria-label") || "").trim()) return true;
    if (el.getAttribute("aria-labelledby")) return true;
    if (el.labels && el.labels.length) return true;
    if ((el.getAttribute("title") || "").trim()) return true;
    return false;
  };
  const describe = (el) => el.outerHTML.slice(0, 120);
  document.querySelectorAll("input, select, textarea").forEach((el) => {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button") return;
    if (!named(el)) problems.push("control without a label: " + describe(el));
  });
  document.querySelectorAll("a[href], button").forEach((el) => {
    if (!visible(el)) return;
    if (!(el.textContent || "").trim() && !named(el)) problems.push("no name: " + describe(el));
  });
  document.querySelectorAll("img").forEach((el) => {
    if (!el.hasAttribute("alt")) problems.push("image without alt: " + describe(el));
  });
  document.querySelectorAll("[tabindex]").forEach((el) => {
    const order = parseInt(el.getAttribute("tabindex"), 10);
    if (order > 0) problems.push("tabindex > 0: " + describe(el));
  });
  const ids = {};
  document.querySelectorAll("[id]").forEach((el) => { ids[el.id] = (ids[el.id] || 0) + 1; });
  Object.keys(ids).forEach((id) => { if (ids[id] > 1) problems.push("duplicate id: " + id); });
  if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  if (!document.querySelector("main")) problems.push("no <main>");
  return problems;
}"""


def _card(page: Page, lead_id: int):
    return page.locator(f"[data-lead-id='{lead_id}']")


async def _press_tab_until(page: Page, test_id: str, limit: int = 20) -> None:
    for _ in range(limit):
        await page.keyboard.press("Tab")
        focused = await page.evaluate("document.activeElement.dataset.testid || ''")
        if focused == test_id:
            return
    pytest.fail(f"{test_id} is not reachable with Tab")


async def test_a_card_moves_with_the_keyboard_alone(admin_page: Page, live_server) -> None:
    hub = live_server.hub
    lead = await hub.leads.create(LeadDraft(title="Phu Quoc in March"), actor="t")
    page = admin_page
    await page.reload()
    await _card(page, lead.id).get_by_test_id("card-move").focus()
    await page.keyboard.press("Enter")
    dialog = page.get_by_test_id("move-dialog")
    await expect(dialog).to_be_visible()
    await expect(page.get_by_test_id("move-lead")).to_have_text("Phu Quoc in March")
    await expect(page.get_by_test_id("move-to-new")).to_be_disabled()  # where it is now
    await _press_tab_until(page, "move-to-consultation")
    await page.keyboard.press("Enter")
    await expect(dialog).to_be_hidden()
    moved = page.locator(f".cards[data-stage=consultation] [data-lead-id='{lead.id}']")
    await expect(moved).to_be_visible()
    await expect(page.get_by_test_id("count-consultation")).to_have_text("1")
    await expect(moved.get_by_test_id("card-move")).to_be_focused()  # focus follows the card
    assert (await hub.leads.get(lead.id)).stage is Stage.CONSULTATION

    await page.keyboard.press("Enter")  # again, to a stage the pipeline refuses
    await _press_tab_until(page, "move-to-confirmed")
    await page.keyboard.press("Enter")
    await expect(moved.get_by_test_id("card-refusal")).to_contain_text("оплату")
    await expect(moved.get_by_test_id("card-move")).to_be_focused()
    assert (await hub.leads.get(lead.id)).stage is Stage.CONSULTATION

    await page.keyboard.press("Enter")  # Escape closes the list and changes nothing
    await page.keyboard.press("Escape")
    await expect(dialog).to_be_hidden()
    await expect(moved).to_be_visible()


async def test_the_skip_link_is_the_first_stop(admin_page: Page, live_server) -> None:
    await admin_page.goto(live_server.url("/leads"))
    await admin_page.keyboard.press("Tab")
    skip = admin_page.locator(".skip-link")
    await expect(skip).to_be_focused()
    await expect(skip).to_have_text("Перейти к содержимому")
    await admin_page.keyboard.press("Enter")
    await expect(admin_page.locator("main")).to_be_focused()


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_main_pages_pass_the_markup_audit(admin_page: Page, live_server, lang: str) -> None:
    lead = await live_server.hub.leads.create(LeadDraft(title="Nha Trang"), actor="t")
    for path in (*PAGES, "/account/password"):
        url = live_server.url(path.format(lead=lead.id)) + f"?lang={lang}"
        response = await admin_page.goto(url)
        assert response is not None
        assert response.status == 200, path
        await admin_page.wait_for_load_state("networkidle")
        assert await admin_page.evaluate(AUDIT) == [], path
        assert await admin_page.evaluate("document.documentElement.lang") == lang


async def test_the_login_page_passes_the_audit(anon_page: Page, live_server) -> None:
    await anon_page.goto(live_server.url("/login"))
    assert await anon_page.evaluate(AUDIT) == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_pages_fit_a_phone_screen(admin_page: Page, live_server) -> None:
    lead = await live_server.hub.leads.create(LeadDraft(title="Antalya"), actor="t")
    page = admin_page
    await page.set_viewport_size({"width": 375, "height": 740})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in PAGES:
        await page.goto(live_server.url(path.format(lead=lead.id)))
        await page.wait_for_load_state("networkidle")
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
        await expect(page.locator("nav.mainnav")).to_be_visible()
        name = "phone-" + (path.strip("/").split("/")[0] + ("-lead" if "{lead}" in path else ""))
        await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    await page.goto(live_server.url("/leads"))
    await _card(page, lead.id).get_by_test_id("card-move").click()
    await page.get_by_test_id("move-to-consultation").click()  # no dragging needed on a phone
    await expect(
        page.locator(f".cards[data-stage=consultation] [data-lead-id='{lead.id}']")
    ).to_be_visible()
