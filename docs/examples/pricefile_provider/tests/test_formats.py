"""Reading the price files: decimal commas, Windows-1251, errors that name the culprit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from crystalbay.errors import IntegrationProtocolError

from crystalbay_pricefile.csv_format import parse_csv
from crystalbay_pricefile.folder import PriceFolder
from crystalbay_pricefile.json_format import parse_json

HEADER = (
    "Город вылета;Страна;Курорт;Отель;Категория;Номер;Питание;Дата заезда;Ночей;Взрослых;"
    "Цена;Валюта"
)
ROW = "Алматы;Турция;Кемер;Rixos Sungate;5*;Deluxe Room;Всё включено;06.10.2026;7;2;2 345,50;usd"


def test_a_russian_csv_reads_decimal_commas_dates_and_names() -> None:
    [row] = parse_csv("sunny-tour.csv", f"{HEADER}\r\n{ROW}\r\n".encode())

    assert row.price == 2345.5
    assert row.currency == "USD"
    assert row.check_in == date(2026, 10, 6)
    assert (row.departure_city, row.country, row.resort) == ("Almaty", "Turkey", "Kemer")
    assert row.meal == "AI"
    assert row.stars == 5
    assert row.children == 0
    assert row.offer_id.startswith("sunny-tour-")


def test_windows_1251_and_utf8_give_the_same_rows() -> None:
    text = f"{HEADER}\n{ROW}\n"

    assert parse_csv("a.csv", text.encode("cp1251")) == parse_csv("a.csv", text.encode())


def test_an_english_comma_separated_file_works_too() -> None:
    text = (
        "From,Country,Resort,Hotel,Stars,Room,Meal,Check-in,Nights,Adults,Price,Currency\n"
        'Astana,UAE,Dubai,Rove Downtown,3,Rove Room,BB,2026-10-09,7,2,"1,250.00",USD\n'
    )
    with pytest.raises(IntegrationProtocolError, match="line 2, column 'Price'"):
        parse_csv("rove.csv", text.encode())  # a thousands comma is ambiguous: refused

    [row] = parse_csv("rove.csv", text.replace('"1,250.00"', "1250.00").encode())
    assert (row.departure_city, row.price, row.stars) == ("Astana", 1250.0, 3)


def test_a_bad_price_names_the_file_line_and_column() -> None:
    text = f"{HEADER}\n{ROW}\n{ROW.replace('2 345,50', 'по запросу')}\n"

    with pytest.raises(IntegrationProtocolError, match=r"a\.csv line 3, column 'Цена'") as caught:
        parse_csv("a.csv", text.encode())
    assert caught.value.integration == "pricefile"


def test_a_missing_column_is_named() -> None:
    header = HEADER.replace(";Цена", "")

    with pytest.raises(IntegrationProtocolError, match="no column 'цена'"):
        parse_csv("a.csv", f"{header}\n".encode())


def test_a_json_sheet_gives_one_row_per_date() -> None:
    data = (Path(__file__).parents[1] / "prices" / "altyn-travel.json").read_bytes()

    rows = parse_json("altyn-travel.json", data)

    dubai = [r for r in rows if r.hotel == "Rove Downtown"]
    assert [r.check_in.day for r in dubai] == [9, 16, 23]
    assert {(r.departure_city, r.currency, r.price) for r in dubai} == {("Astana", "KZT", 689000)}
    assert len({r.offer_id for r in rows}) == len(rows)


def test_a_json_error_names_the_place() -> None:
    bad = b'{"currency": "KZT", "departure_city": "Astana", "tours": [{"country": "UAE"}]}'

    with pytest.raises(IntegrationProtocolError, match=r"altyn\.json: .*\$\.tours\[0\]"):
        parse_json("altyn.json", bad)


async def test_the_folder_rereads_a_changed_file_and_ignores_others(prices: Path) -> None:
    folder = PriceFolder(prices)
    (prices / "README.txt").write_text("not a price list")
    before = await folder.rows()

    (prices / "extra.csv").write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")

    after = await folder.rows()
    assert len(after) == len(before) + 1
    assert folder.files == ("altyn-travel.json", "extra.csv", "sunny-tour.csv")
