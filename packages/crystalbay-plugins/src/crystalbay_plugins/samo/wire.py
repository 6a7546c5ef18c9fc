"""Server-side parameter parsing and output shared by the demo operator's two faces.

The rules are the SAMO server's (contract §1.4): list parameters are sorted and de-duplicated
(``AGES`` keeps duplicates), dates may be written in several styles, and a missing mandatory
parameter is an error object carrying the server's wording.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "MethodError",
    "encode_php_json",
    "error_envelope",
    "flag_param",
    "int_param",
    "list_param",
    "required_date",
    "required_int",
    "samo_day",
]

_DATE_STYLES = ("%Y%m%d", "%Y-%m-%d", "%Y.%m.%d", "%d.%m.%Y", "%d-%m-%Y", "%m/%d/%Y")
_POSITIVE_LIST = re.compile(r"^\s*\d+(\s*,\s*\d+)*\s*$")


class MethodError(Exception):
    """A method failed; the message is what the server puts in the error object."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _missing(name: str) -> MethodError:
    return MethodError(f'Method expects parameter "{name}", which was not supplied.')


def int_param(params: Mapping[str, str], name: str) -> int | None:
    """An integer parameter; junk counts as 0 like PHP's ``(int)`` (``CURRENCY=USD`` -> 0)."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    match = re.match(r"^-?\d+", raw)
    return int(match.group()) if match else 0


def required_int(params: Mapping[str, str], name: str) -> int:
    """A mandatory integer parameter."""
    value = int_param(params, name)
    if value is None:
        raise _missing(name)
    return value


def flag_param(params: Mapping[str, str], name: str) -> bool:
    """A 0/1 flag parameter."""
    return (int_param(params, name) or 0) > 0


def list_param(
    params: Mapping[str, str], name: str, *, keep_duplicates: bool = False
) -> tuple[int, ...]:
    """A comma list of positive integers, sorted ascending (de-duplicated unless ``AGES``)."""
    raw = params.get(name, "")
    if not _POSITIVE_LIST.match(raw):
        return ()
    values = [int(v) for v in raw.split(",")]
    return tuple(sorted(values if keep_duplicates else set(values)))


def required_date(params: Mapping[str, str], name: str) -> date:
    """A mandatory date in any style the server parses."""
    raw = params.get(name, "").strip()
    if not raw:
        raise _missing(name)
    for style in _DATE_STYLES:
        try:
            return datetime.strptime(raw, style).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise MethodError(f"Argument {raw} look like not date")


def samo_day(value: date) -> str:
    """A response date: ``YYYYMMDD``."""
    return value.strftime("%Y%m%d")


def encode_php_json(payload: object) -> bytes:
    r"""Encode like PHP's ``json_encode``: non-ASCII as ``\uXXXX`` escapes."""
    return json.dumps(msgspec.to_builtins(payload), ensure_ascii=True).encode()


def error_envelope(key: str, action: str, message: str) -> bytes:
    """``{"<key>": {"error": 0, "action": ..., "message": ...}}`` (key: the action or ``api``)."""
    return encode_php_json({key: {"error": 0, "action": action, "message": message}})
