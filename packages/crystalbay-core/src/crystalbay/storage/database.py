"""The database handle the hub owns: engine, connection pool, migrations, health."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from crystalbay.storage.engine import bind, make_engine
from crystalbay.storage.migrate import migrate

if TYPE_CHECKING:
    from contextlib import AbstractAsyncContextManager

    from piccolo.engine.base import Engine

__all__ = ["Database"]


class Database:
    """One database, SQLite or PostgreSQL, bound to the storage tables.

    Args:
        url: ``sqlite:///path`` or ``postgresql://...``.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine[Any] = make_engine(url)

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

        SQLite transactions start ``IMMEDIATE`` so that two writers queue instead of failing.
        """
        if isinstance(self.engine, SQLiteEngine):
            transaction = self.engine.transaction(transaction_type=TransactionType.immediate)
        else:
            transaction = self.engine.transaction()
        return cast("AbstractAsyncContextManager[object]", transaction)

    async def close(self) -> None:
        """Close the pool."""
        if isinstance(self.engine, PostgresEngine):
            await self.engine.close_connection_pool()

    async def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            await self.engine.run_ddl("SELECT 1")
        except Exception:  # noqa: BLE001 - any failure means "down" for the health check
            return False
        return True
