"""Logged-in HTTP clients for page tests that need no browser (in-process, same event loop).

``async with dashboard_clients(hub) as clients``: ``clients.admin`` (role admin),
``clients.manager`` (``dana``, role manager) and ``clients.anon`` talk to ``create_app(hub)``
through ``httpx.ASGITransport``; unsafe requests send the CSRF header like HTMX does.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from crystalbay.domain.accounts import Role
from crystalbay_web.asgi import create_app

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from crystalbay.hub import Hub

PASSWORDS = {"admin": "admin-secret-1", "dana": "dana-secret-1"}
_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


@dataclass
class Clients:
    """One client per kind of visitor."""

    admin: httpx.AsyncClient
    manager: httpx.AsyncClient
    anon: httpx.AsyncClient


async def _login(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/login")
    token = _TOKEN.search(page.text)
    assert token is not None
    response = await client.post(
        "/login",
        data={"username": username, "password": PASSWORDS[username], "_csrf_token": token[1]},
    )
    assert response.status_code == 303, response.text
    client.headers["x-csrftoken"] = token[1]


@contextlib.asynccontextmanager
async def dashboard_clients(hub: Hub) -> AsyncIterator[Clients]:
    """Create ``admin`` and ``dana`` and log them in; yield the clients."""
    await hub.accounts.create_user("admin", PASSWORDS["admin"], Role.ADMIN, "Admin")
    await hub.accounts.create_user("dana", PASSWORDS["dana"], Role.MANAGER, "Dana")
    transport = httpx.ASGITransport(app=create_app(hub))
    async with contextlib.AsyncExitStack() as stack:
        made = [
            await stack.enter_async_context(
                httpx.AsyncClient(transport=transport, base_url="http://testserver")
            )
            for _ in range(3)
        ]
        await _login(made[0], "admin")
        await _login(made[1], "dana")
        await made[2].get("/login")
        yield Clients(admin=made[0], manager=made[1], anon=made[2])
