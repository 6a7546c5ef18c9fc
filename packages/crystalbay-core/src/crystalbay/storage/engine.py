"""Database engines: SQLite for the embedded default, PostgreSQL for scale-out."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.table import Table

from crystalbay.errors import ConfigurationError
from crystalbay.storage.sqlite_pool import HubSQLiteEngine
from crystalbay.storage.tables import ALL_TABLES

__all__ = ["HubSQLiteEngine", "bind", "make_engine"]

PICCOLO_CONF = "crystalbay.storage.piccolo_conf"


def make_engine(url: str) -> Engine[Any]:
    """Build a Piccolo engine for ``sqlite:///path`` or ``postgresql://...``.

    Raises:
        ConfigurationError: The URL's scheme is not supported.
    """
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = Path(unquote(parts.path))
        path.parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the dashboard read while a worker writes; foreign keys are enforced in code.
        return HubSQLiteEngine(path=str(path), timeout=30)
    if parts.scheme in ("postgres", "postgresql"):
        return PostgresEngine(config={"dsn": url}, log_queries=False)
    raise ConfigurationError(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported; use sqlite:/// or postgresql://",
        field="DATABASE_URL",
    )


def bind(engine: Engine[Any]) -> None:
    """Point every table (and Piccolo's migration bookkeeping) at ``engine``."""
    os.environ.setdefault("PICCOLO_CONF", PICCOLO_CONF)
    from crystalbay.storage import piccolo_conf  # noqa: PLC0415 - read after PICCOLO_CONF is set

    piccolo_conf.DB = engine
    tables: tuple[type[Table], ...] = (*ALL_TABLES, Migration)
    for table in tables:
        table._meta._db = engine  # noqa: SLF001 - Piccolo's documented way is per-class Meta
