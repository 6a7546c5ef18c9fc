"""Price rows and dictionary rows map to domain values, or fail as protocol errors only."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crystalbay.domain.tours import TourOffer
from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.samo.envelope import decode_envelope
from crystalbay_plugins.samo.mapping import OfferContext, offer_from_row, parse_stars
from crystalbay_plugins.samo.price_models import PricesPayload

PRICES = "SearchTour_PRICES"
CONTEXT = OfferContext(provider="samo", country="Egypt", departure_city="Moscow", latin=True)

# The contract's illustration of one row (§1.6), as a live v1.0 server would type it.
CONTRACT_ROW: dict[str, object] = {
    "id": "0x430A0000003000000003510000000600", "claim": "", "checkIn": "20260914",
    "checkOut": "20260921", "nights": 7, "hnights": 7, "adult": 2, "child": 0,
    "tour": "Египет из Москвы", "tourAlt": "Egypt from Moscow", "tourKey": 3332,
    "town": "Шарм-эль-Шейх", "townAlt": "Sharm El Sheikh", "townKey": 1603,
    "hotel": "SEA VIEW RESORT", "hotelAlt": "SEA VIEW RESORT", "hotelKey": 5844,
    "hotelAvailability": "YYYY", "star": "4*", "starKey": 4, "meal": "AI", "mealKey": 4,
    "room": "Standard Room", "roomKey": 135, "htPlace": "DBL", "htPlaceKey": 5406,
    "price": "1222.00", "currency": "USD", "currencyKey": 2, "convertedPrice": "112681 RUB",
    "convertedCurrencyKey": 1, "convertedPriceNumber": 112681, "bron": "1", "stopSale": "",
    "packetType": 0, "grouped": 0,
    "freights": {"econom": {"in": "Y", "out": "Y"}, "busines": {"in": "N", "out": "N"},
                 "comfort": {"in": "N", "out": "N"}, "premium": {"in": "N", "out": "N"}},
}  # fmt: skip


def _map(row: dict[str, object], context: OfferContext = CONTEXT) -> TourOffer:
    body = json.dumps({PRICES: {"prices": [row], "pager": {"current": 1, "total": 1}}})
    payload = decode_envelope(body.encode(), PRICES, PricesPayload, "samo")
    return offer_from_row(payload.prices[0], context)


def test_the_contract_row_maps_field_by_field() -> None:
    offer = _map(CONTRACT_ROW)

    assert offer == TourOffer(
        provider="samo", offer_id="0x430A0000003000000003510000000600",
        hotel="SEA VIEW RESORT", stars=4, country="Egypt", resort="Sharm El Sheikh",
        room="Standard Room, DBL", meal="AI", check_in=date(2026, 9, 14), nights=7, adults=2,
        price=1222.0, currency="USD", converted_price=112681.0, converted_currency="RUB",
        departure_city="Moscow", hotel_on_stop=False, few_seats=False, sandbox=False,
    )  # fmt: skip


def test_local_names_are_used_unless_latin_is_preferred() -> None:
    offer = _map(CONTRACT_ROW, OfferContext(provider="samo", country="Египет"))

    assert offer.resort == "Шарм-эль-Шейх"


@pytest.mark.parametrize(
    ("changes", "on_stop", "few"),
    [
        ({"stopSale": "1"}, True, False),
        ({"stopSale": True}, True, False),
        ({"hotelAvailability": "NNNN"}, True, False),
        ({"hotelAvailability": "RYFR"}, False, True),
        ({"freights": {"econom": {"in": "F", "out": "Y"}}}, False, True),
        ({"freights": ""}, False, False),
        ({"freights": []}, False, False),
        ({"stopSale": 0, "hotelAvailability": None}, False, False),
    ],
)
def test_availability_flags(changes: dict[str, object], *, on_stop: bool, few: bool) -> None:
    offer = _map({**CONTRACT_ROW, **changes})

    assert (offer.hotel_on_stop, offer.few_seats) == (on_stop, few)


def test_a_missing_rate_leaves_the_converted_price_empty() -> None:
    row = {**CONTRACT_ROW, "convertedPrice": "???", "convertedPriceNumber": ""}

    offer = _map(row)

    assert (offer.converted_price, offer.converted_currency) == (None, None)


def test_version_2_dates_and_children_from_the_query() -> None:
    context = OfferContext(provider="samo", country="Egypt", child_ages=(4, 9, 15))

    offer = _map({**CONTRACT_ROW, "checkIn": "2026-09-14", "child": 2}, context)

    assert offer.check_in == date(2026, 9, 14)
    assert offer.child_ages == (4, 9)


@pytest.mark.parametrize(
    ("star", "expected"),
    [("4*", 4), ("5 *", 5), ("3+*", 3), (2, 2), ("APTS", None), ("HV-1", None), ("", None)],
)
def test_stars(star: str | int, expected: int | None) -> None:
    assert parse_stars(star) == expected


# -- properties -------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
flags = st.sampled_from(["", "0", "1", 0, 1, True, False, None])
texts = st.text(max_size=30)


@st.composite
def legal_rows(draw: st.DrawFn) -> tuple[dict[str, object], float]:
    """Rows whose values are odd but legal: numeric strings, ints, floats, '' and nulls."""
    price = draw(amounts)
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    row: dict[str, object] = {
        "id": "0x" + draw(st.text("0123456789ABCDEF", min_size=1, max_size=32)),
        "checkIn": draw(st.sampled_from([day.strftime("%Y%m%d"), day.isoformat()])),
        "nights": draw(st.one_of(st.integers(1, 60), st.integers(1, 60).map(str))),
        "hotel": draw(st.text(min_size=1, max_size=30).filter(str.strip)),
        "price": draw(st.sampled_from([str(price), float(price), f"{price:.2f}"])),
        "currency": draw(st.sampled_from(["USD", "EUR", "kzt", "RUB"])),
        "star": draw(st.one_of(texts, st.integers(-5, 10), st.none())),
        "stopSale": draw(flags), "bron": draw(flags), "grouped": draw(flags),
        "hotelAvailability": draw(st.one_of(st.none(), st.text("YFRN", max_size=4))),
        "convertedPrice": draw(st.one_of(texts, amounts.map(lambda a: f"{a:.0f} KZT"))),
        "convertedPriceNumber": draw(st.one_of(st.none(), st.just(""), st.integers(0, 10**9))),
        "adult": draw(st.one_of(st.none(), st.integers(0, 9))),
        "child": draw(st.one_of(st.none(), st.integers(0, 5))),
        "freights": draw(st.sampled_from(["", [], None, {"econom": {"in": "F"}}, {}])),
        "room": draw(texts), "meal": draw(texts), "town": draw(texts),
    }  # fmt: skip
    drop = draw(st.sets(st.sampled_from(["star", "stopSale", "bron", "room", "freights"])))
    return {k: v for k, v in row.items() if k not in drop}, float(price)


@given(legal_rows())
def test_legal_rows_always_map(case: tuple[dict[str, object], float]) -> None:
    row, price = case

    offer = _map(row)

    assert offer.price == pytest.approx(price)
    assert offer.nights == int(str(row["nights"]))
    assert offer.offer_id == row["id"]
    assert offer.currency == str(row["currency"]).upper()
    assert offer.stars is None or 1 <= offer.stars <= 5
    assert offer.adults >= 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


@given(
    field=st.sampled_from(sorted(CONTRACT_ROW)),
    value=json_values,
    drop=st.booleans(),
)
def test_any_row_maps_or_raises_a_protocol_error(field: str, value: object, *, drop: bool) -> None:
    row = {k: v for k, v in CONTRACT_ROW.items() if not (drop and k == field)}
    if not drop:
        row[field] = value

    outcome: TourOffer | IntegrationProtocolError
    try:
        outcome = _map(row)
    except IntegrationProtocolError as exc:  # the only failure allowed
        outcome = exc
    if isinstance(outcome, IntegrationProtocolError):
        assert outcome.integration == "samo"
    else:
        assert outcome.price >= 0


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"checkIn": "20261345"}, "not a date"),
        ({"checkIn": "tomorrow"}, "not a date"),
        ({"price": "abc"}, "not an amount"),
        ({"price": -5}, "not an amount"),
        ({"price": None}, "not an amount"),
        ({"hotel": "", "hotelAlt": ""}, "empty id, hotel or currency"),
        ({"id": " "}, "empty id"),
        ({"nights": 0}, "nights must be positive"),
        ({"nights": "seven"}, "Expected `int`"),
    ],
)
def test_malformed_rows_raise_protocol_errors(changes: dict[str, object], match: str) -> None:
    with pytest.raises(IntegrationProtocolError, match=match):
        _map({**CONTRACT_ROW, **changes})


def test_a_row_without_a_required_field_is_a_protocol_error() -> None:
    row = {k: v for k, v in CONTRACT_ROW.items() if k != "checkIn"}

    with pytest.raises(IntegrationProtocolError, match="checkIn"):
        _map(row)
