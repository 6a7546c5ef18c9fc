"""Access to the dashboard: login, logout, CSRF, throttling, roles, password change."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Page, expect

from crystalbay.services.leads import LeadDraft

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_login_board_and_logout(anon_page: Page, live_server, login_as) -> None:
    await anon_page.goto(live_server.url("/leads"))
    await expect(anon_page).to_have_url(re.compile(r"/login\?next=/leads$"))
    await anon_page.fill("input[name=username]", "admin")
    await anon_page.fill("input[name=password]", "wrong-password")
    await anon_page.click("button[type=submit]")
    await expect(anon_page.get_by_test_id("login-error")).to_contain_text("Неверное имя")
    await login_as(anon_page, "admin")
    await expect(anon_page.get_by_test_id("column-new")).to_be_visible()
    await expect(anon_page.locator("nav.mainnav a")).to_have_text(
        ["Воронка", "Туры", "Бронирования", "Аналитика", "Настройки"]
    )
    cookies = {c["name"]: c for c in await anon_page.context.cookies()}
    assert cookies["cb_session"]["httpOnly"] is True
    assert cookies["cb_session"]["sameSite"] == "Lax"
    assert cookies["cb_csrf"]["httpOnly"] is True
    await anon_page.get_by_test_id("user-menu").click()
    await anon_page.get_by_role("button", name="Выйти").click()
    await expect(anon_page).to_have_url(re.compile(r"/login\?out=1$"))
    await anon_page.goto(live_server.url("/leads"))
    await expect(anon_page).to_have_url(re.compile(r"/login"))


async def test_language_switch(manager_page: Page, live_server) -> None:
    await live_server.hub.leads.create(LeadDraft(title="Nha Trang"), actor="t")
    await expect(manager_page.locator("nav.mainnav a")).to_have_text(
        ["Воронка", "Туры", "Бронирования", "Аналитика"]  # no settings for a manager
    )
    await manager_page.get_by_role("link", name="English").click()
    await expect(manager_page.locator("nav.mainnav a").first).to_have_text("Pipeline")
    await manager_page.goto(live_server.url("/leads"))  # the cookie keeps the choice
    await expect(manager_page.get_by_test_id("column-new")).to_contain_text("New request")
    await expect(manager_page.get_by_test_id("card-assignee")).to_have_text("Unassigned")


async def test_form_without_csrf_token_is_refused(live_server) -> None:
    async with httpx.AsyncClient(base_url=live_server.base_url) as client:
        page = await client.get("/login")
        assert "cb_csrf" in client.cookies
        refused = await client.post(
            "/login", data={"username": "admin", "password": "admin-secret-1"}
        )
        assert refused.status_code == 403
        assert "cb_session" not in refused.cookies
        token = re.search(r'name="_csrf_token" value="([0-9a-f]+)"', page.text)
        assert token is not None
        accepted = await client.post(
            "/login",
            data={"username": "admin", "password": "admin-secret-1", "_csrf_token": token[1]},
        )
        assert accepted.status_code == 303
        assert accepted.headers["location"] == "/leads"


async def test_json_api_needs_no_csrf(live_server) -> None:
    _, secret = await live_server.hub.accounts.create_api_key("site")
    async with httpx.AsyncClient(base_url=live_server.base_url) as client:
        created = await client.post(
            "/api/v1/leads",
            json={"title": "From the API"},
            headers={"Authorization": f"Bearer {secret}"},
        )
    assert created.status_code == 201, created.text


async def test_login_is_rate_limited(anon_page: Page, live_server) -> None:
    for _ in range(5):
        await anon_page.goto(live_server.url("/login"))
        await anon_page.fill("input[name=username]", "erik")
        await anon_page.fill("input[name=password]", "not-his-password")
        await anon_page.click("button[type=submit]")
        await expect(anon_page.get_by_test_id("login-error")).to_contain_text("Неверное")
    await anon_page.goto(live_server.url("/login"))
    await anon_page.fill("input[name=username]", "erik")
    await anon_page.fill("input[name=password]", "erik-secret-1")  # right, but blocked now
    await anon_page.click("button[type=submit]")
    await expect(anon_page.get_by_test_id("login-error")).to_contain_text("Слишком много")
    assert "cb_session" not in {c["name"] for c in await anon_page.context.cookies()}


async def test_manager_sees_own_and_unassigned_leads_only(live_server, open_page, login_as) -> None:
    hub = live_server.hub
    own = await hub.leads.create(LeadDraft(title="Dana's lead", assignee="dana"), actor="t")
    free = await hub.leads.create(LeadDraft(title="Nobody's lead"), actor="t")
    other = await hub.leads.create(LeadDraft(title="Erik's lead", assignee="erik"), actor="t")
    async with open_page() as page:
        await login_as(page, "dana")
        cards = page.get_by_test_id("card")
        await expect(cards).to_have_count(2)
        await expect(cards).to_contain_text(["Nobody's lead", "Dana's lead"])
        await expect(page.get_by_test_id("count-new")).to_have_text("2")
        hidden = await page.goto(live_server.url(f"/leads/{other.id}"))
        assert hidden is not None
        assert hidden.status == 404
        settings = await page.goto(live_server.url("/settings"))
        assert settings is not None
        assert settings.status in (403, 404)  # 404 until the settings page exists
    async with open_page() as page:
        await login_as(page, "admin")
        await expect(page.get_by_test_id("card")).to_have_count(3)
    del own, free


async def test_password_change_ends_other_sessions(live_server, open_page, login_as) -> None:
    async with open_page() as other, open_page() as page:
        await login_as(other, "erik")
        await login_as(page, "erik")
        await page.goto(live_server.url("/account/password"))
        await page.fill("input[name=current_password]", "erik-secret-1")
        await page.fill("input[name=new_password]", "erik-secret-2")
        await page.fill("input[name=repeat_password]", "erik-secret-2")
        await page.click("main button[type=submit]")
        await expect(page.get_by_test_id("password-notice")).to_be_visible()
        await page.goto(live_server.url("/leads"))
        await expect(page.get_by_test_id("column-new")).to_be_visible()  # still logged in
        await other.goto(live_server.url("/leads"))
        await expect(other).to_have_url(re.compile(r"/login"))
    assert await live_server.hub.accounts.authenticate("erik", "erik-secret-2")
