"""Every invalid tour query is refused before any provider call, naming its field."""

from __future__ import annotations

import msgspec
import pytest

from crystalbay.domain.tours import TourQuery
from crystalbay.errors import InvalidValue
from crystalbay.services.tours import TourSearchService
from crystalbay.testing.fake_tours import FakeTourProvider


def query(**overrides: object) -> TourQuery:
    fields: dict[str, object] = {
        "departure_city": "Almaty",
        "country": "Egypt",
        "date_from": "2026-09-10",
        "date_to": "2026-09-20",
    }
    fields.update(overrides)
    return msgspec.convert(fields, type=TourQuery)


@pytest.mark.parametrize(
    ("overrides", "field", "advice"),
    [
        ({"date_from": "2026-09-21"}, "date_to", "set date_to on or after date_from"),
        ({"nights_min": 0}, "nights_min", "choose a stay of 1 to 30 nights"),
        ({"nights_max": 31}, "nights_max", "choose a stay of 1 to 30 nights"),
        ({"nights_min": 10, "nights_max": 7}, "nights_min", "lower nights_min or raise"),
        ({"adults": 0}, "adults", "set adults to 1 or more"),
        ({"adults": 10}, "adults", "split the group into several searches"),
        ({"adults": 6, "child_ages": (1, 2, 3, 4)}, "child_ages", "split the group"),
        ({"child_ages": (5, 18)}, "child_ages", "count travellers older than 17 as adults"),
        ({"child_ages": (-1,)}, "child_ages", "enter ages in whole years"),
        ({"departure_city": "  "}, "departure_city", "Choose a departure city"),
        ({"country": ""}, "country", "Choose a destination country"),
        ({"page": 0}, "page", "ask for page 1 or later"),
        ({"page_size": 500}, "page_size", "ask for 1 to 100 offers per page"),
        ({"budget": 0}, "budget", "leave it empty for no limit"),
        ({"departure_city": "Tashkent"}, "departure_city", "choose one from the departure-city"),
    ],
)
async def test_invalid_query_names_its_field_and_calls_no_provider(
    overrides: dict[str, object], field: str, advice: str
) -> None:
    provider = FakeTourProvider("a")
    tours = TourSearchService({"a": provider})

    with pytest.raises(InvalidValue) as caught:
        await tours.search(query(**overrides))

    assert caught.value.field == field
    assert advice in caught.value.detail
    assert provider.calls == 0


async def test_unknown_city_message_lists_known_cities() -> None:
    tours = TourSearchService({"a": FakeTourProvider("a")})

    with pytest.raises(InvalidValue, match=r"for example: Almaty, Astana, Moscow"):
        await tours.search(query(departure_city="Tashkent"))


@pytest.mark.parametrize("city", ["Almaty", "almaty", " ALMATY ", "1344"])
async def test_departure_city_matches_key_or_name_case_insensitively(city: str) -> None:
    provider = FakeTourProvider("a")

    result = await TourSearchService({"a": provider}).search(query(departure_city=city))

    assert result.complete
    assert provider.calls == 1


async def test_boundaries_are_accepted() -> None:
    provider = FakeTourProvider("a")
    edge = query(
        date_to="2026-09-10",
        nights_min=1,
        nights_max=30,
        adults=1,
        child_ages=(0, 17, 5, 5, 5, 5, 5, 5),
        page_size=100,
    )

    await TourSearchService({"a": provider}).search(edge)

    assert provider.calls == 1
