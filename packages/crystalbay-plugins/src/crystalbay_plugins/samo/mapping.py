"""SAMO vendor Structs -> domain Structs.

Every function either returns a domain value or raises ``IntegrationProtocolError``; odd but
legal values (numeric strings, ``""`` for false, missing optional fields) are accepted.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.tours import DictionaryItem, TourOffer
from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.samo.price_models import FreightSeats

if TYPE_CHECKING:
    from crystalbay_plugins.samo.models import Flag
    from crystalbay_plugins.samo.price_models import PriceRow

__all__ = [
    "OfferContext",
    "dictionary_item",
    "display_name",
    "offer_from_row",
    "parse_amount",
    "parse_date",
    "parse_flag",
    "parse_stars",
]


class OfferContext(msgspec.Struct, frozen=True, kw_only=True):
    """What a price row does not say but the offer needs (taken from the resolved query)."""

    provider: str
    country: str
    departure_city: str | None = None
    child_ages: tuple[int, ...] = ()
    currency: str | None = None
    """The alias of the currency asked for (``CURRENCY``), when known."""
    latin: bool = False
    sandbox: bool = False


def display_name(name: str, name_alt: str, *, latin: bool) -> str:
    """``nameAlt`` (Latin) or ``name`` (local language), falling back to the other."""
    first, second = (name_alt, name) if latin else (name, name_alt)
    return (first or second).strip()


def dictionary_item(
    key: int | str, name: str, name_alt: str, *, latin: bool, parent: int | str | None = None
) -> DictionaryItem:
    """One dictionary entry; the key is the operator's id as a string."""
    label = display_name(name, name_alt, latin=latin) or str(key)
    return DictionaryItem(
        key=str(key), name=label, parent=None if parent in (None, "") else str(parent)
    )


def offer_from_row(row: PriceRow, context: OfferContext) -> TourOffer:
    """Map one ``SearchTour_PRICES`` row to a :class:`TourOffer`.

    Raises:
        IntegrationProtocolError: A required value is empty or malformed.
    """
    where = f"price row {row.id!r}"
    hotel = display_name(row.hotel, row.hotel_alt, latin=context.latin)
    if not row.id.strip() or not hotel or not row.currency.strip():
        raise _bad(context, f"{where}: empty id, hotel or currency")
    if row.nights < 1:
        raise _bad(context, f"{where}: nights must be positive, got {row.nights}")
    converted, converted_currency = _converted(row, context)
    return TourOffer(
        provider=context.provider,
        offer_id=row.id.strip(),
        hotel=hotel,
        stars=parse_stars(row.star),
        country=context.country,
        resort=display_name(row.town, row.town_alt, latin=context.latin),
        room=_room(row, latin=context.latin),
        meal=display_name(row.meal, row.meal_alt, latin=context.latin),
        check_in=parse_date(row.check_in, context.provider),
        nights=row.nights,
        adults=row.adult if row.adult is not None and row.adult > 0 else 1,
        child_ages=context.child_ages[: max(row.child or 0, 0)],
        price=_required_amount(row.price, context, where),
        currency=row.currency.strip().upper(),
        converted_price=converted,
        converted_currency=converted_currency,
        departure_city=context.departure_city,
        hotel_on_stop=_on_stop(row),
        few_seats=_few_seats(row),
        sandbox=context.sandbox,
    )


def parse_date(value: str | int, integration: str) -> date:
    """``YYYYMMDD`` (v1.0) or ``YYYY-MM-DD`` (v2.0)."""
    text = str(value).strip().replace("-", "")
    if len(text) == 8 and text.isdigit():  # noqa: PLR2004
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    raise IntegrationProtocolError(f"not a date: {value!r}", integration=integration)


def parse_amount(value: str | float | None) -> float | None:
    """A finite non-negative amount from a number or numeric string; None when unusable."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = float(_numeric_text(value) if isinstance(value, str) else value)
    except ValueError:
        return None
    return amount if math.isfinite(amount) and amount >= 0 else None


def _numeric_text(value: str) -> str:
    text = value.strip().replace(" ", "")
    return text.replace(",", "") if "." in text else text.replace(",", ".")


def parse_flag(value: Flag) -> bool:
    """A v1.0 boolean: ``true``/``1``/``"1"`` (and other non-zero text) are true."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "n", "no")
    return bool(value)


_STARS = re.compile(r"^\D{0,3}([1-5])(?:\D|$)")


def parse_stars(value: str | int | None) -> int | None:
    """``"4*"``, ``"5 *"``, ``"3+"``, ``4`` -> the category; ``"APTS"``, ``"HV-1"`` -> None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= 5 else None  # noqa: PLR2004
    if not isinstance(value, str) or value.upper().startswith("HV"):
        return None
    match = _STARS.match(value.strip())
    return int(match.group(1)) if match else None


def _required_amount(value: str | float | None, context: OfferContext, where: str) -> float:
    amount = parse_amount(value)
    if amount is None:
        raise _bad(context, f"{where}: price {value!r} is not an amount")
    return amount


def _converted(row: PriceRow, context: OfferContext) -> tuple[float | None, str | None]:
    """``convertedPriceNumber`` and the alias from ``convertedPrice`` (``"82796 RUB"``)."""
    text = row.converted_price if isinstance(row.converted_price, str) else ""
    parts = text.split()
    alias = parts[-1].upper() if len(parts) >= 2 and parts[-1].isalpha() else None  # noqa: PLR2004
    amount = parse_amount(row.converted_price_number)
    if amount is None and alias is not None:  # "???" means the operator had no rate
        amount = parse_amount("".join(parts[:-1]))
    if amount is None and not isinstance(row.converted_price, str):
        amount = parse_amount(row.converted_price)
    if amount is None:
        return None, None
    return amount, alias or context.currency


def _room(row: PriceRow, *, latin: bool) -> str:
    room = display_name(row.room, row.room_alt, latin=latin)
    place = display_name(row.ht_place, row.ht_place_alt, latin=latin)
    return ", ".join(part for part in (room, place) if part)


def _on_stop(row: PriceRow) -> bool:
    availability = (row.hotel_availability or "").strip().upper()
    return parse_flag(row.stop_sale) or (bool(availability) and set(availability) == {"N"})


def _few_seats(row: PriceRow) -> bool:
    availability = (row.hotel_availability or "").upper()
    econom = row.freights.econom if not isinstance(row.freights, list | str | None) else None
    seats = econom if isinstance(econom, FreightSeats) else FreightSeats()
    return "F" in availability or "F" in (seats.in_.upper(), seats.out.upper())


def _bad(context: OfferContext, problem: str) -> IntegrationProtocolError:
    return IntegrationProtocolError(problem, integration=context.provider)
