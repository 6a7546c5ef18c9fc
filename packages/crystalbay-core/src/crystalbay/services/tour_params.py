"""Parsing of the short forms people type for a search: ``7-10`` nights, ``5,9`` child ages.

The API and the command line share these so that both accept and reject the same input.
"""

from __future__ import annotations

import re

from crystalbay.errors import InvalidValue

__all__ = ["parse_nights"]

_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:[-–]\s*(\d{1,2}))?\s*$")


def parse_nights(value: str) -> tuple[int, int]:
    """``"7"`` → ``(7, 7)``; ``"7-10"`` → ``(7, 10)``.

    Raises:
        InvalidValue: Not a number or a ``low-high`` range (``field`` is ``nights``).
    """
    match = _RANGE.match(value)
    if match is None:
        raise InvalidValue(
            f"Nights must be a number or a range such as 7-10, not {value!r}.", field="nights"
        )
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if high < low:
        raise InvalidValue(
            f"The nights range {value!r} ends before it starts; write it as {high}-{low}.",
            field="nights",
        )
    return low, high
