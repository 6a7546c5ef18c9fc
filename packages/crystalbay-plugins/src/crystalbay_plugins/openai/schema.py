"""JSON schemas for structured outputs, derived from msgspec Structs.

``msgspec.json.schema`` describes a Struct; OpenAI's strict mode wants more (contract 1.2):
the root is an object, every object lists all its properties in ``required`` and sets
``additionalProperties: false``; optional values are expressed as ``anyOf [..., null]``, which
msgspec already emits for ``X | None``. Fields with a default become required too: the model
must always write them. Keywords the contract does not show for strict mode (``format``,
``minimum``, ``pattern``, ``title``, ``default``, ...) are dropped: which of them strict mode
accepts is not settled in the contract, and msgspec still enforces the Struct's own
constraints when the answer is decoded.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

__all__ = ["response_format", "strict_schema"]

_KEPT = frozenset(
    {"type", "properties", "required", "additionalProperties", "items", "enum", "anyOf"}
    | {"$ref", "$defs", "description", "const"}
)
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def strict_schema(type_: type[msgspec.Struct]) -> dict[str, Any]:
    """The strict-mode JSON schema of a Struct type.

    Raises:
        TypeError: The type cannot be expressed in strict mode (a free-form mapping, a
            fixed-length tuple, or a root that is not an object).
    """
    raw = msgspec.json.schema(type_)
    defs: dict[str, Any] = raw.pop("$defs", {})
    root = raw
    if "$ref" in raw:
        name = raw["$ref"].rpartition("/")[2]
        root = defs.pop(name)
    if root.get("type") != "object":
        raise TypeError(f"{type_.__name__}: the root of a strict schema must be an object")
    schema = _strict(root, type_.__name__)
    if defs:
        schema["$defs"] = {name: _strict(sub, name) for name, sub in defs.items()}
    return schema


def response_format(name: str, type_: type[msgspec.Struct]) -> dict[str, Any]:
    """The ``response_format`` value of a chat request asking for ``type_`` (strict).

    Raises:
        ValueError: ``name`` is not 1-64 letters, digits, ``_`` or ``-`` (the API's rule).
    """
    if not _NAME.match(name):
        raise ValueError(f"schema name {name!r} must match {_NAME.pattern}")
    schema = strict_schema(type_)
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}


def _strict(node: dict[str, Any], where: str) -> dict[str, Any]:
    if "prefixItems" in node:
        raise TypeError(f"{where}: fixed-length tuples are not allowed in a strict schema")
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) or (node.get("type") == "object" and "properties" not in node):
        raise TypeError(f"{where}: free-form mappings are not allowed in a strict schema")
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key not in _KEPT:
            continue
        if key == "properties":
            out[key] = {name: _strict(sub, f"{where}.{name}") for name, sub in value.items()}
        elif key == "items":
            out[key] = _strict(value, f"{where}[]")
        elif key == "anyOf":
            out[key] = [_strict(sub, where) for sub in value]
        else:
            out[key] = value
    if out.get("type") == "object":
        out["required"] = list(out.get("properties", {}))
        out["additionalProperties"] = False
    enum = out.get("enum")
    if enum is not None and "type" not in out and all(isinstance(v, str) for v in enum):
        out["type"] = "string"
    return out
