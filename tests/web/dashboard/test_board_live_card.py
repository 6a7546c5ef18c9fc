"""``GET /leads/{id}/card``: a lead's card as this user's board shows it now, with the counts."""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

import pytest
from dashboard_http import Clients, dashboard_clients

from crystalbay.services.leads import LeadDraft

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from crystalbay.hub import Hub


@pytest.fixture(name="setup")
async def fx_setup(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[tuple[Hub, Clients]]:
    async with hub_factory() as hub, dashboard_clients(hub) as clients:
        yield hub, clients


async def test_the_card_follows_visibility_and_filters(setup: tuple[Hub, Clients]) -> None:
    hub, clients = setup
    free = await hub.leads.create(LeadDraft(title="Free lead", tags=("vip",)), actor="t")
    theirs = await hub.leads.create(LeadDraft(title="Erik's", assignee="erik"), actor="t")

    card = await clients.manager.get(f"/leads/{free.id}/card")
    assert card.status_code == 200
    assert f'data-lead-id="{free.id}" data-stage="new"' in card.text
    assert "Free lead" in card.text
    assert 'id="count-new"' in card.text
    assert re.search(r'<span id="count-new"[^>]*>1</span>', card.text)

    hidden = await clients.manager.get(f"/leads/{theirs.id}/card")  # another manager's
    assert hidden.status_code == 200
    assert "lead-card" not in hidden.text
    assert "Erik's" not in hidden.text
    assert 'id="count-new"' in hidden.text
    assert "lead-card" in (await clients.admin.get(f"/leads/{theirs.id}/card")).text

    filtered = await clients.admin.get(f"/leads/{free.id}/card", params={"tag": "other"})
    assert "lead-card" not in filtered.text
    tagged = await clients.admin.get(f"/leads/{free.id}/card", params={"tag": "VIP"})
    assert "Free lead" in tagged.text
    anon = await clients.anon.get(f"/leads/{free.id}/card")
    assert anon.status_code in (302, 303, 401)
