"""LeadService: creation, the activity log, pipeline rules, events and optimistic concurrency."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crystalbay.domain.activity import FieldChange
from crystalbay.domain.leads import TripBrief
from crystalbay.domain.pipeline import Outcome, Stage, check_stage_move
from crystalbay.errors import Conflict, InvalidTransition, InvalidValue, NotFound
from crystalbay.events import LeadCreated, LeadStageChanged, LeadUpdated
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.storage.repositories import LeadFilter
from crystalbay.testing import EventRecorder
from crystalbay.testing.strategies import stages

if TYPE_CHECKING:
    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub


async def _lead(hub: Hub, **fields: object) -> Lead:
    draft = LeadDraft(**{"title": "Vietnam in March", **fields})  # type: ignore[arg-type]
    return await hub.leads.create(draft, actor="user:anna")


async def _walk_to(hub: Hub, lead: Lead, stage: Stage) -> Lead:
    for step in Stage:
        if not lead.stage.position < step.position <= stage.position:
            continue
        lead = await hub.leads.change(lead.id, LeadChanges(stage=step), actor="system")
    return lead


# -- creating -------------------------------------------------------------------------------


async def test_create_opens_a_lead_logs_it_and_announces_it(
    recorder: EventRecorder, hub: Hub
) -> None:
    started = datetime.now(UTC)
    lead = await hub.leads.create(
        LeadDraft(title="  Vietnam in March ", source="widget", tags=("Family", " family ", "VIP")),
        actor="user:anna",
    )

    assert lead.title == "Vietnam in March"
    assert (lead.stage, lead.outcome, lead.version, lead.score) == (Stage.NEW, Outcome.OPEN, 1, 0)
    assert lead.tags == ("family", "vip")
    assert await hub.leads.get(lead.id) == lead
    [entry] = await hub.leads.activity(lead.id)
    assert (entry.actor, entry.action, entry.note, entry.changes) == (
        "user:anna",
        "created",
        "Vietnam in March",
        (),
    )
    assert started - timedelta(seconds=1) <= entry.created_at <= datetime.now(UTC)
    assert recorder.events == [LeadCreated(lead_id=lead.id, source="widget")]


async def test_create_rejects_a_bad_title_and_writes_nothing(hub: Hub) -> None:
    for title in ("", "   ", "x" * 301):
        with pytest.raises(InvalidValue) as caught:
            await _lead(hub, title=title)
        assert caught.value.field == "title"
    assert (await hub.leads.list(LeadFilter()))[1] == 0
    assert (await _lead(hub, title="x" * 300)).title == "x" * 300


async def test_unknown_lead_is_not_found(hub: Hub) -> None:
    with pytest.raises(NotFound):
        await hub.leads.get(999)
    with pytest.raises(NotFound):
        await hub.leads.activity(999)
    with pytest.raises(NotFound):
        await hub.leads.change(999, LeadChanges(title="x"), actor="system")


# -- changing fields -------------------------------------------------------------------------


async def test_change_logs_who_changed_what_from_what_to_what(
    recorder: EventRecorder, hub: Hub
) -> None:
    lead = await _lead(hub)
    touch = datetime(2030, 1, 15, 9, 30, tzinfo=UTC)
    brief = TripBrief(country="Vietnam", adults=2)
    started = datetime.now(UTC)

    updated = await hub.leads.change(
        lead.id,
        LeadChanges(
            title="Vietnam, 2 adults", assignee="boris", score=70, next_touch_at=touch, brief=brief
        ),
        actor="user:boss",
    )

    assert (updated.title, updated.assignee, updated.score) == ("Vietnam, 2 adults", "boris", 70)
    assert updated.next_touch_at == touch
    assert updated.brief == brief
    assert updated.version == lead.version + 1
    entry = (await hub.leads.activity(lead.id))[-1]
    assert (entry.actor, entry.action) == ("user:boss", "updated")
    assert started - timedelta(seconds=1) <= entry.created_at <= datetime.now(UTC)
    assert entry.changes == (
        FieldChange(field="title", before="Vietnam in March", after="Vietnam, 2 adults"),
        FieldChange(field="assignee", before=None, after="boris"),
        FieldChange(field="score", before=0, after=70),
        FieldChange(field="next_touch_at", before=None, after="2030-01-15T09:30:00Z"),
        FieldChange(field="brief", before={}, after={"country": "Vietnam", "adults": 2}),
    )
    assert recorder.events[-1] == LeadUpdated(
        lead_id=lead.id, fields=("title", "assignee", "score", "next_touch_at", "brief")
    )


async def test_a_change_that_changes_nothing_writes_nothing(
    recorder: EventRecorder, hub: Hub
) -> None:
    lead = await _lead(hub, assignee="anna", tags=("vip",))
    events = len(recorder.events)

    same = await hub.leads.change(
        lead.id,
        LeadChanges(title=" Vietnam in March ", assignee="anna", tags=("VIP",)),
        actor="system",
    )

    assert same == lead
    assert len(await hub.leads.activity(lead.id)) == 1
    assert len(recorder.events) == events


async def test_only_changed_fields_are_logged(hub: Hub) -> None:
    lead = await _lead(hub, assignee="anna", score=10)

    await hub.leads.change(lead.id, LeadChanges(assignee="anna", score=20), actor="user:anna")

    entry = (await hub.leads.activity(lead.id))[-1]
    assert entry.changes == (FieldChange(field="score", before=10, after=20),)


async def test_tags_are_trimmed_lower_cased_deduplicated_and_sorted(hub: Hub) -> None:
    lead = await _lead(hub)

    updated = await hub.leads.change(
        lead.id, LeadChanges(tags=(" Beach", "beach ", "VIP", "family")), actor="user:anna"
    )

    assert updated.tags == ("beach", "family", "vip")
    found, total = await hub.leads.list(LeadFilter(tag="beach"))
    assert total == 1
    assert [f.id for f in found] == [lead.id]
    cleared = await hub.leads.change(lead.id, LeadChanges(tags=()), actor="user:anna")
    assert cleared.tags == ()
    assert (await hub.leads.list(LeadFilter(tag="beach")))[1] == 0


async def test_bad_tags_are_refused(hub: Hub) -> None:
    lead = await _lead(hub, tags=("vip",))
    for tags in [("",), ("   ",), ("x" * 65,), tuple(f"tag{i}" for i in range(21))]:
        with pytest.raises(InvalidValue) as caught:
            await hub.leads.change(lead.id, LeadChanges(tags=tags), actor="user:anna")
        assert caught.value.field == "tags"
        with pytest.raises(InvalidValue):
            await _lead(hub, tags=tags)
    assert await hub.leads.get(lead.id) == lead
    assert (await hub.leads.list(LeadFilter()))[1] == 1


async def test_twenty_tags_are_fine(hub: Hub) -> None:
    tags = tuple(f"tag{i:02d}" for i in range(20))
    lead = await _lead(hub, tags=(*tags, *tags))
    assert lead.tags == tags


async def test_score_out_of_bounds_is_refused(hub: Hub) -> None:
    lead = await _lead(hub, score=5)
    for score in (-1, 101, 1000):
        with pytest.raises(InvalidValue) as caught:
            await _lead(hub, score=score)
        assert caught.value.field == "score"
        with pytest.raises(InvalidValue) as caught:
            await hub.leads.change(lead.id, LeadChanges(score=score), actor="system")
        assert caught.value.field == "score"
    assert await hub.leads.get(lead.id) == lead
    assert (await hub.leads.list(LeadFilter()))[1] == 1


async def test_score_within_bounds_is_kept(hub: Hub) -> None:
    for score in (0, 1, 99, 100):
        lead = await _lead(hub, score=score)
        assert lead.score == score
        changed = await hub.leads.change(lead.id, LeadChanges(score=100 - score), actor="system")
        assert changed.score == 100 - score


# -- moving on the pipeline ----------------------------------------------------------------


async def test_stage_moves_are_logged_and_announced(recorder: EventRecorder, hub: Hub) -> None:
    lead = await _lead(hub)

    moved = await hub.leads.change(
        lead.id, LeadChanges(stage=Stage.CONSULTATION), actor="user:anna"
    )
    moved = await hub.leads.change(
        lead.id, LeadChanges(stage=Stage.PAID, score=90), actor="user:boss"
    )

    assert moved.stage is Stage.PAID
    assert moved.version == 3
    log = await hub.leads.activity(lead.id)
    assert [(e.actor, e.action) for e in log] == [
        ("user:anna", "created"),
        ("user:anna", "stage_changed"),
        ("user:boss", "stage_changed"),
    ]
    assert log[1].changes == (FieldChange(field="stage", before="new", after="consultation"),)
    assert log[2].changes == (
        FieldChange(field="stage", before="consultation", after="paid"),
        FieldChange(field="score", before=0, after=90),
    )
    assert recorder.events[1:] == [
        LeadStageChanged(lead_id=lead.id, before="new", after="consultation", actor="user:anna"),
        LeadStageChanged(lead_id=lead.id, before="consultation", after="paid", actor="user:boss"),
        LeadUpdated(lead_id=lead.id, fields=("score",)),
    ]


async def test_a_refused_move_writes_nothing(recorder: EventRecorder, hub: Hub) -> None:
    refused = [
        (Stage.NEW, Stage.ACCEPTED),
        (Stage.ADD_ONS, Stage.COMPLETED),
        (Stage.PAID, Stage.ADD_ONS),
        (Stage.COMPLETED, Stage.NEW),
    ]
    for start, target in refused:
        lead = await _walk_to(hub, await _lead(hub), start)
        log = await hub.leads.activity(lead.id)
        events = list(recorder.events)

        with pytest.raises(InvalidTransition) as caught:
            await hub.leads.change(lead.id, LeadChanges(stage=target, score=50), actor="user:anna")

        assert caught.value.field == "stage"
        assert await hub.leads.get(lead.id) == lead
        assert await hub.leads.activity(lead.id) == log
        assert recorder.events == events


async def test_a_stale_version_is_a_conflict(recorder: EventRecorder, hub: Hub) -> None:
    lead = await _lead(hub)
    first = await hub.leads.change(
        lead.id, LeadChanges(assignee="anna", version=lead.version), actor="user:anna"
    )
    log = await hub.leads.activity(lead.id)
    events = list(recorder.events)

    with pytest.raises(Conflict) as caught:
        await hub.leads.change(
            lead.id, LeadChanges(assignee="boris", version=lead.version), actor="user:boris"
        )

    assert caught.value.field == "version"
    assert await hub.leads.get(lead.id) == first
    assert await hub.leads.activity(lead.id) == log
    assert recorder.events == events
    again = await hub.leads.change(
        lead.id, LeadChanges(assignee="boris", version=first.version), actor="user:boris"
    )
    assert (again.assignee, again.version) == ("boris", first.version + 1)


async def test_lost_needs_a_reason_then_reopen_then_move(hub: Hub) -> None:
    lead = await _walk_to(hub, await _lead(hub), Stage.COMMERCIAL_OFFER)

    with pytest.raises(InvalidTransition) as caught:
        await hub.leads.change(lead.id, LeadChanges(outcome=Outcome.LOST), actor="user:anna")
    assert caught.value.field == "lost_reason"

    lost = await hub.leads.change(
        lead.id, LeadChanges(outcome=Outcome.LOST, lost_reason="too expensive"), actor="user:anna"
    )
    assert (lost.outcome, lost.lost_reason) == (Outcome.LOST, "too expensive")
    assert (await hub.leads.list(LeadFilter(outcome=Outcome.LOST)))[1] == 1

    with pytest.raises(InvalidTransition) as caught:
        await hub.leads.change(lead.id, LeadChanges(stage=Stage.ADD_ONS), actor="user:anna")
    assert caught.value.field == "stage"

    reopened = await hub.leads.change(lead.id, LeadChanges(outcome=Outcome.OPEN), actor="user:boss")
    assert (reopened.outcome, reopened.lost_reason) == (Outcome.OPEN, None)
    assert (await hub.leads.activity(lead.id))[-1].changes == (
        FieldChange(field="outcome", before="lost", after="open"),
        FieldChange(field="lost_reason", before="too expensive", after=None),
    )

    moved = await hub.leads.change(lead.id, LeadChanges(stage=Stage.ADD_ONS), actor="user:anna")
    assert (moved.stage, moved.outcome) == (Stage.ADD_ONS, Outcome.OPEN)


async def test_won_only_once_paid_and_completed_cannot_be_lost(hub: Hub) -> None:
    lead = await _walk_to(hub, await _lead(hub), Stage.ADD_ONS)
    with pytest.raises(InvalidTransition):
        await hub.leads.change(lead.id, LeadChanges(outcome=Outcome.WON), actor="user:anna")

    paid = await hub.leads.change(lead.id, LeadChanges(stage=Stage.PAID), actor="user:anna")
    won = await hub.leads.change(paid.id, LeadChanges(outcome=Outcome.WON), actor="user:anna")
    assert won.outcome is Outcome.WON

    done = await _walk_to(
        hub,
        await hub.leads.change(lead.id, LeadChanges(outcome=Outcome.OPEN), actor="user:anna"),
        Stage.COMPLETED,
    )
    assert done.stage is Stage.COMPLETED
    with pytest.raises(InvalidTransition) as caught:
        await hub.leads.change(
            lead.id,
            LeadChanges(outcome=Outcome.LOST, lost_reason="changed mind"),
            actor="user:anna",
        )
    assert caught.value.field == "outcome"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(moves=st.lists(stages, min_size=1, max_size=8))
async def test_the_service_applies_exactly_the_moves_the_rules_allow(
    hub: Hub, moves: list[Stage]
) -> None:
    lead = await _lead(hub)
    for target in moves:
        before = await hub.leads.get(lead.id)
        entries = len(await hub.leads.activity(lead.id))
        try:
            check_stage_move(before.stage, target, before.outcome)
        except InvalidTransition:
            allowed = False
        else:
            allowed = True
        try:
            after = await hub.leads.change(lead.id, LeadChanges(stage=target), actor="system")
        except InvalidTransition:
            assert not allowed
            assert await hub.leads.get(lead.id) == before
            assert len(await hub.leads.activity(lead.id)) == entries
            continue
        assert allowed
        assert after.stage is target
        moved = target is not before.stage
        assert after.version == before.version + moved
        assert len(await hub.leads.activity(lead.id)) == entries + moved


async def test_concurrent_unversioned_changes_are_all_applied(hub: Hub) -> None:
    lead = await hub.leads.create(LeadDraft(title="Busy lead"), actor="anna")

    await asyncio.gather(
        *(
            hub.leads.change(lead.id, LeadChanges(tags=(f"t{n}",)), actor=f"writer{n}")
            if n % 2
            else hub.leads.change(lead.id, LeadChanges(score=n), actor=f"writer{n}")
            for n in range(8)
        )
    )

    after = await hub.leads.get(lead.id)
    changes = [e for e in await hub.leads.activity(lead.id) if e.action != "created"]
    assert after.version == 1 + len(changes)
    assert len(changes) >= 2, "both kinds of change landed"
