"""Duplicate search and timeline comments of the fake (contract 1.9, 1.10)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay_plugins.bitrix24.testing.faults import Fault
from crystalbay_plugins.bitrix24.testing.store import Portal

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["COMMS_METHODS"]

Params = dict[str, object]


def find_by_comm(portal: Portal, params: Params) -> dict[str, list[int]] | list[object]:
    """``crm.duplicate.findbycomm``: contacts only; phones compared by their digits."""
    kind = str(params.get("type") or "").upper()
    if not kind:
        raise Fault(400, "Communication type is not defined", "Parameter 'type' is required.")
    if kind not in ("PHONE", "EMAIL"):
        raise Fault(400, "", f"Communication type '{kind}' is not supported in current context")
    values = params.get("values")
    if not isinstance(values, list) or not values:
        raise Fault(400, "", "Communication values is not defined")
    entity = str(params.get("entity_type") or "CONTACT").upper()
    wanted = {_comparable(kind, str(v)) for v in values[:20]}
    ids = [
        cid
        for cid, contact in sorted(portal.contacts.items())
        if any(_comparable(kind, str(i["VALUE"])) in wanted for i in _items(contact, kind))
    ]
    return {"CONTACT": ids} if ids and entity == "CONTACT" else []


def _items(entity: dict[str, object], kind: str) -> list[dict[str, object]]:
    items = entity.get(kind)
    return items if isinstance(items, list) else []


def _comparable(kind: str, value: str) -> str:
    if kind == "PHONE":
        return "".join(ch for ch in value if ch.isdigit())
    return value.strip().lower()


def comment_add(portal: Portal, params: Params) -> int:
    """``crm.timeline.comment.add``: only lower-case ``fields`` works (contract 1.10)."""
    fields = params.get("fields")
    if not isinstance(fields, dict):
        raise Fault(400, "INVALID_ARG_VALUE", "Required parameter 'fields' is missing")
    entity_type = str(fields.get("ENTITY_TYPE") or "").lower()
    store = {"deal": portal.deals, "contact": portal.contacts}.get(entity_type)
    entity_id = int(str(fields.get("ENTITY_ID") or 0) or 0)
    if store is None or entity_id not in store:
        raise Fault(400, "NOT_FOUND", "Not found.")
    text = str(fields.get("COMMENT") or "")
    if not text.strip():
        raise Fault(400, "INVALID_ARG_VALUE", "Comment is empty")
    comment_id = portal.next_id("comment")
    portal.comments.append(
        {"ID": comment_id, "ENTITY_TYPE": entity_type, "ENTITY_ID": entity_id, "COMMENT": text}
    )
    return comment_id


COMMS_METHODS: dict[str, Callable[[Portal, Params], object]] = {
    "crm.duplicate.findbycomm": find_by_comm,
    "crm.timeline.comment.add": comment_add,
}
