"""``/leads``: the pipeline board, its lazily paged columns and drag-and-drop moves."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Template

from crystalbay.domain.pipeline import STAGES, Stage
from crystalbay.errors import InvalidTransition
from crystalbay.services.leads import LeadChanges
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.i18n import language_of
from crystalbay_web.pages.board_data import (
    BoardFilters,
    board_columns,
    cards_for,
    column_page,
)
from crystalbay_web.pages.lead_access import refusal_message, visible_lead
from crystalbay_web.sessions import current_user

__all__ = ["BoardController", "MoveForm"]

Text = Annotated[str, msgspec.Meta(max_length=200)]


class MoveForm(msgspec.Struct, frozen=True, kw_only=True):
    """A card dropped on a column, with the board's filters (to recount the columns)."""

    stage: Stage
    assignee: Text = ""
    tag: Text = ""
    source: Text = ""
    q: Text = ""

    def filters(self) -> BoardFilters:
        """The board's filters at the time of the move."""
        return BoardFilters(assignee=self.assignee, tag=self.tag, source=self.source, q=self.q)


class BoardController(Controller):
    """The Kanban board of leads."""

    path = "/leads"
    include_in_schema = False

    @get("/")
    async def board(
        self,
        *,
        request: AnyRequest,
        hub: HubDep,
        assignee: FromQuery[Text] = "",
        tag: FromQuery[Text] = "",
        source: FromQuery[Text] = "",
        q: FromQuery[Text] = "",
    ) -> Template:
        """A column per stage with its count and first page of cards."""
        user = current_user(request)
        filters = BoardFilters(assignee=assignee, tag=tag, source=source, q=q)
        columns, counts = await board_columns(hub, user, filters)
        users = await hub.accounts.repo.list_users() if user.is_admin else []
        context = {
            "columns": columns,
            "counts": counts,
            "filters": filters,
            "users": [u.username for u in users],
        }
        return Template("leads/board.html", context=context)

    @get("/column/{stage:str}")
    async def column(
        self,
        *,
        request: AnyRequest,
        hub: HubDep,
        stage: FromPath[Stage],
        cursor: FromQuery[Annotated[str, msgspec.Meta(max_length=64)]] = "",
        assignee: FromQuery[Text] = "",
        tag: FromQuery[Text] = "",
        source: FromQuery[Text] = "",
        q: FromQuery[Text] = "",
    ) -> Template:
        """The next page of a column (loaded when its last card scrolls into view)."""
        filters = BoardFilters(assignee=assignee, tag=tag, source=source, q=q)
        page = await column_page(hub, current_user(request), filters, stage, cursor or None)
        return Template("leads/_column_page.html", context={"page": page, "filters": filters})

    @get("/{lead_id:int}/card")
    async def card(
        self,
        *,
        request: AnyRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        assignee: FromQuery[Text] = "",
        tag: FromQuery[Text] = "",
        source: FromQuery[Text] = "",
        q: FromQuery[Text] = "",
    ) -> Template:
        """A lead's card as the board shows it now, and every column's count (live updates).

        Without a card when the lead is not on this board (another manager's, or filtered out).
        """
        user = current_user(request)
        filters = BoardFilters(assignee=assignee, tag=tag, source=source, q=q).lead_filter(user)
        found = await hub.leads.repo.page(msgspec.structs.replace(filters, lead_id=lead_id))
        cards = await cards_for(hub, found)
        counts = await hub.leads.repo.count_by_stage(filters)
        context = {"card": cards[0] if cards else None, "counts": counts, "stages": STAGES}
        return Template("leads/_card.html", context={**context, "oob_counts": True})

    @post("/{lead_id:int}/move", status_code=200)
    async def move(
        self,
        request: AnyRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        data: Annotated[MoveForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
    ) -> Template | Response[str]:
        """Move a lead to another stage; 409 with the reason when the pipeline refuses."""
        user = current_user(request)
        lead = await visible_lead(hub, user, lead_id)
        try:
            lead = await hub.leads.change(lead.id, LeadChanges(stage=data.stage), actor=user.actor)
        except InvalidTransition as exc:
            reason = refusal_message(lead, data.stage, exc, language_of(request))
            return Response(reason, status_code=409, media_type="text/plain")
        counts = await hub.leads.repo.count_by_stage(data.filters().lead_filter(user))
        (card,) = await cards_for(hub, [lead])
        context = {"card": card, "counts": counts, "stages": STAGES, "oob_counts": True}
        return Template("leads/_card.html", context=context)
