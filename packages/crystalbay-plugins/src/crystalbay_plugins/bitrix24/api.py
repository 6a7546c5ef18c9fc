"""Typed Bitrix24 calls: one method per REST method the hub uses (contract 1.5-1.12)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import msgspec

from crystalbay_plugins.bitrix24.batch import Command, run_each
from crystalbay_plugins.bitrix24.models import (
    BitrixContact,
    BitrixDeal,
    ContactFields,
    DealCategory,
    DealFields,
    NewStage,
    StageStatus,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from crystalbay_plugins.bitrix24.client import BitrixClient

__all__ = ["CONTACT_SELECT", "DEAL_SELECT", "BitrixApi", "stage_entity"]

CONTACT_SELECT = ("ID", "NAME", "LAST_NAME", "PHONE", "EMAIL", "ORIGINATOR_ID", "ORIGIN_ID")
"""Multifields must be named explicitly in ``select`` (contract 1.5)."""

DEAL_SELECT = ("ID", "TITLE", "CATEGORY_ID", "STAGE_ID", "ORIGINATOR_ID", "ORIGIN_ID")

_DuplicateResult: Any = dict[str, list[int]] | list[Any]  # no match is ``[]`` (contract 1.9)
_DUPLICATE_CHUNK = 20  # crm.duplicate.findbycomm takes at most 20 values (contract 1.9)


def stage_entity(category_id: int) -> str:
    """The directory of a pipeline's stages: ``DEAL_STAGE`` or ``DEAL_STAGE_<n>``."""
    return f"DEAL_STAGE_{category_id}" if category_id else "DEAL_STAGE"


def _fields(fields: msgspec.Struct) -> dict[str, Any]:
    encoded: dict[str, Any] = msgspec.to_builtins(fields)
    return encoded


class BitrixApi:
    """The REST methods the hub calls, with typed arguments and results.

    Args:
        client: The transport (limits, retries, errors).
    """

    def __init__(self, client: BitrixClient) -> None:
        self.client = client

    # -- contacts --------------------------------------------------------------------------

    async def add_contact(self, fields: ContactFields) -> int:
        """``crm.contact.add``; returns the new id."""
        return await self.client.result("crm.contact.add", {"fields": _fields(fields)}, int)

    async def update_contact(self, contact_id: int, fields: ContactFields) -> None:
        """``crm.contact.update`` (multifield items without ``ID`` are appended)."""
        params = {"id": contact_id, "fields": _fields(fields)}
        await self.client.result("crm.contact.update", params, bool)

    async def get_contact(self, contact_id: int) -> BitrixContact:
        """``crm.contact.get``."""
        return await self.client.result("crm.contact.get", {"id": contact_id}, BitrixContact)

    async def find_contacts(self, where: Mapping[str, object]) -> list[BitrixContact]:
        """``crm.contact.list`` filtered by ``where``, oldest first."""
        params = {"filter": dict(where), "select": list(CONTACT_SELECT), "order": {"ID": "ASC"}}
        return await self.client.list_all("crm.contact.list", params, BitrixContact)

    async def find_duplicates(
        self,
        kind: Literal["PHONE", "EMAIL"],
        values: Sequence[str],
        entity_type: Literal["CONTACT", "LEAD", "COMPANY"] = "CONTACT",
    ) -> list[int]:
        """``crm.duplicate.findbycomm``: ids of ``entity_type`` entities having any value."""
        found: set[int] = set()
        for first in range(0, len(values), _DUPLICATE_CHUNK):
            params = {
                "type": kind,
                "values": list(values[first : first + _DUPLICATE_CHUNK]),
                "entity_type": entity_type,
            }
            result: dict[str, list[int]] | list[Any] = await self.client.result(
                "crm.duplicate.findbycomm", params, _DuplicateResult
            )
            if isinstance(result, dict):  # no match is an empty list (contract 1.9)
                found.update(result.get(entity_type, ()))
        return sorted(found)

    # -- deals -----------------------------------------------------------------------------

    async def add_deal(self, fields: DealFields) -> int:
        """``crm.deal.add``; returns the new id."""
        return await self.client.result("crm.deal.add", {"fields": _fields(fields)}, int)

    async def update_deal(self, deal_id: int, fields: DealFields) -> None:
        """``crm.deal.update`` (only the given fields change)."""
        params = {"id": deal_id, "fields": _fields(fields)}
        await self.client.result("crm.deal.update", params, bool)

    async def get_deal(self, deal_id: int) -> BitrixDeal:
        """``crm.deal.get``."""
        return await self.client.result("crm.deal.get", {"id": deal_id}, BitrixDeal)

    async def find_deals(self, where: Mapping[str, object]) -> list[BitrixDeal]:
        """``crm.deal.list`` filtered by ``where``, oldest first."""
        params = {"filter": dict(where), "select": list(DEAL_SELECT), "order": {"ID": "ASC"}}
        return await self.client.list_all("crm.deal.list", params, BitrixDeal)

    # -- pipelines -------------------------------------------------------------------------

    async def list_categories(self) -> list[DealCategory]:
        """``crm.dealcategory.list``: the portal's custom deal pipelines (not deleted)."""
        params = {
            "filter": {"IS_LOCKED": "N"},
            "select": ["ID", "NAME", "SORT", "IS_LOCKED"],
            "order": {"SORT": "ASC"},
        }
        return await self.client.list_all("crm.dealcategory.list", params, DealCategory)

    async def add_category(self, name: str, sort: int = 500) -> int:
        """``crm.dealcategory.add``; returns the new pipeline's id."""
        params = {"fields": {"NAME": name, "SORT": sort}}
        return await self.client.result("crm.dealcategory.add", params, int)

    async def list_stages(self, category_id: int) -> list[StageStatus]:
        """``crm.status.list`` of the pipeline's stage directory, in board order."""
        params = {"filter": {"ENTITY_ID": stage_entity(category_id)}, "order": {"SORT": "ASC"}}
        return await self.client.list_all("crm.status.list", params, StageStatus)

    async def add_stages(self, stages: Sequence[NewStage]) -> list[int]:
        """``crm.status.add`` for each stage, batched; returns the directory row ids."""
        commands = [Command("crm.status.add", {"fields": _fields(s)}) for s in stages]
        return await run_each(self.client, commands, int)

    # -- timeline --------------------------------------------------------------------------

    async def add_comment(self, entity_type: str, entity_id: int, text: str) -> int:
        """``crm.timeline.comment.add`` (lower-case ``fields`` is required, contract 1.10)."""
        fields = {"ENTITY_ID": entity_id, "ENTITY_TYPE": entity_type, "COMMENT": text}
        return await self.client.result("crm.timeline.comment.add", {"fields": fields}, int)

    async def add_comments(
        self, entity_type: str, entity_id: int, texts: Sequence[str]
    ) -> list[int]:
        """Several timeline comments, batched 50 per request, in order."""
        commands = [
            Command(
                "crm.timeline.comment.add",
                {"fields": {"ENTITY_ID": entity_id, "ENTITY_TYPE": entity_type, "COMMENT": text}},
            )
            for text in texts
        ]
        return await run_each(self.client, commands, int)
