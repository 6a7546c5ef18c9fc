"""The pipeline's movement and outcome rules, labels and stage parsing."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from crystalbay.domain.pipeline import (
    STAGES,
    Outcome,
    Stage,
    check_outcome_change,
    check_stage_move,
    outcome_label,
    parse_stage,
    stage_label,
)
from crystalbay.errors import InvalidTransition, InvalidValue
from crystalbay.testing.strategies import outcomes, stages

if TYPE_CHECKING:
    from collections.abc import Callable

PAID = Stage.PAID.position
before_paid = st.sampled_from([s for s in STAGES if s.position < PAID])
paid_or_later = st.sampled_from([s for s in STAGES if s.position >= PAID])
closed = st.sampled_from([Outcome.WON, Outcome.LOST])
reasons = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())
blank_reasons = st.sampled_from([None, "", "   ", "\t\n"])


def _refusal(check: Callable[[], None]) -> InvalidTransition | None:
    try:
        check()
    except InvalidTransition as exc:
        return exc
    return None


def allowed_move(current: Stage, target: Stage, outcome: Outcome) -> bool:
    """Whether the move passes; a refusal must name the ``stage`` field and say why."""
    refusal = _refusal(lambda: check_stage_move(current, target, outcome))
    if refusal is not None:
        assert refusal.field == "stage"
        assert refusal.detail
    return refusal is None


def allowed_outcome(stage: Stage, current: Outcome, target: Outcome, reason: str | None) -> bool:
    """Whether the outcome change passes; a refusal names its field and says why."""
    refusal = _refusal(lambda: check_outcome_change(stage, current, target, reason))
    if refusal is not None:
        assert refusal.field in {"outcome", "lost_reason"}
        assert refusal.detail
    return refusal is None


# -- stage moves ---------------------------------------------------------------------------


def test_stages_are_nine_in_board_order() -> None:
    assert len(STAGES) == 9
    assert STAGES[0] is Stage.NEW
    assert STAGES[-1] is Stage.COMPLETED
    assert [s.position for s in STAGES] == list(range(9))


@given(stages, outcomes)
def test_staying_on_the_same_stage_is_always_allowed(stage: Stage, outcome: Outcome) -> None:
    assert allowed_move(stage, stage, outcome)


@given(stages, stages, closed)
def test_only_open_leads_move(current: Stage, target: Stage, outcome: Outcome) -> None:
    assume(current != target)
    assert not allowed_move(current, target, outcome)


@given(before_paid, paid_or_later)
def test_a_lead_cannot_skip_paid(current: Stage, target: Stage) -> None:
    assert allowed_move(current, target, Outcome.OPEN) == (target is Stage.PAID)


@given(paid_or_later, before_paid)
def test_a_paid_lead_cannot_go_back_before_payment(current: Stage, target: Stage) -> None:
    assert not allowed_move(current, target, Outcome.OPEN)


@given(before_paid, before_paid)
def test_open_leads_move_freely_before_payment(current: Stage, target: Stage) -> None:
    assert allowed_move(current, target, Outcome.OPEN)


@given(paid_or_later, paid_or_later)
def test_open_leads_move_freely_after_payment(current: Stage, target: Stage) -> None:
    assert allowed_move(current, target, Outcome.OPEN)


@given(stages, stages)
def test_an_open_move_is_refused_exactly_when_it_crosses_payment_wrongly(
    current: Stage, target: Stage
) -> None:
    skips_paid = current.position < PAID < target.position
    returns_before_paid = current.position >= PAID > target.position
    assert allowed_move(current, target, Outcome.OPEN) == (
        not skips_paid and not returns_before_paid
    )


@given(st.lists(stages, min_size=1, max_size=12))
def test_any_walk_of_allowed_moves_passes_paid_at_most_once(walk: list[Stage]) -> None:
    position = Stage.NEW
    visited = [position]
    for target in walk:
        if allowed_move(position, target, Outcome.OPEN):
            position = target
            visited.append(position)
    crossings = [
        (a, b) for a, b in itertools.pairwise(visited) if (a.position < PAID) != (b.position < PAID)
    ]
    assert all(b is Stage.PAID for _, b in crossings)
    assert len(crossings) <= 1


def test_the_whole_pipeline_can_be_walked_one_step_at_a_time() -> None:
    for current, target in itertools.pairwise(STAGES):
        check_stage_move(current, target, Outcome.OPEN)


# -- outcomes ------------------------------------------------------------------------------


@given(stages, outcomes, st.one_of(st.none(), st.text(max_size=10)))
def test_reopening_is_always_allowed(stage: Stage, current: Outcome, reason: str | None) -> None:
    assert allowed_outcome(stage, current, Outcome.OPEN, reason)


@given(stages, outcomes, st.one_of(blank_reasons, reasons))
def test_keeping_the_outcome_is_always_allowed(
    stage: Stage, outcome: Outcome, reason: str | None
) -> None:
    assert allowed_outcome(stage, outcome, outcome, reason)


@given(stages, st.sampled_from([Outcome.OPEN, Outcome.WON]), blank_reasons)
def test_losing_a_lead_needs_a_reason(stage: Stage, current: Outcome, reason: str | None) -> None:
    with pytest.raises(InvalidTransition) as caught:
        check_outcome_change(stage, current, Outcome.LOST, reason)
    assert caught.value.field == "lost_reason"


@given(reasons)
def test_a_completed_lead_cannot_be_lost(reason: str) -> None:
    with pytest.raises(InvalidTransition) as caught:
        check_outcome_change(Stage.COMPLETED, Outcome.OPEN, Outcome.LOST, reason)
    assert caught.value.field == "outcome"


@given(stages, reasons)
def test_an_open_lead_before_completion_can_be_lost_with_a_reason(
    stage: Stage, reason: str
) -> None:
    assert allowed_outcome(stage, Outcome.OPEN, Outcome.LOST, reason) == (
        stage is not Stage.COMPLETED
    )


@given(stages, st.one_of(blank_reasons, reasons))
def test_an_open_lead_is_won_only_once_paid(stage: Stage, reason: str | None) -> None:
    assert allowed_outcome(stage, Outcome.OPEN, Outcome.WON, reason) == (stage.position >= PAID)


@given(stages, reasons)
def test_a_closed_lead_must_be_reopened_before_the_other_outcome(stage: Stage, reason: str) -> None:
    assert not allowed_outcome(stage, Outcome.WON, Outcome.LOST, reason)
    assert not allowed_outcome(stage, Outcome.LOST, Outcome.WON, reason)


# -- labels and parsing --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_stage_and_outcome_has_a_distinct_label(lang: str) -> None:
    stage_labels = [stage_label(s, lang) for s in STAGES]
    outcome_labels = [outcome_label(o, lang) for o in Outcome]
    labels = stage_labels + outcome_labels
    assert all(label.strip() for label in labels)
    assert len(set(labels)) == len(labels)
    assert not set(stage_labels) & set(STAGES)  # labels are words, not keys


def test_russian_and_english_labels_differ_and_russian_is_the_fallback() -> None:
    for stage in STAGES:
        assert stage_label(stage, "ru") != stage_label(stage, "en")
        assert stage_label(stage) == stage_label(stage, "ru") == stage_label(stage, "kk")
    assert stage_label(Stage.PAID, "en") == "Paid"
    assert stage_label(Stage.PAID, "ru") == "Оплачено"
    assert outcome_label(Outcome.LOST, "de") == outcome_label(Outcome.LOST, "ru")


@given(stages)
def test_parse_stage_round_trips_every_key(stage: Stage) -> None:
    assert parse_stage(stage.value) is stage
    assert parse_stage(str(stage)) is stage


@given(st.text(max_size=30))
def test_parse_stage_rejects_unknown_keys_naming_the_field(raw: str) -> None:
    assume(raw not in {s.value for s in STAGES})
    with pytest.raises(InvalidValue) as caught:
        parse_stage(raw, field="board.column")
    assert caught.value.field == "board.column"
    assert "new" in caught.value.detail  # the message lists the valid keys


@pytest.mark.parametrize("raw", ["New", " new", "PAID", "Оплачено", "won", ""])
def test_parse_stage_is_strict_about_keys(raw: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_stage(raw)
    assert caught.value.field == "stage"
