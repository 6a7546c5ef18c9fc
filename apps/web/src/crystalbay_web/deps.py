"""Dependency annotations shared by controllers."""

from __future__ import annotations

from typing import TypeAlias

from litestar.di import NamedDependency

from crystalbay.hub import Hub

__all__ = ["HubDep"]

HubDep: TypeAlias = NamedDependency[Hub]
"""The running hub, injected by name (``hub``)."""
