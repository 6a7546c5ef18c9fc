"""Pipeline and stage methods of the fake (contract 1.7): categories and ``crm.status.*``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crystalbay_plugins.bitrix24.testing.faults import Fault, Page, arg, fields_arg
from crystalbay_plugins.bitrix24.testing.listing import list_rows
from crystalbay_plugins.bitrix24.testing.store import Portal

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CATALOG_METHODS"]

Params = dict[str, object]

_STATUS_CHARS = re.compile(r"^[A-Za-z0-9_:-]+$")
_MAX_STAGE_ID = 22  # DEAL_STAGE ids; how the prefix counts is not documented (inferred: total)


def category_add(portal: Portal, params: Params) -> int:
    """``crm.dealcategory.add``: a new pipeline, seeded with the default stages."""
    fields = fields_arg(params)
    name = str(arg(fields, "NAME") or "").strip()
    if not name:
        raise Fault(400, "", "The field NAME is required.")
    category_id = portal.next_id("category")
    sort = str(arg(fields, "SORT") or 500)
    portal.categories[category_id] = {
        "ID": str(category_id),
        "NAME": name,
        "SORT": sort,
        "IS_LOCKED": "N",
        "CREATED_DATE": portal.stamp(),
    }
    portal.seed_stages(category_id)
    return category_id


def category_list(portal: Portal, params: Params) -> Page:
    """``crm.dealcategory.list`` (custom pipelines; the default one is not listed)."""
    return list_rows(list(portal.categories.values()), params)


def category_stages(portal: Portal, params: Params) -> list[dict[str, object]]:
    """``crm.dealcategory.stage.list``: ``NAME``, ``SORT`` (integer) and ``STATUS_ID``."""
    raw = arg(params, "id")
    category = int(str(raw)) if raw not in (None, "") else 0
    if category and category not in portal.categories:
        return []
    return [
        {"NAME": s["NAME"], "SORT": int(str(s["SORT"])), "STATUS_ID": s["STATUS_ID"]}
        for s in portal.stages_of(category)
    ]


def status_list(portal: Portal, params: Params) -> Page:
    """``crm.status.list``."""
    return list_rows(portal.statuses, params)


def status_add(portal: Portal, params: Params) -> int:
    """``crm.status.add`` with the documented checks; deal stages get the ``C<n>:`` prefix."""
    fields = fields_arg(params)
    entity = str(arg(fields, "ENTITY_ID") or "")
    status_id = str(arg(fields, "STATUS_ID") or "")
    name = str(arg(fields, "NAME") or "")
    for value, label in ((entity, "ENTITY_ID"), (status_id, "STATUS_ID"), (name, "NAME")):
        if not value:
            raise Fault(400, "", f"The field {label} is required.")
    category = _deal_category(portal, entity)
    if not _STATUS_CHARS.match(status_id):
        raise Fault(400, "ERROR_CORE", "The status ID contains invalid characters.")
    prefix = f"C{category}:" if category else ""
    full = status_id if status_id.startswith(prefix) else prefix + status_id
    if len(full) > _MAX_STAGE_ID:
        raise Fault(400, "ERROR_CORE", "The status ID is too long.")
    if any(s["ENTITY_ID"] == entity and s["STATUS_ID"] == full for s in portal.statuses):
        raise Fault(400, "ERROR_CORE", "The specified status ID already exists.")
    sort = int(str(arg(fields, "SORT") or 10))
    semantics = str(arg(fields, "SEMANTICS") or "").upper()
    _check_order(portal, category, sort, semantics)
    return portal.add_status(entity, full, name, sort, semantics)


def _deal_category(portal: Portal, entity: str) -> int:
    if entity == "DEAL_STAGE":
        return 0
    match = re.fullmatch(r"DEAL_STAGE_(\d+)", entity)
    if match is None or int(match[1]) not in portal.categories:
        raise Fault(400, "", f"The entity {entity} is not supported.")  # wording inferred
    return int(match[1])


def _check_order(portal: Portal, category: int, sort: int, semantics: str) -> None:
    """In-progress stages go before the success stage (documented for ``DEAL_STAGE``)."""
    success = [int(str(s["SORT"])) for s in portal.stages_of(category) if s["SEMANTICS"] == "S"]
    if not semantics and success and sort >= min(success):
        raise Fault(400, "", "Cannot create more stages after the final stage.")


CATALOG_METHODS: dict[str, Callable[[Portal, Params], object]] = {
    "crm.dealcategory.add": category_add,
    "crm.dealcategory.list": category_list,
    "crm.dealcategory.stage.list": category_stages,
    "crm.status.list": status_list,
    "crm.status.add": status_add,
}
