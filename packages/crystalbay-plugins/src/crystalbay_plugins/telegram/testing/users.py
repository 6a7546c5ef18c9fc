"""The customer's side of the fake: people, their messages, button presses and contacts.

Each builder records what the person did in the fake's chat (so that the bot can edit its
messages and answer the callback) and returns the ``Update`` Telegram would deliver. Feed it
to a dispatcher directly, or :meth:`~BotState.push` it for ``getUpdates``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay_plugins.telegram.testing.media import media_content
from crystalbay_plugins.telegram.testing.state import ApiError, BotState, Chat

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["UserSide"]


class UserSide:
    """Builds updates from people's actions against :class:`BotState`."""

    def __init__(self, state: BotState) -> None:
        self.state = state

    def add_user(
        self,
        user_id: int,
        *,
        first_name: str = "Иван",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
    ) -> dict[str, object]:
        """A person with a private chat (chat id = user id); returns the ``User`` object."""
        user: dict[str, object] = {"id": user_id, "is_bot": False, "first_name": first_name}
        extras = {"last_name": last_name, "username": username, "language_code": language_code}
        user.update({k: v for k, v in extras.items() if v is not None})
        with self.state.lock:
            chat = self.state.chats.setdefault(user_id, Chat(id=user_id))
            chat.user = user
        return user

    def add_group(self, chat_id: int, title: str = "Managers") -> None:
        """A group chat the bot is a member of (e.g. the managers' chat)."""
        with self.state.lock:
            self.state.chats.setdefault(chat_id, Chat(id=chat_id, kind="group", title=title))

    def message_update(self, user_id: int, text: str) -> dict[str, object]:
        """The person writes ``text`` (a ``/command`` gets its entity)."""
        message: dict[str, object] = {"text": text}
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._message(user_id, message)

    def media_update(
        self,
        user_id: int,
        kind: str,
        *,
        caption: str | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, object]:
        """The person sends a file: ``photo``, ``sticker``, ``voice``, ``document``, ...

        Args:
            user_id: Who sends it.
            kind: One of :data:`~crystalbay_plugins.telegram.testing.media.MEDIA_KINDS`.
            caption: Text under the file.
            media_group_id: Set the same value on the messages of one album.
        """
        content = media_content(kind, next(self.state.file_ids))
        if caption:
            content["caption"] = caption
        if media_group_id:
            content["media_group_id"] = media_group_id
        return self._message(user_id, content)

    def contact_update(
        self, user_id: int, phone: str, *, owner: int | None = None
    ) -> dict[str, object]:
        """The person shares a contact: their own phone (``owner`` = them) or someone else's."""
        user = self._user(user_id)
        contact = {
            "phone_number": phone,
            "first_name": user["first_name"],
            "user_id": user_id if owner is None else owner,
        }
        return self._message(user_id, {"contact": contact})

    def callback_update(self, user_id: int, message_id: int, data: str) -> dict[str, object]:
        """The person presses the button carrying ``data`` under the bot's message."""
        with self.state.lock:
            chat = self.state.chat(user_id)
            message = chat.messages.get(message_id)
            if message is None:
                raise ApiError(400, f"no message {message_id} in chat {user_id}")
            query_id = f"cb{next(self.state.callback_ids)}"
            self.state.pending_callbacks.add(query_id)
            query = {
                "id": query_id,
                "from": self._user(user_id),
                "chat_instance": f"ci{user_id}",
                "data": data,
                "message": dict(message),
            }
            return {"update_id": next(self.state.update_ids), "callback_query": query}

    def _message(self, user_id: int, content: Mapping[str, object]) -> dict[str, object]:
        with self.state.lock:
            chat = self.state.chat(user_id)
            message = chat.store({"from": self._user(user_id), **content})
            return {"update_id": next(self.state.update_ids), "message": message}

    def _user(self, user_id: int) -> dict[str, object]:
        chat = self.state.chat(user_id)
        if chat.user is None:
            raise ApiError(400, f"chat {user_id} is not a private chat")
        return chat.user
