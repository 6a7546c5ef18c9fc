"""Typed async client for the Bot API calls the hub makes itself (the bot uses aiogram).

Requests go as JSON (``application/json``, which the Bot API accepts) through the hub's
shared ``httpx.AsyncClient``. The token is part of every URL, so ``httpx``'s request log is
filtered to show it masked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeVar

import httpx
import msgspec

from crystalbay.config import mask_secret
from crystalbay.errors import (
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay_plugins.telegram.config import PLUGIN_NAME, TelegramConfig
from crystalbay_plugins.telegram.errors import DeliveryUncertain, error_for_answer
from crystalbay_plugins.telegram.models import (
    ApiEnvelope,
    BotUser,
    SentMessage,
    TelegramFile,
    WebhookInfo,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["ChatId", "TelegramClient", "TokenMaskFilter"]

T = TypeVar("T")
ChatId = int | str
"""A numeric chat id, or ``@username`` of a public channel."""

_NOTHING_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class TokenMaskFilter(logging.Filter):
    """Replaces a bot token in log records (``httpx`` logs every request URL at INFO)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the token in the record's arguments; never drop the record."""
        if isinstance(record.args, tuple) and any(self.token in str(a) for a in record.args):
            masked = mask_secret(self.token)
            record.args = tuple(
                str(a).replace(self.token, masked) if self.token in str(a) else a
                for a in record.args
            )
        return True


def _install_mask(token: str) -> None:
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, TokenMaskFilter) and f.token == token for f in logger.filters):
        logger.addFilter(TokenMaskFilter(token))


class TelegramClient:
    """Calls the Bot API with the configured token.

    Args:
        config: The plugin's configuration.
        http: The hub's shared ``httpx.AsyncClient``.
        timeout: Seconds per request.
    """

    def __init__(
        self, config: TelegramConfig, http: httpx.AsyncClient, *, timeout: float = 30.0
    ) -> None:
        self.config = config
        self._http = http
        self._timeout = timeout
        self._base = f"{config.api_url.rstrip('/')}/bot{config.bot_token}/"
        _install_mask(config.bot_token)

    async def get_me(self) -> BotUser:
        """``getMe``: the bot's own account (checks the token)."""
        return await self._call("getMe", {}, BotUser)

    async def send_message(
        self, chat_id: ChatId, text: str, *, reply_markup: object = None
    ) -> SentMessage:
        """``sendMessage``: plain text (no parse mode, so customer text is never markup)."""
        params = {"chat_id": chat_id, "text": text, "reply_markup": reply_markup}
        return await self._call("sendMessage", params, SentMessage)

    async def send_photo(
        self, chat_id: ChatId, url: str, *, caption: str | None = None
    ) -> SentMessage:
        """``sendPhoto`` by URL: Telegram downloads the picture itself."""
        params = {"chat_id": chat_id, "photo": url, "caption": caption}
        return await self._call("sendPhoto", params, SentMessage)

    async def send_document(
        self, chat_id: ChatId, url: str, *, caption: str | None = None
    ) -> SentMessage:
        """``sendDocument`` by URL: Telegram downloads the file itself."""
        params = {"chat_id": chat_id, "document": url, "caption": caption}
        return await self._call("sendDocument", params, SentMessage)

    async def set_webhook(
        self,
        url: str,
        *,
        secret_token: str | None = None,
        allowed_updates: Sequence[str] | None = None,
        drop_pending_updates: bool = False,
    ) -> bool:
        """``setWebhook``: Telegram POSTs every update to ``url`` from now on."""
        params = {
            "url": url,
            "secret_token": secret_token,
            "allowed_updates": list(allowed_updates) if allowed_updates is not None else None,
            "drop_pending_updates": drop_pending_updates or None,
        }
        return await self._call("setWebhook", params, bool)

    async def delete_webhook(self, *, drop_pending_updates: bool = False) -> bool:
        """``deleteWebhook``: back to polling (``getUpdates``)."""
        params = {"drop_pending_updates": drop_pending_updates or None}
        return await self._call("deleteWebhook", params, bool)

    async def get_webhook_info(self) -> WebhookInfo:
        """``getWebhookInfo``: the registered webhook and its last error."""
        return await self._call("getWebhookInfo", {}, WebhookInfo)

    async def get_file(self, file_id: str) -> TelegramFile:
        """``getFile``: the path to download a file a user sent (valid for at least an hour)."""
        return await self._call("getFile", {"file_id": file_id}, TelegramFile)

    async def download(self, file_path: str) -> bytes:
        """The bytes at ``{api_url}/file/bot<token>/<file_path>`` (a path from :meth:`get_file`).

        Raises:
            IntegrationRejected: Telegram no longer serves the file.
            IntegrationUnavailable: Telegram cannot be reached or failed.
        """
        url = f"{self.config.api_url.rstrip('/')}/file/bot{self.config.bot_token}/{file_path}"
        try:
            response = await self._http.get(url, timeout=self._timeout)
        except httpx.TransportError as exc:
            raise IntegrationUnavailable(
                f"cannot download a file from {self.config.api_url} ({type(exc).__name__})",
                integration=PLUGIN_NAME,
            ) from exc
        if response.status_code >= 500:  # noqa: PLR2004
            raise IntegrationUnavailable(
                f"Telegram answered {response.status_code} to a file download; try again later",
                integration=PLUGIN_NAME,
            )
        if not response.is_success:
            raise IntegrationRejected(
                f"Telegram refused the file download ({response.status_code}): the file is "
                "gone or the bot token changed",
                integration=PLUGIN_NAME,
            )
        return response.content

    async def _call(self, method: str, params: Mapping[str, object], type_: type[T]) -> T:
        body = {k: v for k, v in params.items() if v is not None}
        try:
            response = await self._http.post(
                self._base + method,
                content=msgspec.json.encode(body),
                headers={"Content-Type": "application/json"},
                timeout=self._timeout,
            )
        except _NOTHING_SENT as exc:
            raise IntegrationUnavailable(
                f"cannot reach {self.config.api_url} ({type(exc).__name__}); nothing was sent. "
                "Check TELEGRAM_API_URL and the network",
                integration=PLUGIN_NAME,
            ) from exc
        except httpx.TransportError as exc:
            raise DeliveryUncertain(
                f"{method} got no answer from {self.config.api_url} ({type(exc).__name__}); "
                "Telegram may have processed it",
                integration=PLUGIN_NAME,
            ) from exc
        return _result(method, response, type_)


def _result(method: str, response: httpx.Response, type_: type[T]) -> T:
    try:
        envelope = msgspec.json.decode(response.content, type=ApiEnvelope)
    except msgspec.DecodeError:
        envelope = None
    if envelope is None or not envelope.ok or not response.is_success:
        if envelope is None and response.is_success:
            raise IntegrationProtocolError(
                f"{method}: the answer is not a Bot API answer; check TELEGRAM_API_URL",
                integration=PLUGIN_NAME,
            )
        raise error_for_answer(response.status_code, envelope)
    try:
        return msgspec.json.decode(envelope.result, type=type_)
    except msgspec.DecodeError as exc:
        raise IntegrationProtocolError(
            f"unexpected result of {method}: {exc}", integration=PLUGIN_NAME
        ) from exc
