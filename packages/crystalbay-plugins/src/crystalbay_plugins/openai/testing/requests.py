"""A chat-completions request as the fake OpenAI received it."""

from __future__ import annotations

import json
from typing import Any

import msgspec

__all__ = ["ChatRequest"]


class ChatRequest(msgspec.Struct, frozen=True, kw_only=True):
    """One ``POST /v1/chat/completions`` (header names lower-cased).

    Attributes:
        headers: The request headers.
        body: The decoded JSON body.
        at: ``time.monotonic()`` when it arrived (to measure waits between retries).
        status: The HTTP status the fake answered.
        usage: The ``usage`` object answered (``None`` for errors).
    """

    headers: dict[str, str]
    body: dict[str, Any]
    at: float
    status: int = 200
    usage: dict[str, Any] | None = None

    @property
    def model(self) -> str:
        """The requested model."""
        return str(self.body.get("model", ""))

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The messages as sent."""
        messages = self.body.get("messages")
        return messages if isinstance(messages, list) else []

    @property
    def text(self) -> str:
        """Every message's content joined: what left the hub, for leak checks."""
        return "\n".join(str(m.get("content") or "") for m in self.messages if isinstance(m, dict))

    @property
    def user_data(self) -> dict[str, Any] | None:
        """The last user message decoded as JSON, when it is a JSON object."""
        users = [m for m in self.messages if isinstance(m, dict) and m.get("role") == "user"]
        try:
            data = json.loads(str(users[-1].get("content"))) if users else None
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    @property
    def schema_name(self) -> str | None:
        """``response_format.json_schema.name``, when the request asks for one."""
        fmt = self.body.get("response_format")
        spec = fmt.get("json_schema") if isinstance(fmt, dict) else None
        return str(spec.get("name")) if isinstance(spec, dict) else None

    @property
    def retry_count(self) -> int:
        """The SDK's ``x-stainless-retry-count`` (0 on a first attempt or our own retries)."""
        return int(self.headers.get("x-stainless-retry-count", "0") or 0)
