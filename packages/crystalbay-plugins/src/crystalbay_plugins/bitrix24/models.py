"""Bitrix24 payloads as msgspec Structs (contract 1.2-1.12).

Entities come back with upper-case keys and most values as strings (``"ID": "5"``); they are
decoded with ``strict=False`` so that numeric strings fill ``int`` fields. Optional numbers stay
strings because Bitrix sends ``null`` or ``""`` for empty values.
"""

from __future__ import annotations

import msgspec

__all__ = [
    "BatchBody",
    "BitrixContact",
    "BitrixDeal",
    "ContactFields",
    "DealCategory",
    "DealFields",
    "ErrorBody",
    "MultiField",
    "NewStage",
    "Reply",
    "StageStatus",
]


class ErrorBody(msgspec.Struct, frozen=True, kw_only=True):
    """``{"error": "...", "error_description": "..."}``; ``error`` may be empty."""

    error: str = ""
    error_description: str = ""


class Reply(msgspec.Struct, frozen=True, kw_only=True):
    """The envelope: ``result`` (``total``/``next`` for lists) or an error; ``time`` is ignored."""

    result: msgspec.Raw = msgspec.field(default_factory=msgspec.Raw)
    """Empty (``len() == 0``) when the answer had no ``result``."""
    error: str | None = None
    error_description: str = ""
    total: int | None = None
    next: int | None = None


class BatchBody(msgspec.Struct, frozen=True, kw_only=True):
    """``result`` of ``batch``; empty maps arrive as ``[]`` (contract 1.12)."""

    result: dict[str, msgspec.Raw] | list[msgspec.Raw] = msgspec.field(default_factory=dict)
    result_error: dict[str, ErrorBody] | list[ErrorBody] = msgspec.field(default_factory=dict)
    result_total: dict[str, int] | list[int] = msgspec.field(default_factory=dict)
    result_next: dict[str, int] | list[int] = msgspec.field(default_factory=dict)


class MultiField(msgspec.Struct, frozen=True, kw_only=True, rename="upper", omit_defaults=True):
    """A phone or e-mail entry (``crm_multifield``, contract 1.6)."""

    value: str = ""
    value_type: str | None = None
    id: int | None = None
    type_id: str | None = None
    delete: str | None = None


class BitrixContact(msgspec.Struct, frozen=True, kw_only=True, rename="upper"):
    """A contact as ``crm.contact.get``/``list`` returns it (multifields only when set)."""

    id: int
    name: str | None = None
    last_name: str | None = None
    phone: list[MultiField] = msgspec.field(default_factory=list)
    email: list[MultiField] = msgspec.field(default_factory=list)
    originator_id: str | None = None
    origin_id: str | None = None


class BitrixDeal(msgspec.Struct, frozen=True, kw_only=True, rename="upper"):
    """A deal as ``crm.deal.get``/``list`` returns it."""

    id: int
    title: str | None = None
    category_id: str | None = None
    stage_id: str | None = None
    opportunity: str | None = None
    currency_id: str | None = None
    assigned_by_id: str | None = None
    contact_id: str | None = None
    originator_id: str | None = None
    origin_id: str | None = None
    closed: str | None = None
    date_modify: str | None = None


class DealCategory(msgspec.Struct, frozen=True, kw_only=True, rename="upper"):
    """A deal pipeline (``crm.dealcategory.list``)."""

    id: int
    name: str = ""
    sort: int | None = None
    is_locked: str | None = None


class StageStatus(msgspec.Struct, frozen=True, kw_only=True, rename="upper"):
    """A directory row of ``crm.status.list`` (a deal stage when ``ENTITY_ID`` is a stage list)."""

    status_id: str
    entity_id: str = ""
    name: str = ""
    sort: int = 0
    semantics: str | None = None
    id: int | None = None


class ContactFields(msgspec.Struct, frozen=True, kw_only=True, rename="upper", omit_defaults=True):
    """``fields`` of ``crm.contact.add``/``update`` (only what the hub writes)."""

    name: str | None = None
    phone: list[MultiField] | None = None
    email: list[MultiField] | None = None
    source_id: str | None = None
    originator_id: str | None = None
    origin_id: str | None = None
    opened: str | None = None


class DealFields(msgspec.Struct, frozen=True, kw_only=True, rename="upper", omit_defaults=True):
    """``fields`` of ``crm.deal.add``/``update`` (only what the hub writes)."""

    title: str | None = None
    category_id: int | None = None
    stage_id: str | None = None
    opportunity: float | None = None
    currency_id: str | None = None
    is_manual_opportunity: str | None = None
    assigned_by_id: int | None = None
    contact_ids: list[int] | None = None
    begindate: str | None = None
    closedate: str | None = None
    source_id: str | None = None
    source_description: str | None = None
    comments: str | None = None
    originator_id: str | None = None
    origin_id: str | None = None
    opened: str | None = None


class NewStage(msgspec.Struct, frozen=True, kw_only=True, rename="upper", omit_defaults=True):
    """``fields`` of ``crm.status.add`` for a deal stage (contract 1.7)."""

    entity_id: str
    status_id: str
    name: str
    sort: int
    semantics: str | None = None
