"""Contact and deal methods of the fake (contract 1.6-1.8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay_plugins.bitrix24.testing.comms import COMMS_METHODS
from crystalbay_plugins.bitrix24.testing.faults import (
    Fault,
    Page,
    arg,
    fields_arg,
    id_arg,
    not_found,
)
from crystalbay_plugins.bitrix24.testing.listing import list_rows
from crystalbay_plugins.bitrix24.testing.store import MULTIFIELDS, Portal

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CRM_METHODS"]

Params = dict[str, object]


def contact_add(portal: Portal, params: Params) -> int:
    """``crm.contact.add``."""
    fields = fields_arg(params)
    contact_id = portal.next_id("contact")
    contact: dict[str, object] = {"ID": str(contact_id), "NAME": None, "LAST_NAME": None}
    contact.update({"OPENED": "Y", "ASSIGNED_BY_ID": "1", "DATE_CREATE": portal.stamp()})
    portal.write(contact, fields)
    portal.contacts[contact_id] = contact
    return contact_id


def contact_update(portal: Portal, params: Params) -> bool:
    """``crm.contact.update``."""
    contact = portal.contacts.get(id_arg(params))
    if contact is None:
        raise not_found()
    portal.write(contact, fields_arg(params))
    return True


def contact_get(portal: Portal, params: Params) -> dict[str, object]:
    """``crm.contact.get`` (multifields only when non-empty)."""
    contact = portal.contacts.get(id_arg(params))
    if contact is None:
        raise not_found()
    return {k: v for k, v in contact.items() if k not in MULTIFIELDS or v}


def contact_list(portal: Portal, params: Params) -> Page:
    """``crm.contact.list``."""
    return list_rows(list(portal.contacts.values()), params)


def deal_add(portal: Portal, params: Params) -> int:
    """``crm.deal.add``: defaults to the pipeline's first stage and ``Deal #<id>``."""
    fields = fields_arg(params)
    category = int(str(arg(fields, "CATEGORY_ID") or 0))
    if category and category not in portal.categories:
        raise Fault(400, "", f"Category ID {category} is not found.")  # wording inferred
    stages = portal.stages_of(category)
    deal_id = portal.next_id("deal")
    deal: dict[str, object] = {"ID": str(deal_id), "TITLE": f"Deal #{deal_id}"}
    deal.update({"CATEGORY_ID": str(category), "STAGE_ID": stages[0]["STATUS_ID"]})
    deal.update({"OPPORTUNITY": "0.00", "CURRENCY_ID": "RUB", "ASSIGNED_BY_ID": "1"})
    deal.update({"CONTACT_IDS": [], "DATE_CREATE": portal.stamp(), "OPENED": "Y"})
    _write_deal(portal, deal, {k: v for k, v in fields.items() if k.upper() != "CATEGORY_ID"})
    portal.deals[deal_id] = deal
    return deal_id


def deal_update(portal: Portal, params: Params) -> bool:
    """``crm.deal.update``; ``CATEGORY_ID`` is ignored (a deal cannot change pipeline)."""
    deal = portal.deals.get(id_arg(params))
    if deal is None:
        raise not_found()
    fields = {k: v for k, v in fields_arg(params).items() if k.upper() != "CATEGORY_ID"}
    _write_deal(portal, deal, fields)
    return True


def _write_deal(portal: Portal, deal: dict[str, object], fields: dict[str, object]) -> None:
    stage = arg(fields, "STAGE_ID")
    stages = {str(s["STATUS_ID"]): s for s in portal.stages_of(int(str(deal["CATEGORY_ID"])))}
    if stage is not None and str(stage) not in stages:
        # Bitrix's answer to a stage of another pipeline is not documented (inferred).
        raise Fault(400, "", f"Stage {stage} is not found in the deal's pipeline.")
    portal.write(deal, fields)
    deal["OPPORTUNITY"] = f"{float(str(deal.get('OPPORTUNITY') or 0)):.2f}"
    semantics = str(stages[str(deal["STAGE_ID"])].get("SEMANTICS") or "P")
    deal["STAGE_SEMANTIC_ID"] = semantics
    deal["CLOSED"] = "Y" if semantics in ("S", "F") else "N"
    contact_ids = deal.get("CONTACT_IDS")
    deal["CONTACT_ID"] = (
        str(contact_ids[0]) if isinstance(contact_ids, list) and contact_ids else None
    )


def deal_get(portal: Portal, params: Params) -> dict[str, object]:
    """``crm.deal.get``."""
    deal = portal.deals.get(id_arg(params))
    if deal is None:
        raise not_found()
    return dict(deal)


def deal_list(portal: Portal, params: Params) -> Page:
    """``crm.deal.list`` (``CONTACT_IDS`` cannot be selected, contract 1.7)."""
    rows = [{k: v for k, v in d.items() if k != "CONTACT_IDS"} for d in portal.deals.values()]
    return list_rows(rows, params)


CRM_METHODS: dict[str, Callable[[Portal, Params], object]] = {
    "crm.contact.add": contact_add,
    "crm.contact.update": contact_update,
    "crm.contact.get": contact_get,
    "crm.contact.list": contact_list,
    "crm.deal.add": deal_add,
    "crm.deal.update": deal_update,
    "crm.deal.get": deal_get,
    "crm.deal.list": deal_list,
    **COMMS_METHODS,
}
