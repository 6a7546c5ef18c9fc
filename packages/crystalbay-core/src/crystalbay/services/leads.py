"""Lead use cases: create, change (with pipeline rules and the activity log), list."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.activity import FieldChange
from crystalbay.domain.leads import Lead, TripBrief
from crystalbay.domain.pipeline import Outcome, Stage, check_outcome_change, check_stage_move
from crystalbay.errors import InvalidValue
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

        Raises:
            NotFound: No such lead.
            InvalidTransition: The pipeline rules forbid the change.
            InvalidValue: A field is out of range.
            Conflict: The lead changed since ``changes.version``.
        """
        async with self.db.transaction():
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
