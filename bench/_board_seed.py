"""Seeding for ``bench/board.py``: a realistic pipeline, bulk-inserted through the driver.

The hub creates the schema (its migrations run when it starts); the rows are then written in
bulk, with ``executemany`` on SQLite and ``COPY`` on PostgreSQL, in seconds rather than the
minutes that 100,000 service calls would take. The same seeded data goes to both backends.

The spread: leads over the nine stages, six managers and no one (one lead in seven each), one
in twelve lost, a ``vip`` tag on every third, a next touch on every fifth, a contact on nine in
ten (a quarter of them nameless, shown by phone), and a conversation with two messages on every
tenth.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import asyncpg

from crystalbay.domain.pipeline import STAGES

MANAGERS = ("dana", "erik", "aida", "timur", "olga", "marat")
"""Lead assignees; ``dana`` also logs in as the manager whose board is measured."""

_BASE = datetime(2025, 1, 1, tzinfo=UTC)
_MESSAGES = (("in", "Хотим в Турцию в июле", "received"), ("out", "Подберём!", "read"))


class TableRows(NamedTuple):
    """Rows for one table, in the order of ``columns``."""

    table: str
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]


def _lead(n: int, rng: random.Random) -> tuple[object, ...]:
    created = _BASE + timedelta(seconds=n * 300, microseconds=rng.randrange(1_000_000))
    updated = created + timedelta(seconds=rng.randrange(30 * 86_400))
    touch = updated + timedelta(days=rng.randrange(1, 14)) if n % 5 == 0 else None
    return (
        n,
        f"Lead {n}: {rng.choice(('Turkey', 'Egypt', 'UAE', 'Vietnam'))}",
        n if n % 10 else None,  # the contact shares the lead's number
        rng.choice(("whatsapp", "telegram", "api", "email")),
        rng.choice(STAGES).value,
        "lost" if n % 12 == 0 else "open",
        '["vip"]' if n % 3 == 0 else "[]",
        rng.choice((*MANAGERS, None)),
        rng.randrange(101),
        touch,
        created,
        updated,
    )


def dataset(leads: int, seed: int = 42) -> list[TableRows]:
    """The rows of a board with ``leads`` leads (ids from 1), the same for a given seed."""
    rng = random.Random(seed)
    lead_rows = [_lead(n, rng) for n in range(1, leads + 1)]
    contacts = [n for n in range(1, leads + 1) if n % 10]
    talking = range(1, leads + 1, 10)
    lead_columns = ("id", "title", "contact_id", "source", "stage", "outcome", "tags")
    lead_columns += ("assignee", "score", "next_touch_at", "created_at", "updated_at")
    return [
        TableRows("leads", lead_columns, lead_rows),
        TableRows(
            "lead_tags", ("lead_id", "tag"), [(r[0], "vip") for r in lead_rows if r[6] != "[]"]
        ),
        TableRows(
            "contacts",
            ("id", "name", "created_at", "updated_at"),
            [(n, "" if n % 4 == 0 else f"Клиент {n}", _BASE, _BASE) for n in contacts],
        ),
        TableRows(
            "contact_points",
            ("contact_id", "kind", "value"),
            [(n, "phone", f"+7701{n:07d}") for n in contacts],
        ),
        TableRows(
            "conversations",
            ("id", "lead_id", "contact_id", "channel", "chat_address", "mode", "created_at"),
            [(n, n, n, "whatsapp", f"7701{n:07d}", "suggest", _BASE) for n in talking],
        ),
        TableRows(
            "messages",
            (
                "conversation_id",
                "direction",
                "text",
                "channel",
                "status",
                "created_at",
                "updated_at",
            ),
            [
                (n, d, text, "whatsapp", status, _BASE, _BASE)
                for n in talking
                for d, text, status in _MESSAGES
            ],
        ),
    ]


def _sqlite_value(value: object) -> object:
    # As Piccolo writes timestamps on SQLite: ``str()`` of the UTC datetime.
    return str(value) if isinstance(value, datetime) else value


def seed_sqlite(path: str, tables: Sequence[TableRows]) -> None:
    """Bulk-insert ``tables`` into the SQLite file at ``path`` (one transaction)."""
    with sqlite3.connect(path) as db:
        for table in tables:
            marks = ", ".join("?" for _ in table.columns)
            db.executemany(
                f"INSERT INTO {table.table} ({', '.join(table.columns)}) VALUES ({marks})",  # noqa: S608
                [tuple(_sqlite_value(v) for v in row) for row in table.rows],
            )
    # No ANALYZE: the embedded hub never runs it, so the planner works without statistics here too.


async def seed_postgres(url: str, tables: Sequence[TableRows]) -> None:
    """``COPY`` ``tables`` into the database at ``url``, then ``VACUUM ANALYZE`` it.

    ``VACUUM ANALYZE`` stands for the autovacuum that a live server runs after a bulk load
    (statistics for the planner, a visibility map for index-only scans).
    """
    conn = await asyncpg.connect(url)
    try:
        for table in tables:
            await conn.copy_records_to_table(
                table.table, records=table.rows, columns=list(table.columns)
            )
            if "id" in table.columns:
                await conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.table}', 'id'),"  # noqa: S608
                    f" (SELECT max(id) FROM {table.table}))"
                )
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


@asynccontextmanager
async def postgres_database(admin_url: str) -> AsyncIterator[str]:
    """A private database on the server of ``admin_url``, dropped on the way out.

    Raises:
        OSError, asyncpg.PostgresError, TimeoutError: The server is unreachable or refuses.
    """
    name = f"crystalbay_bench_{uuid.uuid4().hex[:10]}"
    await _admin(admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        await _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def postgres_problem(admin_url: str) -> str | None:
    """Why the server of ``admin_url`` cannot be used (``None`` when it can)."""
    try:
        await _admin(admin_url, "SELECT 1")
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


async def _admin(admin_url: str, sql: str) -> None:
    conn = await asyncpg.connect(admin_url, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()
