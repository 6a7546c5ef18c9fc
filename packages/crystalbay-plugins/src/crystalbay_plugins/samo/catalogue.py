"""A deterministic demo operator: the data behind ``FakeSamo`` and the sandbox provider.

Names follow SAMO's habit: ``name`` in Russian, ``nameAlt`` in Latin letters. Prices are not
stored: :mod:`crystalbay_plugins.samo.pricing` derives them from a seed, so any date window
yields thousands of reproducible rows.
"""

from __future__ import annotations

from crystalbay_plugins.samo.catalogue_model import (
    Catalogue,
    City,
    Country,
    CurrencySpec,
    HotelSpec,
    MealSpec,
    Resort,
    RoomSpec,
    Route,
)

__all__ = ["CATALOGUE", "CITIES", "COUNTRIES", "CURRENCIES", "MEALS", "RESORTS", "ROOMS", "ROUTES"]


_KZ = ("Казахстан", "KAZAKHSTAN", 21)
CITIES = (
    City(1344, "Алматы", "ALMATY", *_KZ, default=True),
    City(1386, "Астана", "ASTANA", *_KZ),
    City(1420, "Шымкент", "SHYMKENT", *_KZ),
    City(1, "Москва", "MOSCOW", "Россия", "RUSSIA", 5),
)
VN, TH, TR, AE, EG = 47, 35, 4, 32, 3
COUNTRIES = (
    Country(VN, "Вьетнам", "Vietnam", "USD", 0.9),
    Country(TH, "Таиланд", "Thailand", "USD", 1.0),
    Country(TR, "Турция", "Turkey", "EUR", 1.0),
    Country(AE, "ОАЭ", "UAE", "USD", 1.45),
    Country(EG, "Египет", "Egypt", "USD", 0.8),
)
_R = [
    (VN, "Нячанг", "Nha Trang", "Кханьхоа", "Khanh Hoa"),
    (VN, "Фукуок", "Phu Quoc", "Кьензянг", "Kien Giang"),
    (VN, "Дананг", "Da Nang", "Дананг", "Da Nang"),
    (TH, "Пхукет", "Phuket", "Пхукет", "Phuket"),
    (TH, "Паттайя", "Pattaya", "Чонбури", "Chonburi"),
    (TH, "Самуи", "Samui", "Сураттхани", "Surat Thani"),
    (TR, "Анталья", "Antalya", "Анталья", "Antalya"),
    (TR, "Аланья", "Alanya", "Анталья", "Antalya"),
    (TR, "Кемер", "Kemer", "Анталья", "Antalya"),
    (TR, "Белек", "Belek", "Анталья", "Antalya"),
    (AE, "Дубай", "Dubai", "Дубай", "Dubai"),
    (AE, "Шарджа", "Sharjah", "Шарджа", "Sharjah"),
    (AE, "Рас-эль-Хайма", "Ras Al Khaimah", "Рас-эль-Хайма", "Ras Al Khaimah"),
    (EG, "Хургада", "Hurghada", "Красное море", "Red Sea"),
    (EG, "Шарм-эль-Шейх", "Sharm El Sheikh", "Синай", "Sinai"),
]
RESORTS = tuple(
    Resort(1600 + i, c, n, alt, reg, reg_alt, 900 + [r[3] for r in _R].index(reg))
    for i, (c, n, alt, reg, reg_alt) in enumerate(_R)
)
# "Resort: hotel stars; hotel stars; ..." (fictional hotels).
_HOTELS = """
Nha Trang: Sea Pearl Nha Trang 3; Amber Bay Resort 4; Citadel Ocean View 4;
    Vinh Hoa Grand Resort & Spa 5; Lotus Garden Hotel 3
Phu Quoc: Long Beach Palms 4; Sao Island Retreat 5; Duong Dong Boutique 3; Coral Cove Resort 4
Da Nang: My Khe Skyline 4; Marble Mountain Villas 5; Han River Inn 3
Phuket: Patong Paradise Inn 3; Kata Lagoon Resort 4; Andaman Cliff Villas 5;
    Karon Sunset Hotel 4; Old Town Phuket Lodge 2
Pattaya: Jomtien Breeze 3; Naklua Bay Resort 4; Pattaya Royal Cliff 5; Walking Street Hotel 2
Samui: Chaweng Coconut Resort 4; Lamai Serenity Villas 5; Bophut Beach House 3
Antalya: Lara Golden Sands 5; Konyaalti Park Hotel 4; Kaleici Old Town 3; Antalya Grand Lagoon 5
Alanya: Cleopatra Beach Hotel 4; Alanya Castle View 3; Incekum Paradise 5; Mahmutlar Sun Club 4
Kemer: Kemer Pine Resort 4; Tekirova Royal Palace 5; Beldibi Family Club 3
Belek: Belek Golf Palace 5; Kadriye Garden Resort 5; Belek Beach Club 4
Dubai: Deira Creek Hotel 3; Marina Skyview 4; Jumeirah Palm Retreat 5; Al Barsha City Hotel 4;
    Downtown Boulevard Suites 5
Sharjah: Al Majaz Waterfront 4; Sharjah Corniche Hotel 3; Khalid Lagoon Inn 3
Ras Al Khaimah: Al Marjan Island Resort 5; RAK Beach Hotel 4
Hurghada: Red Sea Coral Beach 4; Sahl Hasheesh Palace 5; El Gouna Lagoon 4; Dahar Town Hotel 3;
    Makadi Aqua Park Resort 4
Sharm El Sheikh: Naama Bay Hotel 3; Sinai Sun Resort 4; Nabq Royal Gardens 5;
    Ras Nasrani Reef Club 5
"""
MEALS = (
    MealSpec(1, "RO", "Room only", 0.85),
    MealSpec(2, "BB", "Bed & breakfast", 1.0),
    MealSpec(3, "HB", "Half board", 1.25),
    MealSpec(4, "FB", "Full board", 1.45),
    MealSpec(5, "AI", "All inclusive", 1.6),
    MealSpec(6, "UAI", "Ultra all inclusive", 1.85),
)
ROOMS = (
    RoomSpec(135, "Стандарт", "Standard Room", 1.0),
    RoomSpec(136, "Улучшенный", "Superior Room", 1.15),
    RoomSpec(137, "Вид на море", "Sea View Room", 1.25),
    RoomSpec(138, "Делюкс", "Deluxe Room", 1.35),
    RoomSpec(139, "Семейный", "Family Room", 1.5),
)
_MEALS_BY = {  # (all-inclusive country?, stars >= 4?) -> meal group ids
    (True, True): (5, 6),
    (True, False): (2, 3, 5),
    (False, True): (2, 3, 4),
    (False, False): (1, 2),
}


def _hotels() -> tuple[HotelSpec, ...]:
    by_name = {r.name_alt: r for r in RESORTS}
    hotels: list[HotelSpec] = []
    for line in _HOTELS.replace("\n    ", " ").strip().splitlines():
        resort = by_name[line.partition(":")[0]]
        for entry in line.partition(":")[2].split(";"):
            name, _, stars_text = entry.strip().rpartition(" ")
            stars = int(stars_text)
            meals = _MEALS_BY[(resort.country in (TR, EG), stars >= 4)]  # noqa: PLR2004
            rooms = tuple(r.id for r in ROOMS[: stars - 1])
            hotels.append(HotelSpec(5800 + len(hotels), resort.id, name, stars, meals, rooms))
    return tuple(hotels)


_EVERY = (0, 1, 2, 3, 4, 5, 6)
ROUTES = (
    Route(1344, VN, (0, 3, 5), tuple(range(7, 15)), 540),
    Route(1344, TH, (1, 4, 6), tuple(range(7, 15)), 500),
    Route(1344, TR, (0, 2, 4, 6), tuple(range(5, 15)), 330),
    Route(1344, AE, _EVERY, tuple(range(3, 11)), 290),
    Route(1344, EG, (2, 5), tuple(range(6, 15)), 360),
    Route(1386, VN, (1, 5), tuple(range(7, 15)), 580),
    Route(1386, TH, (2, 6), tuple(range(7, 15)), 530),
    Route(1386, TR, (1, 5), tuple(range(5, 15)), 350),
    Route(1386, AE, (0, 3, 5), tuple(range(3, 11)), 310),
    Route(1386, EG, (4,), tuple(range(6, 15)), 390),
    Route(1420, TR, (3,), tuple(range(5, 15)), 340),
    Route(1420, AE, (1, 4), tuple(range(3, 11)), 280),
    Route(1, VN, (0, 2, 4, 6), tuple(range(7, 15)), 620),
    Route(1, TH, _EVERY, tuple(range(7, 15)), 560),
    Route(1, TR, _EVERY, tuple(range(5, 15)), 260),
    Route(1, AE, _EVERY, tuple(range(3, 11)), 300),
    Route(1, EG, _EVERY, tuple(range(6, 15)), 280),
)
CURRENCIES = (
    CurrencySpec(1, "RUB", "Рубль", "Russian rouble", 5.6),
    CurrencySpec(2, "USD", "Доллар США", "US dollar", 480.0),
    CurrencySpec(3, "EUR", "Евро", "Euro", 520.0),
    CurrencySpec(5, "KZT", "Тенге", "Tenge", 1.0),
)

CATALOGUE = Catalogue(
    cities=CITIES,
    countries=COUNTRIES,
    resorts=RESORTS,
    hotels=_hotels(),
    meals=MEALS,
    rooms=ROOMS,
    currencies=CURRENCIES,
    routes=ROUTES,
)
"""The demo operator's catalogue."""
