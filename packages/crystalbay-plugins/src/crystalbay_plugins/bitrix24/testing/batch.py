"""``batch`` in the fake: up to 50 ``method?query`` commands, ``$result[..]`` references, halt."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from crystalbay_plugins.bitrix24.params import parse_form, to_lists
from crystalbay_plugins.bitrix24.testing.faults import Fault, Page

__all__ = ["run_batch"]

Params = dict[str, object]
Dispatch = Callable[[str, Params], object]

_REFERENCE = re.compile(r"\$result\[([^\]]+)\]((?:\[[^\]]+\])*)")
_MAX = 50


def run_batch(params: Params, dispatch: Dispatch) -> dict[str, object]:
    """The ``result`` of a ``batch`` call; empty maps are ``[]`` as in real answers."""
    commands = params.get("cmd")
    if isinstance(commands, list):
        commands = {str(i): c for i, c in enumerate(commands)}
    if not isinstance(commands, dict):
        raise Fault(400, "INVALID_REQUEST", "Parameter 'cmd' is required")
    if len(commands) > _MAX:
        raise Fault(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded")
    halt = str(params.get("halt", "0")).lower() in ("1", "true", "y")
    results: dict[str, object] = {}
    errors: dict[str, object] = {}
    totals: dict[str, object] = {}
    nexts: dict[str, object] = {}
    timings: dict[str, object] = {}
    for key, command in commands.items():
        started = time.time()
        try:
            value = _run_one(str(command), results, dispatch)
        except Fault as fault:
            errors[key] = fault.body()
            if halt:
                break
            continue
        if isinstance(value, Page):
            results[key], totals[key] = value.rows, value.total
            if value.next is not None:
                nexts[key] = value.next
        else:
            results[key] = value
        timings[key] = {"start": started, "finish": time.time(), "duration": time.time() - started}
    parts = (results, errors, totals, nexts, timings)
    names = ("result", "result_error", "result_total", "result_next", "result_time")
    return {name: part or [] for name, part in zip(names, parts, strict=True)}


def _run_one(command: str, results: dict[str, object], dispatch: Dispatch) -> object:
    method, _, query = command.partition("?")
    method = method.strip().lower()
    if method == "batch":
        raise Fault(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
    try:
        tree = parse_form(query)
    except ValueError as exc:
        raise Fault(400, "INVALID_REQUEST", str(exc)) from exc
    params = _substitute(to_lists(tree), results)
    return dispatch(method, params if isinstance(params, dict) else {})


def _substitute(value: object, results: dict[str, object]) -> object:
    if isinstance(value, dict):
        return {k: _substitute(v, results) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, results) for v in value]
    if isinstance(value, str):
        return _REFERENCE.sub(lambda m: _lookup(m, results), value)
    return value


def _lookup(match: re.Match[str], results: dict[str, object]) -> str:
    current: object = results.get(match[1])
    for part in re.findall(r"\[([^\]]+)\]", match[2] or ""):
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            current = None
    return "" if current is None else str(current)
