"""The database handle the hub owns: engine, connection pool, migrations, health."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from crystalbay.storage.engine import bind, make_engine
from crystalbay.storage.migrate import migrate
from crystalbay.storage.sqlite_pool import HubSQLiteEngine
from crystalbay.storage.tables import ContactRow

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable
    from contextlib import AbstractAsyncContextManager

    from piccolo.engine.base import Engine

__all__ = ["Database"]

_IN_TRANSACTION: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "crystalbay_in_transaction", default=False
)


class Database:
    """One database, SQLite or PostgreSQL, bound to the storage tables.

    Args:
        url: ``sqlite:///path`` or ``postgresql://...``.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine[Any] = make_engine(url)
        self._writer = asyncio.Lock()

    @property
    def kind(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return "postgresql" if isinstance(self.engine, PostgresEngine) else "sqlite"

    @property
    def display_url(self) -> str:
        """The URL without credentials, for logs and the health page."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"

    async def connect(self, *, apply_migrations: bool = True) -> None:
        """Bind the tables, open the pool (PostgreSQL) and apply pending migrations."""
        bind(self.engine)
        if isinstance(self.engine, PostgresEngine):
            await self.engine.start_connection_pool(min_size=1, max_size=10)
        else:
            await self.engine.run_ddl("PRAGMA journal_mode=WAL")
        if apply_migrations:
            await migrate()

    def transaction(self) -> AbstractAsyncContextManager[object]:
        """A transaction; queries inside it (in this task) join it.

        SQLite transactions start ``IMMEDIATE`` and queue on an asyncio lock first: SQLite has
        one writer at a time, and writers waiting in its busy handler poll with growing sleeps,
        which under load delays a webhook's answer by seconds. A nested call joins the outer
        transaction.
        """
        if isinstance(self.engine, SQLiteEngine):
            return self._sqlite_transaction()
        return cast("AbstractAsyncContextManager[object]", self.engine.transaction())

    @contextlib.asynccontextmanager
    async def _sqlite_transaction(self) -> AsyncIterator[object]:
        if _IN_TRANSACTION.get():
            yield None
            return
        async with self._writer:
            token = _IN_TRANSACTION.set(True)
            try:
                transaction = self.engine.transaction(transaction_type=TransactionType.immediate)
                async with cast("AbstractAsyncContextManager[object]", transaction) as inner:
                    yield inner
            finally:
                _IN_TRANSACTION.reset(token)

    async def lock(self, keys: Iterable[str]) -> None:
        """Hold transaction-scoped locks on ``keys`` until the current transaction ends.

        PostgreSQL takes advisory locks (in sorted order, so two callers cannot deadlock);
        SQLite needs none, since its write transactions already run one at a time.
        """
        if not isinstance(self.engine, PostgresEngine):
            return
        for key in sorted(set(keys)):
            # A table's raw query joins the current transaction (run_ddl would not).
            await ContactRow.raw("SELECT pg_advisory_xact_lock(hashtextextended({}, 0))", key)

    async def close(self) -> None:
        """Close the pool."""
        if isinstance(self.engine, PostgresEngine):
            await self.engine.close_connection_pool()
        elif isinstance(self.engine, HubSQLiteEngine):
            await self.engine.close_pool()

    async def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            await self.engine.run_ddl("SELECT 1")
        except Exception:  # noqa: BLE001 - any failure means "down" for the health check
            return False
        return True
