"""CSV price lists as small operators export them from Excel.

Russian-speaking operators usually send ``;``-separated files with a decimal comma
(``2 345,50``), dates as ``06.10.2026`` and Russian column titles, encoded in UTF-8 or
Windows-1251. Comma-separated files with English titles and ISO dates work as well.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

from crystalbay.errors import IntegrationProtocolError

from crystalbay_pricefile.config import PLUGIN
from crystalbay_pricefile.names import key
from crystalbay_pricefile.rows import PriceRow, make_row

__all__ = ["COLUMNS", "decode_text", "parse_csv"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "departure_city": ("город вылета", "вылет", "from", "departure city"),
    "country": ("страна", "country"),
    "resort": ("курорт", "resort"),
    "hotel": ("отель", "hotel"),
    "stars": ("категория", "звезды", "stars"),
    "room": ("номер", "тип номера", "room"),
    "meal": ("питание", "meal"),
    "check_in": ("дата заезда", "заезд", "check-in", "check in"),
    "nights": ("ночей", "ночи", "nights"),
    "adults": ("взрослых", "adults"),
    "children": ("детей", "children"),
    "price": ("цена", "стоимость", "price"),
    "currency": ("валюта", "currency"),
}
"""Field -> accepted column titles (compared without case, punctuation or ``ё``)."""

_OPTIONAL = {"children": "0", "stars": ""}
_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f']")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1251, the two encodings operators use."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def parse_csv(name: str, data: bytes) -> list[PriceRow]:
    """Read one CSV price list; ``name`` is the file name, used in ids and errors.

    Raises:
        IntegrationProtocolError: A column is missing or a value does not read; the message
            names the file, the line and the column.
    """
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    dialect = "excel" if first_line.count(",") > first_line.count(";") else _Semicolon
    reader = csv.reader(io.StringIO(text), dialect)
    titles = next(reader, [])
    positions = _positions(name, titles)
    operator = name.rsplit(".", 1)[0]
    rows = []
    for line, cells in enumerate(reader, start=2):
        if any(cell.strip() for cell in cells):
            rows.append(make_row(operator, _fields(name, line, titles, positions, cells)))
    return rows


class _Semicolon(csv.excel):
    delimiter = ";"


def _positions(name: str, titles: list[str]) -> dict[str, int]:
    found = {key(title): index for index, title in enumerate(titles)}
    positions: dict[str, int] = {}
    for field, accepted in COLUMNS.items():
        index = next((found[key(t)] for t in accepted if key(t) in found), None)
        if index is not None:
            positions[field] = index
        elif field not in _OPTIONAL:
            raise _error(f"{name}: no column {accepted[0]!r} ({field}); the header must name it")
    return positions


def _fields(
    name: str, line: int, titles: list[str], positions: dict[str, int], cells: list[str]
) -> dict[str, object]:
    fields: dict[str, object] = {}
    for field, index in positions.items():
        raw = cells[index].strip() if index < len(cells) else ""
        try:
            fields[field] = _READERS.get(field, _text)(raw or _OPTIONAL.get(field, ""))
        except ValueError as exc:
            column = titles[index]
            raise _error(f"{name} line {line}, column {column!r}: {raw!r} {exc}") from exc
    fields.setdefault("children", 0)
    fields.setdefault("stars", None)
    return fields


def _text(raw: str) -> str:
    if not raw:
        raise ValueError("is empty")
    return raw


def _number(raw: str) -> float:
    cleaned = _NUMBER_SPACES.sub("", raw).replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError("is not a number") from None
    if value <= 0:
        raise ValueError("must be positive")
    return value


def _count(raw: str) -> int:
    if not raw.isdigit():
        raise ValueError("is not a whole number")
    return int(raw)


def _stars(raw: str) -> int | None:
    digits = re.match(r"\d", raw)
    return int(digits.group()) if digits else None


def _date(raw: str) -> date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise ValueError("is not a date like 06.10.2026")


_READERS = {
    "stars": _stars,
    "check_in": _date,
    "nights": _count,
    "adults": _count,
    "children": _count,
    "price": _number,
}


def _error(detail: str) -> IntegrationProtocolError:
    return IntegrationProtocolError(
        f"{detail}; fix the file or ask the operator for a new one", integration=PLUGIN
    )
