"""``/leads/{id}``: the lead page (conversation, reply box, assistant, details, activity)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Template

from crystalbay.errors import Conflict, InvalidTransition, InvalidValue, NotFound
from crystalbay.hub import Hub
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.i18n import language_of
from crystalbay_web.pages.lead_access import refusal_message, visible_lead
from crystalbay_web.pages.lead_data import lead_view
from crystalbay_web.pages.lead_forms import EditForm, ModeForm, ReplyForm, changes_from
from crystalbay_web.sessions import SessionUser, current_user

__all__ = ["LeadPageController"]

Form = Body(media_type=RequestEncodingType.URL_ENCODED)


async def _partial(
    hub: Hub, user: SessionUser, lead_id: int, template: str, **extra: object
) -> Template:
    """Re-render one part of the page; the activity log comes along out of band."""
    view = await lead_view(hub, user, await visible_lead(hub, user, lead_id))
    context: dict[str, Any] = {"view": view, "lead": view.lead, "oob_activity": True, **extra}
    return Template(template, context=context)


class LeadPageController(Controller):
    """One lead, its conversation and its details."""

    path = "/leads/{lead_id:int}"
    include_in_schema = False

    @get("/")
    async def page(self, request: AnyRequest, hub: HubDep, lead_id: FromPath[int]) -> Template:
        """The whole lead page."""
        user = current_user(request)
        view = await lead_view(hub, user, await visible_lead(hub, user, lead_id))
        return Template("leads/lead.html", context={"view": view, "lead": view.lead})

    @get("/thread")
    async def thread(self, request: AnyRequest, hub: HubDep, lead_id: FromPath[int]) -> Template:
        """The messages alone (live updates reload them when a message arrives or changes)."""
        user = current_user(request)
        view = await lead_view(hub, user, await visible_lead(hub, user, lead_id))
        return Template("leads/_thread.html", context={"view": view, "lead": view.lead})

    @post("/edit", status_code=200)
    async def edit(
        self,
        request: AnyRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        data: Annotated[EditForm, Form],
    ) -> Template:
        """Save the details form (stage, outcome, tags, assignee, reminder...)."""
        user = current_user(request)
        lead = await visible_lead(hub, user, lead_id)
        error = None
        try:
            await hub.leads.change(lead.id, changes_from(data, lead, user), actor=user.actor)
        except InvalidTransition as exc:
            moved = exc.field == "stage" and data.stage != lead.stage
            error = (
                refusal_message(lead, data.stage, exc, language_of(request))
                if moved
                else exc.detail
            )
        except (InvalidValue, Conflict) as exc:
            error = exc.detail
        return await _partial(
            hub, user, lead_id, "leads/_details.html", error=error, saved=error is None
        )

    @post("/reply", status_code=200)
    async def reply(
        self,
        request: AnyRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        data: Annotated[ReplyForm, Form],
    ) -> Template:
        """Queue a reply in one of the lead's conversations."""
        user = current_user(request)
        await self._conversation_of(hub, user, lead_id, data.conversation_id)
        error, text = None, ""
        try:
            await hub.conversations.reply(data.conversation_id, data.text, author=user.actor)
        except InvalidValue as exc:
            error, text = exc.detail, data.text
        return await _partial(
            hub, user, lead_id, "leads/_conversation.html", error=error, reply_text=text
        )

    @post("/messages/{message_id:int}/retry", status_code=200)
    async def retry(
        self,
        request: AnyRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        message_id: FromPath[int],
    ) -> Template:
        """Queue a failed message again."""
        user = current_user(request)
        message = await hub.conversations.repo.get_message(message_id)
        await self._conversation_of(hub, user, lead_id, message.conversation_id)
        await hub.conversations.retry(message_id, author=user.actor)
        return await _partial(hub, user, lead_id, "leads/_conversation.html")

    @post("/conversations/{conversation_id:int}/mode", status_code=200)
    async def mode(
        self,
        request: AnyRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        conversation_id: FromPath[int],
        data: Annotated[ModeForm, Form],
    ) -> Template:
        """Switch who answers in a conversation: manual, suggest or auto."""
        user = current_user(request)
        await self._conversation_of(hub, user, lead_id, conversation_id)
        await hub.conversations.set_mode(conversation_id, data.mode, actor=user.actor)
        return await _partial(hub, user, lead_id, "leads/_conversation.html")

    @staticmethod
    async def _conversation_of(
        hub: Hub, user: SessionUser, lead_id: int, conversation_id: int
    ) -> None:
        """Check that the conversation belongs to a lead the user may see (else NotFound)."""
        lead = await visible_lead(hub, user, lead_id)
        if conversation_id not in {c.id for c in await hub.conversations.for_lead(lead.id)}:
            raise NotFound(
                f"conversation {conversation_id} is not on lead {lead_id}",
                field="conversation_id",
            )
