"""``/api/v1/tours``: search and dictionaries through the hub's real providers.

The SAMO plugin runs against the fake operator over real HTTP; without SAMO settings the
sandbox catalogue answers, labelled as sandbox data.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import httpx
import pytest

import crystalbay_plugins.samo
import crystalbay_plugins.sandbox
from crystalbay_plugins.samo.testing import FakeSamo
from crystalbay_web.asgi import create_app

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from crystalbay.hub import Hub


@pytest.fixture(name="samo", scope="module")
def fx_samo() -> Iterator[FakeSamo]:
    with FakeSamo() as fake:
        yield fake


@pytest.fixture(name="providers")
def fx_providers(register_plugin: Callable[..., None]) -> None:
    register_plugin(crystalbay_plugins.samo, name="samo")
    register_plugin(crystalbay_plugins.sandbox, name="sandbox")


@contextlib.asynccontextmanager
async def _client(hub: Hub) -> AsyncIterator[httpx.AsyncClient]:
    _, secret = await hub.accounts.create_api_key("tests")
    transport = httpx.ASGITransport(app=create_app(hub))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {secret}"},
    ) as client:
        yield client


def _window() -> dict[str, str]:
    start = datetime.now(UTC).date() + timedelta(days=20)
    return {"date_from": start.isoformat(), "date_to": (start + timedelta(days=10)).isoformat()}


@pytest.mark.usefixtures("providers")
async def test_sandbox_answers_a_fresh_install_and_says_so(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> None:
    async with hub_factory() as hub, _client(hub) as client:
        response = await client.get(
            "/api/v1/tours/search",
            params={
                "departure_city": "Almaty",
                "country": "Vietnam",
                "nights": "7-10",
                "child_ages": ["5"],
                **_window(),
            },
        )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sandbox"] is True
    assert body["offers"], "the sandbox catalogue has Vietnam tours from Almaty"
    assert all(offer["sandbox"] and offer["provider"] == "sandbox" for offer in body["offers"])
    assert all(7 <= offer["nights"] <= 10 for offer in body["offers"])
    assert all(offer["child_ages"] == [5] for offer in body["offers"])
    prices = [offer["price"] for offer in body["offers"]]
    assert prices == sorted(prices)


@pytest.mark.usefixtures("providers")
async def test_samo_offers_come_from_the_operator_over_http(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]], samo: FakeSamo
) -> None:
    samo.reset()
    env = {"SAMO_API_URL": samo.url, "SAMO_OAUTH_TOKEN": samo.token}
    async with hub_factory(env, mock_http=False) as hub, _client(hub) as client:
        assert sorted(hub.tour_providers) == ["samo"]
        cities = await client.get("/api/v1/tours/dictionaries/departure_cities")
        # SAMO answers in SAMO_LANGUAGE (Russian by default): search by the dictionary key.
        almaty = next(i for i in cities.json()["items"] if i["name"] in {"Алматы", "Almaty"})
        countries = await client.get(
            "/api/v1/tours/dictionaries/countries", params={"parent": almaty["key"]}
        )
        turkey = next(i for i in countries.json()["items"] if i["name"] in {"Турция", "Turkey"})
        response = await client.get(
            "/api/v1/tours/search",
            params={
                "departure_city": almaty["key"],
                "country": turkey["key"],
                "nights": "7",
                **_window(),
            },
        )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sandbox"] is False
    assert body["offers"]
    assert {offer["provider"] for offer in body["offers"]} == {"samo"}
    assert "SearchTour_PRICES" in samo.actions
    names = {item["name"] for item in cities.json()["items"]}
    assert {"Алматы", "Астана", "Москва"} <= names


@pytest.mark.usefixtures("providers")
async def test_a_blacklisted_address_is_reported_with_the_fix(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]], samo: FakeSamo
) -> None:
    samo.reset()
    samo.block("203.0.113.7")
    env = {"SAMO_API_URL": samo.url, "SAMO_OAUTH_TOKEN": samo.token}
    async with hub_factory(env, mock_http=False) as hub, _client(hub) as client:
        response = await client.get(
            "/api/v1/tours/search",
            params={"departure_city": "1", "country": "2", **_window()},
        )

    # The search itself succeeds; the failed provider is listed next to the (empty) offers.
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["offers"] == []
    [failure] = body["failures"]
    assert failure["provider"] == "samo"
    assert failure["retryable"] is False
    assert "203.0.113.7" in failure["detail"]
    assert "PROXY_URL" in failure["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"nights": "ten"}, "nights"),
        ({"nights": "10-7"}, "nights"),
        ({"date_to": "2020-01-01"}, "date_to"),
    ],
)
@pytest.mark.usefixtures("providers")
async def test_bad_search_input_is_a_422_naming_the_field(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
    params: dict[str, str],
    field: str,
) -> None:
    query = {"departure_city": "Almaty", "country": "Vietnam", **_window(), **params}
    async with hub_factory() as hub, _client(hub) as client:
        response = await client.get("/api/v1/tours/search", params=query)

    assert response.status_code in {400, 422}, response.text
    assert field in response.text


@pytest.mark.usefixtures("providers")
async def test_dictionaries_narrow_by_parent_and_reject_unknown_kinds(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> None:
    async with hub_factory() as hub, _client(hub) as client:
        cities = (await client.get("/api/v1/tours/dictionaries/departure_cities")).json()
        almaty = next(item for item in cities["items"] if item["name"].casefold() == "almaty")
        countries = await client.get(
            "/api/v1/tours/dictionaries/countries", params={"parent": almaty["key"]}
        )
        unknown = await client.get("/api/v1/tours/dictionaries/planets")
        anonymous = await httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(hub)), base_url="http://testserver"
        ).get("/api/v1/tours/dictionaries/countries")

    assert countries.status_code == 200
    assert "Vietnam" in {item["name"] for item in countries.json()["items"]}
    assert unknown.status_code in {400, 422}
    assert "departure_cities" in unknown.json()["detail"]
    assert anonymous.status_code == 401
