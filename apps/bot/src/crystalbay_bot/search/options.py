"""The fixed options of the wizard: nights, travellers and budgets."""

from __future__ import annotations

__all__ = ["ADULTS", "AGES", "BUDGETS", "CHILDREN", "NIGHTS", "parse_budget"]

NIGHTS: tuple[tuple[int, int], ...] = ((3, 5), (6, 8), (7, 7), (9, 11), (10, 10), (12, 14))
"""``(nights_min, nights_max)`` choices."""

ADULTS = tuple(range(1, 7))
CHILDREN = tuple(range(4))
AGES = tuple(range(18))
BUDGETS = (1000, 1500, 2000, 3000, 5000)
"""Budget ceilings offered as buttons (in the search currency); a last button means any."""


def parse_budget(text: str) -> float | None:
    """A typed amount (``"1 500"``, ``"2000$"``, ``"1500.50"``), or ``None`` when it is not one."""
    cleaned = "".join(ch for ch in text.replace(",", ".") if ch.isdigit() or ch == ".")
    try:
        amount = float(cleaned)
    except ValueError:
        return None
    return amount if amount > 0 else None
