"""IntakeService.import_lead: contact + lead + message, exactly once per Idempotency-Key."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import Conflict, InvalidValue
from crystalbay.events import LeadCreated, MessageReceived
from crystalbay.services.intake import LeadImport
from crystalbay.services.leads import LeadChanges
from crystalbay.storage.tables import (
    Activity,
    ContactPoint,
    ContactRow,
    ConversationRow,
    IdempotencyRow,
    LeadRow,
    MessageRow,
)
from crystalbay.testing import EventRecorder

if TYPE_CHECKING:
    from crystalbay.hub import Hub

FORM = LeadImport(
    name="Aigerim",
    phone="8 (701) 123-45-67",
    message="Hello! Vietnam for two in March, up to $2000",
    source="Widget",
)


async def _counts() -> dict[str, int]:
    tables = (
        ContactRow,
        ContactPoint,
        LeadRow,
        Activity,
        ConversationRow,
        MessageRow,
        IdempotencyRow,
    )
    return {table._meta.tablename: await table.count() for table in tables}


async def test_import_creates_contact_lead_and_message(recorder: EventRecorder, hub: Hub) -> None:
    result = await hub.intake.import_lead(FORM, actor="api:website")

    assert (result.created, result.replayed) == (True, False)
    contact = await hub.contacts.get(result.contact_id)
    assert (contact.name, contact.phones) == ("Aigerim", ("+77011234567",))
    lead = await hub.leads.get(result.lead_id)
    assert lead.contact_id == contact.id
    assert (lead.stage, lead.outcome, lead.source) == (Stage.NEW, Outcome.OPEN, "widget")
    assert lead.title == FORM.message
    [conversation] = await hub.intake.conversations.for_lead(lead.id)
    assert (conversation.channel, conversation.contact_id) == ("widget", contact.id)
    [message] = await hub.intake.conversations.messages(conversation.id)
    assert message.text == FORM.message
    assert (message.direction, message.status) == (Direction.INBOUND, DeliveryStatus.RECEIVED)
    assert message.author == "Aigerim"
    log = await hub.leads.activity(lead.id)
    assert [(e.actor, e.action) for e in log] == [
        ("api:website", "created"),
        ("api:website", "message"),
    ]
    assert recorder.events == [
        LeadCreated(lead_id=lead.id, source="widget"),
        MessageReceived(message_id=message.id, lead_id=lead.id),
    ]


async def test_a_long_message_gives_a_short_title_and_no_message_a_default_one(hub: Hub) -> None:
    long = await hub.intake.import_lead(
        LeadImport(phone="+77011234567", message="word " * 50), actor="api:website"
    )
    bare = await hub.intake.import_lead(
        LeadImport(name="Boris", email="boris@example.com"), actor="api:website"
    )

    title = (await hub.leads.get(long.lead_id)).title
    assert title.endswith("…")
    assert len(title) <= 81
    assert (await hub.leads.get(bare.lead_id)).title == "Request from Boris"
    assert await hub.intake.conversations.for_lead(bare.lead_id) == []


async def test_a_second_import_from_the_same_person_lands_on_the_same_open_lead(hub: Hub) -> None:
    first = await hub.intake.import_lead(FORM, actor="api:website")
    second = await hub.intake.import_lead(
        LeadImport(phone="+7 701 123 45 67", message="Any news?", source="widget"),
        actor="api:website",
    )

    assert (second.lead_id, second.contact_id) == (first.lead_id, first.contact_id)
    assert (second.created, second.replayed) == (False, False)
    assert await LeadRow.count() == 1
    conversations = await hub.intake.conversations.for_lead(first.lead_id)
    assert len(conversations) == 1  # one person, one chat, however the phone is spelled
    texts = [m.text for m in await hub.intake.conversations.messages(conversations[0].id)]
    assert texts == [FORM.message, "Any news?"]


async def test_an_import_after_the_lead_closed_opens_a_new_lead(hub: Hub) -> None:
    first = await hub.intake.import_lead(FORM, actor="api:website")
    await hub.leads.change(
        first.lead_id,
        LeadChanges(outcome=Outcome.LOST, lost_reason="went elsewhere"),
        actor="user:anna",
    )

    again = await hub.intake.import_lead(
        LeadImport(phone="+77011234567", message="Me again", source="widget"), actor="api:website"
    )

    assert again.created
    assert again.contact_id == first.contact_id
    assert again.lead_id != first.lead_id
    [conversation] = await hub.intake.conversations.for_lead(again.lead_id)
    assert len(await hub.intake.conversations.messages(conversation.id)) == 2


async def test_the_same_idempotency_key_replays_the_result_and_writes_nothing(
    recorder: EventRecorder, hub: Hub
) -> None:
    first = await hub.intake.import_lead(FORM, actor="api:website", idempotency_key="k-1")
    counts = await _counts()
    events = list(recorder.events)

    replay = await hub.intake.import_lead(FORM, actor="api:website", idempotency_key="k-1")

    assert (replay.lead_id, replay.contact_id) == (first.lead_id, first.contact_id)
    assert (replay.created, replay.replayed) == (False, True)
    assert await _counts() == counts
    assert recorder.events == events


async def test_the_same_key_with_another_body_is_a_conflict(hub: Hub) -> None:
    await hub.intake.import_lead(FORM, actor="api:website", idempotency_key="k-1")
    counts = await _counts()
    other = LeadImport(name=FORM.name, phone=FORM.phone, message="Turkey instead", source="widget")

    with pytest.raises(Conflict) as caught:
        await hub.intake.import_lead(other, actor="api:website", idempotency_key="k-1")

    assert caught.value.field == "Idempotency-Key"
    assert await _counts() == counts
    fresh = await hub.intake.import_lead(other, actor="api:website", idempotency_key="k-2")
    assert not fresh.replayed


async def test_concurrent_imports_with_one_key_make_exactly_one_lead(hub: Hub) -> None:
    results = await asyncio.gather(
        *(
            hub.intake.import_lead(FORM, actor="api:website", idempotency_key="burst")
            for _ in range(10)
        )
    )

    assert len({r.lead_id for r in results}) == 1
    assert len({r.contact_id for r in results}) == 1
    assert sum(r.created for r in results) == 1
    assert sum(r.replayed for r in results) == 9
    counts = await _counts()
    assert counts["leads"] == counts["contacts"] == counts["idempotency_keys"] == 1
    assert counts["messages"] == 1


INVALID = [
    (LeadImport(name="No contact", message="hi"), "phone"),
    (LeadImport(phone="12345", message="hi"), "phone"),
    (LeadImport(phone="call me maybe", message="hi"), "phone"),
    (LeadImport(email="not-an-email", message="hi"), "email"),
    (LeadImport(phone="+77011234567", email="a@b", message="hi"), "email"),
    (LeadImport(phone="+77011234567", message="x" * 10_001), "message"),
    (LeadImport(phone="+77011234567", source="web site!"), "source"),
    (LeadImport(phone="+77011234567", source="  "), "source"),
]


async def test_invalid_imports_are_refused_and_write_nothing(
    recorder: EventRecorder, hub: Hub
) -> None:
    for form, field in INVALID:
        with pytest.raises(InvalidValue) as caught:
            await hub.intake.import_lead(form, actor="api:website", idempotency_key="k-bad")
        assert caught.value.field == field, form

    assert set((await _counts()).values()) == {0}
    assert recorder.events == []
    accepted = await hub.intake.import_lead(FORM, actor="api:website", idempotency_key="k-bad")
    assert not accepted.replayed  # a refused request does not use up its key
