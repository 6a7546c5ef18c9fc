"""The board's repository queries: keyset pages, counts, visibility, card details."""

from __future__ import annotations

import msgspec

from crystalbay.domain.accounts import Role
from crystalbay.domain.contacts import Contact
from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.domain.pipeline import STAGES, Stage
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.storage.repositories import LeadFilter
from crystalbay.storage.tables import LeadRow
from crystalbay_web.pages.board_data import BoardFilters, decode_cursor, encode_cursor
from crystalbay_web.sessions import SessionUser


async def test_keyset_pages_cover_a_column_once_in_order(hub) -> None:
    leads = [await hub.leads.create(LeadDraft(title=f"L{n}"), actor="t") for n in range(7)]
    same = leads[0].updated_at  # ties on updated_at are ordered by id
    await LeadRow.update({LeadRow.updated_at: same}).where(LeadRow.id.is_in([2, 3, 4]))
    seen, cursor = [], None
    while True:
        page = await hub.leads.repo.page(LeadFilter(stage=Stage.NEW, cursor=cursor, limit=3))
        seen += [lead.id for lead in page]
        if len(page) < 3:
            break
        cursor = decode_cursor(encode_cursor(page[-1]))
    assert seen == [7, 6, 5, 4, 3, 2, 1]


async def test_counts_by_stage_and_manager_visibility(hub) -> None:
    await hub.leads.create(LeadDraft(title="a", assignee="dana"), actor="t")
    await hub.leads.create(LeadDraft(title="b", assignee="erik"), actor="t")
    free = await hub.leads.create(LeadDraft(title="c"), actor="t")
    await hub.leads.change(free.id, LeadChanges(stage=Stage.CONSULTATION), actor="t")
    repo = hub.leads.repo
    everyone = await repo.count_by_stage(LeadFilter())
    assert everyone[Stage.NEW] == 2
    assert everyone[Stage.CONSULTATION] == 1
    assert everyone[Stage.PAID] == 0
    dana = SessionUser(username="dana", role=Role.MANAGER)
    counts = await repo.count_by_stage(BoardFilters().lead_filter(dana))
    assert (counts[Stage.NEW], counts[Stage.CONSULTATION]) == (1, 1)
    mine = await repo.page(BoardFilters(assignee="me").lead_filter(dana))
    assert [lead.title for lead in mine] == ["a"]
    others = await repo.page(BoardFilters(assignee="erik").lead_filter(dana))
    assert others == []
    free_only = await repo.page(BoardFilters(assignee="none").lead_filter(dana))
    assert [lead.title for lead in free_only] == ["c"]


async def test_first_pages_of_every_column_match_the_column_pages(hub) -> None:
    for n in range(14):
        draft = LeadDraft(
            title=f"L{n}",
            stage=(Stage.NEW, Stage.CONSULTATION, Stage.PAID)[n % 3],
            assignee=("dana", "erik", None, None)[n % 4],
            tags=("vip",) if n % 5 == 0 else (),
        )
        await hub.leads.create(draft, actor="t")
    same = (await hub.leads.get(1)).updated_at  # ties on updated_at are ordered by id
    await LeadRow.update({LeadRow.updated_at: same}).where(LeadRow.id.is_in([1, 4, 7, 10]))
    repo = hub.leads.repo
    dana = SessionUser(username="dana", role=Role.MANAGER)
    for flt in (
        LeadFilter(limit=3),
        BoardFilters().lead_filter(dana, limit=3),
        LeadFilter(tag="vip", limit=3),
        LeadFilter(stage=Stage.PAID, limit=30),  # the filter's stage is ignored
    ):
        first = await repo.first_pages(flt, STAGES)
        expected = {s: await repo.page(msgspec.structs.replace(flt, stage=s)) for s in STAGES}
        assert first == expected
    assert [lead.id for lead in first[Stage.NEW]] == [13, 10, 7, 4, 1]
    assert first[Stage.COMPLETED] == []
    assert await repo.first_pages(LeadFilter(), ()) == {}


async def test_card_details_in_batches(hub) -> None:
    named = await hub.contacts.resolve(Contact(name="Айгерим", phones=("+77015551234",)))
    nameless = await hub.contacts.resolve(Contact(emails=("x@example.org",)))
    first = await hub.leads.create(LeadDraft(title="a", contact_id=named.id), actor="t")
    second = await hub.leads.create(LeadDraft(title="b", contact_id=nameless.id), actor="t")
    chat = await hub.conversations.open(first.id, "telegram", "42", contact_id=named.id)
    for text in ("первое", "второе"):
        await hub.conversations.repo.add_message(
            conversation_id=chat.id,
            direction=Direction.INBOUND,
            channel="telegram",
            text=text,
            status=DeliveryStatus.RECEIVED,
        )
    repo = hub.leads.repo
    labels = await repo.contact_labels([named.id, nameless.id])
    assert labels == {named.id: "Айгерим", nameless.id: "x@example.org"}
    last = await repo.last_messages([first.id, second.id])
    assert set(last) == {first.id}
    assert (last[first.id].text, last[first.id].channel) == ("второе", "telegram")
    assert await repo.last_messages([]) == {}


def test_broken_cursors_are_ignored() -> None:
    assert decode_cursor("") is None
    assert decode_cursor("abc") is None
    assert decode_cursor("1.2.3") is None
