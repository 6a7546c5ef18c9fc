"""What the fake records for each accepted message."""

from __future__ import annotations

import msgspec

__all__ = ["SentMail"]


class SentMail(msgspec.Struct, frozen=True, kw_only=True):
    """A message the fake accepted (202)."""

    message_id: str
    payload: dict[str, object]
    headers: dict[str, str]

    @property
    def _first(self) -> dict[str, object]:
        items = self.payload.get("personalizations")
        return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}

    @property
    def to(self) -> list[str]:
        """Addresses of the first personalization's ``to``."""
        to = self._first.get("to")
        return (
            [str(a.get("email")) for a in to if isinstance(a, dict)] if isinstance(to, list) else []
        )

    @property
    def subject(self) -> str:
        """The effective subject."""
        return str(self._first.get("subject") or self.payload.get("subject") or "")

    @property
    def text(self) -> str:
        """The ``text/plain`` content."""
        content = self.payload.get("content")
        blocks = content if isinstance(content, list) else []
        return next((str(b["value"]) for b in blocks if b.get("type") == "text/plain"), "")

    @property
    def custom_args(self) -> dict[str, str]:
        """Message-level ``custom_args`` overridden by the first personalization's."""
        top = self.payload.get("custom_args")
        mine = self._first.get("custom_args")
        merged = {
            **(top if isinstance(top, dict) else {}),
            **(mine if isinstance(mine, dict) else {}),
        }
        return {str(k): str(v) for k, v in merged.items()}
