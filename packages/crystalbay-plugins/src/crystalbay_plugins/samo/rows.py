"""Build SAMO rows from the demo catalogue.

The typing is version 1.0's: int ids, 0/1 ``selected``, numeric-string prices, ``""`` for false.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from crystalbay_plugins.samo.models import (
    Currency,
    CurrencyRate,
    Hotel,
    Meal,
    Star,
    State,
    Town,
    TownFrom,
)
from crystalbay_plugins.samo.price_models import FreightSeats, PriceRow, RowFreights
from crystalbay_plugins.samo.wire import samo_day

if TYPE_CHECKING:
    from collections.abc import Collection

    from crystalbay_plugins.samo.catalogue_model import Catalogue, HotelSpec
    from crystalbay_plugins.samo.price_query import PriceQuery
    from crystalbay_plugins.samo.pricing import Candidate

__all__ = [
    "currencies",
    "hotels",
    "meals",
    "offer_id",
    "price_row",
    "stars",
    "states",
    "townfroms",
    "towns",
]


def _on(selected: bool) -> int:  # noqa: FBT001 - a tiny converter
    return 1 if selected else 0


def townfroms(catalogue: Catalogue, selected: int | None) -> list[TownFrom]:
    """Departure cities, sorted by country name, then city name."""
    cities = sorted(catalogue.cities, key=lambda c: (c.country, c.name))
    return [
        TownFrom(
            id=c.id, name=c.name, name_alt=c.name_alt, state_from_key=c.country_key,
            state_from_name=c.country, state_from_name_alt=c.country_alt, packet_type=0,
            default=_on(c.default), selected=_on(c.id == selected),
        )
        for c in cities
    ]  # fmt: skip


def states(catalogue: Catalogue, townfrom: int, selected: int | None) -> list[State]:
    """Countries with flights from ``townfrom``, sorted by name."""
    served = {r.country for r in catalogue.routes if r.city == townfrom}
    countries = sorted((c for c in catalogue.countries if c.id in served), key=lambda c: c.name)
    return [
        State(id=c.id, name=c.name, name_alt=c.name_alt, selected=_on(c.id == selected))
        for c in countries
    ]


def towns(catalogue: Catalogue, state: int, selected: Collection[int]) -> list[Town]:
    """Resorts of ``state``."""
    return [
        Town(
            id=r.id, name=r.name, name_alt=r.name_alt, region=r.region, region_alt=r.region_alt,
            region_key=r.region_key, region_selected=0, selected=_on(r.id in selected),
        )
        for r in sorted(catalogue.resorts, key=lambda r: r.name)
        if r.country == state
    ]  # fmt: skip


def hotels(
    catalogue: Catalogue,
    state: int,
    towns: Collection[int],
    stars: Collection[int],
    selected: Collection[int],
) -> list[Hotel]:
    """Hotels of ``state``, narrowed by ``TOWNS`` and ``STARS``."""
    resorts = {r.id for r in catalogue.resorts if r.country == state}
    base = catalogue.star_group_base
    return [
        Hotel(
            id=h.id, name=h.name, name_alt=h.name, town_key=h.resort, star=f"{h.stars}*",
            star_alt=f"{h.stars}*", star_key=h.stars, star_group_list=str(base + h.stars),
            type_list="", selected=_on(h.id in selected),
        )
        for h in sorted(catalogue.hotels, key=lambda h: h.name)
        if h.resort in resorts
        and (not towns or h.resort in towns)
        and (not stars or base + h.stars in stars)
    ]  # fmt: skip


def meals(catalogue: Catalogue, state: int, selected: Collection[int]) -> list[Meal]:
    """Meal groups some hotel of ``state`` offers."""
    used = {m for h in _state_hotels(catalogue, state) for m in h.meals}
    return [
        Meal(id=m.id, name=m.name, name_alt=m.name_alt, selected=_on(m.id in selected))
        for m in catalogue.meals
        if m.id in used
    ]


def stars(catalogue: Catalogue, state: int, selected: Collection[int]) -> list[Star]:
    """Star groups present in ``state``."""
    groups = sorted({catalogue.star_group_base + h.stars for h in _state_hotels(catalogue, state)})
    base = catalogue.star_group_base
    return [
        Star(id=g, name=f"{g - base}*", name_alt=f"{g - base}*", selected=_on(g in selected))
        for g in groups
    ]


def currencies(catalogue: Catalogue, selected: int | None) -> list[Currency]:
    """Currencies with their rate in the base currency (what ``rates`` means is [UNC])."""
    base = next(c for c in catalogue.currencies if c.alias == catalogue.base_currency)
    return [
        Currency(
            id=c.id, name=c.name, name_alt=c.name_alt, alias=c.alias,
            rates=[CurrencyRate(id=base.id, nominal=1, value=f"{c.rate:.4f}", alias=base.alias)],
            selected=_on(c.id == selected),
        )
        for c in catalogue.currencies
    ]  # fmt: skip


def _state_hotels(catalogue: Catalogue, state: int) -> list[HotelSpec]:
    resorts = {r.id for r in catalogue.resorts if r.country == state}
    return [h for h in catalogue.hotels if h.resort in resorts]


def offer_id(seed: int, q: PriceQuery, c: Candidate) -> str:
    """A ``CATCLAIM``-style id: ``0x`` and 32 hex digits, stable for the same offer."""
    parts = (seed, q.townfrom, c.hotel, c.room, c.meal, c.day, c.nights, q.adult, q.ages)
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=16)
    return "0x" + digest.hexdigest().upper()


def _placement(q: PriceQuery) -> str:
    place = {1: "SGL", 2: "DBL", 3: "TRPL"}.get(q.adult, f"{q.adult}AD")
    return place + (f"+{len(q.ages)}CHD" if q.ages else "")


def price_row(catalogue: Catalogue, seed: int, q: PriceQuery, c: Candidate) -> PriceRow:
    """The wire row of one offer."""
    hotel = next(h for h in catalogue.hotels if h.id == c.hotel)
    resort = next(r for r in catalogue.resorts if r.id == hotel.resort)
    country = next(k for k in catalogue.countries if k.id == q.state)
    city = next(k for k in catalogue.cities if k.id == q.townfrom)
    meal = next(m for m in catalogue.meals if m.id == c.meal)
    room = next(r for r in catalogue.rooms if r.id == c.room)
    native = next(k for k in catalogue.currencies if k.alias == country.currency)
    target = next((k for k in catalogue.currencies if k.id == q.currency), None) or next(
        k for k in catalogue.currencies if k.alias == catalogue.base_currency
    )
    place = _placement(q)
    seats = FreightSeats(in_=c.seats_in, out=c.seats_out)
    closed = FreightSeats(in_="N", out="N")
    return PriceRow(
        id=offer_id(seed, q, c), claim="", check_in=samo_day(c.day),
        check_out=samo_day(c.day + timedelta(days=c.nights)), nights=c.nights, hnights=c.nights,
        adult=q.adult, child=len(q.ages), tour=f"{country.name} из {city.name.title()}",
        tour_alt=f"{country.name_alt} from {city.name_alt.title()}",
        tour_key=3300 + q.townfrom % 100 + q.state, town=resort.name, town_alt=resort.name_alt,
        town_key=resort.id, hotel=hotel.name, hotel_alt=hotel.name, hotel_key=hotel.id,
        hotel_availability=c.availability, star=f"{hotel.stars}*", star_alt=f"{hotel.stars}*",
        star_key=hotel.stars, star_group_key=catalogue.star_group_base + hotel.stars,
        meal=meal.name, meal_alt=meal.name, meal_key=meal.id, meal_group_key=meal.id,
        room=room.name, room_alt=room.name_alt, room_key=room.id, ht_place=place,
        ht_place_alt=place, ht_place_key=5400 + q.adult * 10 + len(q.ages),
        price=f"{c.price}.00", currency=native.alias, currency_key=native.id,
        converted_price=f"{c.converted} {target.alias}", converted_currency_key=target.id,
        converted_price_number=c.converted, bron="" if c.stop or c.availability == "RRRR" else "1",
        stop_sale="1" if c.stop else "", packet_type=0, grouped=_on(q.per_hotel),
        freights=RowFreights(econom=seats, busines=closed, comfort=closed, premium=closed),
        town_from_key=q.townfrom, state_key=q.state,
    )  # fmt: skip
