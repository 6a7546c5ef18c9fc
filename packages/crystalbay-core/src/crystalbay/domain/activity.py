"""The activity log: who changed what, when, from what to what."""

from __future__ import annotations

from datetime import datetime

import msgspec

__all__ = ["ActivityEntry", "FieldChange"]


class FieldChange(msgspec.Struct, frozen=True, kw_only=True):
    """One field's value before and after a change (JSON-ready values)."""

    field: str
    before: object = None
    after: object = None


class ActivityEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One change to a lead.

    Attributes:
        actor: ``user:<name>``, ``api:<key name>``, ``system`` or a plugin name.
        action: ``created``, ``updated``, ``stage_changed``, ``outcome_changed``, ``message``, ...
    """

    id: int
    lead_id: int
    actor: str
    action: str
    changes: tuple[FieldChange, ...] = ()
    note: str | None = None
    created_at: datetime
