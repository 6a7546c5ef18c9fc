"""Dashboard users and API keys."""

from __future__ import annotations

import enum
from datetime import datetime

import msgspec

__all__ = ["ApiKey", "Role", "User"]


class Role(enum.StrEnum):
    """What a user may do: admins everything, managers their own and unassigned leads."""

    ADMIN = "admin"
    MANAGER = "manager"


class User(msgspec.Struct, frozen=True, kw_only=True):
    """A dashboard account (the password hash never leaves storage)."""

    id: int
    username: str
    role: Role
    display_name: str = ""
    active: bool = True
    created_at: datetime


class ApiKey(msgspec.Struct, frozen=True, kw_only=True):
    """An API key's public record; only a hash of the secret is stored."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked: bool = False
