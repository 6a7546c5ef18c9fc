"""Decode Bot API request parameters the way Telegram does (contract 1.1).

Parameters may come in the query string, as ``application/x-www-form-urlencoded``,
``application/json`` or ``multipart/form-data``. Form fields are strings: objects, arrays and
booleans arrive JSON-encoded and ids as digits, so each field is decoded by its name, and
free text (``text``, ``caption``, ``url``, ...) stays a string even when it looks like JSON.
"""

from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from crystalbay.testing import FakeRequest

__all__ = ["BadParamsError", "request_params"]

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "show_alert",
        "drop_pending_updates",
        "disable_notification",
        "protect_content",
        "commands",
        "scope",
    }
)
_INT_FIELDS = frozenset(
    {"message_id", "offset", "limit", "timeout", "cache_time", "max_connections", "user_id"}
)


class BadParamsError(ValueError):
    """The body cannot be decoded; the fake answers 400 with this description."""


def request_params(request: FakeRequest) -> dict[str, object]:
    """Every parameter of ``request``, typed (query string first, body on top)."""
    raw: dict[str, object] = {k: v[0] for k, v in request.query.items() if v}
    content_type = request.headers.get("content-type", "").lower()
    if request.body:
        if content_type.startswith("application/json"):
            raw.update(_json_object(request.body))
        elif content_type.startswith("multipart/form-data"):
            raw.update(_multipart(request.body, request.headers["content-type"]))
        else:
            form = parse_qs(request.body.decode(), keep_blank_values=True)
            raw.update({k: v[0] for k, v in form.items() if v})
    return {name: _typed(name, value) for name, value in raw.items()}


def _json_object(body: bytes) -> dict[str, object]:
    try:
        decoded = json.loads(body)
    except ValueError as exc:
        raise BadParamsError(f"Bad Request: can't parse JSON object: {exc}") from exc
    if not isinstance(decoded, dict):
        raise BadParamsError("Bad Request: JSON object expected")
    return decoded


def _multipart(body: bytes, content_type: str) -> dict[str, object]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: dict[str, object] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        fields[name] = {"filename": filename, "size": len(data)} if filename else data.decode()
    return fields


def _typed(name: str, value: object) -> object:
    if not isinstance(value, str):
        return value
    if name in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError as exc:
            raise BadParamsError(f"Bad Request: can't parse {name} JSON object") from exc
    if name in _INT_FIELDS or (name == "chat_id" and not value.startswith("@")):
        try:
            return int(value)
        except ValueError as exc:
            raise BadParamsError(f"Bad Request: invalid {name} specified") from exc
    return value
