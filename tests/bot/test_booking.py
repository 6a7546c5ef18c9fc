"""Booking requests from the bot: contact, lead, booking, confirmation, managers, /mybookings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.bookings import BookingStatus
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.events import BookingChanged
from crystalbay.services.bookings import BOOKING_STAGE
from crystalbay.storage.repositories import LeadFilter
from crystalbay_bot.formatting import offer_card
from crystalbay_bot.search import load
from crystalbay_bot.texts import EN, RU

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from crystalbay.domain.tours import TourOffer
    from crystalbay.hub import Hub
    from crystalbay.testing import EventRecorder
    from crystalbay_bot.testing import BotCustomer
    from crystalbay_plugins.telegram.testing import ApiCall

IVAN, MANAGERS = 555, -100500


async def _results(ivan: BotCustomer) -> None:
    await ivan.send("/search")
    for label in ("Almaty", "Vietnam", RU.dates_next_month, RU.nights_option.format(nights="7")):
        await ivan.press(label)
    await ivan.press("2")
    await ivan.press("1")
    await ivan.press("7")  # the child's age
    await ivan.press(RU.budget_any)


async def _second_offer(ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot) -> TourOffer:
    await _results(ivan)
    offer = (await load(dispatcher.fsm.get_context(bot, IVAN, IVAN))).offers[1]
    await ivan.press("2")
    return offer


def _keyboard(call: ApiCall) -> dict[str, object]:
    markup = call.params["reply_markup"]
    assert isinstance(markup, dict)
    return markup


async def test_a_booking_request_creates_contact_lead_and_booking(
    ivan: BotCustomer,
    *,
    bot_hub: Hub,
    dispatcher: Dispatcher,
    bot: Bot,
    recorder: EventRecorder,
) -> None:
    offer = await _second_offer(ivan, dispatcher, bot)
    assert ivan.screen() == offer_card(RU, offer)
    assert ivan.buttons() == [RU.request_booking, RU.back_to_results, RU.menu_manager]

    [ask_name, _] = await ivan.press(RU.request_booking)
    assert ask_name.text == RU.ask_name
    assert _keyboard(ask_name)["keyboard"] == [[{"text": "Иван Петров"}]]
    [ask_phone] = await ivan.send("Иван Петров")
    assert ask_phone.text == RU.ask_phone
    share = {"text": RU.share_phone, "request_contact": True}
    assert _keyboard(ask_phone)["keyboard"] == [[share]]

    calls = await ivan.share_phone("77011234567")  # Telegram sends digits without "+"

    [contact_id] = await bot_hub.contacts.repo.find_by_points([("identity", f"telegram:{IVAN}")])
    contact = await bot_hub.contacts.get(contact_id)
    assert (contact.name, contact.phones) == ("Иван Петров", ("+77011234567",))
    [lead], _ = await bot_hub.leads.list(LeadFilter(contact_id=contact_id))
    assert (lead.source, lead.stage, lead.outcome) == ("telegram", BOOKING_STAGE, Outcome.OPEN)
    assert (lead.brief.departure_city, lead.brief.country, lead.brief.adults) == (
        "Almaty",
        "Vietnam",
        2,
    )
    assert lead.brief.child_ages == (7,)
    [booking], _ = await bot_hub.bookings.list(lead_id=lead.id)
    assert booking.offer == offer
    assert booking.status is BookingStatus.REQUESTED
    assert [t.name for t in booking.travellers] == ["Иван Петров"]
    assert BookingChanged(booking_id=booking.id, lead_id=lead.id, status="requested") in (
        recorder.events
    )

    confirmation, notice = calls
    assert confirmation.chat_id == IVAN
    assert confirmation.text == RU.booking_done.format(
        name="Иван Петров", number=booking.id, offer=offer_card(RU, offer), phone="+77011234567"
    )
    assert _keyboard(confirmation) == {"remove_keyboard": True}
    assert notice.chat_id == MANAGERS
    assert f"№{booking.id}" in notice.text
    assert offer.hotel in notice.text
    assert "+77011234567" in notice.text
    assert f"лид №{lead.id}" in notice.text
    state = dispatcher.fsm.get_context(bot, IVAN, IVAN)
    assert await state.get_state() is None


async def test_a_bad_phone_is_asked_again_and_a_typed_one_works(
    ivan: BotCustomer, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    await _second_offer(ivan, dispatcher, bot)
    await ivan.press(RU.request_booking)
    await ivan.send("Иван")

    [again] = await ivan.send("12")
    assert again.text == RU.phone_invalid
    [foreign] = await ivan.share_phone("77019998877", owner=999)  # someone else's contact
    assert foreign.text == RU.not_your_contact
    await ivan.send("+7 (701) 555-44-33")

    [booking], _ = await bot_hub.bookings.list()
    lead = await bot_hub.leads.get(booking.lead_id)
    contact = await bot_hub.contacts.get(lead.contact_id or 0)
    assert contact.phones == ("+77015554433",)


async def test_a_second_request_joins_the_same_lead(
    ivan: BotCustomer, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    for _ in range(2):
        await _second_offer(ivan, dispatcher, bot)
        await ivan.press(RU.request_booking)
        await ivan.send("Иван")
        await ivan.share_phone("77011234567")

    bookings, total = await bot_hub.bookings.list()
    assert total == 2
    assert bookings[0].lead_id == bookings[1].lead_id


async def test_my_bookings_lists_status_in_the_customers_language(
    ivan: BotCustomer, john: BotCustomer, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    await john.send("/mybookings")
    assert john.screen() == EN.bookings_none

    offer = await _second_offer(ivan, dispatcher, bot)
    await ivan.press(RU.request_booking)
    await ivan.send("Иван")
    await ivan.share_phone("77011234567")
    [booking], _ = await bot_hub.bookings.list()
    await bot_hub.bookings.set_status(booking.id, BookingStatus.CONFIRMED, actor="user:anna")

    await ivan.send("/mybookings")

    lines = ivan.screen().split("\n")
    assert lines[0] == RU.bookings_header
    assert lines[1].startswith(f"№{booking.id} · {offer.hotel}")
    assert lines[1].endswith(f"— {RU.status_confirmed}")
    await ivan.press(RU.menu_bookings)  # the menu entry shows the same list
    assert ivan.screen().split("\n")[1] == lines[1]
    assert (await bot_hub.leads.get(booking.lead_id)).stage is not Stage.NEW
