"""Keys as the settings page lists them, and the website widget's allowed origins.

A widget key is an API-key row of kind ``widget``: it is embedded in a public web page, so it
is only accepted from the origins listed on it. :class:`KeyStore` holds the queries that
:class:`~crystalbay.storage.repositories.AccountRepository` does not have (kind and origins).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import msgspec

from crystalbay.domain.accounts import ApiKey
from crystalbay.errors import InvalidValue, NotFound
from crystalbay.storage.repositories._common import as_utc, dumps
from crystalbay.storage.tables import ApiKeyRow

__all__ = ["API", "WIDGET", "KeyRecord", "KeyStore", "normalize_origin", "normalize_origins"]

API = "api"
"""Kind of a key for the JSON API (Bearer)."""
WIDGET = "widget"
"""Kind of a key embedded in a website widget (origin-bound)."""
_MAX_ORIGINS = 20


class KeyRecord(ApiKey, frozen=True, kw_only=True):
    """A key's public record with its kind (``api`` or ``widget``) and allowed origins."""

    kind: str = API
    allowed_origins: tuple[str, ...] = ()


def normalize_origin(origin: str) -> str:
    """``https://Example.com/`` -> ``https://example.com``.

    Raises:
        InvalidValue: Not ``http(s)://host[:port]`` (a path, query or wildcard is refused).
    """
    text = origin.strip().rstrip("/")
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username
        or "*" in text
    ):
        raise InvalidValue(
            f"{origin!r} is not an origin such as https://www.example.com", field="origins"
        )
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def normalize_origins(origins: Iterable[str]) -> tuple[str, ...]:
    """Normalise, de-duplicate and sort; at least one and at most 20 origins.

    Raises:
        InvalidValue: An origin is malformed, or there are none or too many.
    """
    cleaned = sorted({normalize_origin(o) for o in origins if o.strip()})
    if not cleaned or len(cleaned) > _MAX_ORIGINS:
        raise InvalidValue(
            f"give 1-{_MAX_ORIGINS} origins (the sites that embed the widget)", field="origins"
        )
    return tuple(cleaned)


class KeyStore:
    """Queries on key kinds and origins."""

    async def set_origins(self, key_id: int, origins: tuple[str, ...]) -> None:
        """Store the key's allowed origins."""
        await ApiKeyRow.update({ApiKeyRow.allowed_origins: dumps(list(origins))}).where(
            ApiKeyRow.id == key_id
        )

    async def get(self, key_id: int) -> KeyRecord:
        """Load a key (raises NotFound)."""
        row = await ApiKeyRow.select(*_PUBLIC).where(ApiKeyRow.id == key_id).first()
        if row is None:
            raise NotFound(f"key {key_id} does not exist", field="key_id")
        return _to_record(row)

    async def find(self, key_hash: str, kind: str) -> KeyRecord | None:
        """The live key of ``kind`` with this hash, or ``None``."""
        row = (
            await ApiKeyRow.select(*_PUBLIC)
            .where(
                (ApiKeyRow.key_hash == key_hash)
                & (ApiKeyRow.kind == kind)
                & (ApiKeyRow.revoked == False)  # noqa: E712 - SQL
            )
            .first()
        )
        return _to_record(row) if row else None

    async def list(self, kind: str | None = None) -> list[KeyRecord]:
        """Keys (of ``kind``, or all), newest first."""
        query = ApiKeyRow.select(*_PUBLIC).order_by(ApiKeyRow.id, ascending=False)
        if kind is not None:
            query = query.where(ApiKeyRow.kind == kind)
        return [_to_record(row) for row in await query]


_PUBLIC = (
    ApiKeyRow.id,
    ApiKeyRow.name,
    ApiKeyRow.prefix,
    ApiKeyRow.kind,
    ApiKeyRow.allowed_origins,
    ApiKeyRow.created_at,
    ApiKeyRow.revoked,
)
"""Every column but the hash."""


def _to_record(row: dict[str, Any]) -> KeyRecord:
    return KeyRecord(
        id=row["id"],
        name=row["name"],
        prefix=row["prefix"],
        kind=row["kind"],
        allowed_origins=tuple(msgspec.json.decode(row["allowed_origins"] or "[]", type=list[str])),
        created_at=as_utc(row["created_at"]),
        revoked=bool(row["revoked"]),
    )
