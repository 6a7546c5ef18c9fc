"""``/leads/{id}/tours``: the lead page's tour search, shortlist, sending and booking.

The search starts from the lead's brief. An offer is put on the shortlist by its
``provider:offer_id``: the server repeats the search (served from the search cache) and
stores the offer exactly as the provider returned it, so nothing typed in the browser can
change a price. The shortlist goes to the customer as one message in a lead's conversation;
a booking is requested from a shortlisted offer with the travellers typed one per line.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.plugins.htmx import ClientRedirect, HTMXRequest
from litestar.response import Template

from crystalbay.domain.leads import Lead
from crystalbay.errors import CrystalBayError, InvalidValue, NotFound
from crystalbay.hub import Hub
from crystalbay.services.shortlists import ShortlistService, shortlist_text
from crystalbay_web.deps import HubDep
from crystalbay_web.i18n import LANGUAGES, language_of
from crystalbay_web.pages.lead_access import visible_lead
from crystalbay_web.pages.tours import read_form, search_context
from crystalbay_web.pages.tours_forms import SearchForm
from crystalbay_web.pages.tours_options import form_options, run_search
from crystalbay_web.pages.tours_travellers import parse_travellers
from crystalbay_web.sessions import current_user

__all__ = ["LeadToursController"]

Form = Body(media_type=RequestEncodingType.URL_ENCODED)
TARGET = "lead-tour-results"


class PickForm(msgspec.Struct, frozen=True, kw_only=True):
    """The offer to shortlist: ``provider:offer_id``."""

    offer: Annotated[str, msgspec.Meta(max_length=300)]


class SendForm(msgspec.Struct, frozen=True, kw_only=True):
    """Where to send the shortlist, and in which language."""

    conversation_id: int
    lang: str = "ru"


class BookForm(msgspec.Struct, frozen=True, kw_only=True):
    """Travellers, one per line: ``name; birth date; passport``."""

    travellers: Annotated[str, msgspec.Meta(max_length=4000)] = ""


def shortlists(hub: Hub) -> ShortlistService:
    """The hub's shortlist service (built on the fly until the hub owns one)."""
    found = getattr(hub, "shortlists", None)
    return (
        found
        if isinstance(found, ShortlistService)
        else ShortlistService(hub.db, hub.conversations)
    )


async def _lead(request: HTMXRequest, hub: Hub, lead_id: int) -> Lead:
    return await visible_lead(hub, current_user(request), lead_id)


async def shortlist_context(
    request: HTMXRequest, hub: Hub, lead: Lead, **extra: object
) -> dict[str, Any]:
    """What ``tours/_shortlist.html`` shows."""
    items = await shortlists(hub).list(lead.id)
    lang = str(extra.pop("send_lang", language_of(request)))
    return {
        "lead": lead,
        "items": items,
        "conversations": await hub.conversations.for_lead(lead.id),
        "preview": shortlist_text([i.offer for i in items], lang) if items else "",
        "send_lang": lang,
        "languages": LANGUAGES,
        **search_context(SearchForm()),
        **extra,
    }


class LeadToursController(Controller):
    """Tour search for one lead."""

    path = "/leads/{lead_id:int}/tours"
    include_in_schema = False

    @get("/")
    async def panel(self, request: HTMXRequest, hub: HubDep, lead_id: FromPath[int]) -> Template:
        """The search form prefilled from the brief, its first results and the shortlist."""
        lead = await _lead(request, hub, lead_id)
        form = SearchForm.from_brief(lead.brief)
        context = await shortlist_context(request, hub, lead)
        context |= search_context(form, action=f"/leads/{lead.id}/tours/results", target=TARGET)
        context |= {
            "outcome": await run_search(hub, form),
            "options": await form_options(hub, form),
        }
        return Template("tours/_lead_panel.html", context=context)

    @get("/results")
    async def results(self, request: HTMXRequest, hub: HubDep, lead_id: FromPath[int]) -> Template:
        """Results for the lead's search form, with "add to shortlist" buttons."""
        lead = await _lead(request, hub, lead_id)
        form = read_form(request)
        context = search_context(
            form, action=f"/leads/{lead.id}/tours/results", target=TARGET, lead=lead
        )
        context["outcome"] = await run_search(hub, form)
        return Template("tours/_results.html", context=context)

    @post("/shortlist", status_code=200)
    async def add(
        self,
        request: HTMXRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        data: Annotated[PickForm, Form],
    ) -> Template:
        """Shortlist an offer from the current results (found again on the server)."""
        lead = await _lead(request, hub, lead_id)
        outcome = await run_search(hub, read_form(request))
        offers = outcome.result.offers if outcome.result else ()
        offer = next((o for o in offers if f"{o.provider}:{o.offer_id}" == data.offer), None)
        if offer is None:
            error = outcome.problem or "the offer is no longer in the results; search again"
            return await _shortlist(request, hub, lead, error=error)
        try:
            await shortlists(hub).add(lead.id, offer, actor=current_user(request).actor)
        except InvalidValue as exc:
            return await _shortlist(request, hub, lead, error=exc.detail)
        return await _shortlist(request, hub, lead, notice="added")

    @post("/shortlist/{item_id:int}/remove", status_code=200)
    async def remove(
        self, request: HTMXRequest, hub: HubDep, lead_id: FromPath[int], item_id: FromPath[int]
    ) -> Template:
        """Take an offer off the shortlist."""
        lead = await _lead(request, hub, lead_id)
        await shortlists(hub).remove(lead.id, item_id, actor=current_user(request).actor)
        return await _shortlist(request, hub, lead)

    @post("/shortlist/send", status_code=200)
    async def send(
        self,
        request: HTMXRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        data: Annotated[SendForm, Form],
    ) -> Template:
        """Send the shortlist to the customer as one message."""
        lead = await _lead(request, hub, lead_id)
        lang = data.lang if data.lang in LANGUAGES else language_of(request)
        try:
            await shortlists(hub).send(
                lead.id, data.conversation_id, actor=current_user(request).actor, lang=lang
            )
        except (InvalidValue, NotFound) as exc:
            return await _shortlist(request, hub, lead, error=exc.detail, send_lang=lang)
        return await _shortlist(request, hub, lead, notice="sent", send_lang=lang)

    @post("/shortlist/{item_id:int}/book", status_code=200)
    async def book(
        self,
        request: HTMXRequest,
        hub: HubDep,
        lead_id: FromPath[int],
        item_id: FromPath[int],
        data: Annotated[BookForm, Form],
    ) -> Template | ClientRedirect:
        """Request a booking of a shortlisted offer; go to the new booking's page."""
        lead = await _lead(request, hub, lead_id)
        item = await shortlists(hub).get(lead.id, item_id)
        try:
            travellers = parse_travellers(data.travellers)
            booking = await hub.bookings.request(
                lead.id, item.offer, travellers, actor=current_user(request).actor
            )
        except CrystalBayError as exc:
            return await _shortlist(request, hub, lead, error=exc.detail, booking_item=item.id)
        return ClientRedirect(f"/bookings/{booking.id}")


async def _shortlist(request: HTMXRequest, hub: Hub, lead: Lead, **extra: object) -> Template:
    # 200 even with an error: HTMX swaps only successful answers, and the message is inline.
    context = await shortlist_context(request, hub, lead, **extra)
    return Template("tours/_shortlist.html", context=context)
