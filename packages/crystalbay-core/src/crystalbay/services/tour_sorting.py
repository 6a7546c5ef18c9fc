"""Ordering merged offers by price, check-in date or stars."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from crystalbay.services.tour_results import TourSort

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crystalbay.domain.tours import TourOffer

__all__ = ["effective_price", "sort_offers"]

_SortKey = tuple[bool, float, float, date, str, str]


def effective_price(offer: TourOffer, currency: str) -> float:
    """The price to compare: the converted price when it is in ``currency``, else ``price``.

    Providers are asked for ``currency``; an offer still priced in another currency is compared
    by its number alone, as no exchange rate is known here.
    """
    if offer.converted_price is not None and offer.converted_currency == currency:
        return offer.converted_price
    return offer.price


def sort_offers(
    offers: Iterable[TourOffer], *, sort: TourSort, descending: bool, currency: str
) -> tuple[TourOffer, ...]:
    """Order ``offers`` by ``sort``; ties go to the cheaper, then earlier offer.

    Offers without a star rating come last in either direction.
    """

    def key(offer: TourOffer) -> _SortKey:
        price = effective_price(offer, currency)
        primary = _primary(offer, sort, price)
        value = 0.0 if primary is None else (-primary if descending else primary)
        return (primary is None, value, price, offer.check_in, offer.provider, offer.offer_id)

    return tuple(sorted(offers, key=key))


def _primary(offer: TourOffer, sort: TourSort, price: float) -> float | None:
    if sort is TourSort.CHECK_IN:
        return float(offer.check_in.toordinal())
    if sort is TourSort.STARS:
        return None if offer.stars is None else float(offer.stars)
    return price
