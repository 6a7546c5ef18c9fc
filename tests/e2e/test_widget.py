"""The website widget: a public, origin-bound key; the form works in a real browser."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.async_api import async_playwright

from crystalbay.storage.repositories import LeadFilter
from crystalbay.testing.http_server import FakeHTTPServer, FakeRequest, FakeResponse

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable

    from crystalbay.hub import Hub

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def test_widget_keys_only_import_leads_and_only_from_their_sites(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
) -> None:
    async with served_hub({}) as (hub, url):
        _, secret = await hub.accounts.create_widget_key("site", ["https://tours.example.kz"])
        lead = {"name": "Dana", "phone": "+77011234567", "message": "Турция", "source": "widget"}
        bearer = {"Authorization": f"Bearer {secret}"}
        async with httpx.AsyncClient(base_url=url) as client:
            script = await client.get("/widget.js")
            ours = await client.post(
                "/api/v1/leads/import",
                json=lead,
                headers=bearer | {"Origin": "https://tours.example.kz", "Idempotency-Key": "w1"},
            )
            foreign = await client.post(
                "/api/v1/leads/import",
                json=lead,
                headers=bearer | {"Origin": "https://evil.example", "Idempotency-Key": "w2"},
            )
            no_origin = await client.post("/api/v1/leads/import", json=lead, headers=bearer)
            full_api = await client.get("/api/v1/leads", headers=bearer)
            preflight = await client.options(
                "/api/v1/leads/import", headers={"Origin": "https://tours.example.kz"}
            )
            refused = await client.options(
                "/api/v1/leads/import", headers={"Origin": "https://evil.example"}
            )

    assert script.status_code == 200
    assert script.headers["content-type"].startswith("application/javascript")
    assert "/api/v1/leads/import" in script.text
    assert ours.status_code == 201, ours.text
    assert ours.headers["access-control-allow-origin"] == "https://tours.example.kz"
    assert ours.json()["lead"]["source"] == "widget"
    assert foreign.status_code == 401
    assert no_origin.status_code == 401
    assert full_api.status_code == 401, "a public widget key is not an API key"
    assert preflight.status_code == 204
    assert "idempotency-key" in preflight.headers["access-control-allow-headers"]
    assert refused.status_code == 403


def _site(hub_url: str, key: str) -> Callable[[FakeRequest], FakeResponse]:
    page = f"""<!doctype html><html lang="ru"><body><h1>Crystal Bay</h1>
<div id="crystalbay-form"></div>
<script src="{hub_url}/widget.js" data-key="{key}" data-lang="ru"></script></body></html>"""

    def handler(request: FakeRequest) -> FakeResponse:
        del request
        return FakeResponse(
            body=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"}
        )

    return handler


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_visitor_sends_the_form_from_the_agency_site(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
) -> None:
    async with served_hub({}) as (hub, url):
        site = FakeHTTPServer(lambda _: FakeResponse())
        with site:
            _, secret = await hub.accounts.create_widget_key("site", [site.url])
            site.handler = _site(url, secret)
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                page = await browser.new_page()
                await page.goto(site.url)
                await page.fill("input[name=name]", "Айгерим")
                await page.fill("input[name=phone]", "+7 701 555 44 33")
                await page.fill("textarea[name=message]", "Вьетнам в марте, двое")
                await page.click("button[type=submit]")
                await page.wait_for_selector("text=Спасибо", timeout=10_000)
                await browser.close()

        leads, total = await hub.leads.list(LeadFilter())
    assert total == 1
    assert leads[0].source == "widget"
    contact = await hub.contacts.get(leads[0].contact_id or 0)
    assert contact.phones == ("+77015554433",)
