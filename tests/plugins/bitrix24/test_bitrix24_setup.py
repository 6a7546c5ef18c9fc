"""``bitrix setup``'s work: the travel pipeline with nine stages, idempotently."""

from __future__ import annotations

import copy

from crystalbay.domain.pipeline import STAGES, Stage, stage_label
from crystalbay_plugins.bitrix24.api import BitrixApi
from crystalbay_plugins.bitrix24.client import BitrixClient
from crystalbay_plugins.bitrix24.pipeline import setup_pipeline
from crystalbay_plugins.bitrix24.testing import FakeBitrix24

NAME = "Crystal Bay: туры"
WRITES = {"crm.dealcategory.add", "crm.status.add"}


def _board(fake: FakeBitrix24, category_id: int) -> list[str]:
    return [str(s["STATUS_ID"]) for s in fake.portal.stages_of(category_id)]


async def test_setup_creates_the_pipeline_with_every_stage_in_order(
    api: BitrixApi, fake: FakeBitrix24
) -> None:
    report = await setup_pipeline(api, name=NAME)

    mapping = report.stage_map
    assert report.created_category
    assert fake.portal.categories[mapping.category_id]["NAME"] == NAME
    board = _board(fake, mapping.category_id)
    ours = [board.index(mapping.stages[s]) for s in STAGES]
    assert ours == sorted(ours)  # the nine stages in pipeline order
    assert ours[-1] < board.index(mapping.won) < board.index(mapping.lost)
    assert mapping.stages[Stage.NEW] == f"C{mapping.category_id}:NEW"  # the pipeline's start
    assert len(report.created_stages) == 8
    names = {s["STATUS_ID"]: s["NAME"] for s in fake.portal.statuses}
    assert names[mapping.stages[Stage.PAID]] == stage_label(Stage.PAID, "ru")


async def test_the_stages_are_created_in_one_batch(
    api: BitrixApi, client: BitrixClient, fake: FakeBitrix24
) -> None:
    await setup_pipeline(api, name=NAME)

    paths = [r.path.rsplit("/", 1)[-1] for r in fake.requests]
    assert paths.count("batch.json") == 1
    assert fake.methods.count("crm.status.add") == 8
    assert client.calls == 4  # list pipelines, add pipeline, list stages, one batch


async def test_running_setup_twice_changes_nothing(api: BitrixApi, fake: FakeBitrix24) -> None:
    first = await setup_pipeline(api, name=NAME)
    state = copy.deepcopy((fake.portal.categories, fake.portal.statuses))
    writes = [m for m in fake.methods if m in WRITES]

    second = await setup_pipeline(api, name=NAME, current=first.stage_map)
    third = await setup_pipeline(api, name=NAME)  # the stored map was lost: found by name

    assert second.stage_map == first.stage_map == third.stage_map
    assert not second.created_category
    assert second.created_stages == third.created_stages == ()
    assert (fake.portal.categories, fake.portal.statuses) == state
    assert [m for m in fake.methods if m in WRITES] == writes


async def test_setup_restores_only_a_deleted_stage(api: BitrixApi, fake: FakeBitrix24) -> None:
    first = await setup_pipeline(api, name=NAME)
    paid = first.stage_map.stages[Stage.PAID]
    fake.portal.statuses = [s for s in fake.portal.statuses if s["STATUS_ID"] != paid]

    again = await setup_pipeline(api, name=NAME, current=first.stage_map)

    assert again.created_stages == (paid,)
    assert again.stage_map == first.stage_map
    assert paid in _board(fake, first.stage_map.category_id)


async def test_an_admins_mapping_to_an_existing_stage_is_kept(
    api: BitrixApi, fake: FakeBitrix24
) -> None:
    first = await setup_pipeline(api, name=NAME)
    category = first.stage_map.category_id
    stages = dict(first.stage_map.stages)
    stages[Stage.CONSULTATION] = f"C{category}:PREPARATION"  # a default stage, re-used
    edited = type(first.stage_map)(
        category_id=category, stages=stages, won=first.stage_map.won, lost=first.stage_map.lost
    )

    again = await setup_pipeline(api, name=NAME, current=edited)

    assert again.stage_map == edited
    assert again.created_stages == ()
    assert fake.methods.count("crm.status.add") == 8  # only the first run created stages
