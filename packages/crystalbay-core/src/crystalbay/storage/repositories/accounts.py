"""Users, API keys and idempotency records."""

from __future__ import annotations

from typing import Any

from crystalbay.domain.accounts import ApiKey, Role, User
from crystalbay.errors import Conflict
from crystalbay.storage.repositories._common import as_utc, utcnow
from crystalbay.storage.tables import ApiKeyRow, IdempotencyRow, UserRow

__all__ = ["AccountRepository", "IdempotencyRepository"]


class AccountRepository:
    """The only code that queries users and API keys."""

    async def create_user(
        self, username: str, password_hash: str, role: Role, display_name: str = ""
    ) -> User:
        """Insert a user.

        Raises:
            Conflict: The username is taken.
        """
        if await UserRow.exists().where(UserRow.username == username):
            raise Conflict(f"user {username!r} already exists", field="username")
        await UserRow.insert(
            UserRow(
                username=username,
                password_hash=password_hash,
                role=role.value,
                display_name=display_name,
                created_at=utcnow(),
            )
        )
        user, _ = await self.find_user(username)  # type: ignore[misc]
        return user

    async def find_user(self, username: str) -> tuple[User, str] | None:
        """The user and their password hash, or ``None``."""
        row = await UserRow.select().where(UserRow.username == username).first()
        if row is None:
            return None
        return _to_user(row), row["password_hash"]

    async def set_password(self, username: str, password_hash: str) -> None:
        """Replace a user's password hash."""
        await UserRow.update({UserRow.password_hash: password_hash}).where(
            UserRow.username == username
        )

    async def list_users(self) -> list[User]:
        """All users by name."""
        return [_to_user(r) for r in await UserRow.select().order_by(UserRow.username)]

    async def create_key(self, name: str, prefix: str, key_hash: str, kind: str = "api") -> ApiKey:
        """Store a key's hash; return its public record."""
        rows = await ApiKeyRow.insert(
            ApiKeyRow(name=name, prefix=prefix, key_hash=key_hash, kind=kind, created_at=utcnow())
        ).returning(ApiKeyRow.id)
        row = await ApiKeyRow.select().where(ApiKeyRow.id == rows[0]["id"]).first()
        assert row is not None  # noqa: S101 - inserted just above
        return _to_key(row)

    async def find_key(self, key_hash: str) -> ApiKey | None:
        """The live key with this hash, widget keys excepted, or ``None``.

        Widget keys are public (they sit in a web page), so they never pass here.
        """
        row = (
            await ApiKeyRow.select()
            .where(
                (ApiKeyRow.key_hash == key_hash)
                & (ApiKeyRow.kind != "widget")
                & (ApiKeyRow.revoked == False)  # noqa: E712 - SQL
            )
            .first()
        )
        return _to_key(row) if row else None

    async def revoke_key(self, key_id: int) -> None:
        """Revoke a key."""
        await ApiKeyRow.update({ApiKeyRow.revoked: True}).where(ApiKeyRow.id == key_id)

    async def list_keys(self) -> list[ApiKey]:
        """All keys, newest first."""
        rows = await ApiKeyRow.select().order_by(ApiKeyRow.id, ascending=False)
        return [_to_key(r) for r in rows]


class IdempotencyRepository:
    """Remembers which request produced which result."""

    async def find(self, scope: str, key: str) -> tuple[str, int] | None:
        """``(request_hash, result_id)`` stored for the key, or ``None``."""
        row = (
            await IdempotencyRow.select()
            .where((IdempotencyRow.scope == scope) & (IdempotencyRow.key == key))
            .first()
        )
        return (row["request_hash"], row["result_id"]) if row else None

    async def remember(self, scope: str, key: str, request_hash: str, result_id: int) -> None:
        """Store the result of a request (unique per scope and key)."""
        await IdempotencyRow.insert(
            IdempotencyRow(
                scope=scope,
                key=key,
                request_hash=request_hash,
                result_id=result_id,
                created_at=utcnow(),
            )
        )


def _to_user(row: dict[str, Any]) -> User:
    return User(
        id=row["id"],
        username=row["username"],
        role=Role(row["role"]),
        display_name=row["display_name"],
        active=bool(row["active"]),
        created_at=as_utc(row["created_at"]),
    )


def _to_key(row: dict[str, Any]) -> ApiKey:
    return ApiKey(
        id=row["id"],
        name=row["name"],
        prefix=row["prefix"],
        created_at=as_utc(row["created_at"]),
        revoked=bool(row["revoked"]),
    )
