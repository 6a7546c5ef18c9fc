"""The sandbox tour provider: the demo SAMO operator, answered in-process."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from crystalbay_plugins.samo.client import SamoClient
from crystalbay_plugins.samo.engine import DEFAULT_SEED, SamoEngine
from crystalbay_plugins.samo.provider import OperatorTourProvider

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["InProcessTransport", "SandboxTourProvider"]


class InProcessTransport:
    """A :class:`~crystalbay_plugins.samo.transport.SamoTransport` without a network.

    Answers come from a :class:`SamoEngine` in a worker thread (a long search must not block
    the event loop) and are decoded exactly like an operator's.
    """

    integration = "sandbox"

    def __init__(self, engine: SamoEngine) -> None:
        self.engine = engine

    async def call(self, action: str, params: Mapping[str, str]) -> bytes:
        """The body the demo operator would send."""
        return await asyncio.to_thread(self.engine.answer, action, dict(params))


class SandboxTourProvider(OperatorTourProvider):
    """Tour provider ``sandbox``: demonstration offers (``sandbox=True``) that cannot be booked.

    Args:
        seed: Seed of the demo prices (the same seed gives the same offers).
        language: ``"en"`` shows Latin names, ``"ru"`` the Russian ones.
    """

    def __init__(self, *, seed: int = DEFAULT_SEED, language: str = "en") -> None:
        super().__init__(
            SamoClient(InProcessTransport(SamoEngine(seed=seed))),
            name="sandbox",
            language=language,
            sandbox=True,
        )
