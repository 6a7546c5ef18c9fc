"""The web API in-process, with a valid API key (needs ``crystalbay-web``)."""

from __future__ import annotations

import httpx


async def test_import_over_http(api_client: httpx.AsyncClient) -> None:
    response = await api_client.post(
        "/api/v1/leads/import",
        json={"phone": "+77015551234", "message": "Turkey"},
        headers={"Idempotency-Key": "t-1"},
    )
    assert response.status_code == 201
    assert response.json()["lead"]["stage"] == "new"
