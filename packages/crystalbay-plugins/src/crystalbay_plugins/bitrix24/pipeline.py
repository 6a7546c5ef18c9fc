"""Create (or find) the travel deal pipeline and its stages: ``crystalbay bitrix setup``.

Idempotent: the pipeline is found by the stored ``category_id`` or by name, stages by their
``STATUS_ID``; only what is missing is created (the stages in one ``batch``). A second run
makes no write calls and returns the same map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.pipeline import STAGES, Outcome, Stage, outcome_label, stage_label
from crystalbay_plugins.bitrix24.api import stage_entity
from crystalbay_plugins.bitrix24.models import NewStage, StageStatus
from crystalbay_plugins.bitrix24.stages import STAGE_CODES, StageMap

if TYPE_CHECKING:
    from crystalbay_plugins.bitrix24.api import BitrixApi

__all__ = ["SetupReport", "plan_stages", "setup_pipeline"]

_START_SORT = 10  # a new pipeline's first stage (inferred from default portals)
_SPAN = 100  # room for the stages when the pipeline has no success stage yet


class SetupReport(msgspec.Struct, frozen=True, kw_only=True):
    """What ``setup_pipeline`` found or created."""

    stage_map: StageMap
    created_category: bool
    created_stages: tuple[str, ...]


class StagePlan(msgspec.Struct, frozen=True, kw_only=True):
    """The stage map of a pipeline and the stages still to create for it."""

    stage_map: StageMap
    new: tuple[NewStage, ...]


async def setup_pipeline(
    api: BitrixApi, *, name: str, current: StageMap | None = None, lang: str = "ru"
) -> SetupReport:
    """Make sure the pipeline ``name`` exists with a stage for every local stage and outcome.

    Args:
        api: The Bitrix24 calls.
        name: The pipeline's name (found by name when ``current`` does not point at one).
        current: The stored map; its stages are kept where they still exist (admin edits win).
        lang: Language of the stage names created.
    """
    category_id, created = await _ensure_category(api, name, current)
    existing = await api.list_stages(category_id)
    keep = current if current is not None and current.category_id == category_id else None
    plan = plan_stages(category_id, existing, keep, lang=lang)
    if plan.new:
        await api.add_stages(plan.new)
    return SetupReport(
        stage_map=plan.stage_map,
        created_category=created,
        created_stages=tuple(s.status_id for s in plan.new),
    )


async def _ensure_category(api: BitrixApi, name: str, current: StageMap | None) -> tuple[int, bool]:
    if current is not None and current.category_id == 0:
        return 0, False  # the admin mapped the portal's default pipeline
    categories = await api.list_categories()
    if current is not None and any(c.id == current.category_id for c in categories):
        return current.category_id, False
    for category in categories:
        if category.name.strip() == name.strip():
            return category.id, False
    return await api.add_category(name), True


def plan_stages(
    category_id: int, existing: list[StageStatus], current: StageMap | None, *, lang: str = "ru"
) -> StagePlan:
    """Map every local stage and outcome to an existing stage, or plan a new one (pure)."""
    by_id = {s.status_id: s for s in existing}
    prefix = f"C{category_id}:" if category_id else ""
    entity = stage_entity(category_id)
    start = by_id.get(prefix + "NEW")
    start_sort = start.sort if start else _START_SORT
    success = _find(existing, by_id, current.won if current else None, prefix + "WON", "S")
    won_sort = success.sort if success else start_sort + _SPAN
    new: list[NewStage] = []
    stages: dict[Stage, str] = {}
    for index, stage in enumerate(STAGES):
        kept = current.stages.get(stage) if current else None
        wanted = kept if kept in by_id else prefix + STAGE_CODES[stage]
        stages[stage] = wanted
        if wanted not in by_id:
            sort = start_sort + index * max(1, (won_sort - start_sort) // len(STAGES))
            new.append(
                NewStage(entity_id=entity, status_id=wanted, name=_label(stage, lang), sort=sort)
            )
    won = success.status_id if success else prefix + "WON"
    if success is None:
        new.append(_outcome_stage(entity, won, Outcome.WON, won_sort, lang))
    failure = _find(existing, by_id, current.lost if current else None, prefix + "LOSE", "F")
    lost = failure.status_id if failure else prefix + "LOSE"
    if failure is None:
        new.append(_outcome_stage(entity, lost, Outcome.LOST, won_sort + 10, lang))
    mapping = StageMap(category_id=category_id, stages=stages, won=won, lost=lost)
    return StagePlan(stage_map=mapping, new=tuple(new))


def _find(
    existing: list[StageStatus],
    by_id: dict[str, StageStatus],
    kept: str | None,
    code: str,
    kind: str,
) -> StageStatus | None:
    """The stored stage, else the default one by id, else the first of its semantics."""
    for candidate in (kept, code):
        if candidate and candidate in by_id:
            return by_id[candidate]
    semantic = {"S": "success", "F": "failure"}[kind]
    return next(
        (s for s in existing if (s.semantics or "").lower() in (kind.lower(), semantic)), None
    )


def _label(stage: Stage, lang: str) -> str:
    return stage_label(stage, lang)


def _outcome_stage(entity: str, status_id: str, outcome: Outcome, sort: int, lang: str) -> NewStage:
    semantics = "S" if outcome is Outcome.WON else "F"
    name = outcome_label(outcome, lang)
    return NewStage(
        entity_id=entity, status_id=status_id, name=name, sort=sort, semantics=semantics
    )
