"""Outbound events as the fake portal sends them: form-encoded POSTs (contract 1.13)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import httpx

__all__ = ["event_body", "post_event"]


def event_body(
    event: str,
    entity_id: int,
    *,
    application_token: str,
    domain: str = "crystalbay.bitrix24.example",
    member_id: str = "a223c6b3710f85df22e9377d6c4f7553",
    handler_id: int | None = None,
    ts: int | None = None,
) -> bytes:
    """The form body of one event; ``handler_id`` is left out like in real captures."""
    pairs: list[tuple[str, str]] = [("event", event)]
    if handler_id is not None:
        pairs.append(("event_handler_id", str(handler_id)))
    pairs += [
        ("data[FIELDS][ID]", str(entity_id)),
        ("ts", str(ts if ts is not None else int(time.time()))),
        ("auth[domain]", domain),
        ("auth[client_endpoint]", f"https://{domain}/rest/"),
        ("auth[server_endpoint]", "https://oauth.bitrix.info/rest/"),
        ("auth[member_id]", member_id),
        ("auth[application_token]", application_token),
    ]
    return urlencode(pairs).encode()


async def post_event(url: str, body: bytes, *, http: httpx.AsyncClient | None = None) -> int:
    """POST ``body`` to ``url`` once (Bitrix does not retry); returns the HTTP status."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if http is not None:
        return (await http.post(url, content=body, headers=headers)).status_code
    async with httpx.AsyncClient(timeout=10) as client:
        return (await client.post(url, content=body, headers=headers)).status_code
