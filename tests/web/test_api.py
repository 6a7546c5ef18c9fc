"""The JSON API: leads, contacts, import, errors as problem details."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay.storage.repositories import LeadFilter
from crystalbay_web.asgi import MAX_BODY_BYTES, create_app

if TYPE_CHECKING:
    from crystalbay.hub import Hub

Client = httpx.AsyncClient

IMPORT = {"name": "Айгерим", "phone": "8 701 555 12 34", "message": "Нячанг в марте на двоих"}


async def _count_leads(hub: Hub) -> int:
    _, total = await hub.leads.list(LeadFilter())
    return total


async def test_import_then_list_and_get(api_client: Client) -> None:
    created = await api_client.post("/api/v1/leads/import", json=IMPORT)
    assert created.status_code == 201
    lead = created.json()["lead"]
    assert lead["stage"] == "new"
    assert lead["source"] == "api"
    listed = (await api_client.get("/api/v1/leads")).json()
    assert [item["id"] for item in listed["items"]] == [lead["id"]]
    assert listed["total"] == 1
    one = await api_client.get(f"/api/v1/leads/{lead['id']}")
    assert one.json()["title"] == "Нячанг в марте на двоих"
    contact = (await api_client.get(f"/api/v1/contacts/{lead['contact_id']}")).json()
    assert contact["phones"] == ["+77015551234"]


async def test_idempotency_key_returns_the_same_lead(api_client: Client, hub: Hub) -> None:
    headers = {"Idempotency-Key": "form-42"}
    first = await api_client.post("/api/v1/leads/import", json=IMPORT, headers=headers)
    again = await api_client.post("/api/v1/leads/import", json=IMPORT, headers=headers)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["lead"]["id"] == first.json()["lead"]["id"]
    assert again.json()["replayed"] is True
    other = await api_client.post(
        "/api/v1/leads/import", json={**IMPORT, "message": "другое"}, headers=headers
    )
    assert other.status_code == 409
    assert other.headers["content-type"].startswith("application/problem+json")
    assert await _count_leads(hub) == 1


async def test_create_patch_move_and_activity(api_client: Client) -> None:
    lead = (
        await api_client.post("/api/v1/leads", json={"title": "Turkey, July", "tags": ["VIP"]})
    ).json()
    assert lead["tags"] == ["vip"]
    moved = await api_client.patch(
        f"/api/v1/leads/{lead['id']}",
        json={"stage": "consultation", "assignee": "dana", "version": lead["version"]},
    )
    assert moved.status_code == 200
    assert moved.json()["stage"] == "consultation"
    stale = await api_client.patch(
        f"/api/v1/leads/{lead['id']}", json={"score": 40, "version": lead["version"]}
    )
    assert stale.status_code == 409
    activity = (await api_client.get(f"/api/v1/leads/{lead['id']}/activity")).json()["items"]
    assert [a["action"] for a in activity] == ["created", "stage_changed"]
    changes = {c["field"]: (c["before"], c["after"]) for c in activity[1]["changes"]}
    assert changes == {"stage": ("new", "consultation"), "assignee": (None, "dana")}
    assert activity[1]["actor"] == "api:tests"


async def test_filters(api_client: Client) -> None:
    a = (
        await api_client.post("/api/v1/leads", json={"title": "Egypt family", "tags": ["family"]})
    ).json()
    await api_client.post("/api/v1/leads", json={"title": "Dubai shopping", "assignee": "dana"})
    await api_client.patch(f"/api/v1/leads/{a['id']}", json={"stage": "tour_selection"})

    async def titles(query: str) -> list[str]:
        body = (await api_client.get(f"/api/v1/leads?{query}")).json()
        return [item["title"] for item in body["items"]]

    assert await titles("stage=tour_selection") == ["Egypt family"]
    assert await titles("assignee=dana") == ["Dubai shopping"]
    assert await titles("tag=family") == ["Egypt family"]
    assert await titles("q=dubai") == ["Dubai shopping"]
    assert await titles("page=2&page_size=1") == ["Dubai shopping"]  # Egypt moved last


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"name": "A", "phone": "12345"}, 422, "phone"),
        ({"name": "A", "email": "not-an-email"}, 422, "email"),
        ({"name": "A"}, 422, "phone"),
        ({"name": "A", "phone": "+77015551234", "surprise": 1}, 400, None),
        ({"name": 5, "phone": "+77015551234"}, 400, None),
    ],
)
async def test_bad_import_is_a_problem_and_writes_nothing(
    api_client: Client, hub: Hub, body: dict[str, object], status: int, field: str | None
) -> None:
    response = await api_client.post("/api/v1/leads/import", json=body)
    assert response.status_code == status
    problem = response.json()
    assert problem["status"] == status
    assert problem["detail"]
    assert problem.get("field") == field
    assert await _count_leads(hub) == 0


async def test_malformed_json_and_oversized_body(api_client: Client) -> None:
    malformed = await api_client.post(
        "/api/v1/leads/import", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 400
    assert "malformed" in malformed.json()["detail"].lower()
    huge = await api_client.post(
        "/api/v1/leads/import",
        content=b'{"message": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert huge.status_code == 413


async def test_unknown_stage_and_refused_move(api_client: Client) -> None:
    listing = await api_client.get("/api/v1/leads?stage=beach")
    assert listing.status_code == 422
    assert listing.json()["field"] == "stage"
    lead = (await api_client.post("/api/v1/leads", json={"title": "Thailand"})).json()
    bad = await api_client.patch(f"/api/v1/leads/{lead['id']}", json={"stage": "flying"})
    assert bad.status_code == 400
    refused = await api_client.patch(f"/api/v1/leads/{lead['id']}", json={"stage": "completed"})
    assert refused.status_code == 409
    assert "Paid" in refused.json()["detail"]
    unchanged = (await api_client.get(f"/api/v1/leads/{lead['id']}")).json()
    assert unchanged["version"] == lead["version"]
    assert (await api_client.get("/api/v1/leads/999999")).status_code == 404


async def test_api_key_required(hub: Hub) -> None:
    transport = httpx.ASGITransport(app=create_app(hub))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        missing = await client.get("/api/v1/leads")
        wrong = await client.get("/api/v1/leads", headers={"Authorization": "Bearer cb_nope"})
        health = await client.get("/health")
    assert missing.status_code == 401
    assert wrong.status_code == 401
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert health.status_code == 200
    assert health.json()["database"]["ok"] is True


async def test_merge_and_undo_over_api(api_client: Client) -> None:
    one = (await api_client.post("/api/v1/leads/import", json=IMPORT)).json()["lead"]
    two = (
        await api_client.post(
            "/api/v1/leads/import", json={"name": "Aigerim", "email": "A@Mail.kz", "message": "hi"}
        )
    ).json()["lead"]
    merged = await api_client.post(
        "/api/v1/contacts/merge",
        json={"kept_id": one["contact_id"], "merged_id": two["contact_id"]},
    )
    assert merged.status_code == 200
    assert merged.json()["contact"]["emails"] == ["a@mail.kz"]
    undo = await api_client.post(f"/api/v1/contacts/merges/{merged.json()['merge_id']}/undo")
    assert undo.json()["contact"]["emails"] == []


async def test_openapi_lists_the_api(api_client: Client) -> None:
    schema = (await api_client.get("/schema/openapi.json")).json()
    assert "/api/v1/leads/import" in schema["paths"]
    assert "/api/v1/leads/{lead_id}" in schema["paths"]
