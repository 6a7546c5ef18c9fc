"""PHP-style bracket parameters (``fields[PHONE][0][VALUE]=...``), both ways.

Bitrix24 reads form bodies and query strings the way PHP's ``parse_str`` does, and sends its
outbound events in that form (contract 1.1, 1.12, 1.13). :func:`flatten` builds such pairs from
nested data (batch commands), :func:`parse_form` reads them back into nested dictionaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import parse_qsl, urlencode

__all__ = ["FormTree", "FormValue", "flatten", "parse_form", "parse_pairs", "to_lists", "to_query"]

FormValue = str | dict[str, "FormValue"]
FormTree = dict[str, FormValue]

_KEY = re.compile(r"^(?P<name>[^\[\]]+)(?P<rest>(?:\[[^\[\]]*\])*)$")
_PART = re.compile(r"\[([^\[\]]*)\]")


def flatten(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Nested mappings and sequences -> ``[("fields[TITLE]", "A"), ...]``.

    ``None`` becomes an empty string, booleans ``1``/``0``; Bitrix's own ``Y``/``N`` flags are
    plain strings and pass through unchanged.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        _flatten_into(pairs, key, value)
    return pairs


def _flatten_into(pairs: list[tuple[str, str]], key: str, value: object) -> None:
    if isinstance(value, Mapping):
        for sub, item in value.items():
            _flatten_into(pairs, f"{key}[{sub}]", item)
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        for index, item in enumerate(value):
            _flatten_into(pairs, f"{key}[{index}]", item)
    elif value is None:
        pairs.append((key, ""))
    elif isinstance(value, bool):
        pairs.append((key, "1" if value else "0"))
    else:
        pairs.append((key, str(value)))


def to_query(params: Mapping[str, object]) -> str:
    """URL-encoded query string of :func:`flatten`'s pairs (``&`` in values becomes ``%26``)."""
    return urlencode(flatten(params))


def parse_form(body: bytes | str) -> FormTree:
    """Decode a form body or query string into nested dictionaries.

    List items stay dictionaries keyed ``"0"``, ``"1"``, ... (use :func:`to_lists`).

    Raises:
        ValueError: The body is not UTF-8, or a key is malformed or clashes with another.
    """
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    return parse_pairs(parse_qsl(text, keep_blank_values=True))


def parse_pairs(pairs: Iterable[tuple[str, str]]) -> FormTree:
    """Nest decoded ``(key, value)`` pairs (``a[b][]=1``) the way ``parse_str`` does.

    Raises:
        ValueError: A key is malformed (``a[b``) or clashes with another (``a=1&a[b]=2``).
    """
    root: FormTree = {}
    for key, value in pairs:
        path = _split(key)
        node = root
        for part in path[:-1]:
            name = _index(node, part)
            child = node.setdefault(name, {})
            if not isinstance(child, dict):
                raise ValueError(f"parameter {key!r} clashes with a plain value")  # noqa: TRY004
            node = child
        last = _index(node, path[-1])
        if isinstance(node.get(last), dict):
            raise ValueError(f"parameter {key!r} clashes with nested values")  # noqa: TRY004
        node[last] = value
    return root


def _split(key: str) -> list[str]:
    match = _KEY.match(key)
    if match is None:
        raise ValueError(f"malformed parameter name {key!r}")
    return [match["name"], *_PART.findall(match["rest"])]


def _index(node: FormTree, part: str) -> str:
    """``[]`` appends: the next integer key, as PHP does."""
    if part:
        return part
    numbers = [int(k) for k in node if k.isdigit()]
    return str(max(numbers) + 1 if numbers else 0)


def to_lists(value: FormValue) -> object:
    """Turn dictionaries keyed ``"0".."n-1"`` into lists, recursively."""
    if isinstance(value, str):
        return value
    converted = {k: to_lists(v) for k, v in value.items()}
    if converted and sorted(converted, key=lambda k: (len(k), k)) == [
        str(i) for i in range(len(converted))
    ]:
        return [converted[str(i)] for i in range(len(converted))]
    return converted
