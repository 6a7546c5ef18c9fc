"""The Bot API methods the fake implements, with Telegram's checks and error texts."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from crystalbay_plugins.telegram.testing.state import ApiError, BotState, Chat, Webhook

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["NOT_MODIFIED", "BotApi"]

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_MAX_TEXT = 4096

Params = dict[str, object]


class BotApi:
    """Answers one method call against :class:`BotState` (call under ``state.lock``).

    Args:
        state: The shared state.
        me: The bot's ``User`` object.
        http_webhooks: Accept ``http://`` webhook URLs (Telegram demands HTTPS; a hub under
            test on 127.0.0.1 serves plain HTTP).
    """

    def __init__(
        self, state: BotState, me: dict[str, object], *, http_webhooks: bool = False
    ) -> None:
        self.state = state
        self.me = me
        self.http_webhooks = http_webhooks

    def methods(self) -> dict[str, Callable[[Params], object]]:
        """Lower-cased method name -> implementation (``getUpdates`` is the server's)."""
        table: dict[str, Callable[[Params], object]] = {
            "getMe": lambda _: self.me,
            "sendMessage": self.send_message,
            "sendPhoto": lambda p: self._send_file(p, "photo"),
            "sendDocument": lambda p: self._send_file(p, "document"),
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_reply_markup,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": lambda p: self._chat(p) and True,
            "deleteMessage": self.delete_message,
            "setMyCommands": lambda _: True,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.webhook_info,
            "getFile": self.get_file,
        }
        return {name.lower(): method for name, method in table.items()}

    def send_message(self, params: Params) -> dict[str, object]:
        """``sendMessage``."""
        chat = self._chat(params)
        text = _text(params, "text")
        message: dict[str, object] = {"from": self.me, "text": text}
        return chat.store(self._with_markup(message, params))

    def _send_file(self, params: Params, kind: str) -> dict[str, object]:
        chat = self._chat(params)
        source = params.get(kind)
        if not source:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        file = {"file_id": f"{kind}-{chat.next_id}", "file_unique_id": f"u{chat.next_id}"}
        content: object = [{**file, "width": 800, "height": 600}] if kind == "photo" else file
        message: dict[str, object] = {"from": self.me, kind: content, "source": source}
        if params.get("caption"):
            message["caption"] = params["caption"]
        return chat.store(self._with_markup(message, params))

    def edit_message_text(self, params: Params) -> dict[str, object]:
        """``editMessageText`` of one of the bot's messages."""
        message = self._own_message(params)
        text = _text(params, "text")
        markup = params.get("reply_markup")
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        message["text"] = text
        message.pop("reply_markup", None)
        self._with_markup(message, params)
        message["edit_date"] = int(time.time())
        return message

    def edit_reply_markup(self, params: Params) -> dict[str, object]:
        """``editMessageReplyMarkup``."""
        message = self._own_message(params)
        if message.get("reply_markup") == params.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        message.pop("reply_markup", None)
        self._with_markup(message, params)
        message["edit_date"] = int(time.time())
        return message

    def delete_message(self, params: Params) -> bool:
        """``deleteMessage``."""
        chat = self._chat(params)
        if chat.messages.pop(int(str(params.get("message_id", 0))), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def answer_callback_query(self, params: Params) -> bool:
        """``answerCallbackQuery``: once per query, like Telegram."""
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self.state.pending_callbacks:
            raise ApiError(400, _TOO_OLD)
        self.state.pending_callbacks.discard(query_id)
        self.state.answered_callbacks[query_id] = params
        return True

    def set_webhook(self, params: Params) -> bool:
        """``setWebhook``; an empty ``url`` removes it."""
        url = str(params.get("url") or "")
        schemes = ("https://", "http://") if self.http_webhooks else ("https://",)
        if url and not url.startswith(schemes):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        allowed = params.get("allowed_updates")
        self.state.webhook = (
            Webhook(
                url=url,
                secret_token=str(params["secret_token"]) if params.get("secret_token") else None,
                allowed_updates=[str(a) for a in allowed] if isinstance(allowed, list) else None,
            )
            if url
            else None
        )
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        return True

    def delete_webhook(self, params: Params) -> bool:
        """``deleteWebhook``."""
        self.state.webhook = None
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        return True

    def get_file(self, params: Params) -> dict[str, object]:
        """``getFile``: a path to download from; none for a file over 20 MB (as Telegram).

        Uncertain against ``shared/contracts/telegram.md``: it names only the download URL
        (``{base}/file/bot{token}/{path}``). The 20 MB limit and the ``Bad Request: invalid
        file_id`` text follow Telegram's public Bot API documentation.
        """
        file_id = _text(params, "file_id")
        if file_id not in self.state.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        path, content = self.state.files[file_id]
        found: dict[str, object] = {
            "file_id": file_id,
            "file_unique_id": "AgAD" + file_id[-6:],
            "file_size": len(content),
        }
        if path is not None:
            found["file_path"] = path
        return found

    def webhook_info(self, _: Params) -> dict[str, object]:
        """``getWebhookInfo``."""
        webhook = self.state.webhook
        info: dict[str, object] = {
            "url": webhook.url if webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if webhook and webhook.allowed_updates is not None:
            info["allowed_updates"] = webhook.allowed_updates
        return info

    def _chat(self, params: Params) -> Chat:
        if "chat_id" not in params:
            raise ApiError(400, "Bad Request: chat_id is empty")
        return self.state.chat(params["chat_id"])

    def _own_message(self, params: Params) -> dict[str, object]:
        chat = self._chat(params)
        message = chat.messages.get(int(str(params.get("message_id", 0))))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        author = message.get("from")
        if not isinstance(author, dict) or author.get("id") != self.me["id"]:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    @staticmethod
    def _with_markup(message: dict[str, object], params: Params) -> dict[str, object]:
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # only inline keyboards belong to the message
        return message


def _text(params: Params, name: str) -> str:
    text = params.get(name)
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(text.encode("utf-16-le")) // 2 > _MAX_TEXT:
        raise ApiError(400, "Bad Request: message is too long")
    return text
