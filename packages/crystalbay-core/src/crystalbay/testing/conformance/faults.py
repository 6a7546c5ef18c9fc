"""Fault switches: how a conformance suite puts an adapter's backend into a failure mode."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Faults", "injected"]


def _nothing() -> None:
    """The default ``heal``: nothing to undo."""


@dataclass(frozen=True, kw_only=True)
class Faults:
    """Switches that break the adapter's backend (usually the vendor's fake) on purpose.

    Return one from the ``faults`` fixture of a conformance suite. A switch left as ``None``
    means the backend cannot fail that way; the tests that need it are skipped with a reason.

    Attributes:
        unavailable: Make the next calls fail like an outage: HTTP 5xx, a refused
            connection, a folder that is not mounted. The adapter must raise
            ``IntegrationUnavailable``.
        reject: Make the next calls be refused for good: wrong credentials, a key without
            the needed scope. The adapter must raise ``IntegrationRejected``.
        heal: Undo both switches; the suites call it after every fault test.
    """

    unavailable: Callable[[], None] | None = None
    reject: Callable[[], None] | None = None
    heal: Callable[[], None] = _nothing


@contextlib.contextmanager
def injected(faults: Faults, kind: str) -> Iterator[None]:
    """Flip one switch of ``faults`` (``"unavailable"`` or ``"reject"``) for a ``with`` block.

    Skips the calling test when the switch is not provided, and heals afterwards.
    """
    switch: Callable[[], None] | None = getattr(faults, kind)
    if switch is None:
        pytest.skip(
            f"the backend has no {kind!r} fault switch; return Faults({kind}=...) from the"
            " `faults` fixture to test this error mapping"
        )
    switch()
    try:
        yield
    finally:
        faults.heal()
