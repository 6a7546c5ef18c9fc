"""What the fake Bot API remembers: chats and their messages, updates, webhook, callbacks."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field

__all__ = ["ApiCall", "ApiError", "BotState", "Chat", "Webhook"]


class ApiError(Exception):
    """An error answer: ``{"ok": false, "error_code": code, "description": ..., ...}``."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> dict[str, object]:
        """The JSON answer Telegram sends."""
        answer: dict[str, object] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            answer["parameters"] = {"retry_after": self.retry_after}
        return answer


@dataclass(frozen=True, kw_only=True)
class ApiCall:
    """One call the bot made, with decoded parameters and the outcome."""

    method: str
    params: dict[str, object]
    ok: bool
    error_code: int | None = None

    @property
    def chat_id(self) -> object:
        """The ``chat_id`` parameter, if any."""
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        """``text`` (or ``caption``) as sent, empty when there was none."""
        value = self.params.get("text", self.params.get("caption", ""))
        return value if isinstance(value, str) else ""

    def buttons(self) -> list[tuple[str, str]]:
        """``(text, callback_data or url)`` of every inline button, row by row."""
        markup = self.params.get("reply_markup")
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        return [
            (str(b.get("text")), str(b.get("callback_data") or b.get("url") or ""))
            for row in rows
            for b in row
        ]


@dataclass(kw_only=True)
class Chat:
    """A private chat with one person, or a group (``kind``)."""

    id: int
    kind: str = "private"
    title: str | None = None
    user: dict[str, object] | None = None
    messages: dict[int, dict[str, object]] = field(default_factory=dict)
    next_id: int = 1

    def ref(self) -> dict[str, object]:
        """The ``Chat`` object of this chat."""
        ref: dict[str, object] = {"id": self.id, "type": self.kind}
        if self.title:
            ref["title"] = self.title
        elif self.user:
            ref["first_name"] = self.user.get("first_name")
        return ref

    def store(self, message: dict[str, object]) -> dict[str, object]:
        """Give ``message`` the next id and the chat, and keep it."""
        message = {"message_id": self.next_id, "date": int(time.time()), **message}
        message["chat"] = self.ref()
        self.messages[self.next_id] = message
        self.next_id += 1
        return message


@dataclass(kw_only=True)
class Webhook:
    """A registered webhook."""

    url: str
    secret_token: str | None = None
    allowed_updates: list[str] | None = None


class BotState:
    """Everything the fake knows; guarded by ``lock`` (the server answers from threads)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.chats: dict[int, Chat] = {}
        self.updates: list[dict[str, object]] = []
        self.confirmed = 0
        self.webhook: Webhook | None = None
        self.pending_callbacks: set[str] = set()
        self.answered_callbacks: dict[str, dict[str, object]] = {}
        self.update_ids = itertools.count(1001)
        self.callback_ids = itertools.count(1)
        self.file_ids = itertools.count(1)
        self.files: dict[str, tuple[str | None, bytes]] = {}  # file_id -> (file_path, bytes)
        self.closing = False

    def chat(self, chat_id: object) -> Chat:
        """The chat, or ``400 chat not found``."""
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def push(self, update: dict[str, object]) -> dict[str, object]:
        """Queue an update for ``getUpdates`` and wake long polls."""
        with self.lock:
            self.updates.append(update)
            self.changed.notify_all()
        return update

    def pending_updates(self, offset: int | None) -> list[dict[str, object]]:
        """Updates at or after ``offset``; earlier ones are confirmed and forgotten."""
        if offset is not None:
            self.confirmed = max(self.confirmed, offset)
        self.updates = [u for u in self.updates if int(str(u["update_id"])) >= self.confirmed]
        return list(self.updates)
