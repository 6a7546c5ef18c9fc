"""What the pipeline board shows: filters, columns, cards, and keyset cursors.

The board runs one ``GROUP BY`` for the column counts and one query for the first page of
every column (a ``UNION ALL`` of ``LIMIT`` queries on the ``(stage, updated_at)`` index); card
details (contact, last message) are fetched for all visible cards at once. A manager only ever
sees leads assigned to them or to nobody.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import msgspec

from crystalbay.domain.leads import Lead
from crystalbay.domain.pipeline import STAGES, Stage
from crystalbay.hub import Hub
from crystalbay.storage.repositories import LeadFilter
from crystalbay.storage.repositories.leads import LastMessage
from crystalbay_web.sessions import SessionUser

__all__ = [
    "PAGE_SIZE",
    "BoardFilters",
    "Card",
    "ColumnPage",
    "board_columns",
    "cards_for",
    "column_page",
    "decode_cursor",
    "encode_cursor",
]

PAGE_SIZE = 20
"""Cards per column page."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BoardFilters(msgspec.Struct, frozen=True, kw_only=True):
    """The board's filter form: ``assignee`` is ``""`` (any), ``me``, ``none`` or a username."""

    assignee: str = ""
    tag: str = ""
    source: str = ""
    q: str = ""

    def lead_filter(self, user: SessionUser, **extra: object) -> LeadFilter:
        """The repository filter for ``user`` (managers: own and unassigned leads only)."""
        wanted = {"me": user.username, "none": None, "": None}.get(self.assignee, self.assignee)
        return LeadFilter(
            assignee=wanted,
            unassigned=self.assignee == "none",
            visible_to=None if user.is_admin else user.username,
            tag=self.tag.strip().lower() or None,
            source=self.source.strip() or None,
            text=self.q.strip()[:200] or None,
            **extra,  # type: ignore[arg-type]
        )

    def query(self) -> str:
        """The filters as a query string (empty values left out)."""
        return urlencode({k: v for k, v in msgspec.structs.asdict(self).items() if v})


class Card(msgspec.Struct, frozen=True, kw_only=True):
    """A lead with what its card shows besides the lead's own fields."""

    lead: Lead
    contact: str | None = None
    last: LastMessage | None = None


class ColumnPage(msgspec.Struct, frozen=True, kw_only=True):
    """A page of one column; ``next_cursor`` is ``None`` on the last page."""

    stage: Stage
    cards: list[Card]
    next_cursor: str | None = None


def encode_cursor(lead: Lead) -> str:
    """An opaque, URL-safe position after ``lead``: ``<microseconds>.<id>``."""
    micros = (lead.updated_at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{lead.id}"


def decode_cursor(raw: str | None) -> tuple[datetime, int] | None:
    """The ``(updated_at, id)`` of a cursor, or ``None`` for a missing or broken one."""
    try:
        micros, lead_id = (raw or "").split(".")
        return _EPOCH + timedelta(microseconds=int(micros)), int(lead_id)
    except ValueError:
        return None


async def cards_for(hub: Hub, leads: list[Lead]) -> list[Card]:
    """Cards for ``leads`` (two or three queries whatever their number)."""
    repo = hub.leads.repo
    last = await repo.last_messages([lead.id for lead in leads])
    contacts = await repo.contact_labels([lead.contact_id for lead in leads if lead.contact_id])
    return [
        Card(
            lead=lead,
            contact=contacts.get(lead.contact_id) if lead.contact_id else None,
            last=last.get(lead.id),
        )
        for lead in leads
    ]


def _trimmed(leads: list[Lead]) -> tuple[list[Lead], str | None]:
    """A page fetched with one lead too many: the page and, if there is more, its cursor."""
    if len(leads) > PAGE_SIZE:
        return leads[:PAGE_SIZE], encode_cursor(leads[PAGE_SIZE - 1])
    return leads, None


async def _leads_page(
    hub: Hub, user: SessionUser, filters: BoardFilters, stage: Stage, cursor: str | None
) -> tuple[list[Lead], str | None]:
    flt = filters.lead_filter(user, stage=stage, cursor=decode_cursor(cursor), limit=PAGE_SIZE + 1)
    return _trimmed(await hub.leads.repo.page(flt))


async def column_page(
    hub: Hub, user: SessionUser, filters: BoardFilters, stage: Stage, cursor: str | None
) -> ColumnPage:
    """One page of a column, after ``cursor``."""
    leads, next_cursor = await _leads_page(hub, user, filters, stage, cursor)
    return ColumnPage(stage=stage, cards=await cards_for(hub, leads), next_cursor=next_cursor)


async def board_columns(
    hub: Hub, user: SessionUser, filters: BoardFilters
) -> tuple[list[ColumnPage], dict[Stage, int]]:
    """The first page of every column and the count per stage."""
    counts = await hub.leads.repo.count_by_stage(filters.lead_filter(user))
    first = await hub.leads.repo.first_pages(filters.lead_filter(user, limit=PAGE_SIZE + 1), STAGES)
    pages = [_trimmed(first[stage]) for stage in STAGES]
    cards = iter(await cards_for(hub, [lead for leads, _ in pages for lead in leads]))
    columns = [
        ColumnPage(stage=stage, cards=[next(cards) for _ in leads], next_cursor=cursor)
        for stage, (leads, cursor) in zip(STAGES, pages, strict=True)
    ]
    return columns, counts
