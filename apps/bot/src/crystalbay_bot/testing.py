"""Driving the bot in tests: a customer who writes and presses buttons through the fake.

Updates are built by :class:`~crystalbay_plugins.telegram.testing.FakeTelegram` (so that it
knows the chats, messages and callback queries) and fed to a real dispatcher whose ``Bot``
talks to the fake; what the customer sees is read back from the fake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from crystalbay_plugins.telegram.testing import ApiCall, FakeTelegram

__all__ = ["BotCustomer"]


class BotCustomer:
    """A person in a private chat with the bot.

    Args:
        fake: The fake Bot API (the person must be added with ``fake.add_user``).
        dispatcher: The bot's dispatcher.
        bot: A ``Bot`` pointed at the fake.
        user_id: The person's id (= their private chat's id).
    """

    def __init__(self, fake: FakeTelegram, dispatcher: Dispatcher, bot: Bot, user_id: int) -> None:
        self.fake = fake
        self.dispatcher = dispatcher
        self.bot = bot
        self.id = user_id

    async def send(self, text: str) -> list[ApiCall]:
        """Write ``text``; returns the bot's API calls in answer."""
        return await self.feed(self.fake.message_update(self.id, text))

    async def send_file(
        self, kind: str, *, caption: str | None = None, album: str | None = None
    ) -> list[ApiCall]:
        """Send a file (``photo``, ``sticker``, ``voice``, ...); an ``album`` id groups them."""
        update = self.fake.media_update(self.id, kind, caption=caption, media_group_id=album)
        return await self.feed(update)

    async def share_phone(self, phone: str, *, owner: int | None = None) -> list[ApiCall]:
        """Share a phone as a contact: their own (the button) or ``owner``'s."""
        return await self.feed(self.fake.contact_update(self.id, phone, owner=owner))

    async def press(self, label: str) -> list[ApiCall]:
        """Press the newest button whose text is ``label`` or starts with it.

        Raises:
            AssertionError: No such button in the chat.
        """
        for message in reversed(self.fake.messages(self.id)):
            for text, data in _buttons(message):
                if text == label or text.startswith(label):
                    message_id = int(str(message["message_id"]))
                    return await self.feed(self.fake.callback_update(self.id, message_id, data))
        raise AssertionError(f"no button {label!r}; the screen shows {self.buttons()}")

    async def feed(self, update: dict[str, object]) -> list[ApiCall]:
        """Deliver one update to the dispatcher; the bot's API calls while handling it."""
        before = len(self.fake.calls)
        await self.dispatcher.feed_raw_update(self.bot, update)
        return self.fake.calls[before:]

    def screen(self) -> str:
        """Text of the bot's newest message in the chat (as edited since)."""
        mine = self._bot_messages()
        return str(mine[-1].get("text", "")) if mine else ""

    def buttons(self) -> list[str]:
        """Labels of the inline buttons under the bot's newest message."""
        mine = self._bot_messages()
        return [text for text, _ in _buttons(mine[-1])] if mine else []

    def _bot_messages(self) -> list[dict[str, object]]:
        return [m for m in self.fake.messages(self.id) if _from_bot(m)]


def _from_bot(message: dict[str, object]) -> bool:
    author = message.get("from")
    return isinstance(author, dict) and bool(author.get("is_bot"))


def _buttons(message: dict[str, object]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup")
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [(str(b["text"]), str(b.get("callback_data", ""))) for row in rows for b in row]
