"""The embedded SQLite engine reuses connections, and never hands out a dirty one."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from crystalbay.storage import Database
from crystalbay.storage.sqlite_pool import HubSQLiteEngine
from crystalbay.storage.tables import PluginSetting


@pytest.fixture(name="db")
async def fx_db(tmp_path: Path):
    database = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    await database.connect(apply_migrations=True)
    yield database
    await database.close()


def _engine(db: Database) -> HubSQLiteEngine:
    assert isinstance(db.engine, HubSQLiteEngine)
    return db.engine


async def test_queries_and_transactions_reuse_a_few_connections(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(db)
    opened: list[object] = []
    real_open = engine._open

    async def counting_open():
        connection = await real_open()
        opened.append(connection)
        return connection

    monkeypatch.setattr(engine, "_open", counting_open)
    for n in range(30):
        async with db.transaction():
            await PluginSetting.insert(PluginSetting(plugin="p", key=f"k{n}", value="v"))
        await PluginSetting.select().where(PluginSetting.key == f"k{n}")
    assert await PluginSetting.count() == 30
    reads = [PluginSetting.select() for _ in range(8)]
    results = await asyncio.gather(*(query.run() for query in reads))  # concurrent readers
    assert all(len(rows) == 30 for rows in results)
    assert len(opened) <= 8  # not one per query (that would be 68)


async def test_a_connection_left_in_a_transaction_is_closed_not_reused(db: Database) -> None:
    engine = _engine(db)
    connection = await engine.borrow()
    await connection.execute("BEGIN IMMEDIATE")
    await engine.give_back(connection)
    assert connection not in engine._idle
    async with db.transaction():  # the write lock is free: the dirty connection was closed
        await PluginSetting.insert(PluginSetting(plugin="p", key="after", value="v"))
    assert await PluginSetting.count() == 1


async def test_failed_transactions_roll_back_and_the_pool_stays_clean(db: Database) -> None:
    engine = _engine(db)

    async def fail() -> None:
        async with db.transaction():
            await PluginSetting.insert(PluginSetting(plugin="p", key="lost", value="v"))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await fail()
    assert await PluginSetting.count() == 0
    assert all(not c.in_transaction for c in engine._idle)
    rows = await engine._idle[0].execute_fetchall("PRAGMA synchronous")
    assert rows[0]["synchronous"] == 1  # NORMAL on every pooled connection


async def test_close_pool_closes_idle_connections(db: Database) -> None:
    engine = _engine(db)
    await PluginSetting.select()
    assert engine._idle
    idle = list(engine._idle)
    await engine.close_pool()
    assert engine._idle == []
    with pytest.raises(ValueError, match="no active connection"):
        await idle[0].execute("SELECT 1")
