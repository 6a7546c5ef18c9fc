"""``/api/v1/contacts``: list, get, merge and undo a merge."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from crystalbay.domain.contacts import Contact
from crystalbay_web.auth import api_actor, require_api_key
from crystalbay_web.deps import AnyRequest, HubDep

__all__ = ["ContactController", "ContactPage", "MergeRequest", "MergeResponse"]


class ContactPage(msgspec.Struct, frozen=True, kw_only=True):
    """One page of contacts."""

    items: list[Contact]
    total: int
    page: int
    page_size: int


class MergeRequest(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Merge ``merged_id`` into ``kept_id``."""

    kept_id: int
    merged_id: int


class MergeResponse(msgspec.Struct, frozen=True, kw_only=True):
    """The merge's id (for undo) and the contact that remains."""

    merge_id: int
    contact: Contact


class ContactController(Controller):
    """People across channels."""

    path = "/api/v1/contacts"
    guards = [require_api_key]  # noqa: RUF012 - Litestar's declared attribute
    tags = ["contacts"]  # noqa: RUF012

    @get("/")
    async def list_contacts(
        self,
        hub: HubDep,
        q: Annotated[str | None, QueryParameter(max_length=200)] = None,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> ContactPage:
        """Contacts, newest first; ``q`` searches name, phone and e-mail."""
        items, total = await hub.contacts.list(
            query=q, limit=page_size, offset=(page - 1) * page_size
        )
        return ContactPage(items=items, total=total, page=page, page_size=page_size)

    @get("/{contact_id:int}")
    async def get_contact(self, hub: HubDep, contact_id: FromPath[int]) -> Contact:
        """One contact with phones, e-mails and channel identities."""
        return await hub.contacts.get(contact_id)

    @post("/merge", status_code=200)
    async def merge(
        self, hub: HubDep, request: AnyRequest, data: JSONBody[MergeRequest]
    ) -> MergeResponse:
        """Merge two contacts; leads and conversations move to the kept one."""
        merge_id = await hub.contacts.merge(data.kept_id, data.merged_id, actor=api_actor(request))
        return MergeResponse(merge_id=merge_id, contact=await hub.contacts.get(data.kept_id))

    @post("/merges/{merge_id:int}/undo", status_code=200)
    async def undo_merge(self, hub: HubDep, merge_id: FromPath[int]) -> MergeResponse:
        """Undo a merge."""
        await hub.contacts.undo_merge(merge_id)
        kept_id, _, _, _ = await hub.contacts.repo.get_merge(merge_id)
        return MergeResponse(merge_id=merge_id, contact=await hub.contacts.get(kept_id))
