"""Project-wide test configuration: every database-backed test runs on SQLite and PostgreSQL.

The PostgreSQL variant uses a private database created for this session on the server named
by ``CRYSTALBAY_TEST_POSTGRES`` (default ``postgresql://postgres@127.0.0.1:5432/test``) and
truncates it between tests. Where the server is unreachable the variant is skipped, except
under ``CI=true``, where a skip would hide a broken set-up and the run fails instead.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from typing import TYPE_CHECKING

import asyncpg
import pytest

from crystalbay.storage.tables import ALL_TABLES

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

ADMIN_URL = os.environ.get("CRYSTALBAY_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(what: str, exc: Exception) -> None:
    message = f"{what} is not reachable ({exc})"
    if IN_CI:
        pytest.fail(f"{message}; CI requires the {what} variant of the tests", pytrace=False)
    pytest.skip(message)


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(ADMIN_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(name="postgres_database", scope="session")
def fx_postgres_database() -> Iterator[str]:
    """A private PostgreSQL database for this test session, dropped at the end."""
    name = f"crystalbay_test_{uuid.uuid4().hex[:10]}"
    try:
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        _unavailable("PostgreSQL", exc)
    base = ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _truncate(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        tables = await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)",
            [t._meta.tablename for t in ALL_TABLES],
        )
        if tables:
            names = ", ".join(f'"{r["tablename"]}"' for r in tables)
            await conn.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await conn.close()


@pytest.fixture(
    name="database_url",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def fx_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database-backed test runs once per backend, isolated."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    url: str = request.getfixturevalue("postgres_database")
    asyncio.run(_truncate(url))
    return url


REDIS_URL = os.environ.get("CRYSTALBAY_TEST_REDIS", "redis://127.0.0.1:6379/0")


def _redis_reachable() -> None:
    import redis  # noqa: PLC0415 - only the Redis variants need the client

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        _unavailable("Redis", exc)
    finally:
        client.close()


@pytest.fixture(
    name="jobs_env",
    params=["in-process", pytest.param("redis", marks=pytest.mark.redis)],
)
def fx_jobs_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """Job settings per broker: in-process by default, and the real Redis with its own list."""
    if request.param == "in-process":
        return {}
    _redis_reachable()
    return {"REDIS_URL": REDIS_URL, "CRYSTALBAY_JOB_QUEUE": f"crystalbay-test:{uuid.uuid4().hex}"}


@pytest.fixture(name="redis_env")
def fx_redis_env() -> dict[str, str]:
    """The real Redis (fatal in CI when unreachable) with a private job list."""
    _redis_reachable()
    return {"REDIS_URL": REDIS_URL, "CRYSTALBAY_JOB_QUEUE": f"crystalbay-test:{uuid.uuid4().hex}"}
