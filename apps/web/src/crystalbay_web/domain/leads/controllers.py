"""``/api/v1/leads``: list, get, create, patch, activity, import."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get, patch, post
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter

from crystalbay.domain.leads import Lead
from crystalbay.domain.pipeline import parse_stage
from crystalbay.services.intake import LeadImport
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.storage.repositories import LeadFilter
from crystalbay_web.auth import api_actor, require_api_key
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.domain.leads.schemas import ActivityList, ImportResponse, LeadPage

__all__ = ["LeadController"]

PageNumber = Annotated[int, QueryParameter(ge=1, le=100_000, description="1-based page number")]
PageSize = Annotated[int, QueryParameter(ge=1, le=200, description="items per page")]
SearchText = Annotated[str | None, QueryParameter(max_length=200, description="text search")]


class LeadController(Controller):
    """Leads on the pipeline."""

    path = "/api/v1/leads"
    guards = [require_api_key]  # noqa: RUF012 - Litestar's declared attribute
    tags = ["leads"]  # noqa: RUF012

    @get("/")
    async def list_leads(
        self,
        *,
        hub: HubDep,
        stage: FromQuery[str | None] = None,
        assignee: FromQuery[str | None] = None,
        tag: FromQuery[str | None] = None,
        source: FromQuery[str | None] = None,
        q: SearchText = None,
        page: PageNumber = 1,
        page_size: PageSize = 50,
    ) -> LeadPage:
        """Leads, most recently updated first, filtered by stage, assignee, tag, source and text."""
        flt = LeadFilter(
            stage=parse_stage(stage) if stage else None,
            assignee=assignee,
            tag=tag.strip().lower() if tag else None,
            source=source,
            text=q,
            limit=page_size,
            offset=(page - 1) * page_size,
        )
        items, total = await hub.leads.list(flt)
        return LeadPage(items=items, total=total, page=page, page_size=page_size)

    @post("/")
    async def create_lead(
        self, hub: HubDep, request: AnyRequest, data: JSONBody[LeadDraft]
    ) -> Lead:
        """Open a lead."""
        if data.contact_id is not None:
            await hub.contacts.get(data.contact_id)
        return await hub.leads.create(data, actor=api_actor(request))

    @get("/{lead_id:int}")
    async def get_lead(self, hub: HubDep, lead_id: FromPath[int]) -> Lead:
        """One lead."""
        return await hub.leads.get(lead_id)

    @patch("/{lead_id:int}")
    async def patch_lead(
        self,
        hub: HubDep,
        request: AnyRequest,
        lead_id: FromPath[int],
        data: JSONBody[LeadChanges],
    ) -> Lead:
        """Change fields, move the stage, set tags; pass ``version`` to guard against races."""
        return await hub.leads.change(lead_id, data, actor=api_actor(request))

    @get("/{lead_id:int}/activity")
    async def activity(self, hub: HubDep, lead_id: FromPath[int]) -> ActivityList:
        """Who changed what, when, from what to what."""
        return ActivityList(items=await hub.leads.activity(lead_id))

    @post("/import", status_code=201, opt={"widget_key": True})
    async def import_lead(
        self,
        hub: HubDep,
        request: AnyRequest,
        data: JSONBody[LeadImport],
        idempotency_key: Annotated[
            str | None, HeaderParameter(name="Idempotency-Key", max_length=200, required=False)
        ] = None,
    ) -> Response[ImportResponse]:
        """Capture a lead from a website or another system.

        The same ``Idempotency-Key`` returns the same lead (status 200 for a replay).
        """
        result = await hub.intake.import_lead(
            data, actor=api_actor(request), idempotency_key=idempotency_key
        )
        lead = await hub.leads.get(result.lead_id)
        body = ImportResponse(lead=lead, created=result.created, replayed=result.replayed)
        origin = request.state.get("cors_origin")  # set for a widget key on its own site
        headers = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else None
        return Response(body, status_code=200 if result.replayed else 201, headers=headers)
