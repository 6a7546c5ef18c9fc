"""The value an extractor found, with how sure it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Found"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """An extracted value and its confidence (0.0-1.0)."""

    value: T
    confidence: float
