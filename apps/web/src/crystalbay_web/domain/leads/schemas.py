"""Lead API schemas."""

from __future__ import annotations

import msgspec

from crystalbay.domain.activity import ActivityEntry
from crystalbay.domain.leads import Lead

__all__ = ["ActivityList", "ImportResponse", "LeadPage"]


class LeadPage(msgspec.Struct, frozen=True, kw_only=True):
    """One page of leads."""

    items: list[Lead]
    total: int
    page: int
    page_size: int


class ActivityList(msgspec.Struct, frozen=True, kw_only=True):
    """A lead's activity log, oldest first."""

    items: list[ActivityEntry]


class ImportResponse(msgspec.Struct, frozen=True, kw_only=True):
    """The lead an import landed on."""

    lead: Lead
    created: bool
    replayed: bool
