"""How offers, searches and bookings read in a chat (plain text, no markup to escape)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from crystalbay.domain.bookings import Booking, BookingStatus
    from crystalbay.domain.tours import TourOffer
    from crystalbay_bot.search.draft import SearchDraft
    from crystalbay_bot.texts import Texts

__all__ = [
    "booking_line",
    "day",
    "nights_label",
    "offer_card",
    "party",
    "place",
    "price",
    "results_text",
    "stars",
    "status_label",
]


def place(name: str) -> str:
    """Operators often shout names (``ALMATY``); show ``Almaty`` (acronyms like UAE stay)."""
    return name.title() if name.isupper() and len(name) > _ACRONYM else name


_ACRONYM = 3


def stars(count: int | None) -> str:
    """`` 4★`` after a hotel name, nothing when the category is unknown."""
    return f" {count}★" if count else ""


def day(value: date) -> str:
    """``02.01.2027``: the date format both languages' customers read."""
    return value.strftime("%d.%m.%Y")


def price(amount: float) -> str:
    """``1 597`` or ``1 450.55``: thousands apart, cents only when there are some."""
    text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return text.replace(",", "\u202f")


def nights_label(low: int, high: int) -> str:
    """``7`` or ``6–8``."""
    return str(low) if low == high else f"{low}–{high}"


def party(texts: Texts, adults: int, child_ages: tuple[int, ...]) -> str:
    """``2 adult(s), children aged 4, 11``."""
    text = texts.party_adults.format(n=adults)
    if child_ages:
        text += ", " + texts.children_ages.format(ages=", ".join(map(str, child_ages)))
    return text


def offer_card(texts: Texts, offer: TourOffer) -> str:
    """Everything the customer needs to decide on one offer."""
    card = texts.offer_card.format(
        hotel=offer.hotel,
        stars=stars(offer.stars),
        resort=place(offer.resort),
        country=place(offer.country),
        meal=offer.meal,
        room=offer.room,
        check_in=day(offer.check_in),
        nights=offer.nights,
        party=party(texts, offer.adults, offer.child_ages),
        price=price(offer.price),
        currency=offer.currency,
    )
    return f"{card}\n\n{texts.sandbox_note}" if offer.sandbox else card


def results_text(texts: Texts, draft: SearchDraft) -> str:
    """The results page on screen, numbered like its buttons."""
    route = " → ".join(place(c.name) for c in (draft.city, draft.country) if c)
    dates = " – ".join(day(d) for d in (draft.date_from, draft.date_to) if d)
    header = texts.results_header.format(
        route=route,
        dates=dates,
        nights=nights_label(draft.nights_min or 7, draft.nights_max or draft.nights_min or 7),
        party=party(texts, draft.adults or 2, draft.child_ages),
        page=draft.page,
    )
    lines = [
        texts.results_line.format(
            n=n,
            hotel=offer.hotel,
            stars=stars(offer.stars),
            price=price(offer.price),
            currency=offer.currency,
            resort=place(offer.resort),
            check_in=day(offer.check_in),
            nights=offer.nights,
            meal=offer.meal,
        )
        for n, offer in enumerate(draft.offers, start=1)
    ]
    return "\n\n".join([header, *lines])


def status_label(texts: Texts, status: BookingStatus) -> str:
    """The booking status in the customer's language."""
    label: str = getattr(texts, f"status_{status.value}")
    return label


def booking_line(texts: Texts, booking: Booking) -> str:
    """One line of /mybookings."""
    offer = booking.offer
    return texts.bookings_line.format(
        number=booking.id,
        hotel=offer.hotel + stars(offer.stars),
        check_in=day(offer.check_in),
        nights=offer.nights,
        price=price(booking.price),
        currency=booking.currency,
        status=status_label(texts, booking.status),
    )
