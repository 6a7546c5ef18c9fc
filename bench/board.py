"""Benchmark of the pipeline board: 100,000 leads in SQLite against a 1,000-lead baseline.

Run: ``uv run python bench/board.py [--leads N] [--baseline N] [--runs N]``.

Two SQLite databases are seeded in a temporary folder (leads spread over the nine stages, six
assignees and no one, a tag on every third lead, a conversation with two messages on every
tenth). On each it measures (median of ``--runs``):

* the first page of one column (the repository's keyset query);
* the column counts (one ``GROUP BY``);
* ``GET /leads``: the whole board page rendered by the app, as an admin and as a manager;
* on the big database, a column page 5,000 cards deep (keyset paging).

Goal: the board page on the big database renders in under 300 ms and within 10x of the
baseline. Exits with status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from crystalbay.domain.accounts import Role
from crystalbay.domain.pipeline import STAGES, Stage
from crystalbay.hub import Hub
from crystalbay.settings import Settings
from crystalbay.storage.repositories import LeadFilter
from crystalbay_web.asgi import create_app
from crystalbay_web.pages.board_data import PAGE_SIZE, decode_cursor

BOARD_GOAL_MS = 300.0
RATIO_GOAL = 10.0
MANAGERS = ("dana", "erik", "aida", "timur", "olga", "marat")
PASSWORD = "bench-password-1"  # noqa: S105 - a throw-away database


def _lead_rows(count: int, rng: random.Random) -> list[tuple[object, ...]]:
    base = datetime(2026, 1, 1, tzinfo=UTC)
    rows: list[tuple[object, ...]] = []
    for n in range(count):
        when = str(base + timedelta(seconds=n * 17, microseconds=rng.randrange(1_000_000)))
        rows.append(
            (
                n + 1,
                f"Lead {n}: {rng.choice(('Turkey', 'Egypt', 'UAE', 'Vietnam'))}",
                rng.choice(("whatsapp", "telegram", "api", "email")),
                rng.choice(STAGES).value,
                '["vip"]' if n % 3 == 0 else "[]",
                rng.choice((*MANAGERS, None)),
                rng.randrange(101),
                when,
                when,
            )
        )
    return rows


def seed_file(path: str, leads: int) -> None:
    """Bulk-insert with sqlite3 (the schema exists: the hub migrated it); seconds, not minutes.

    Timestamps are written as Piccolo writes them on SQLite: ``str()`` of a UTC datetime.
    """
    rng = random.Random(42)
    now = str(datetime.now(UTC))
    rows = _lead_rows(leads, rng)
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO leads (id, title, source, stage, tags, assignee, score, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.executemany(
            "INSERT INTO lead_tags (lead_id, tag) VALUES (?, 'vip')",
            [(r[0],) for r in rows if r[4] != "[]"],
        )
        talking = range(1, leads + 1, 10)  # every tenth lead has a conversation
        db.executemany(
            "INSERT INTO conversations (id, lead_id, contact_id, channel, chat_address, mode,"
            " created_at) VALUES (?, ?, 0, 'whatsapp', ?, 'suggest', ?)",
            [(i, i, f"7700{i}", now) for i in talking],
        )
        db.executemany(
            "INSERT INTO messages (conversation_id, direction, text, channel, status,"
            " created_at, updated_at) VALUES (?, ?, ?, 'whatsapp', ?, ?, ?)",
            [
                (i, d, text, status, now, now)
                for i in talking
                for d, text, status in (
                    ("in", "Хотим в Турцию в июле", "received"),
                    ("out", "Подберём!", "read"),
                )
            ],
        )


async def seed(hub: Hub, leads: int) -> None:
    """Fill the hub's SQLite database with ``leads`` leads and two users."""
    seed_file(hub.settings.database_url.removeprefix("sqlite:///"), leads)
    await hub.accounts.create_user("admin", PASSWORD, Role.ADMIN)
    await hub.accounts.create_user("dana", PASSWORD, Role.MANAGER)


async def median_ms(action: Callable[[], Awaitable[object]], runs: int) -> float:
    await action()  # warm caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def logged_in(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/login")
    token = re.search(r'name="_csrf_token" value="([0-9a-f]+)"', page.text)
    if token is None:
        raise RuntimeError("no CSRF token on the login page")
    answer = await client.post(
        "/login", data={"username": username, "password": PASSWORD, "_csrf_token": token[1]}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"login failed: {answer.status_code} {answer.text[:200]}")


async def measure(folder: Path, leads: int, runs: int) -> dict[str, float]:
    settings = Settings.from_env({"CRYSTALBAY_HOME": str(folder)})
    async with Hub(settings) as hub:
        started = time.perf_counter()
        await seed(hub, leads)
        print(f"  seeded {leads:,} leads in {time.perf_counter() - started:.1f} s")
        repo = hub.leads.repo
        first = LeadFilter(stage=Stage.NEW, limit=PAGE_SIZE + 1)
        figures = {
            "first column query": await median_ms(lambda: repo.page(first), runs),
            "column counts": await median_ms(lambda: repo.count_by_stage(LeadFilter()), runs),
        }
        app = create_app(hub)
        for user in ("admin", "dana"):
            transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                await logged_in(client, user)

                async def board(client: httpx.AsyncClient = client) -> None:
                    answer = await client.get("/leads")
                    if answer.status_code != 200:
                        raise RuntimeError(f"board answered {answer.status_code}")

                figures[f"board page ({user})"] = await median_ms(board, runs)
        if leads >= 10_000:
            deep = await repo.page(LeadFilter(stage=Stage.NEW, offset=5000, limit=1))
            cursor = decode_cursor(f"{_micros(deep[0].updated_at)}.{deep[0].id}")
            deep_page = LeadFilter(stage=Stage.NEW, cursor=cursor, limit=PAGE_SIZE + 1)
            figures["column page 5,000 deep"] = await median_ms(lambda: repo.page(deep_page), runs)
    return figures


def _micros(when: datetime) -> int:
    return (when - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


async def main(leads: int, baseline: int, runs: int) -> int:
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as big:
        print(f"baseline: {baseline:,} leads")
        base = await measure(Path(small), baseline, runs)
        print(f"large: {leads:,} leads")
        large = await measure(Path(big), leads, runs)
    print(f"\n{'median of ' + str(runs) + ' runs':<28}{baseline:>12,}{leads:>12,}   ratio")
    for name, value in large.items():
        small_value = base.get(name)
        times = f"{value / small_value:6.1f}x" if small_value else "      -"
        shown = f"{small_value:9.2f} ms" if small_value else " " * 12
        print(f"{name:<28}{shown}{value:9.2f} ms  {times}")
    board = large["board page (admin)"]
    ratio = board / base["board page (admin)"]
    ok = board < BOARD_GOAL_MS and ratio < RATIO_GOAL
    verdict = "ok" if ok else "MISSED"
    print(f"\ngoal: board < {BOARD_GOAL_MS:.0f} ms and < {RATIO_GOAL:.0f}x baseline: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.leads, args.baseline, args.runs)))
