"""Contact use cases: identity resolution and merging (with undo)."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from crystalbay.domain.contacts import ChannelIdentity, Contact, normalize_email, normalize_phone
from crystalbay.errors import Conflict, InvalidValue
from crystalbay.events import ContactsMerged, Event
from crystalbay.storage.repositories import ContactRepository, contact_points

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable

    from crystalbay.storage import Database

__all__ = ["ContactService"]


class ContactService:
    """Finds one person behind messages from several channels.

    Args:
        db: The database (for transactions).
        emit: Publishes an event after the change is committed.
        region: Country assumed for phones without an international prefix.
    """

    def __init__(self, db: Database, emit: Callable[[Event], Awaitable[None]], region: str) -> None:
        self.db = db
        self.repo = ContactRepository()
        self.emit = emit
        self.region = region

    def normalized(
        self,
        *,
        name: str = "",
        phones: Iterable[str] = (),
        emails: Iterable[str] = (),
        identities: Iterable[ChannelIdentity] = (),
    ) -> Contact:
        """Validate and normalise contact details (raises InvalidValue naming the field)."""
        return Contact(
            name=name.strip(),
            phones=tuple(dict.fromkeys(normalize_phone(p, region=self.region) for p in phones)),
            emails=tuple(dict.fromkeys(normalize_email(e) for e in emails)),
            identities=tuple(dict.fromkeys(identities)),
        )

    async def resolve(self, details: Contact) -> Contact:
        """Return the contact owning any of the details, creating or extending it.

        A phone, an e-mail or a channel identity that matches makes the details one person:
        new details are added to the oldest matching contact.  A detail another live contact
        already owns stays with that contact (two people are joined only by a manual merge), so
        no two live contacts ever share a detail.  Call inside a transaction when the result is
        used for further writes.
        """
        points = contact_points(details)
        if not points:
            raise InvalidValue("give a phone, an e-mail or a channel identity", field="phone")
        # Two messages from one person processed at once must not make two contacts.
        await self.db.lock(f"contact-point:{point}" for point in points)
        matches = await self.repo.find_by_points(points)
        if not matches:
            contact_id = await self.repo.create(details.name, points)
        else:
            contact_id, others = matches[0], matches[1:]
            taken = {p for other in others for p in contact_points(await self.repo.get(other))}
            await self.repo.add_points(contact_id, [p for p in points if p not in taken])
            current = await self.repo.get(contact_id)
            if details.name and not current.name:
                await self.repo.rename(contact_id, details.name)
        return await self.repo.get(contact_id)

    async def get(self, contact_id: int) -> Contact:
        """Load a contact (raises NotFound)."""
        return await self.repo.get(contact_id)

    async def list(
        self, *, query: str | None, limit: int, offset: int
    ) -> tuple[builtins.list[Contact], int]:
        """Live contacts and the total count."""
        return await self.repo.list(query=query, limit=limit, offset=offset)

    async def merge(self, kept_id: int, merged_id: int, *, actor: str) -> int:
        """Merge ``merged_id`` into ``kept_id``; return the merge id for :meth:`undo_merge`.

        Raises:
            NotFound: A contact does not exist.
            Conflict: Same contact, or one of them is already merged.
        """
        if kept_id == merged_id:
            raise Conflict("a contact cannot be merged into itself", field="merged_id")
        async with self.db.transaction():
            for contact_id in (kept_id, merged_id):
                contact = await self.repo.get(contact_id)
                if contact.merged_into is not None:
                    raise Conflict(
                        f"contact {contact_id} is already merged into {contact.merged_into}",
                        field="merged_id",
                    )
            merge_id = await self.repo.merge(kept_id, merged_id, actor)
        await self.emit(ContactsMerged(kept_id=kept_id, merged_id=merged_id))
        return merge_id

    async def undo_merge(self, merge_id: int) -> None:
        """Undo a merge: the merged contact gets back its details, leads and conversations.

        Raises:
            NotFound: No such merge.
            Conflict: The merge was already undone.
        """
        async with self.db.transaction():
            kept_id, merged_id, _, undone = await self.repo.get_merge(merge_id)
            if undone:
                raise Conflict(f"merge {merge_id} was already undone", field="merge_id")
            await self.repo.undo_merge(merge_id)
        await self.emit(ContactsMerged(kept_id=kept_id, merged_id=merged_id, undone=True))
