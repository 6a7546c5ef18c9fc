"""A booking request for the offer on screen: name, phone, then contact + lead + booking."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from crystalbay.domain.tours import TourOffer
from crystalbay.errors import InvalidValue
from crystalbay_bot.callbacks import BookCb
from crystalbay_bot.customers import request_booking
from crystalbay_bot.formatting import offer_card
from crystalbay_bot.keyboards import name_keyboard, phone_keyboard
from crystalbay_bot.notify import booking_notice, tell_managers
from crystalbay_bot.search import load
from crystalbay_bot.search.results import chosen_offer
from crystalbay_bot.states import Booking, Search
from crystalbay_bot.views import chat_id_of

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext
    from aiogram.utils.callback_answer import CallbackAnswer

    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["MAX_NAME", "router"]


MAX_NAME = 100


async def book(
    callback: CallbackQuery,
    *,
    callback_data: BookCb,
    bot: Bot,
    state: FSMContext,
    texts: Texts,
    callback_answer: CallbackAnswer,
) -> None:
    """Remember the offer and ask for the customer's name."""
    offer = await chosen_offer(state, callback_data.index)
    if offer is None:
        callback_answer.text = texts.button_outdated
        return
    await state.update_data(chosen=msgspec.to_builtins(offer))
    await state.set_state(Booking.name)
    markup = name_keyboard(callback.from_user.full_name)
    await bot.send_message(chat_id_of(callback), texts.ask_name, reply_markup=markup)


async def got_name(message: Message, state: FSMContext, texts: Texts) -> None:
    """Keep the name, ask for the phone."""
    name = " ".join((message.text or "").split())
    if not name or len(name) > MAX_NAME or name.startswith("/"):
        await message.answer(texts.name_invalid)
        return
    await state.update_data(name=name)
    await state.set_state(Booking.phone)
    await message.answer(texts.ask_phone, reply_markup=phone_keyboard(texts))


async def shared_phone(
    message: Message,
    *,
    bot: Bot,
    hub: Hub,
    state: FSMContext,
    texts: Texts,
    managers_chat_id: int | None,
) -> None:
    """The share-my-phone button: only the customer's own number is taken."""
    contact = message.contact
    assert contact is not None  # noqa: S101 - the filter guarantees it
    sender = message.from_user.id if message.from_user else None
    if contact.user_id is not None and contact.user_id != sender:
        await message.answer(texts.not_your_contact, reply_markup=phone_keyboard(texts))
        return
    phone = contact.phone_number
    phone = phone if phone.startswith("+") else f"+{phone}"  # Telegram sends digits only
    await _finish(
        message,
        phone,
        bot=bot,
        hub=hub,
        state=state,
        texts=texts,
        managers_chat_id=managers_chat_id,
    )


async def typed_phone(
    message: Message,
    *,
    bot: Bot,
    hub: Hub,
    state: FSMContext,
    texts: Texts,
    managers_chat_id: int | None,
) -> None:
    """A phone typed by hand."""
    await _finish(
        message,
        message.text or "",
        bot=bot,
        hub=hub,
        state=state,
        texts=texts,
        managers_chat_id=managers_chat_id,
    )


async def _finish(
    message: Message,
    raw_phone: str,
    *,
    bot: Bot,
    hub: Hub,
    state: FSMContext,
    texts: Texts,
    managers_chat_id: int | None,
) -> None:
    try:
        phone = hub.contacts.normalized(phones=[raw_phone]).phones[0]
    except InvalidValue:
        await message.answer(texts.phone_invalid, reply_markup=phone_keyboard(texts))
        return
    data = await state.get_data()
    offer = msgspec.convert(data["chosen"], TourOffer)
    name = str(data["name"])
    booking, lead, contact = await request_booking(
        hub, message.chat.id, name=name, phone=phone, offer=offer, brief=(await load(state)).brief()
    )
    await state.clear()
    done = texts.booking_done.format(
        name=name, number=booking.id, offer=offer_card(texts, offer), phone=phone
    )
    await message.answer(done, reply_markup=ReplyKeyboardRemove())
    await tell_managers(bot, managers_chat_id, booking_notice(booking, contact, lead))


def router() -> Router:
    """The booking router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="booking")
    r.callback_query.register(book, StateFilter(Search.results), BookCb.filter())
    r.message.register(got_name, StateFilter(Booking.name), F.text)
    r.message.register(shared_phone, StateFilter(Booking.phone), F.contact)
    r.message.register(typed_phone, StateFilter(Booking.phone), F.text)
    return r
