"""Contacts and their contact points (phones, e-mails, channel identities)."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence

import msgspec

from crystalbay.domain.contacts import ChannelIdentity, Contact
from crystalbay.errors import NotFound
from crystalbay.storage.repositories._common import as_utc, contains, dumps, utcnow
from crystalbay.storage.tables import (
    ContactMergeRow,
    ContactPoint,
    ContactRow,
    ConversationRow,
    LeadRow,
)

__all__ = ["ContactRepository", "MergeRecord", "Point", "contact_points"]

Point = tuple[str, str]
"""``(kind, value)``: kind ``phone``, ``email`` or ``identity`` (value ``channel:address``)."""


class MergeRecord(msgspec.Struct, frozen=True, kw_only=True):
    """What a merge moved, so that it can be undone."""

    points: tuple[int, ...]
    leads: tuple[int, ...]
    conversations: tuple[int, ...]


def contact_points(contact: Contact) -> list[Point]:
    """The points a contact is found by."""
    points: list[Point] = [("phone", p) for p in contact.phones]
    points += [("email", e) for e in contact.emails]
    points += [("identity", f"{i.channel}:{i.address}") for i in contact.identities]
    return points


class ContactRepository:
    """The only code that queries the contact tables."""

    async def find_by_points(self, points: Sequence[Point]) -> list[int]:
        """Ids of live (not merged) contacts owning any of ``points``, oldest first."""
        ids: set[int] = set()
        for kind, value in points:
            rows = await ContactPoint.select(ContactPoint.contact_id).where(
                (ContactPoint.kind == kind) & (ContactPoint.value == value)
            )
            ids.update(row["contact_id"] for row in rows)
        if not ids:
            return []
        live = await ContactRow.select(ContactRow.id).where(
            ContactRow.id.is_in(list(ids)) & ContactRow.merged_into.is_null()
        )
        return sorted(row["id"] for row in live)

    async def create(self, name: str, points: Iterable[Point]) -> int:
        """Insert a contact with its points; return its id."""
        now = utcnow()
        rows = await ContactRow.insert(
            ContactRow(name=name, created_at=now, updated_at=now)
        ).returning(ContactRow.id)
        contact_id: int = rows[0]["id"]
        await self.add_points(contact_id, points)
        return contact_id

    async def add_points(self, contact_id: int, points: Iterable[Point]) -> None:
        """Attach points the contact does not have yet."""
        existing = {
            (row["kind"], row["value"])
            for row in await ContactPoint.select(ContactPoint.kind, ContactPoint.value).where(
                ContactPoint.contact_id == contact_id
            )
        }
        new = [p for p in dict.fromkeys(points) if p not in existing]
        if new:
            await ContactPoint.insert(
                *(ContactPoint(contact_id=contact_id, kind=k, value=v) for k, v in new)
            )

    async def rename(self, contact_id: int, name: str) -> None:
        """Set the display name."""
        await ContactRow.update({ContactRow.name: name, ContactRow.updated_at: utcnow()}).where(
            ContactRow.id == contact_id
        )

    async def get(self, contact_id: int) -> Contact:
        """Load a contact with its points.

        Raises:
            NotFound: No such contact.
        """
        row = await ContactRow.select().where(ContactRow.id == contact_id).first()
        if row is None:
            raise NotFound(f"contact {contact_id} does not exist", field="contact_id")
        points = (
            await ContactPoint.select()
            .where(ContactPoint.contact_id == contact_id)
            .order_by(ContactPoint.id)
        )
        return _to_contact(row, points)

    async def list(
        self, *, query: str | None, limit: int, offset: int
    ) -> tuple[builtins.list[Contact], int]:
        """Live contacts, newest first, optionally filtered by name, phone or e-mail."""
        where = ContactRow.merged_into.is_null()
        if query:
            matching = await ContactPoint.select(ContactPoint.contact_id).where(
                contains(ContactPoint.value, query)
            )
            ids = [r["contact_id"] for r in matching]
            name_match = contains(ContactRow.name, query)
            where &= (name_match | ContactRow.id.is_in(ids)) if ids else name_match
        total = await ContactRow.count().where(where)
        rows = (
            await ContactRow.select()
            .where(where)
            .order_by(ContactRow.id, ascending=False)
            .limit(limit)
            .offset(offset)
        )
        contacts = [await self.get(row["id"]) for row in rows]
        return contacts, total

    async def merge(self, kept_id: int, merged_id: int, actor: str) -> int:
        """Move everything of ``merged_id`` to ``kept_id``; return the merge's id."""
        point_ids = [
            r["id"]
            for r in await ContactPoint.select(ContactPoint.id).where(
                ContactPoint.contact_id == merged_id
            )
        ]
        lead_ids = [
            r["id"] for r in await LeadRow.select(LeadRow.id).where(LeadRow.contact_id == merged_id)
        ]
        conv_ids = [
            r["id"]
            for r in await ConversationRow.select(ConversationRow.id).where(
                ConversationRow.contact_id == merged_id
            )
        ]
        await self._move(kept_id, point_ids, lead_ids, conv_ids)
        await ContactRow.update(
            {ContactRow.merged_into: kept_id, ContactRow.updated_at: utcnow()}
        ).where(ContactRow.id == merged_id)
        record = MergeRecord(
            points=tuple(point_ids), leads=tuple(lead_ids), conversations=tuple(conv_ids)
        )
        rows = await ContactMergeRow.insert(
            ContactMergeRow(
                kept_id=kept_id,
                merged_id=merged_id,
                moved=dumps(record),
                actor=actor,
                created_at=utcnow(),
            )
        ).returning(ContactMergeRow.id)
        merge_id: int = rows[0]["id"]
        return merge_id

    async def get_merge(self, merge_id: int) -> tuple[int, int, MergeRecord, bool]:
        """``(kept_id, merged_id, moved, undone)`` of a merge.

        Raises:
            NotFound: No such merge.
        """
        row = await ContactMergeRow.select().where(ContactMergeRow.id == merge_id).first()
        if row is None:
            raise NotFound(f"merge {merge_id} does not exist", field="merge_id")
        moved = msgspec.json.decode(row["moved"], type=MergeRecord)
        return row["kept_id"], row["merged_id"], moved, row["undone_at"] is not None

    async def undo_merge(self, merge_id: int) -> None:
        """Move back what a merge moved and revive the merged contact."""
        _, merged_id, moved, _ = await self.get_merge(merge_id)
        await self._move(
            merged_id, list(moved.points), list(moved.leads), list(moved.conversations)
        )
        await ContactRow.update(
            {ContactRow.merged_into: None, ContactRow.updated_at: utcnow()}
        ).where(ContactRow.id == merged_id)
        await ContactMergeRow.update({ContactMergeRow.undone_at: utcnow()}).where(
            ContactMergeRow.id == merge_id
        )

    @staticmethod
    async def _move(
        to_id: int, points: Sequence[int], leads: Sequence[int], convs: Sequence[int]
    ) -> None:
        if points:
            await ContactPoint.update({ContactPoint.contact_id: to_id}).where(
                ContactPoint.id.is_in(list(points))
            )
        if leads:
            await LeadRow.update({LeadRow.contact_id: to_id}).where(LeadRow.id.is_in(list(leads)))
        if convs:
            await ConversationRow.update({ConversationRow.contact_id: to_id}).where(
                ConversationRow.id.is_in(list(convs))
            )


def _to_contact(row: dict[str, object], points: builtins.list[dict[str, object]]) -> Contact:
    phones = tuple(str(p["value"]) for p in points if p["kind"] == "phone")
    emails = tuple(str(p["value"]) for p in points if p["kind"] == "email")
    identities = tuple(
        ChannelIdentity(channel=ch, address=addr)
        for ch, _, addr in (
            str(p["value"]).partition(":") for p in points if p["kind"] == "identity"
        )
    )
    merged = row["merged_into"]
    return Contact(
        id=int(str(row["id"])),
        name=str(row["name"]),
        phones=phones,
        emails=emails,
        identities=identities,
        merged_into=int(str(merged)) if merged is not None else None,
        created_at=as_utc(row["created_at"]),  # type: ignore[arg-type]
        updated_at=as_utc(row["updated_at"]),  # type: ignore[arg-type]
    )
