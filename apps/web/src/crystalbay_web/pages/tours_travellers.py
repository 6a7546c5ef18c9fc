"""Travellers typed one per line: ``Name; birth date; passport`` (date and passport optional)."""

from __future__ import annotations

from datetime import date, datetime

from crystalbay.domain.bookings import Traveller
from crystalbay.errors import InvalidValue

__all__ = ["MAX_TRAVELLERS", "parse_travellers"]

MAX_TRAVELLERS = 12
_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


def _birth_date(text: str, line: int) -> date | None:
    if not text:
        return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise InvalidValue(
        f"line {line}: {text!r} is not a date such as 1990-05-01 or 01.05.1990",
        field="travellers",
    )


def parse_travellers(text: str) -> tuple[Traveller, ...]:
    """One traveller per non-empty line.

    Raises:
        InvalidValue: A line has no name, a malformed date, or there are too many lines.
    """
    travellers = []
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_TRAVELLERS:
        raise InvalidValue(f"at most {MAX_TRAVELLERS} travellers", field="travellers")
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split(";")]
        name, birth, passport = (*parts, "", "")[:3]
        if not name or len(name) > 200:  # noqa: PLR2004
            raise InvalidValue(
                f"line {number}: write the traveller's name first", field="travellers"
            )
        travellers.append(
            Traveller(
                name=name,
                birth_date=_birth_date(birth, number),
                passport=passport[:64] or None,
            )
        )
    return tuple(travellers)
