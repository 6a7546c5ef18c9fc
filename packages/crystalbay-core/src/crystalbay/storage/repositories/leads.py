"""Leads, their tags and their activity log."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import msgspec
from piccolo.query.functions.aggregate import Count, Max

from crystalbay.domain.activity import ActivityEntry, FieldChange
from crystalbay.domain.leads import Lead, TripBrief
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import Conflict, NotFound
from crystalbay.storage.repositories._common import as_utc, contains, dumps, utcnow
from crystalbay.storage.tables import (
    Activity,
    ContactPoint,
    ContactRow,
    ConversationRow,
    LeadRow,
    LeadTag,
    MessageRow,
)

__all__ = ["LastMessage", "LeadFilter", "LeadRepository"]

_COLUMNS = {column._meta.name: column for column in LeadRow._meta.columns}  # noqa: SLF001
_JSON_FIELDS = frozenset({"brief", "external_ids", "tags"})


class LeadFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Board and API filters; ``None`` means "any"."""

    stage: Stage | None = None
    assignee: str | None = None
    tag: str | None = None
    source: str | None = None
    text: str | None = None
    contact_id: int | None = None
    outcome: Outcome | None = None
    lead_id: int | None = None
    """Only this lead (does one lead match the other filters?)."""
    visible_to: str | None = None
    """Only leads assigned to this user or to nobody (a manager's view)."""
    unassigned: bool = False
    """Only leads without an assignee."""
    cursor: tuple[datetime, int] | None = None
    """Keyset paging: leads after this ``(updated_at, id)`` in newest-first order."""
    limit: int = 50
    offset: int = 0


class LastMessage(msgspec.Struct, frozen=True, kw_only=True):
    """The newest message of a lead, for its card on the board."""

    lead_id: int
    text: str
    channel: str
    direction: str
    status: str
    created_at: datetime


class LeadRepository:
    """The only code that queries the lead, tag and activity tables."""

    async def insert(self, values: Mapping[str, object]) -> Lead:
        """Insert a lead from field values (as on :class:`Lead`); return it."""
        now = utcnow()
        row = _to_row({**values, "created_at": now, "updated_at": now, "version": 1})
        result = await LeadRow.insert(LeadRow(**row)).returning(LeadRow.id)  # type: ignore[arg-type]
        lead_id: int = result[0]["id"]
        await self._write_tags(lead_id, values.get("tags", ()))  # type: ignore[arg-type]
        return await self.get(lead_id)

    async def get(self, lead_id: int) -> Lead:
        """Load a lead.

        Raises:
            NotFound: No such lead.
        """
        row = await LeadRow.select().where(LeadRow.id == lead_id).first()
        if row is None:
            raise NotFound(f"lead {lead_id} does not exist", field="lead_id")
        return _to_lead(row)

    async def update(self, lead_id: int, values: Mapping[str, object], *, version: int) -> Lead:
        """Write changed fields if the stored version is still ``version``.

        Raises:
            Conflict: Someone else changed the lead first.
        """
        row = _to_row({**values, "updated_at": utcnow(), "version": version + 1})
        changed = (
            await LeadRow.update({_COLUMNS[k]: v for k, v in row.items()})
            .where((LeadRow.id == lead_id) & (LeadRow.version == version))
            .returning(LeadRow.id)
        )
        if not changed:
            current = await self.get(lead_id)
            raise Conflict(
                f"lead {lead_id} changed meanwhile (version {current.version}, expected "
                f"{version}); reload it and try again",
                field="version",
            )
        if "tags" in values:
            await self._write_tags(lead_id, values["tags"])  # type: ignore[arg-type]
        return await self.get(lead_id)

    async def list(self, flt: LeadFilter) -> tuple[builtins.list[Lead], int]:
        """Leads matching ``flt``, most recently updated first, and the total count."""
        where = await self._where(flt)
        count_query = LeadRow.count()
        select = LeadRow.select()
        if where is not None:
            count_query = count_query.where(where)
            select = select.where(where)
        total = await count_query
        rows = (
            await select.order_by(LeadRow.updated_at, LeadRow.id, ascending=False)
            .limit(flt.limit)
            .offset(flt.offset)
        )
        return [_to_lead(r) for r in rows], total

    async def page(self, flt: LeadFilter) -> builtins.list[Lead]:
        """Leads matching ``flt``, newest first, without counting (one board column's page).

        With ``flt.cursor`` the page starts after that lead (keyset paging: as fast on the
        thousandth page as on the first, with the ``(stage, updated_at)`` index).
        """
        select = await self._page_select(flt)
        return [_to_lead(r) for r in await select]

    async def first_pages(
        self, flt: LeadFilter, stages: Sequence[Stage]
    ) -> dict[Stage, builtins.list[Lead]]:
        """:meth:`page` for each of ``stages`` (``flt.stage`` is ignored), in one query.

        A ``UNION ALL`` of the per-stage queries: each part still reads ``flt.limit`` rows off
        the ``(stage, updated_at)`` index, and the board makes one round trip instead of one
        per column.
        """
        parts = [await self._page_select(msgspec.structs.replace(flt, stage=s)) for s in stages]
        if not parts:
            return {}
        sql = " UNION ALL ".join(["SELECT * FROM ({}) AS part"] * len(parts))
        rows = await LeadRow.raw(sql, *(part.querystrings[0] for part in parts))
        pages: dict[Stage, builtins.list[Lead]] = {stage: [] for stage in stages}
        for row in rows:
            pages[Stage(row["stage"])].append(_to_lead(row))
        for leads in pages.values():  # SQL does not promise to keep each part's order
            leads.sort(key=lambda lead: (lead.updated_at, lead.id), reverse=True)
        return pages

    async def count_by_stage(self, flt: LeadFilter) -> dict[Stage, int]:
        """How many leads match ``flt`` on each stage (``flt.stage`` is ignored); one query."""
        where = await self._where(msgspec.structs.replace(flt, stage=None, cursor=None))
        query = LeadRow.select(LeadRow.stage, Count(alias="total")).group_by(LeadRow.stage)
        if where is not None:
            query = query.where(where)
        counts = dict.fromkeys(Stage, 0)
        for row in await query:
            counts[Stage(row["stage"])] = row["total"]
        return counts

    async def last_messages(self, lead_ids: Sequence[int]) -> dict[int, LastMessage]:
        """The newest message of each lead in ``lead_ids`` (two indexed queries in all)."""
        if not lead_ids:
            return {}
        conversations = await ConversationRow.select(
            ConversationRow.id, ConversationRow.lead_id
        ).where(ConversationRow.lead_id.is_in(list(lead_ids)))
        lead_of = {r["id"]: r["lead_id"] for r in conversations}
        if not lead_of:
            return {}
        newest = (
            MessageRow.select(Max(MessageRow.id))
            .where(MessageRow.conversation_id.is_in(list(lead_of)))
            .group_by(MessageRow.conversation_id)
        )
        latest: dict[int, LastMessage] = {}
        rows = await MessageRow.select(
            MessageRow.id,
            MessageRow.conversation_id,
            MessageRow.text,
            MessageRow.channel,
            MessageRow.direction,
            MessageRow.status,
            MessageRow.created_at,
        ).where(MessageRow.id.is_in(newest))
        for row in sorted(rows, key=lambda r: r["id"]):
            lead_id = lead_of[row["conversation_id"]]
            latest[lead_id] = LastMessage(
                lead_id=lead_id,
                text=row["text"],
                channel=row["channel"],
                direction=row["direction"],
                status=row["status"],
                created_at=as_utc(row["created_at"]),
            )
        return latest

    async def contact_labels(self, contact_ids: Sequence[int]) -> dict[int, str]:
        """A short label per contact: the name, else a phone or e-mail address."""
        ids = sorted(set(contact_ids))
        if not ids:
            return {}
        rows = await ContactRow.select(ContactRow.id, ContactRow.name).where(
            ContactRow.id.is_in(ids)
        )
        labels = {r["id"]: r["name"] for r in rows if r["name"]}
        nameless = [i for i in ids if i not in labels]
        if nameless:
            points = (
                await ContactPoint.select(ContactPoint.contact_id, ContactPoint.value)
                .where(ContactPoint.contact_id.is_in(nameless))
                .order_by(ContactPoint.id)
            )
            for point in points:
                labels.setdefault(point["contact_id"], point["value"])
        return labels

    async def assignees(self) -> builtins.list[str]:
        """Usernames that leads are assigned to, sorted (for the board's filter)."""
        rows = (
            await LeadRow.select(LeadRow.assignee)
            .where(LeadRow.assignee.is_not_null())
            .distinct()
            .order_by(LeadRow.assignee)
        )
        return [r["assignee"] for r in rows]

    async def find_open_for_contact(self, contact_id: int) -> Lead | None:
        """The contact's most recently updated open lead."""
        leads, _ = await self.list(LeadFilter(contact_id=contact_id, outcome=Outcome.OPEN, limit=1))
        return leads[0] if leads else None

    async def add_activity(
        self,
        lead_id: int,
        *,
        actor: str,
        action: str,
        changes: Sequence[FieldChange] = (),
        note: str | None = None,
    ) -> None:
        """Append to the lead's activity log."""
        await Activity.insert(
            Activity(
                lead_id=lead_id,
                actor=actor,
                action=action,
                changes=dumps(list(changes)),
                note=note,
                created_at=utcnow(),
            )
        )

    async def activity(self, lead_id: int, *, limit: int = 200) -> builtins.list[ActivityEntry]:
        """The lead's activity log, oldest first."""
        rows = (
            await Activity.select()
            .where(Activity.lead_id == lead_id)
            .order_by(Activity.id)
            .limit(limit)
        )
        return [
            ActivityEntry(
                id=r["id"],
                lead_id=r["lead_id"],
                actor=r["actor"],
                action=r["action"],
                changes=msgspec.json.decode(r["changes"], type=tuple[FieldChange, ...]),
                note=r["note"],
                created_at=as_utc(r["created_at"]),
            )
            for r in rows
        ]

    async def _page_select(self, flt: LeadFilter) -> Any:  # noqa: ANN401 - Piccolo's Select
        select = LeadRow.select()
        where = await self._where(flt)
        if where is not None:
            select = select.where(where)
        select = select.order_by(LeadRow.updated_at, LeadRow.id, ascending=False).limit(flt.limit)
        if flt.offset and flt.cursor is None:
            select = select.offset(flt.offset)
        return select

    async def _where(self, flt: LeadFilter) -> Any:  # noqa: ANN401 - Piccolo's Combinable is untyped
        conditions = [*_field_conditions(flt), *_board_conditions(flt)]
        if flt.tag is not None:
            # A sub-select: Piccolo refuses ``is_in([])`` when no lead carries the tag.
            tagged = LeadTag.select(LeadTag.lead_id).where(LeadTag.tag == flt.tag)
            conditions.append(LeadRow.id.is_in(tagged))
        where = None
        for condition in conditions:
            where = condition if where is None else where & condition
        return where

    @staticmethod
    async def _write_tags(lead_id: int, tags: Sequence[str]) -> None:
        await LeadTag.delete().where(LeadTag.lead_id == lead_id)
        if tags:
            await LeadTag.insert(*(LeadTag(lead_id=lead_id, tag=t) for t in tags))


def _field_conditions(flt: LeadFilter) -> list[Any]:
    equal = (
        (LeadRow.stage, flt.stage),
        (LeadRow.assignee, flt.assignee),
        (LeadRow.source, flt.source),
        (LeadRow.contact_id, flt.contact_id),
        (LeadRow.outcome, flt.outcome),
        (LeadRow.id, flt.lead_id),
    )
    conditions = [
        column == (str(value) if isinstance(value, str) else value)
        for column, value in equal
        if value is not None
    ]
    if flt.text:
        conditions.append(contains(LeadRow.title, flt.text))
    return conditions


def _board_conditions(flt: LeadFilter) -> list[Any]:
    conditions: list[Any] = []
    if flt.unassigned:
        conditions.append(LeadRow.assignee.is_null())
    if flt.visible_to is not None:
        conditions.append((LeadRow.assignee == flt.visible_to) | LeadRow.assignee.is_null())
    if flt.cursor is not None:
        at, lead_id = flt.cursor
        # "Before (at, lead_id)" in newest-first order. The leading ``updated_at <= at`` is
        # implied by the rest, but only it lets PostgreSQL start the index scan at the cursor
        # (from the OR alone it scans the column from the top, linear in the page's depth).
        conditions.append(
            (LeadRow.updated_at <= at) & ((LeadRow.updated_at < at) | (LeadRow.id < lead_id))
        )
    return conditions


def _to_row(values: Mapping[str, object]) -> dict[str, object]:
    row: dict[str, object] = {}
    for key, value in values.items():
        if key in _JSON_FIELDS:
            row[key] = dumps(list(value) if key == "tags" else value)  # type: ignore[call-overload]
        elif key in ("stage", "outcome") and value is not None:
            row[key] = str(value)
        else:
            row[key] = value
    return row


def _to_lead(row: dict[str, Any]) -> Lead:
    return Lead(
        id=row["id"],
        title=row["title"],
        contact_id=row["contact_id"],
        source=row["source"],
        stage=Stage(row["stage"]),
        outcome=Outcome(row["outcome"]),
        lost_reason=row["lost_reason"],
        tags=tuple(msgspec.json.decode(row["tags"], type=list[str])),
        assignee=row["assignee"],
        score=row["score"],
        next_touch_at=as_utc(row["next_touch_at"]) if row["next_touch_at"] else None,
        brief=msgspec.json.decode(row["brief"], type=TripBrief),
        external_ids=msgspec.json.decode(row["external_ids"], type=dict[str, str]),
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
        version=row["version"],
    )
