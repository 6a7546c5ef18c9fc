"""Telling the managers' Telegram chat (``TELEGRAM_MANAGERS_CHAT_ID``) what customers do.

The dashboard learns the same from hub events (``BookingChanged``, conversation changes);
this chat is an optional extra, so a failure here is logged and never reaches the customer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram.exceptions import TelegramAPIError

from crystalbay_bot.formatting import day, nights_label, price, stars

if TYPE_CHECKING:
    from aiogram import Bot

    from crystalbay.domain.bookings import Booking
    from crystalbay.domain.contacts import Contact
    from crystalbay.domain.leads import Lead, TripBrief

__all__ = ["booking_notice", "handover_notice", "search_down_notice", "tell_managers"]

logger = logging.getLogger("crystalbay.bot")


async def tell_managers(bot: Bot, chat_id: int | None, text: str) -> bool:
    """Post ``text`` to the managers' chat when one is configured; True when it was sent."""
    if chat_id is None:
        return False
    try:
        await bot.send_message(chat_id, text)
    except TelegramAPIError as exc:
        logger.warning(
            "could not notify the managers' chat %s (check TELEGRAM_MANAGERS_CHAT_ID and that "
            "the bot is a member): %s",
            chat_id,
            exc,
        )
        return False
    return True


def booking_notice(booking: Booking, contact: Contact, lead: Lead) -> str:
    """The managers' announcement of a booking request (in the agency's language, Russian)."""
    offer = booking.offer
    who = contact.name or "клиент"
    phone = f" ({contact.phones[0]})" if contact.phones else ""
    demo = "\n⚠️ Предложение из демо-каталога (sandbox)." if offer.sandbox else ""
    return (
        f"🆕 Заявка на бронь №{booking.id} из Telegram\n"
        f"{who}{phone}, лид №{lead.id}\n"
        f"{offer.hotel}{stars(offer.stars)}, {offer.resort}, {offer.country}\n"
        f"{day(offer.check_in)}, {offer.nights} ночей, {offer.meal}, {offer.room}\n"
        f"{price(booking.price)} {booking.currency} · {offer.provider} {offer.offer_id}{demo}"
    )


def handover_notice(name: str, chat_id: int, lead: Lead) -> str:
    """The managers' announcement that a customer asked for a person."""
    return f"💬 {name or chat_id} просит менеджера в Telegram (лид №{lead.id}). Ответьте в панели."


def search_down_notice(name: str, chat_id: int, lead: Lead, brief: TripBrief) -> str:
    """The managers' announcement that a customer's search failed and waits for them."""
    wanted = _brief_line(brief) or "параметры ещё не выбраны"
    return (
        f"⚠️ Поиск туров недоступен: {name or chat_id} ждёт подбора в Telegram "
        f"(лид №{lead.id}).\nЗапрос: {wanted}. Ответьте в панели."
    )


def _brief_line(brief: TripBrief) -> str:
    """``Almaty → Vietnam, 01.08.2027 – 31.08.2027, 7 ночей, 2 взр., до 2 000 USD``."""
    low = brief.nights_min
    parts = [
        " → ".join(p for p in (brief.departure_city, brief.country) if p),
        " – ".join(day(d) for d in (brief.date_from, brief.date_to) if d),
        f"{nights_label(low, brief.nights_max or low)} ночей" if low else "",
        f"{brief.adults} взр." if brief.adults else "",
        f"дети {', '.join(map(str, brief.child_ages))}" if brief.child_ages else "",
        f"до {price(brief.budget.amount)} {brief.budget.currency}" if brief.budget else "",
    ]
    return ", ".join(p for p in parts if p)
