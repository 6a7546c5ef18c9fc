"""The fake's wire format: parameters from query, JSON or form bodies; the success envelope."""

from __future__ import annotations

import json
import time

from crystalbay.testing import FakeRequest
from crystalbay_plugins.bitrix24.params import parse_form, parse_pairs, to_lists
from crystalbay_plugins.bitrix24.testing.faults import Fault, Page

__all__ = ["envelope", "request_params"]

Params = dict[str, object]


def request_params(request: FakeRequest) -> Params:
    """Query-string parameters overlaid by the body's (JSON or PHP-style form)."""
    pairs = [(k, v) for k, values in request.query.items() for v in values]
    try:
        params = to_lists(parse_pairs(pairs)) if pairs else {}
        if request.body and "json" in request.headers.get("content-type", ""):
            body = json.loads(request.body)
        elif request.body:
            body = to_lists(parse_form(request.body))
        else:
            body = {}
    except (ValueError, UnicodeDecodeError) as exc:
        raise Fault(400, "INVALID_REQUEST", f"Cannot parse the request: {exc}") from exc
    if not isinstance(params, dict) or not isinstance(body, dict):
        raise Fault(400, "INVALID_REQUEST", "Parameters must be a map")
    return {**params, **body}


def envelope(result: object, started: float) -> dict[str, object]:
    """``{"result": ..., "time": {...}}``, with ``total`` and ``next`` for a list page."""
    finished = time.time()
    timing = {
        "start": started,
        "finish": finished,
        "duration": finished - started,
        "processing": finished - started,
        "date_start": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(started)),
        "date_finish": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(finished)),
    }
    if isinstance(result, Page):
        envelope: dict[str, object] = {"result": result.rows, "total": result.total}
        if result.next is not None:
            envelope["next"] = result.next
        return {**envelope, "time": timing}
    return {"result": result, "time": timing}
