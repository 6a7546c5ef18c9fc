"""Timing for ``bench/board.py``: one seeded hub, the board page and its queries.

Every figure is the server's time in this process: the ASGI app is called through
``httpx.ASGITransport`` (no socket, no browser), and the repository queries directly.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import NamedTuple

import httpx
from _board_seed import dataset, seed_postgres, seed_sqlite

from crystalbay.domain.accounts import Role
from crystalbay.domain.pipeline import Stage
from crystalbay.hub import Hub
from crystalbay.settings import Settings
from crystalbay.storage.repositories import LeadFilter, LeadRepository
from crystalbay_web.asgi import create_app
from crystalbay_web.pages.board_data import PAGE_SIZE, decode_cursor, encode_cursor

PASSWORD = "bench-password-1"  # noqa: S105 - a throw-away database
MANAGER = "dana"


class Timing(NamedTuple):
    """Milliseconds: the median and the 95th percentile of the timed runs."""

    median: float
    p95: float


async def timed(action: Callable[[], Awaitable[object]], runs: int, warmup: int) -> Timing:
    """Time ``action`` ``runs`` times after ``warmup`` untimed calls."""
    for _ in range(warmup):
        await action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await action()
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if runs > 1 else times[0]
    return Timing(statistics.median(times), p95)


async def measure(
    database_url: str | None, leads: int, runs: int, warmup: int
) -> dict[str, Timing]:
    """Seed a hub on ``database_url`` (``None``: a temporary SQLite file) and time the board."""
    with tempfile.TemporaryDirectory() as home:
        env = {"CRYSTALBAY_HOME": home}
        if database_url is not None:
            env["DATABASE_URL"] = database_url
        async with Hub(Settings.from_env(env)) as hub:
            started = time.perf_counter()
            tables = dataset(leads)
            if database_url is None:
                seed_sqlite(hub.settings.database_url.removeprefix("sqlite:///"), tables)
            else:
                await seed_postgres(database_url, tables)
            await hub.accounts.create_user("admin", PASSWORD, Role.ADMIN)
            await hub.accounts.create_user(MANAGER, PASSWORD, Role.MANAGER)
            print(f"  {leads:>9,} leads seeded in {time.perf_counter() - started:.1f} s")
            figures = await _board_pages(hub, runs, warmup)
            figures.update(await _queries(hub.leads.repo, runs, warmup))
    return figures


async def _board_pages(hub: Hub, runs: int, warmup: int) -> dict[str, Timing]:
    app = create_app(hub)
    figures = {}
    for label, username in (("admin", "admin"), ("manager", MANAGER)):
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            await _log_in(client, username)

            async def board(client: httpx.AsyncClient = client) -> None:
                answer = await client.get("/leads")
                if answer.status_code != 200:
                    raise RuntimeError(f"the board answered {answer.status_code}")

            figures[f"board page, {label}"] = await timed(board, runs, warmup)
    return figures


async def _queries(repo: LeadRepository, runs: int, warmup: int) -> dict[str, Timing]:
    manager = LeadFilter(visible_to=MANAGER)
    first = LeadFilter(stage=Stage.NEW, limit=PAGE_SIZE + 1)
    column = (await repo.count_by_stage(LeadFilter()))[Stage.NEW]
    depth = max(column - PAGE_SIZE, 1)  # the column's last page: keyset paging, `depth` deep
    (before,) = await repo.page(LeadFilter(stage=Stage.NEW, offset=depth - 1, limit=1))
    cursor = decode_cursor(encode_cursor(before))
    last = LeadFilter(stage=Stage.NEW, cursor=cursor, limit=PAGE_SIZE + 1)
    return {
        "column counts, admin": await timed(
            lambda: repo.count_by_stage(LeadFilter()), runs, warmup
        ),
        "column counts, manager": await timed(lambda: repo.count_by_stage(manager), runs, warmup),
        "first column page": await timed(lambda: repo.page(first), runs, warmup),
        "last column page": await timed(lambda: repo.page(last), runs, warmup),
    }


async def _log_in(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/login")
    token = re.search(r'name="_csrf_token" value="([0-9a-f]+)"', page.text)
    if token is None:
        raise RuntimeError("no CSRF token on the login page")
    answer = await client.post(
        "/login", data={"username": username, "password": PASSWORD, "_csrf_token": token[1]}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"login failed: {answer.status_code} {answer.text[:200]}")
