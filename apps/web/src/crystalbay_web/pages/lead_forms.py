"""Forms of the lead page and their translation into service calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import msgspec

from crystalbay.domain.leads import Lead
from crystalbay.domain.messages import ConversationMode
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import InvalidValue
from crystalbay.services.leads import LeadChanges
from crystalbay_web.sessions import SessionUser

__all__ = ["EditForm", "ModeForm", "ReplyForm", "changes_from"]

Short = Annotated[str, msgspec.Meta(max_length=300)]


class EditForm(msgspec.Struct, frozen=True, kw_only=True):
    """The lead details form; ``tz_offset`` is the browser's ``getTimezoneOffset()``."""

    version: int
    title: Short = ""
    stage: Stage = Stage.NEW
    outcome: Outcome = Outcome.OPEN
    lost_reason: Annotated[str, msgspec.Meta(max_length=1000)] = ""
    tags: Annotated[str, msgspec.Meta(max_length=1400)] = ""
    assignee: Short = ""
    next_touch_at: Annotated[str, msgspec.Meta(max_length=32)] = ""
    tz_offset: Annotated[int, msgspec.Meta(ge=-900, le=900)] = 0
    score: Annotated[int, msgspec.Meta(ge=0, le=100)] = 0


class ReplyForm(msgspec.Struct, frozen=True, kw_only=True):
    """The reply box."""

    conversation_id: int
    text: Annotated[str, msgspec.Meta(max_length=4096)] = ""


class ModeForm(msgspec.Struct, frozen=True, kw_only=True):
    """The conversation's reply mode switch."""

    mode: ConversationMode


def _next_touch(raw: str, tz_offset: int) -> datetime | None:
    """A ``datetime-local`` value in the browser's zone, as UTC."""
    if not raw.strip():
        return None
    try:
        local = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidValue("the reminder date is not a date", field="next_touch_at") from None
    return (local + timedelta(minutes=tz_offset)).replace(tzinfo=UTC, second=0, microsecond=0)


def _assignee(form: EditForm, lead: Lead, user: SessionUser) -> str | None:
    wanted = form.assignee.strip() or None
    if not user.is_admin and wanted not in (None, user.username, lead.assignee):
        raise InvalidValue("a manager assigns leads to themselves only", field="assignee")
    return wanted


def changes_from(form: EditForm, lead: Lead, user: SessionUser) -> LeadChanges:
    """The fields of ``form`` that differ from ``lead``, as a version-guarded change.

    Raises:
        InvalidValue: A manager assigns someone else, or the reminder date is malformed.
    """
    wanted: dict[str, object] = {
        "title": form.title.strip() or lead.title,
        "stage": form.stage,
        "outcome": form.outcome,
        "lost_reason": (form.lost_reason.strip() or None)
        if form.outcome is Outcome.LOST
        else lead.lost_reason,
        "tags": tuple(sorted({t.strip().lower() for t in form.tags.split(",") if t.strip()})),
        "assignee": _assignee(form, lead, user),
        "next_touch_at": _next_touch(form.next_touch_at, form.tz_offset),
        "score": form.score,
    }
    changed = {k: v for k, v in wanted.items() if getattr(lead, k) != v}
    return LeadChanges(version=form.version, **changed)  # type: ignore[arg-type]
