"""The analytics page and its CSV exports, through HTTP (no browser)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from dashboard_http import Clients, dashboard_clients

from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.domain.pipeline import Stage
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.storage.tables import LeadRow, MessageRow
from crystalbay_web.pages.analytics_charts import bar_chart, csv_text, duration

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from crystalbay.hub import Hub


@pytest.fixture(name="clients")
async def fx_clients(hub: Hub) -> AsyncIterator[Clients]:
    async with dashboard_clients(hub) as clients:
        yield clients


async def _data(hub: Hub) -> None:
    today = datetime.now(UTC)
    for source in ("telegram", "telegram", "=HYPERLINK(evil)"):
        lead = await hub.leads.create(LeadDraft(title="Trip", source=source), actor="system")
    await hub.leads.change(lead.id, LeadChanges(stage=Stage.CONSULTATION), actor="user:dana")
    old = await hub.leads.create(LeadDraft(title="Old", source="email"), actor="system")
    stamp = today - timedelta(days=90)
    await LeadRow.update({LeadRow.created_at: stamp}).where(LeadRow.id == old.id)
    conversation = await hub.conversations.repo.create(
        lead_id=lead.id, contact_id=1, channel="telegram", chat_address="42"
    )
    for offset, direction, author in (
        (0, Direction.INBOUND, None),
        (90, Direction.OUTBOUND, "user:dana"),
    ):
        message = await hub.conversations.repo.add_message(
            conversation_id=conversation.id,
            direction=direction,
            channel="telegram",
            text="hi",
            status=DeliveryStatus.SENT,
            author=author,
        )
        at = today - timedelta(hours=1) + timedelta(seconds=offset)
        await MessageRow.update({MessageRow.created_at: at}).where(MessageRow.id == message.id)


def test_charts_scale_to_the_largest_value_and_csv_neutralises_formulas() -> None:
    chart = bar_chart("t", [("a", 10.0, "10"), ("b", 5.0, "5"), ("c", 0.0, "0")])
    assert [bar.width for bar in chart.bars] == [300.0, 150.0, 0.0]
    assert [bar.y for bar in chart.bars] == [0, 26, 52]
    assert bar_chart("empty", []).bars == ()
    text = csv_text(["a", "b"], [["=1+1", "@x"], ["plain", None]])
    assert text.splitlines() == ["a,b", "'=1+1,'@x", "plain,"]
    assert (duration(None), duration(59.6), duration(3725), duration(90061)) == (
        "—",
        "0:01:00",
        "1:02:05",
        "1 d 1:01:01",
    )


async def test_the_page_shows_every_table_and_chart(hub: Hub, clients: Clients) -> None:
    await _data(hub)
    page = await clients.manager.get("/analytics")
    assert page.status_code == 200
    html = page.text
    for table in ("sources", "stages", "funnel", "revenue", "response_times"):
        assert f'data-testid="table-{table}"' in html
        assert f"/analytics/{table}.csv?start=" in html
    assert html.count("<svg") >= 3
    assert '<td>telegram</td><td class="num">2</td>' in html
    assert "email" not in html  # created 90 days ago
    assert "0:01:30" in html  # dana answered in 90 seconds
    assert "&lt;" not in html or "=HYPERLINK(evil)" in html


async def test_the_range_filters_and_a_backwards_range_is_explained(
    hub: Hub, clients: Clients
) -> None:
    await _data(hub)
    old = (datetime.now(UTC).date() - timedelta(days=100)).isoformat()
    page = await clients.admin.get("/analytics", params={"start": old})
    assert "<td>email</td>" in page.text
    wrong = await clients.admin.get(
        "/analytics", params={"start": "2026-03-05", "end": "2026-03-01"}
    )
    assert wrong.status_code == 422
    assert 'data-testid="range-error"' in wrong.text
    malformed = await clients.admin.get("/analytics", params={"start": "yesterday"})
    assert malformed.status_code == 400


async def test_every_table_downloads_as_csv(hub: Hub, clients: Clients) -> None:
    await _data(hub)
    expected = {
        "sources": ["source", "leads"],
        "stages": ["stage", "leads"],
        "funnel": ["stage", "reached", "conversion"],
        "response_times": [
            "author",
            "first_responses",
            "first_response_avg_s",
            "first_response_median_s",
            "responses",
            "response_median_s",
        ],
        "revenue": ["month", "currency", "bookings", "revenue"],
    }
    for table, header in expected.items():
        response = await clients.manager.get(f"/analytics/{table}.csv")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == header
    sources = list(
        csv.reader(io.StringIO((await clients.admin.get("/analytics/sources.csv")).text))
    )
    assert sources[1:] == [["telegram", "2"], ["'=HYPERLINK(evil)", "1"]]
    funnel = list(csv.reader(io.StringIO((await clients.admin.get("/analytics/funnel.csv")).text)))
    assert funnel[1] == ["new", "3", ""]
    assert funnel[2] == ["consultation", "1", "0.3333"]
    times = list(
        csv.reader(io.StringIO((await clients.admin.get("/analytics/response_times.csv")).text))
    )
    assert times[1] == ["user:dana", "1", "90", "90", "1", "90"]
    assert (await clients.admin.get("/analytics/nope.csv")).status_code == 404
    assert (await clients.admin.get("/analytics/sources.txt")).status_code == 404


async def test_analytics_needs_a_login(clients: Clients) -> None:
    response = await clients.anon.get("/analytics")
    assert response.status_code in (302, 303, 307)
    assert response.headers["location"].startswith("/login")
    csv_response = await clients.anon.get("/analytics/sources.csv")
    assert csv_response.status_code in (302, 303, 307)
