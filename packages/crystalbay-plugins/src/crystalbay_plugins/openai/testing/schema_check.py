"""The fake's JSON-schema checks: is a request schema strict, does an answer conform.

Only the subset strict mode uses is understood: ``type``, ``properties``, ``required``,
``additionalProperties``, ``items``, ``enum``, ``const``, ``anyOf``, ``$ref`` to ``$defs``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["instance_problems", "minimal_instance", "strict_problems"]

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def strict_problems(schema: dict[str, Any]) -> list[str]:
    """Why ``schema`` breaks strict mode's rules (empty when it follows them)."""
    if schema.get("type") != "object":
        return ["the root must be an object ('type': 'object')"]
    problems: list[str] = []
    _strict(schema, "()", problems)
    for name, sub in schema.get("$defs", {}).items():
        _strict(sub, f"$defs.{name}", problems)
    return problems


def _strict(node: dict[str, Any], where: str, problems: list[str]) -> None:
    if node.get("type") == "object":
        props = node.get("properties", {})
        if node.get("additionalProperties") is not False:
            problems.append(f"In context={where}, 'additionalProperties' must be false")
        missing = sorted(set(props) - set(node.get("required", [])))
        if missing:
            problems.append(
                f"In context={where}, 'required' is required to be supplied and to be an "
                f"array including every key in properties. Missing {missing}."
            )
        for name, sub in props.items():
            _strict(sub, f"{where}.{name}", problems)
    for sub in node.get("anyOf", []):
        _strict(sub, where, problems)
    if isinstance(node.get("items"), dict):
        _strict(node["items"], f"{where}[]", problems)


def instance_problems(value: object, schema: dict[str, Any], root: dict[str, Any]) -> list[str]:
    """Where ``value`` does not conform to ``schema`` (``root`` resolves ``$ref``)."""
    problems: list[str] = []
    _check(value, schema, root, "$", problems)
    return problems


def _check(
    value: object, node: dict[str, Any], root: dict[str, Any], at: str, out: list[str]
) -> None:
    node = _resolve(node, root)
    if "anyOf" in node:
        if not any(not instance_problems(value, sub, root) for sub in node["anyOf"]):
            out.append(f"{at}: matches none of anyOf")
        return
    if "enum" in node and value not in node["enum"]:
        out.append(f"{at}: {value!r} is not one of {node['enum']}")
    if "const" in node and value != node["const"]:
        out.append(f"{at}: {value!r} is not {node['const']!r}")
    kind = node.get("type")
    if kind is not None and not _is_type(value, kind):
        out.append(f"{at}: expected {kind}, got {type(value).__name__}")
        return
    if isinstance(value, dict):
        _check_object(value, node, root, at, out)
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(value):
            _check(item, node["items"], root, f"{at}[{i}]", out)


def _check_object(
    value: dict[str, object], node: dict[str, Any], root: dict[str, Any], at: str, out: list[str]
) -> None:
    props = node.get("properties", {})
    out.extend(f"{at}: missing {name!r}" for name in node.get("required", []) if name not in value)
    out.extend(f"{at}: unexpected {name!r}" for name in value if name not in props)
    for name, sub in props.items():
        if name in value:
            _check(value[name], sub, root, f"{at}.{name}", out)


def _is_type(value: object, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    return isinstance(value, _TYPES.get(kind, (object,)))


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rpartition("/")[2]
        node = root.get("$defs", {})[name]
    return node


def minimal_instance(schema: dict[str, Any], root: dict[str, Any]) -> object:
    """The simplest value that conforms: ``null`` where allowed, empty lists, first enums."""
    node = _resolve(schema, root)
    if "anyOf" in node:
        options = [_resolve(sub, root) for sub in node["anyOf"]]
        nullable = next((o for o in options if o.get("type") == "null"), None)
        return None if nullable is not None else minimal_instance(options[0], root)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        return {
            name: minimal_instance(sub, root) for name, sub in node.get("properties", {}).items()
        }
    defaults: dict[str, object] = {
        "array": [],
        "string": "",
        "integer": 0,
        "number": 0,
        "boolean": False,
    }
    return defaults.get(str(kind))
