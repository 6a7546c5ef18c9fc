"""Shared shapes for every port."""

from __future__ import annotations

import msgspec

__all__ = ["Health"]


class Health(msgspec.Struct, frozen=True, kw_only=True):
    """Result of an adapter's connection check, shown by "test connection"."""

    ok: bool
    detail: str
