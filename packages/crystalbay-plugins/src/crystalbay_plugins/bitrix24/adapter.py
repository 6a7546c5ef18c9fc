"""``Bitrix24CRM``: the CRM port on top of a Bitrix24 incoming webhook."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import IntegrationError
from crystalbay.ports.common import Health
from crystalbay_plugins.bitrix24.api import BitrixApi
from crystalbay_plugins.bitrix24.client import BitrixClient
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME, BitrixConfig
from crystalbay_plugins.bitrix24.contacts import contact_keys, upsert_contact
from crystalbay_plugins.bitrix24.deals import upsert_deal
from crystalbay_plugins.bitrix24.guards import KeyedLocks, WriteLog
from crystalbay_plugins.bitrix24.mapping import Money, deal_fields
from crystalbay_plugins.bitrix24.models import BitrixDeal, DealFields
from crystalbay_plugins.bitrix24.stage_store import StageMapStore

if TYPE_CHECKING:
    import httpx

    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead

__all__ = ["Bitrix24CRM"]


class Bitrix24CRM:
    """Mirrors contacts and leads into Bitrix24 deals on the travel pipeline.

    Args:
        api: The Bitrix24 calls.
        stage_maps: Where the stage map comes from (the settings table by default).
        users: Hub usernames -> Bitrix user ids (``BITRIX_USER_MAP``).
        echoes: Memory of the stages written, for the outbound-event loop guard.
    """

    name = PLUGIN_NAME

    def __init__(
        self,
        api: BitrixApi,
        *,
        stage_maps: StageMapStore,
        users: Mapping[str, int] | None = None,
        echoes: WriteLog | None = None,
    ) -> None:
        self.api = api
        self.stage_maps = stage_maps
        self.users = dict(users or {})
        self.echoes = echoes or WriteLog()
        self._locks = KeyedLocks()

    @classmethod
    def from_config(cls, config: BitrixConfig, http: httpx.AsyncClient) -> Bitrix24CRM:
        """The adapter for the hub: shared HTTP client, stage map from the settings table."""
        api = BitrixApi(BitrixClient(config, http))
        return cls(api, stage_maps=StageMapStore(config.stages()), users=config.users())

    async def upsert_contact(self, contact: Contact) -> str:
        """Find the person by phone, e-mail or hub id, else create them; return the id."""
        async with self._locks.hold(*contact_keys(contact)):
            return str(await upsert_contact(self.api, contact))

    async def upsert_lead(self, lead: Lead, *, contact_ref: str | None) -> str:
        """Create or update the lead's deal; return the deal id."""
        return await self.upsert_deal(lead, contact_ref=contact_ref)

    async def upsert_deal(
        self, lead: Lead, *, contact_ref: str | None, amount: Money | None = None
    ) -> str:
        """:meth:`upsert_lead` with the deal amount, e.g. a booking's price and currency.

        Raises:
            IntegrationRejected: The pipeline is not set up (run ``crystalbay bitrix setup``).
        """
        stage_map = await self.stage_maps.require()
        contact_id = int(contact_ref) if contact_ref and contact_ref.isdigit() else None
        fields = deal_fields(
            lead, stage_map, contact_id=contact_id, users=self.users, amount=amount
        )
        async with self._locks.hold(f"lead:{lead.id}"):
            deal_id = await upsert_deal(self.api, lead, fields)
        self.echoes.record(deal_id, fields.stage_id or "")
        return str(deal_id)

    async def move_stage(self, ref: str, stage: Stage) -> None:
        """Move the deal to the stage mapped to ``stage`` (an open lead's stage)."""
        await self.move_to(ref, stage, Outcome.OPEN)

    async def move_to(self, ref: str, stage: Stage, outcome: Outcome) -> None:
        """Move the deal to ``stage``, or to the success/failure stage for a won/lost lead."""
        stage_id = (await self.stage_maps.require()).deal_stage(stage, outcome)
        await self.api.update_deal(int(ref), DealFields(stage_id=stage_id))
        self.echoes.record(int(ref), stage_id)

    async def add_comment(self, ref: str, text: str) -> None:
        """Add a timeline comment to the deal (empty text is skipped: Bitrix refuses it)."""
        if text.strip():
            await self.api.add_comment("deal", int(ref), text)

    async def add_comments(self, ref: str, texts: Sequence[str]) -> None:
        """Several timeline comments in order, 50 per request."""
        await self.api.add_comments("deal", int(ref), [t for t in texts if t.strip()])

    async def get_deal(self, ref: str | int) -> BitrixDeal:
        """Re-read a deal (an outbound event carries only its id)."""
        return await self.api.get_deal(int(ref))

    def wrote_stage(self, deal_id: int, stage_id: str) -> bool:
        """True when this process set ``deal_id`` to ``stage_id`` recently (an echo)."""
        return self.echoes.wrote(deal_id, stage_id)

    async def check(self) -> Health:
        """Credentials, the ``crm`` scope, and whether the pipeline is set up."""
        try:
            stage_map = await self.stage_maps.get()
            if stage_map is None:
                await self.api.list_categories()
                return Health(
                    ok=False,
                    detail="connected, but the deal pipeline is not set up: run "
                    "`crystalbay bitrix setup`",
                )
            stages = {s.status_id for s in await self.api.list_stages(stage_map.category_id)}
        except IntegrationError as exc:
            return Health(ok=False, detail=exc.detail)
        wanted = [*stage_map.stages.values(), stage_map.won, stage_map.lost]
        missing = [s for s in wanted if s not in stages]
        if missing:
            return Health(
                ok=False,
                detail=f"stages missing in pipeline {stage_map.category_id}: "
                f"{', '.join(missing)}; run `crystalbay bitrix setup` again",
            )
        return Health(ok=True, detail=f"connected; pipeline {stage_map.category_id} has all stages")
