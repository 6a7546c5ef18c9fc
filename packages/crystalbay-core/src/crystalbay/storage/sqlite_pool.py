"""SQLite with reused connections: the embedded default's engine.

Piccolo's SQLite engine opens a new connection (and with aiosqlite a new thread) for every
query outside a transaction and for every transaction, which costs more than most of the hub's
queries themselves. :class:`HubSQLiteEngine` keeps up to ``pool_size`` idle connections and
lends them out: to each query outside a transaction, and to each transaction (which the hub
already runs one at a time, see ``Database.transaction``). A connection is returned only when it
is not inside a transaction, so a failed ``COMMIT`` or ``ROLLBACK`` never leaks into the next
borrower; such a connection is closed instead.

Every connection runs ``PRAGMA synchronous = NORMAL``: in WAL mode that is still durable against
application crashes (a power cut may lose the last commits, not corrupt the file), and it spares
an fsync per commit, which otherwise bounds the embedded hub to a few dozen writes per second.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import aiosqlite
from piccolo.engine.sqlite import SQLiteEngine, dict_factory

__all__ = ["HubSQLiteEngine"]

_MIN_RETURNING_VERSION = 3.35  # older SQLite has no RETURNING (Piccolo asks for the pk then)


class _Lent:
    """A pooled connection as a transaction sees it: ``close()`` hands it back."""

    def __init__(self, connection: aiosqlite.Connection, engine: HubSQLiteEngine) -> None:
        self._connection = connection
        self._engine = engine

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - aiosqlite's untyped surface
        return getattr(self._connection, name)

    def __setattr__(self, name: str, value: object) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._connection, name, value)

    async def close(self) -> None:
        """Return the connection to the pool (or close it if it is still in a transaction)."""
        await self._engine.give_back(self._connection)


class HubSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLite engine with a small pool of reused connections.

    Args:
        pool_size: Idle connections kept open at most.
        **kwargs: Passed to :class:`piccolo.engine.sqlite.SQLiteEngine`.
    """

    def __init__(self, *, pool_size: int = 4, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(**kwargs)
        self._idle: list[aiosqlite.Connection] = []
        self._pool_size = pool_size

    async def _open(self) -> aiosqlite.Connection:
        connection = await aiosqlite.connect(**self.connection_kwargs)
        connection.row_factory = dict_factory  # type: ignore[assignment]
        await connection.execute("PRAGMA foreign_keys = 1")
        await connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    async def borrow(self) -> aiosqlite.Connection:
        """An idle connection, or a new one."""
        return self._idle.pop() if self._idle else await self._open()

    async def give_back(self, connection: aiosqlite.Connection) -> None:
        """Keep ``connection`` for the next borrower, unless the pool is full or it is dirty."""
        if connection.in_transaction or len(self._idle) >= self._pool_size:
            await connection.close()
        else:
            self._idle.append(connection)

    async def close_pool(self) -> None:
        """Close every idle connection (lent ones close when they come back)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()

    async def get_connection(self) -> Any:  # noqa: ANN401 - Piccolo's untyped connection
        """A pooled connection for a transaction (Piccolo closes it at the end: it comes back)."""
        return _Lent(await self.borrow(), self)

    @contextlib.asynccontextmanager
    async def _lent(self) -> AsyncIterator[aiosqlite.Connection]:
        connection = await self.borrow()
        try:
            yield connection
        finally:
            await self.give_back(connection)

    async def _run_in_new_connection(
        self,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: Any = None,  # noqa: ANN401 - a Piccolo Table class
    ) -> Any:  # noqa: ANN401 - rows as Piccolo returns them
        """Run one query outside a transaction on a pooled connection, and commit it."""
        async with self._lent() as connection, connection.execute(query, args or []) as cursor:
            await connection.commit()
            if query_type == "insert" and self.get_version_sync() < _MIN_RETURNING_VERSION:
                pk = await self._get_inserted_pk(cursor, table)
                return [{table._meta.primary_key._meta.db_column_name: pk}]  # noqa: SLF001
            return await cursor.fetchall()
