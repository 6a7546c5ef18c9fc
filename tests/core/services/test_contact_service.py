"""ContactService: one person across channels, merging and undoing a merge."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crystalbay.domain.contacts import ChannelIdentity, Contact
from crystalbay.errors import Conflict, InvalidValue, NotFound
from crystalbay.events import ContactsMerged
from crystalbay.services.intake import LeadImport
from crystalbay.services.leads import LeadDraft
from crystalbay.storage.repositories import LeadFilter, contact_points
from crystalbay.storage.tables import ContactMergeRow, ContactPoint, ContactRow
from crystalbay.testing import EventRecorder

if TYPE_CHECKING:
    from crystalbay.hub import Hub

PHONE = "+77011234567"
OTHER_PHONE = "+77779876543"
EMAIL = "aigerim@example.com"
TELEGRAM = ChannelIdentity(channel="telegram", address="123456789")
WHATSAPP = ChannelIdentity(channel="whatsapp", address="77011234567")


async def _live_contacts(hub: Hub) -> list[Contact]:
    contacts, total = await hub.contacts.list(query=None, limit=1000, offset=0)
    assert len(contacts) == total
    return contacts


async def _shared_points() -> dict[tuple[str, str], set[int]]:
    """Points owned by more than one live contact, with their owners (two queries)."""
    live = {
        row["id"]
        for row in await ContactRow.select(ContactRow.id).where(ContactRow.merged_into.is_null())
    }
    owners: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for row in await ContactPoint.select():
        if row["contact_id"] in live:
            owners[row["kind"], row["value"]].add(row["contact_id"])
    return {point: ids for point, ids in owners.items() if len(ids) > 1}


# -- resolving -----------------------------------------------------------------------------


async def test_the_same_person_across_channels_becomes_one_contact(hub: Hub) -> None:
    c = hub.contacts
    whatsapp = await c.resolve(
        c.normalized(name="Aigerim", phones=["8 (701) 123-45-67"], identities=[WHATSAPP])
    )
    email = await c.resolve(
        c.normalized(emails=["Aigerim@Example.COM"], phones=["+7 701 123 45 67"])
    )
    telegram = await c.resolve(c.normalized(name="Айгерим", emails=[EMAIL], identities=[TELEGRAM]))
    telegram_again = await c.resolve(c.normalized(identities=[TELEGRAM]))

    assert whatsapp.id == email.id == telegram.id == telegram_again.id
    assert telegram_again.name == "Aigerim"  # the first name given is kept
    assert telegram_again.phones == (PHONE,)
    assert telegram_again.emails == (EMAIL,)
    assert set(telegram_again.identities) == {WHATSAPP, TELEGRAM}
    assert [x.id for x in await _live_contacts(hub)] == [whatsapp.id]


async def test_different_people_stay_apart(hub: Hub) -> None:
    c = hub.contacts
    first = await c.resolve(c.normalized(name="Aigerim", phones=[PHONE]))
    second = await c.resolve(c.normalized(name="Boris", phones=[OTHER_PHONE]))
    third = await c.resolve(c.normalized(emails=["boris@example.com"]))
    fourth = await c.resolve(
        c.normalized(identities=[ChannelIdentity(channel="whatsapp", address=PHONE[1:])])
    )

    assert len({first.id, second.id, third.id, fourth.id}) == 4
    assert len(await _live_contacts(hub)) == 4


async def test_an_anonymous_contact_gets_the_first_name_given(hub: Hub) -> None:
    c = hub.contacts
    anonymous = await c.resolve(c.normalized(identities=[TELEGRAM]))
    named = await c.resolve(c.normalized(name="  Aigerim ", identities=[TELEGRAM]))
    renamed = await c.resolve(c.normalized(name="Someone else", identities=[TELEGRAM]))

    assert anonymous.name == ""
    assert named.id == anonymous.id
    assert named.name == renamed.name == "Aigerim"


async def test_details_matching_two_people_do_not_make_them_share_a_point(hub: Hub) -> None:
    c = hub.contacts
    by_phone = await c.resolve(c.normalized(phones=[PHONE]))
    by_email = await c.resolve(c.normalized(emails=[EMAIL]))
    assert by_email.id is not None

    both = await c.resolve(c.normalized(phones=[PHONE], emails=[EMAIL], identities=[TELEGRAM]))

    assert both.id == by_phone.id  # the oldest match wins
    assert TELEGRAM in both.identities  # new details join it
    assert EMAIL not in both.emails  # the e-mail stays with its owner until a manager merges
    assert (await c.get(by_email.id)).emails == (EMAIL,)
    assert await _shared_points() == {}


async def test_resolving_needs_a_point_and_rejects_bad_details(hub: Hub) -> None:
    with pytest.raises(InvalidValue):
        await hub.contacts.resolve(Contact(name="Nobody"))
    with pytest.raises(InvalidValue) as caught:
        hub.contacts.normalized(phones=["12"])
    assert caught.value.field == "phone"
    with pytest.raises(InvalidValue) as caught:
        hub.contacts.normalized(emails=["not-an-email"])
    assert caught.value.field == "email"
    assert await _live_contacts(hub) == []


_phones = st.sampled_from([PHONE, OTHER_PHONE, "+77051112233", "+77472223344"])
_emails = st.sampled_from([EMAIL, "boris@example.com", "c@example.kz"])
_identities = st.sampled_from(
    [TELEGRAM, WHATSAPP, ChannelIdentity(channel="instagram", address="aigerim.travels")]
)
_details = st.builds(
    lambda phones, emails, identities: Contact(
        phones=tuple(phones), emails=tuple(emails), identities=tuple(identities)
    ),
    st.lists(_phones, max_size=2, unique=True),
    st.lists(_emails, max_size=2, unique=True),
    st.lists(_identities, max_size=2, unique=True),
).filter(lambda d: bool(contact_points(d)))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(sequence=st.lists(_details, min_size=1, max_size=6))
async def test_resolving_never_leaves_two_live_contacts_sharing_a_point(
    hub: Hub, sequence: list[Contact]
) -> None:
    await ContactPoint.delete(force=True)
    await ContactRow.delete(force=True)
    for details in sequence:
        resolved = await hub.contacts.resolve(details)
        assert resolved.merged_into is None
        assert set(contact_points(resolved)) & set(contact_points(details))
        assert await _shared_points() == {}
    owned = {p for c in await _live_contacts(hub) for p in contact_points(c)}
    assert {p for details in sequence for p in contact_points(details)} == owned


# -- merging -------------------------------------------------------------------------------


async def test_merge_moves_points_leads_and_conversations_and_undo_restores_them(
    recorder: EventRecorder, hub: Hub
) -> None:
    by_phone = await hub.intake.import_lead(
        LeadImport(name="Aigerim", phone=PHONE, message="Vietnam in March"), actor="api:site"
    )
    by_email = await hub.intake.import_lead(
        LeadImport(name="Aigerim K.", email=EMAIL, message="Any news?"), actor="api:site"
    )
    kept_id, merged_id = by_phone.contact_id, by_email.contact_id
    assert kept_id != merged_id
    extra = await hub.leads.create(
        LeadDraft(title="Winter trip", contact_id=merged_id), actor="user:anna"
    )
    kept_before = await hub.contacts.get(kept_id)
    merged_before = await hub.contacts.get(merged_id)
    conversation_id = (await hub.intake.conversations.for_lead(by_email.lead_id))[0].id

    merge_id = await hub.contacts.merge(kept_id, merged_id, actor="user:anna")

    kept = await hub.contacts.get(kept_id)
    merged = await hub.contacts.get(merged_id)
    assert merged.merged_into == kept_id
    assert (merged.phones, merged.emails, merged.identities) == ((), (), ())
    assert (kept.phones, kept.emails) == ((PHONE,), (EMAIL,))
    kept_leads, _ = await hub.leads.list(LeadFilter(contact_id=kept_id))
    assert {lead.id for lead in kept_leads} == {by_phone.lead_id, by_email.lead_id, extra.id}
    assert (await hub.intake.conversations.get(conversation_id)).contact_id == kept_id
    assert [c.id for c in await _live_contacts(hub)] == [kept_id]
    found = await hub.contacts.resolve(hub.contacts.normalized(emails=[EMAIL]))
    assert found.id == kept_id

    await hub.contacts.undo_merge(merge_id)

    assert await _same_contact(hub, kept_id, kept_before)
    assert await _same_contact(hub, merged_id, merged_before)
    merged_leads, _ = await hub.leads.list(LeadFilter(contact_id=merged_id))
    assert {lead.id for lead in merged_leads} == {by_email.lead_id, extra.id}
    assert (await hub.intake.conversations.get(conversation_id)).contact_id == merged_id
    assert recorder.events[-2:] == [
        ContactsMerged(kept_id=kept_id, merged_id=merged_id),
        ContactsMerged(kept_id=kept_id, merged_id=merged_id, undone=True),
    ]


async def _same_contact(hub: Hub, contact_id: int, before: Contact) -> bool:
    after = await hub.contacts.get(contact_id)
    fields = ("id", "name", "phones", "emails", "identities", "merged_into", "created_at")
    return all(getattr(after, f) == getattr(before, f) for f in fields)


async def test_merging_twice_and_undoing_twice_are_conflicts(hub: Hub) -> None:
    c = hub.contacts
    a = await c.resolve(c.normalized(phones=[PHONE]))
    b = await c.resolve(c.normalized(phones=[OTHER_PHONE]))
    third = await c.resolve(c.normalized(emails=[EMAIL]))
    assert a.id is not None
    assert b.id is not None
    assert third.id is not None

    merge_id = await c.merge(a.id, b.id, actor="user:anna")
    with pytest.raises(Conflict):
        await c.merge(a.id, b.id, actor="user:anna")
    with pytest.raises(Conflict):
        await c.merge(b.id, third.id, actor="user:anna")  # into a merged contact
    with pytest.raises(Conflict):
        await c.merge(a.id, a.id, actor="user:anna")

    await c.undo_merge(merge_id)
    with pytest.raises(Conflict) as caught:
        await c.undo_merge(merge_id)
    assert caught.value.field == "merge_id"
    assert (await c.get(b.id)).phones == (OTHER_PHONE,)
    assert (await c.get(a.id)).phones == (PHONE,)
    assert await ContactMergeRow.count() == 1

    again = await c.merge(a.id, b.id, actor="user:anna")  # once undone, a new merge is fine
    assert again != merge_id


async def test_merge_and_undo_of_unknown_ids_are_not_found(hub: Hub) -> None:
    contact = await hub.contacts.resolve(hub.contacts.normalized(phones=[PHONE]))
    assert contact.id is not None
    with pytest.raises(NotFound):
        await hub.contacts.merge(contact.id, 999, actor="user:anna")
    with pytest.raises(NotFound):
        await hub.contacts.undo_merge(999)
    assert (await hub.contacts.get(contact.id)).merged_into is None
