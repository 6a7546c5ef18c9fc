"""Deals: update the lead's deal where it is, create it only when Bitrix has none (contract 1.7).

The deal is found by the id stored on the lead (``external_ids["bitrix24"]``), else by the
hub's lead id in ``ORIGIN_ID``; so a sync repeated after a lost answer or a crash updates the
deal it created before instead of creating a second one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import msgspec

from crystalbay_plugins.bitrix24.config import PLUGIN_NAME
from crystalbay_plugins.bitrix24.errors import BitrixNotFound
from crystalbay_plugins.bitrix24.mapping import ORIGINATOR

if TYPE_CHECKING:
    from crystalbay.domain.leads import Lead
    from crystalbay_plugins.bitrix24.api import BitrixApi
    from crystalbay_plugins.bitrix24.models import DealFields

__all__ = ["find_deal", "upsert_deal"]

logger = logging.getLogger("crystalbay.plugins.bitrix24")


async def find_deal(api: BitrixApi, lead: Lead) -> int | None:
    """The deal created for ``lead`` earlier, found by ``ORIGIN_ID``."""
    found = await api.find_deals({"ORIGINATOR_ID": ORIGINATOR, "ORIGIN_ID": str(lead.id)})
    return found[0].id if found else None


async def upsert_deal(api: BitrixApi, lead: Lead, fields: DealFields) -> int:
    """Write ``fields`` to the lead's deal, creating it when Bitrix has none; return its id."""
    # crm.deal.update cannot move a deal to another pipeline (contract 1.7).
    changes = msgspec.structs.replace(fields, category_id=None)
    ref = lead.external_ids.get(PLUGIN_NAME, "")
    if ref.isdigit():
        try:
            await api.update_deal(int(ref), changes)
        except BitrixNotFound:
            logger.warning("bitrix24: deal %s of lead %s is gone; looking again", ref, lead.id)
        else:
            return int(ref)
    deal_id = await find_deal(api, lead)
    if deal_id is not None:
        await api.update_deal(deal_id, changes)
        return deal_id
    return await api.add_deal(fields)
