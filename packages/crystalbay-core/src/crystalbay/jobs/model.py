"""What a job handler receives."""

from __future__ import annotations

from typing import TypeVar

import msgspec

__all__ = ["Job"]

T = TypeVar("T")


class Job(msgspec.Struct, frozen=True, kw_only=True):
    """One run of a job.

    Attributes:
        id: Row id in the jobs table.
        kind: The handler's name, e.g. ``inbox.process``.
        key: Unique per kind: enqueuing the same ``(kind, key)`` again is a no-op.
        payload: JSON given at enqueue time.
        attempts: This run's number, from 1.
        max_attempts: After this many failed runs the job is given up.
    """

    id: int
    kind: str
    key: str
    payload: bytes
    attempts: int
    max_attempts: int

    def decode(self, type_: type[T]) -> T:
        """The payload as ``type_`` (a Struct, a dict, ...)."""
        return msgspec.json.decode(self.payload, type=type_)

    @property
    def last_attempt(self) -> bool:
        """True when a failure now gives the job up."""
        return self.attempts >= self.max_attempts
