"""Helpers shared by repositories."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
from piccolo.columns import Column
from piccolo.engine.sqlite import SQLiteEngine

__all__ = ["as_utc", "contains", "dumps", "utcnow"]

_encoder = msgspec.json.Encoder()


def utcnow() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Attach UTC to a naive timestamp read back from SQLite."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def dumps(value: object) -> str:
    """Encode ``value`` as a JSON string for a text column."""
    return _encoder.encode(value).decode()


def contains(column: Column, text: str) -> Any:  # noqa: ANN401 - Piccolo's Where is untyped
    """Case-insensitive "contains" (SQLite's LIKE already ignores ASCII case; it has no ILIKE)."""
    pattern = "%" + text.replace("%", "").replace("_", "") + "%"
    if isinstance(column._meta.table._meta.db, SQLiteEngine):  # noqa: SLF001
        return column.like(pattern)
    return column.ilike(pattern)
