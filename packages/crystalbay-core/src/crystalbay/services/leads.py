"""Lead use cases: create, change (with pipeline rules and the activity log), list."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.activity import FieldChange
from crystalbay.domain.leads import Lead, TripBrief
from crystalbay.domain.pipeline import Outcome, Stage, check_outcome_change, check_stage_move
from crystalbay.errors import Conflict, InvalidValue
from crystalbay.events import Event, LeadCreated, LeadStageChanged, LeadUpdated
from crystalbay.storage.repositories import LeadFilter, LeadRepository

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from crystalbay.domain.activity import ActivityEntry
    from crystalbay.storage import Database

__all__ = ["LeadChanges", "LeadDraft", "LeadService"]

UNSET = msgspec.UNSET
_MAX_TAGS = 20


class LeadDraft(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A new lead's fields."""

    title: str
    source: str = "manual"
    contact_id: int | None = None
    stage: Stage = Stage.NEW
    tags: tuple[str, ...] = ()
    assignee: str | None = None
    score: int = 0
    next_touch_at: datetime | None = None
    brief: TripBrief = msgspec.field(default_factory=TripBrief)


class LeadChanges(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A partial update; absent fields stay as they are.

    Attributes:
        version: When given, the change applies only if the lead is still at this version.
    """

    title: str | msgspec.UnsetType = UNSET
    stage: Stage | msgspec.UnsetType = UNSET
    outcome: Outcome | msgspec.UnsetType = UNSET
    lost_reason: str | msgspec.UnsetType | None = UNSET
    tags: tuple[str, ...] | msgspec.UnsetType = UNSET
    assignee: str | msgspec.UnsetType | None = UNSET
    score: int | msgspec.UnsetType = UNSET
    next_touch_at: datetime | msgspec.UnsetType | None = UNSET
    brief: TripBrief | msgspec.UnsetType = UNSET
    external_ids: dict[str, str] | msgspec.UnsetType = UNSET
    version: int | msgspec.UnsetType = UNSET


_TITLE_FROM_MESSAGE = 80
"""Characters of a customer's first message used as a lead's title."""

_UNVERSIONED_ATTEMPTS = 5
"""Reads and writes of an unversioned change before a concurrent writer's Conflict is raised."""


def normalize_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Trim, lower-case, de-duplicate and sort tags.

    Raises:
        InvalidValue: Too many tags, or a tag is empty or too long.
    """
    cleaned = sorted({t.strip().lower() for t in tags})
    if len(cleaned) > _MAX_TAGS or any(not t or len(t) > 64 for t in cleaned):  # noqa: PLR2004
        raise InvalidValue(
            f"tags must be 1-64 characters each, at most {_MAX_TAGS} tags", field="tags"
        )
    return tuple(cleaned)


def _check_score(score: int) -> None:
    if not 0 <= score <= 100:  # noqa: PLR2004
        raise InvalidValue(f"score must be between 0 and 100, got {score}", field="score")


def _check_title(title: str) -> str:
    cleaned = title.strip()
    if not cleaned or len(cleaned) > 300:  # noqa: PLR2004
        raise InvalidValue("title must be 1-300 characters", field="title")
    return cleaned


class LeadService:
    """Creates and changes leads; every change is logged and announced.

    Args:
        db: The database (for transactions).
        emit: Publishes an event after the change is committed.
    """

    def __init__(self, db: Database, emit: Callable[[Event], Awaitable[None]]) -> None:
        self.db = db
        self.repo = LeadRepository()
        self.emit = emit

    async def create(self, draft: LeadDraft, *, actor: str) -> Lead:
        """Open a lead at its stage and log it.

        Raises:
            InvalidValue: A field is out of range.
        """
        _check_score(draft.score)
        values = msgspec.structs.asdict(draft)
        values["title"] = _check_title(draft.title)
        values["tags"] = normalize_tags(draft.tags)
        async with self.db.transaction():
            lead = await self.repo.insert(values)
            await self.repo.add_activity(lead.id, actor=actor, action="created", note=lead.title)
        await self.emit(LeadCreated(lead_id=lead.id, source=lead.source))
        return lead

    async def open_from_message(
        self, contact_id: int, source: str, text: str, *, actor: str, untitled: str
    ) -> Lead:
        """Insert a lead titled after the customer's first message.

        Runs inside the caller's transaction; the caller announces the lead after commit.

        Args:
            contact_id: The contact it belongs to.
            source: Channel or form it came from.
            text: The message; its first 80 characters become the title.
            actor: Who opened it, for the activity log.
            untitled: The title when the message has no text.
        """
        flat = " ".join(text.split())
        title = (flat[:_TITLE_FROM_MESSAGE] + "…") if len(flat) > _TITLE_FROM_MESSAGE else flat
        values = msgspec.structs.asdict(LeadDraft(title=title or untitled, source=source))
        values["contact_id"] = contact_id
        lead = await self.repo.insert(values)
        await self.repo.add_activity(lead.id, actor=actor, action="created", note=lead.title)
        return lead

    async def get(self, lead_id: int) -> Lead:
        """Load a lead (raises NotFound)."""
        return await self.repo.get(lead_id)

    async def list(self, flt: LeadFilter) -> tuple[builtins.list[Lead], int]:
        """Leads matching ``flt`` and the total count."""
        return await self.repo.list(flt)

    async def activity(self, lead_id: int) -> builtins.list[ActivityEntry]:
        """The lead's activity log (raises NotFound for an unknown lead)."""
        await self.repo.get(lead_id)
        return await self.repo.activity(lead_id)

    async def change(self, lead_id: int, changes: LeadChanges, *, actor: str) -> Lead:
        """Apply ``changes`` under the pipeline rules; log before/after of every field.

        Without ``changes.version`` the change applies to the lead as it is now: when another
        writer got in between the read and the write, it is read and applied again.

        Raises:
            NotFound: No such lead.
            InvalidTransition: The pipeline rules forbid the change.
            InvalidValue: A field is out of range.
            Conflict: The lead changed since ``changes.version``.
        """
        if changes.version is not UNSET:
            return await self._change_once(lead_id, changes, actor=actor)
        for _ in range(_UNVERSIONED_ATTEMPTS - 1):
            try:
                return await self._change_once(lead_id, changes, actor=actor)
            except Conflict:
                continue
        return await self._change_once(lead_id, changes, actor=actor)

    async def _change_once(self, lead_id: int, changes: LeadChanges, *, actor: str) -> Lead:
        async with self.db.transaction():
            await self.db.lock([f"lead:{lead_id}"])  # writers of one lead take turns
            lead = await self.repo.get(lead_id)
            values = _validated(lead, changes)
            diff = [
                FieldChange(field=k, before=_plain(getattr(lead, k)), after=_plain(v))
                for k, v in values.items()
                if getattr(lead, k) != v
            ]
            if not diff:
                return lead
            version = lead.version if changes.version is UNSET else changes.version
            updated = await self.repo.update(
                lead_id, {c.field: values[c.field] for c in diff}, version=version
            )
            action = "stage_changed" if any(c.field == "stage" for c in diff) else "updated"
            await self.repo.add_activity(lead_id, actor=actor, action=action, changes=diff)
        await self._announce(lead, updated, diff, actor)
        return updated

    async def _announce(
        self, before: Lead, after: Lead, diff: builtins.list[FieldChange], actor: str
    ) -> None:
        if before.stage != after.stage:
            await self.emit(
                LeadStageChanged(
                    lead_id=after.id, before=before.stage, after=after.stage, actor=actor
                )
            )
        others = tuple(c.field for c in diff if c.field != "stage")
        if others:
            await self.emit(LeadUpdated(lead_id=after.id, fields=others))


def _validated(lead: Lead, changes: LeadChanges) -> dict[str, object]:
    values = {
        f: getattr(changes, f)
        for f in changes.__struct_fields__
        if f != "version" and getattr(changes, f) is not UNSET
    }
    if "title" in values:
        values["title"] = _check_title(str(values["title"]))
    if "tags" in values:
        values["tags"] = normalize_tags(values["tags"])
    if "score" in values:
        _check_score(int(values["score"]))
    outcome = values.get("outcome", lead.outcome)
    if outcome != lead.outcome:
        reason = values.get("lost_reason", lead.lost_reason)
        check_outcome_change(lead.stage, lead.outcome, outcome, reason)
        if outcome is not Outcome.LOST:
            values["lost_reason"] = None
    stage = values.get("stage", lead.stage)
    if stage != lead.stage:
        check_stage_move(lead.stage, stage, outcome)
    return values


def _plain(value: object) -> object:
    return msgspec.to_builtins(value)
