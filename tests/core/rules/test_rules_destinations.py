import pytest

from crystalbay.rules import Destination, find_departure, find_destination


@pytest.mark.parametrize(
    ("text", "country", "resort"),
    [
        ("Хотим в Нячанг", "Vietnam", "Nha Trang"),
        ("отдыхали в Нячанге", "Vietnam", "Nha Trang"),
        ("Nha Trang, 2 adults", "Vietnam", "Nha Trang"),
        ("тур на Фукуок", "Vietnam", "Phu Quoc"),
        ("Phu Quoc", "Vietnam", "Phu Quoc"),
        ("Анталья", "Turkey", "Antalya"),
        ("хотим в Анталию", "Turkey", "Antalya"),
        ("Antalya", "Turkey", "Antalya"),
        ("Турция", "Turkey", None),
        ("в Турцию", "Turkey", None),
        ("отдых в Турции", "Turkey", None),
        ("Вьетнам", "Vietnam", None),
        ("Таиланд", "Thailand", None),
        ("Тайланд", "Thailand", None),
        ("ОАЭ", "UAE", None),
        ("Дубай", "UAE", "Dubai"),
        ("в Дубае", "UAE", "Dubai"),
        ("Египет", "Egypt", None),
        ("в Египте", "Egypt", None),
        ("Хургада", "Egypt", "Hurghada"),
        ("Шарм", "Egypt", "Sharm El Sheikh"),
        ("Sharm el Sheikh", "Egypt", "Sharm El Sheikh"),
        ("Сәлеметсіз бе, Турцияға тур керек", "Turkey", None),
        ("ТУРЦИЯ", "Turkey", None),
        ("Турцыя", "Turkey", None),
        ("вьетнамм", "Vietnam", None),
    ],
)
def test_destination_in_russian_english_kazakh_with_typos(
    text: str, country: str, resort: str | None
) -> None:
    found = find_destination(text)
    assert found is not None
    assert found.value == Destination(country, resort)


def test_the_last_place_named_wins_and_negated_places_are_skipped() -> None:
    found = find_destination("Не хочу в Турцию, хочу в Египет")
    assert found is not None
    assert found.value == Destination("Egypt")
    assert found.confidence == pytest.approx(0.9)


def test_another_country_drops_the_resort() -> None:
    found = find_destination("Анталья... хотя нет, лучше Египет")
    assert found is not None
    assert found.value == Destination("Egypt")


def test_several_resorts_leave_the_resort_open() -> None:
    found = find_destination("Пхукет или Паттайя, без разницы")
    assert found is not None
    assert found.value == Destination("Thailand")


def test_fuzzy_matches_are_less_confident() -> None:
    exact, fuzzy = find_destination("Таиланд"), find_destination("Тиаланд")
    assert exact is not None
    assert fuzzy is not None
    assert fuzzy.confidence < exact.confidence


@pytest.mark.parametrize("text", ["камера в номере", "хотим сидеть у моря", "2 взрослых", ""])
def test_ordinary_words_are_not_places(text: str) -> None:
    assert find_destination(text) is None


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("вылет из Алматы", "Almaty"),
        ("из Алма-Аты", "Almaty"),
        ("Алматыдан ұшамыз", "Almaty"),
        ("from Almaty", "Almaty"),
        ("вылет Астана", "Astana"),
        ("из Нур-Султана", "Astana"),
        ("из Москвы", "Moscow"),
        ("flying from Moscow", "Moscow"),
        ("с Шымкента", "Shymkent"),
    ],
)
def test_departure_city(text: str, city: str) -> None:
    found = find_departure(text)
    assert found is not None
    assert found.value == city


def test_a_marked_departure_beats_a_city_merely_named() -> None:
    found = find_departure("живём в Астане, но полетим из Алматы")
    assert found is not None
    assert found.value == "Almaty"
    assert found.confidence == pytest.approx(0.9)


def test_no_departure_city() -> None:
    assert find_departure("Хотим в Турцию") is None
