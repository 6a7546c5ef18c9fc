"""The rules assistant (no model needed), registered like any plugin; see ``crystalbay.rules``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay.rules import RulesAssistant

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crystalbay.hub import Hub
    from crystalbay.ports import Assistant


@hookimpl
def register_assistants(hub: Hub) -> Iterable[Assistant]:
    """Register the ``rules`` assistant."""
    del hub
    return [RulesAssistant()]
