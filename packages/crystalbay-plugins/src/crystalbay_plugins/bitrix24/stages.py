"""The stage map: which Bitrix24 deal stage stands for each local pipeline stage and outcome.

``crystalbay bitrix setup`` creates the travel pipeline and stores the map as JSON in the plugin
settings table (key ``stage_map``), where an admin may edit it::

    {"category_id": 5,
     "stages": {"new": "C5:NEW", "consultation": "C5:CB_CONSULT", ...},
     "won": "C5:WON", "lost": "C5:LOSE"}

A lead that is won or lost sits on the pipeline's success or failure stage; an open lead sits on
the stage of its local :class:`~crystalbay.domain.pipeline.Stage`.
"""

from __future__ import annotations

import msgspec

from crystalbay.domain.leads import Lead
from crystalbay.domain.pipeline import STAGES, Outcome, Stage

__all__ = [
    "LOST_IN_BITRIX",
    "STAGE_CODES",
    "RemoteChange",
    "StageMap",
    "deal_outcome_to_local",
    "deal_stage_to_local",
    "parse_stage_map",
    "remote_change",
]

STAGE_CODES: dict[Stage, str] = {
    Stage.NEW: "NEW",
    Stage.CONSULTATION: "CB_CONSULT",
    Stage.TOUR_SELECTION: "CB_SELECTION",
    Stage.COMMERCIAL_OFFER: "CB_OFFER",
    Stage.ADD_ONS: "CB_ADDONS",
    Stage.PAID: "CB_PAID",
    Stage.ACCEPTED: "CB_ACCEPTED",
    Stage.CONFIRMED: "CB_CONFIRMED",
    Stage.COMPLETED: "CB_COMPLETED",
}
"""``STATUS_ID`` codes ``bitrix setup`` gives the stages (before the server's ``C<n>:`` prefix).

``NEW`` is the start stage every pipeline has; the others stay far below the 22-character limit
of deal stage ids even with a long ``C<n>:`` prefix (contract 1.7).
"""


class StageMap(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Local stages and outcomes -> Bitrix24 ``STAGE_ID`` values of one deal pipeline.

    Attributes:
        category_id: The pipeline (``CATEGORY_ID``); 0 is the portal's default pipeline.
        stages: One Bitrix stage id per local stage.
        won: The success stage (semantics ``S``), used for won leads.
        lost: The failure stage (semantics ``F``), used for lost leads.
    """

    category_id: int
    stages: dict[Stage, str]
    won: str
    lost: str

    def __post_init__(self) -> None:
        missing = [s.value for s in STAGES if not self.stages.get(s)]
        if missing:
            raise ValueError(f"stage_map lacks a Bitrix stage for: {', '.join(missing)}")
        ids = [*self.stages.values(), self.won, self.lost]
        if len(set(ids)) != len(ids):
            raise ValueError("stage_map uses one Bitrix stage for two local stages or outcomes")

    def deal_stage(self, stage: Stage, outcome: Outcome = Outcome.OPEN) -> str:
        """The ``STAGE_ID`` for a lead at ``stage`` with ``outcome``."""
        if outcome is Outcome.WON:
            return self.won
        if outcome is Outcome.LOST:
            return self.lost
        return self.stages[stage]

    def to_json(self) -> str:
        """The JSON stored in the settings table (stages in pipeline order)."""
        ordered = {s.value: self.stages[s] for s in STAGES}
        payload = {"category_id": self.category_id, "stages": ordered}
        return msgspec.json.encode({**payload, "won": self.won, "lost": self.lost}).decode()


def parse_stage_map(text: str) -> StageMap:
    """Decode the stored JSON.

    Raises:
        ValueError: The text is not a valid stage map (the message says what is wrong).
    """
    try:
        return msgspec.json.decode(text, type=StageMap)
    except msgspec.ValidationError as exc:
        raise ValueError(f"stage_map is not valid: {exc}") from exc
    except msgspec.DecodeError as exc:
        raise ValueError(f"stage_map is not JSON: {exc}") from exc


def deal_stage_to_local(stage_id: str, mapping: StageMap) -> Stage | None:
    """The local stage a Bitrix deal stage stands for.

    Returns ``None`` for the success and failure stages (they are outcomes, see
    :func:`deal_outcome_to_local`) and for stages the map does not know.
    """
    for stage, mapped in mapping.stages.items():
        if mapped == stage_id:
            return stage
    return None


def deal_outcome_to_local(stage_id: str, mapping: StageMap) -> Outcome | None:
    """``won``/``lost`` for the success/failure stage, ``open`` for a mapped one, else ``None``."""
    if stage_id == mapping.won:
        return Outcome.WON
    if stage_id == mapping.lost:
        return Outcome.LOST
    return Outcome.OPEN if deal_stage_to_local(stage_id, mapping) else None


class RemoteChange(msgspec.Struct, frozen=True, kw_only=True):
    """What to change on a local lead after its deal moved in Bitrix24.

    Attributes:
        stage: The new local stage, or ``None`` to keep it.
        outcome: The new outcome, or ``None`` to keep it.
        lost_reason: Set with ``outcome=lost`` (the pipeline rules require a reason).
    """

    stage: Stage | None = None
    outcome: Outcome | None = None
    lost_reason: str | None = None


LOST_IN_BITRIX = "closed as lost in Bitrix24"


def remote_change(stage_id: str, lead: Lead, mapping: StageMap) -> RemoteChange | None:
    """The change a deal's stage asks of ``lead``, or ``None`` when there is nothing to do.

    This is the loop guard for outbound events: a deal we moved ourselves already matches the
    lead, so the event it triggers maps to ``None`` and must not be written back. Unknown stages
    (e.g. the unused default stages of a new pipeline) also give ``None``.
    """
    outcome = deal_outcome_to_local(stage_id, mapping)
    if outcome is None:
        return None
    stage = deal_stage_to_local(stage_id, mapping)
    if outcome is lead.outcome and (stage is None or stage is lead.stage):
        return None
    return RemoteChange(
        stage=stage if stage is not None and stage is not lead.stage else None,
        outcome=outcome if outcome is not lead.outcome else None,
        lost_reason=LOST_IN_BITRIX if outcome is Outcome.LOST else None,
    )
