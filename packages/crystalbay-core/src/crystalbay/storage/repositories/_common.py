"""Helpers shared by repositories."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

__all__ = ["as_utc", "dumps", "utcnow"]

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
