"""Shared pieces of the fake portal: the error answer, list pages and parameter access."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

__all__ = ["Fault", "Page", "arg", "fields_arg", "id_arg", "not_found"]


class Fault(Exception):  # noqa: N818 - it is the answer, not a failure of the fake
    """An error answer: ``{"error": ..., "error_description": ...}`` with an HTTP status."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(f"{status} {error}: {description}")
        self.status = status
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        """The documented error body."""
        return {"error": self.error, "error_description": self.description}


class Page(msgspec.Struct, frozen=True):
    """One page of a list method: ``result`` rows plus ``total`` and, when more exist, ``next``."""

    rows: list[dict[str, object]]
    total: int
    next: int | None


def not_found() -> Fault:
    """CRM's "Not found" (HTTP 400, empty ``error``, contract 1.3)."""
    return Fault(400, "", "Not found")


def arg(params: Mapping[str, object], name: str) -> object:
    """A parameter by lower- or upper-case name (legacy CRM methods accept both)."""
    if name in params:
        return params[name]
    return params.get(name.upper())


def fields_arg(params: Mapping[str, object]) -> dict[str, object]:
    """``fields``/``FIELDS``, which must be a map."""
    fields = arg(params, "fields")
    if not isinstance(fields, dict):
        raise Fault(400, "", "Parameter 'fields' must be array.")
    return fields


def id_arg(params: Mapping[str, object], name: str = "id") -> int:
    """A positive integer id, else the documented refusal."""
    raw = arg(params, name)
    try:
        value = int(str(raw))
    except ValueError:
        value = 0
    if value <= 0:
        raise Fault(400, "", "ID is not defined or invalid.")
    return value
