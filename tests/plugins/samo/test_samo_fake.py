"""The fake operator speaks the contract: raw bodies, field names, access rules, determinism."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from crystalbay_plugins.samo.testing import FakeSamo

PRICE_QUERY = {
    "TOWNFROMINC": "1344", "STATEINC": "47", "CHECKIN_BEG": "20260901",
    "CHECKIN_END": "20260930", "NIGHTS_FROM": "7", "NIGHTS_TILL": "14", "ADULT": "2",
    "CURRENCY": "5",
}  # fmt: skip
TOWNFROM_FIELDS = {"id", "name", "nameAlt", "stateFromKey", "stateFromName", "stateFromNameAlt"}
PRICE_FIELDS = {
    "id", "claim", "checkIn", "checkOut", "nights", "hnights", "adult", "child", "tour",
    "tourAlt", "tourKey", "town", "townAlt", "townKey", "hotel", "hotelAlt", "hotelKey",
    "hotelAvailability", "star", "starKey", "meal", "mealKey", "room", "roomKey", "htPlace",
    "htPlaceKey", "price", "currency", "currencyKey", "convertedPrice", "convertedCurrencyKey",
    "convertedPriceNumber", "bron", "stopSale", "packetType", "grouped", "freights",
}  # fmt: skip


async def _get(
    http: httpx.AsyncClient, fake: FakeSamo, action: str, **params: str
) -> httpx.Response:
    query = {"samo_action": "api", "type": "json", "action": action, "oauth_token": fake.token}
    return await http.get(fake.url, params={**query, **params})


async def test_townfroms_body_matches_the_live_answer(
    http: httpx.AsyncClient, fake: FakeSamo
) -> None:
    response = await _get(http, fake, "SearchTour_TOWNFROMS")

    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.headers["etag"]
    assert "\\u0410\\u043b\\u043c\\u0430\\u0442\\u044b" in response.text  # PHP-escaped Алматы
    (row, *_) = response.json()["SearchTour_TOWNFROMS"]
    assert set(row) >= TOWNFROM_FIELDS | {"selected", "packet_type", "default"}
    assert row["id"] == 1344
    assert row["selected"] in (0, 1)


async def test_price_rows_use_the_contract_names_and_v1_typing(
    http: httpx.AsyncClient, fake: FakeSamo
) -> None:
    response = await _get(http, fake, "SearchTour_PRICES", **PRICE_QUERY)

    payload = response.json()["SearchTour_PRICES"]
    assert set(payload) == {"prices", "pager", "freights", "surcharge", "part"}
    row = payload["prices"][0]
    assert set(row) >= PRICE_FIELDS
    assert re.fullmatch(r"0x[0-9A-F]{32}", row["id"])
    assert re.fullmatch(r"\d{8}", row["checkIn"])
    assert re.fullmatch(r"\d+\.\d\d", row["price"])
    assert row["convertedPrice"] == f"{row['convertedPriceNumber']} KZT"
    assert set(row["freights"]) == {"econom", "busines", "comfort", "premium"}
    assert row["bron"] in ("", "1")
    assert row["stopSale"] in ("", "1")


async def test_a_month_holds_thousands_of_rows(http: httpx.AsyncClient, fake: FakeSamo) -> None:
    response = await _get(http, fake, "SearchTour_PRICES", **PRICE_QUERY, REC_ON_PAGE="100")

    payload = response.json()["SearchTour_PRICES"]
    assert len(payload["prices"]) == 100
    assert payload["pager"]["total"] * 100 > 2000


async def test_an_empty_search_has_no_freights(http: httpx.AsyncClient, fake: FakeSamo) -> None:
    response = await _get(http, fake, "SearchTour_PRICES", **{**PRICE_QUERY, "STATEINC": "999"})

    payload = response.json()["SearchTour_PRICES"]
    assert payload["prices"] == []
    assert "freights" not in payload
    assert "surcharge" not in payload


async def test_grouped_search_then_expanding_one_hotel(
    http: httpx.AsyncClient, fake: FakeSamo
) -> None:
    grouped = await _get(http, fake, "SearchTour_PRICES", **PRICE_QUERY, PARTITION_PRICE="32")
    rows = grouped.json()["SearchTour_PRICES"]["prices"]
    chosen = rows[0]
    expanded = await _get(
        http, fake, "SearchTour_PRICES", **PRICE_QUERY,
        CATCLAIM=chosen["id"], HOTELS=str(chosen["hotelKey"]),
    )  # fmt: skip

    concrete = expanded.json()["SearchTour_PRICES"]["prices"]
    assert len({r["hotelKey"] for r in rows}) == len(rows)
    assert all(r["grouped"] == 1 for r in rows)
    assert {r["hotelKey"] for r in concrete} == {chosen["hotelKey"]}
    assert all(r["grouped"] == 0 for r in concrete)
    assert concrete[0]["convertedPriceNumber"] == chosen["convertedPriceNumber"]


async def test_an_unknown_samo_action_is_a_404(http: httpx.AsyncClient, fake: FakeSamo) -> None:
    response = await http.get(fake.url, params={"samo_action": "nope", "oauth_token": fake.token})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({}, {}),
        ({"oauth_token": "x"}, {"Authorization": "OAuth x"}),
    ],
)
async def test_a_missing_or_doubled_token_is_a_400(
    http: httpx.AsyncClient, fake: FakeSamo, params: dict[str, str], headers: dict[str, str]
) -> None:
    query = {"samo_action": "api", "action": "SearchTour_TOWNFROMS", **params}

    response = await http.get(fake.url, params=query, headers=headers)

    assert response.status_code == 400
    assert "invalid_request" in response.headers["www-authenticate"]


async def test_the_token_may_travel_in_an_oauth_header(
    http: httpx.AsyncClient, fake: FakeSamo
) -> None:
    query = {"samo_action": "api", "action": "SearchTour_TOWNFROMS"}

    response = await http.get(
        fake.url, params=query, headers={"Authorization": f"OAuth {fake.token}"}
    )

    assert response.status_code == 200


async def test_a_form_body_hides_the_query_parameters(
    http: httpx.AsyncClient, fake: FakeSamo
) -> None:
    query = {"samo_action": "api", "action": "SearchTour_STATES", "TOWNFROMINC": "1344"}

    response = await http.post(fake.url, params=query, data={"oauth_token": fake.token})

    assert response.status_code == 200
    assert "TOWNFROMINC" in response.json()["SearchTour_STATES"]["message"]


def test_the_same_seed_gives_the_same_prices() -> None:
    fakes = (FakeSamo(seed=1), FakeSamo(seed=1), FakeSamo(seed=2))

    bodies = [f.engine.answer("SearchTour_PRICES", PRICE_QUERY) for f in fakes]

    assert bodies[0] == bodies[1]
    rows = [json.loads(b)["SearchTour_PRICES"]["prices"][0] for b in bodies]
    assert (rows[0]["price"], rows[0]["id"]) != (rows[2]["price"], rows[2]["id"])


def test_an_unstarted_fake_has_no_url_and_stops_quietly() -> None:
    fake = FakeSamo()

    with pytest.raises(RuntimeError, match="not started"):
        _ = fake.url
    fake.stop()
    assert fake.requests == []
