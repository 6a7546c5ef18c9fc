"""A lead's shortlist: offers a manager picked, sent to the customer as one message.

Every change is written to the lead's activity log. The message lists the offers with the
values the provider returned (hotel, dates, nights, meal, room, price and currency), nothing
rounded or converted, in Russian or English.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from crystalbay.errors import InvalidValue, NotFound
from crystalbay.storage.repositories import LeadRepository
from crystalbay.storage.shortlists import ShortlistItem, ShortlistRepository

if TYPE_CHECKING:
    from crystalbay.domain.messages import Message
    from crystalbay.domain.tours import TourOffer
    from crystalbay.services.conversations import ConversationService
    from crystalbay.storage import Database

__all__ = ["ShortlistService", "describe_offer", "format_price", "shortlist_text"]

_LABELS = {
    "ru": {
        "intro": "Подобрали для вас варианты:",
        "nights": "ночей",
        "adults": "взрослых",
        "children": "дети",
        "check_in": "заезд",
        "room": "номер",
        "meal": "питание",
        "price": "цена",
        "from": "вылет из",
    },
    "en": {
        "intro": "Here are the options we picked for you:",
        "nights": "nights",
        "adults": "adults",
        "children": "children",
        "check_in": "check-in",
        "room": "room",
        "meal": "meal",
        "price": "price",
        "from": "from",
    },
}
MAX_SHORTLIST = 20


def format_price(amount: float) -> str:
    """``1450.0`` -> ``1450``; ``1450.5`` -> ``1450.50``; more decimals are kept as they are."""
    value = float(amount)
    if value.is_integer():
        return str(int(value))
    cents = f"{value:.2f}"
    return cents if float(cents) == value else repr(value)


def describe_offer(offer: TourOffer, lang: str = "ru") -> str:
    """The offer in a few lines, with the provider's values."""
    words = _LABELS.get(lang, _LABELS["ru"])
    stars = f" {offer.stars}*" if offer.stars else ""
    people = f"{offer.adults} {words['adults']}"
    if offer.child_ages:
        people += f", {words['children']} ({', '.join(str(a) for a in offer.child_ages)})"
    price = f"{format_price(offer.price)} {offer.currency}"
    if offer.converted_price is not None and offer.converted_currency:
        price += f" ({format_price(offer.converted_price)} {offer.converted_currency})"
    departure = f", {words['from']} {offer.departure_city}" if offer.departure_city else ""
    return "\n".join(
        (
            f"{offer.hotel}{stars}, {offer.resort}, {offer.country}",
            (
                f"{words['check_in']} {offer.check_in.strftime('%d.%m.%Y')}, "
                f"{offer.nights} {words['nights']}, {people}{departure}"
            ),
            f"{words['room']}: {offer.room}; {words['meal']}: {offer.meal}",
            f"{words['price']}: {price}",
        )
    )


def shortlist_text(offers: builtins.list[TourOffer], lang: str = "ru") -> str:
    """The message for the customer: an intro line and the numbered offers."""
    words = _LABELS.get(lang, _LABELS["ru"])
    blocks = [
        f"{number}. " + describe_offer(offer, lang).replace("\n", "\n   ")
        for number, offer in enumerate(offers, start=1)
    ]
    return "\n\n".join([words["intro"], *blocks])


class ShortlistService:
    """Adds, removes and sends the offers on a lead's shortlist.

    Args:
        db: The database (for transactions).
        conversations: Sends the shortlist to the customer.
    """

    def __init__(self, db: Database, conversations: ConversationService) -> None:
        self.db = db
        self.conversations = conversations
        self.repo = ShortlistRepository()
        self.leads = LeadRepository()

    async def list(self, lead_id: int) -> builtins.list[ShortlistItem]:
        """The lead's shortlist, oldest first."""
        return await self.repo.list(lead_id)

    async def get(self, lead_id: int, item_id: int) -> ShortlistItem:
        """One entry (raises NotFound)."""
        return await self.repo.get(lead_id, item_id)

    async def add(self, lead_id: int, offer: TourOffer, *, actor: str) -> ShortlistItem:
        """Put ``offer`` on the lead's shortlist (once) and log it.

        Raises:
            NotFound: No such lead.
            InvalidValue: The shortlist is full.
        """
        async with self.db.transaction():
            await self.leads.get(lead_id)
            if len(await self.repo.list(lead_id)) >= MAX_SHORTLIST:
                raise InvalidValue(
                    f"a shortlist holds at most {MAX_SHORTLIST} offers; remove one first",
                    field="shortlist",
                )
            item, added = await self.repo.add(lead_id, offer, actor=actor)
            if added:
                note = describe_offer(offer, "en").replace("\n", "; ")
                await self.leads.add_activity(
                    lead_id, actor=actor, action="shortlist_added", note=note
                )
        return item

    async def remove(self, lead_id: int, item_id: int, *, actor: str) -> None:
        """Take an offer off the shortlist (raises NotFound) and log it."""
        async with self.db.transaction():
            item = await self.repo.get(lead_id, item_id)
            await self.repo.remove(lead_id, item_id)
            note = f"{item.offer.hotel}, {item.offer.check_in.isoformat()}"
            await self.leads.add_activity(
                lead_id, actor=actor, action="shortlist_removed", note=note
            )

    async def send(
        self, lead_id: int, conversation_id: int, *, actor: str, lang: str = "ru"
    ) -> Message:
        """Send the whole shortlist as one message in one of the lead's conversations.

        Raises:
            NotFound: The conversation is not one of the lead's.
            InvalidValue: The shortlist is empty.
        """
        lead_conversations = await self.conversations.for_lead(lead_id)
        if conversation_id not in {c.id for c in lead_conversations}:
            raise NotFound(
                f"conversation {conversation_id} is not on lead {lead_id}", field="conversation_id"
            )
        items = await self.repo.list(lead_id)
        if not items:
            raise InvalidValue("add offers to the shortlist before sending it", field="shortlist")
        text = shortlist_text([item.offer for item in items], lang)
        message = await self.conversations.reply(conversation_id, text, author=actor)
        await self.leads.add_activity(
            lead_id, actor=actor, action="shortlist_sent", note=f"{len(items)} offers"
        )
        return message
