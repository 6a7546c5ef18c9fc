"""``*.list`` behaviour of the fake: filter prefixes, ``select``, ``order``, 50-row pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from crystalbay_plugins.bitrix24.testing.faults import Page, arg

__all__ = ["PAGE_SIZE", "list_rows"]

PAGE_SIZE = 50
"""Fixed page size of list methods (contract 1.5)."""

_OPERATOR = re.compile(r"^(>=|<=|!@|!=|=|!|>|<|@|%)?(.+)$")
_MULTI = ("PHONE", "EMAIL", "WEB", "IM", "LINK")


def list_rows(rows: Sequence[dict[str, object]], params: Mapping[str, object]) -> Page:
    """Filter, order, page and project ``rows`` as a list method does."""
    where = arg(params, "filter")
    matching = [r for r in rows if _matches(r, where if isinstance(where, dict) else {})]
    order = arg(params, "order")
    for field, direction in reversed(list((order if isinstance(order, dict) else {}).items())):
        descending = str(direction).upper() == "DESC"
        matching.sort(key=_by(str(field).upper()), reverse=descending)
    start = _start(arg(params, "start"))
    select = arg(params, "select")
    project = _projector(select if isinstance(select, list) else [])
    if start < 0:  # no count: first page, ``total`` 0, no ``next`` (contract 1.5)
        return Page([project(r) for r in matching[:PAGE_SIZE]], 0, None)
    page = matching[start : start + PAGE_SIZE]
    more = start + PAGE_SIZE < len(matching)
    return Page([project(r) for r in page], len(matching), start + PAGE_SIZE if more else None)


def _by(field: str) -> Callable[[dict[str, object]], tuple[int, float, str]]:
    return lambda row: _sort_key(row.get(field))


def _start(raw: object) -> int:
    try:
        return int(str(raw)) if raw is not None else 0
    except ValueError:
        return 0


def _projector(select: list[object]) -> Callable[[dict[str, object]], dict[str, object]]:
    names = [str(s).upper() for s in select]
    wanted = None if not names or "*" in names else {"ID", *names}
    extra_multi = {n for n in names if n in _MULTI}

    def project(row: dict[str, object]) -> dict[str, object]:
        out = {}
        for key, value in row.items():
            if key in _MULTI:
                if key in extra_multi and value:
                    out[key] = value
            elif wanted is None or key in wanted:
                out[key] = value
        return out

    return project


def _matches(row: Mapping[str, object], where: Mapping[str, object]) -> bool:
    for raw_key, expected in where.items():
        match = _OPERATOR.match(str(raw_key))
        if match is None:
            return False
        op, field = match.group(1) or "=", match.group(2).upper()
        if not _test(op, row.get(field), expected):
            return False
    return True


def _test(op: str, actual: object, expected: object) -> bool:
    if op in ("@", "!@"):
        values = expected if isinstance(expected, list) else [expected]
        inside = any(_equal(actual, v) for v in values)
        return inside if op == "@" else not inside
    if op == "%":
        return str(expected).lower() in str(actual or "").lower()
    if op in ("=", "!", "!="):
        return _equal(actual, expected) == (op == "=")
    left, right = _sort_key(actual), _sort_key(expected)
    if left[0] != right[0]:
        return False
    return {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[op]


def _equal(actual: object, expected: object) -> bool:
    return _sort_key(actual) == _sort_key(expected)


def _sort_key(value: object) -> tuple[int, float, str]:
    text = "" if value is None else str(value)
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text)
