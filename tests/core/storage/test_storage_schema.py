"""Storage: migrations apply once and are idempotent; unique indexes reject duplicates."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import asyncpg
import pytest
from piccolo.apps.migrations.tables import Migration

from crystalbay.domain.accounts import Role
from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.services.leads import LeadDraft
from crystalbay.storage.migrate import migrate
from crystalbay.storage.tables import IdempotencyRow, MessageRow

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable

    from crystalbay.hub import Hub

UNIQUE_VIOLATION = (sqlite3.IntegrityError, asyncpg.UniqueViolationError)


async def _applied() -> list[str]:
    rows = await Migration.select(Migration.name).where(Migration.app_name == "crystalbay")
    return sorted(row["name"] for row in rows)


async def test_starting_a_second_hub_on_the_same_database_changes_nothing(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> None:
    async with hub_factory() as first:
        applied = await _applied()
        lead = await first.leads.create(LeadDraft(title="Vietnam in March"), actor="system")
        user = await first.accounts.create_user("anna", "correct horse", Role.MANAGER)

    async with hub_factory() as second:
        assert await _applied() == applied
        assert await second.leads.get(lead.id) == lead
        assert (await second.accounts.authenticate("anna", "correct horse")).id == user.id
        await migrate()  # and once more by hand: nothing pending, nothing applied twice
        assert await _applied() == applied

    assert len(applied) >= 2
    assert len(set(applied)) == len(applied)


async def test_a_message_is_unique_per_channel_and_external_id(hub: Hub) -> None:
    repo = hub.intake.conversations

    async def store(channel: str, external_id: str | None) -> None:
        await repo.add_message(
            conversation_id=None,
            direction=Direction.INBOUND,
            channel=channel,
            text="hello",
            status=DeliveryStatus.RECEIVED,
            external_id=external_id,
        )

    await store("wazzup24", "msg-1")
    with pytest.raises(UNIQUE_VIOLATION):
        await store("wazzup24", "msg-1")

    await store("telegram", "msg-1")  # the same id in another channel is another message
    await store("wazzup24", "msg-2")
    await store("wazzup24", None)  # messages without a vendor id never clash
    await store("wazzup24", None)
    assert await MessageRow.count() == 5
    assert await MessageRow.count().where(MessageRow.external_id == "msg-1") == 2


async def test_an_idempotency_key_is_unique_per_scope(hub: Hub) -> None:
    keys = hub.intake.keys
    await keys.remember("leads.import", "k-1", "hash-a", 1)
    with pytest.raises(UNIQUE_VIOLATION):
        await keys.remember("leads.import", "k-1", "hash-b", 2)
    await keys.remember("bookings.create", "k-1", "hash-b", 2)

    assert await keys.find("leads.import", "k-1") == ("hash-a", 1)
    assert await keys.find("bookings.create", "k-1") == ("hash-b", 2)
    assert await keys.find("leads.import", "k-2") is None
    assert await IdempotencyRow.count() == 2
