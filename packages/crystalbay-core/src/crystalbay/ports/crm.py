"""The CRM port: an external system of record for contacts and deals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead
    from crystalbay.domain.pipeline import Stage
    from crystalbay.ports.common import Health

__all__ = ["CRM"]


@runtime_checkable
class CRM(Protocol):
    """Mirrors contacts and leads into a CRM; every upsert is idempotent."""

    name: str

    async def upsert_contact(self, contact: Contact) -> str:
        """Create or update the contact; return the CRM's id for it."""
        ...

    async def upsert_lead(self, lead: Lead, *, contact_ref: str | None) -> str:
        """Create or update the deal for ``lead``; return the CRM's id for it."""
        ...

    async def move_stage(self, ref: str, stage: Stage) -> None:
        """Move the CRM deal ``ref`` to ``stage``."""
        ...

    async def add_comment(self, ref: str, text: str) -> None:
        """Add a timeline comment to the CRM deal ``ref``."""
        ...

    async def check(self) -> Health:
        """Check credentials and reachability."""
        ...
