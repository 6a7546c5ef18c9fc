"""Dependency annotations shared by controllers."""

from __future__ import annotations

from typing import Any, TypeAlias

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import NamedDependency

from crystalbay.hub import Hub

__all__ = ["AnyConnection", "AnyRequest", "HubDep"]

HubDep: TypeAlias = NamedDependency[Hub]
"""The running hub, injected by name (``hub``)."""

AnyRequest: TypeAlias = Request[Any, Any, State]
"""A request whatever its user and auth types."""

AnyConnection: TypeAlias = ASGIConnection[Any, Any, Any, State]
"""A connection whatever its handler, user and auth types."""
