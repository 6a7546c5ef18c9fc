"""The sales pipeline: nine stages, an outcome, and the rules for moving between them."""

from __future__ import annotations

import enum

from crystalbay.errors import InvalidTransition, InvalidValue

__all__ = [
    "STAGES",
    "Outcome",
    "Stage",
    "check_outcome_change",
    "check_stage_move",
    "outcome_label",
    "parse_stage",
    "stage_label",
]


class Stage(enum.StrEnum):
    """Stable stage keys, in pipeline order."""

    NEW = "new"
    CONSULTATION = "consultation"
    TOUR_SELECTION = "tour_selection"
    COMMERCIAL_OFFER = "commercial_offer"
    ADD_ONS = "add_ons"
    PAID = "paid"
    ACCEPTED = "accepted"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"

    @property
    def position(self) -> int:
        """Zero-based position on the board."""
        return STAGES.index(self)


class Outcome(enum.StrEnum):
    """Whether the lead is still being worked on."""

    OPEN = "open"
    WON = "won"
    LOST = "lost"


STAGES: tuple[Stage, ...] = tuple(Stage)

_LABELS: dict[str, dict[str, str]] = {
    "ru": {
        Stage.NEW: "Новая заявка",
        Stage.CONSULTATION: "Консультация",
        Stage.TOUR_SELECTION: "Подбор тура",
        Stage.COMMERCIAL_OFFER: "Коммерческое предложение",
        Stage.ADD_ONS: "Доп. услуги",
        Stage.PAID: "Оплачено",
        Stage.ACCEPTED: "Принято клиентом",
        Stage.CONFIRMED: "Подтверждено",
        Stage.COMPLETED: "Завершено",
        Outcome.OPEN: "В работе",
        Outcome.WON: "Успешно",
        Outcome.LOST: "Проиграно",
    },
    "en": {
        Stage.NEW: "New request",
        Stage.CONSULTATION: "Consultation",
        Stage.TOUR_SELECTION: "Tour selection",
        Stage.COMMERCIAL_OFFER: "Commercial offer",
        Stage.ADD_ONS: "Add-ons",
        Stage.PAID: "Paid",
        Stage.ACCEPTED: "Accepted by customer",
        Stage.CONFIRMED: "Confirmed",
        Stage.COMPLETED: "Completed",
        Outcome.OPEN: "Open",
        Outcome.WON: "Won",
        Outcome.LOST: "Lost",
    },
}


def stage_label(stage: Stage, lang: str = "ru") -> str:
    """The stage's label in ``lang`` (Russian when the language is unknown)."""
    return _LABELS.get(lang, _LABELS["ru"])[stage]


def outcome_label(outcome: Outcome, lang: str = "ru") -> str:
    """The outcome's label in ``lang`` (Russian when the language is unknown)."""
    return _LABELS.get(lang, _LABELS["ru"])[outcome]


def parse_stage(raw: str, *, field: str = "stage") -> Stage:
    """Turn a stage key into a :class:`Stage`.

    Raises:
        InvalidValue: The key is not one of the pipeline's stages.
    """
    try:
        return Stage(raw)
    except ValueError:
        known = ", ".join(STAGES)
        raise InvalidValue(f"unknown stage {raw!r}; use one of: {known}", field=field) from None


def check_stage_move(current: Stage, target: Stage, outcome: Outcome) -> None:
    """Enforce the pipeline's movement rules.

    * Only open leads move; a lost or won lead must be reopened first.
    * Nothing passes the payment without stopping at ``paid``: a lead before ``paid``
      may move to ``paid`` at most.
    * Once paid, a lead cannot go back to a stage before payment.

    Raises:
        InvalidTransition: The move breaks one of the rules.
    """
    if current == target:
        return
    if outcome is not Outcome.OPEN:
        raise InvalidTransition(
            f"the lead is {outcome}; reopen it before moving it to {stage_label(target, 'en')!r}",
            field="stage",
        )
    paid = Stage.PAID.position
    if current.position < paid < target.position:
        raise InvalidTransition(
            f"a lead cannot skip payment: move it to 'Paid' before {stage_label(target, 'en')!r}",
            field="stage",
        )
    if current.position >= paid > target.position:
        raise InvalidTransition(
            "a paid lead cannot return to a stage before payment", field="stage"
        )


def check_outcome_change(
    stage: Stage, current: Outcome, target: Outcome, reason: str | None
) -> None:
    """Enforce the outcome rules.

    * Losing a lead needs a reason; a completed lead cannot be lost.
    * A lead is won only once it is paid or later.
    * Reopening (back to ``open``) is always allowed.

    Raises:
        InvalidTransition: The change breaks one of the rules.
    """
    if current == target or target is Outcome.OPEN:
        return
    if target is Outcome.LOST:
        if not (reason and reason.strip()):
            raise InvalidTransition("say why the lead is lost (lost_reason)", field="lost_reason")
        if stage is Stage.COMPLETED:
            raise InvalidTransition("a completed lead cannot be lost", field="outcome")
    if target is Outcome.WON and stage.position < Stage.PAID.position:
        raise InvalidTransition("only a paid lead can be won", field="outcome")
    if current is not Outcome.OPEN:
        raise InvalidTransition(f"the lead is {current}; reopen it first", field="outcome")
