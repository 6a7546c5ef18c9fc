"""``FakeTelegram``: a stateful Bot API on 127.0.0.1 for aiogram and the channel client."""

from __future__ import annotations

import asyncio
import json
import time
from typing import TYPE_CHECKING, Self
from urllib.parse import unquote

import httpx

from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.telegram.testing.methods import BotApi
from crystalbay_plugins.telegram.testing.params import BadParamsError, request_params
from crystalbay_plugins.telegram.testing.state import ApiCall, ApiError, BotState
from crystalbay_plugins.telegram.testing.users import UserSide

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

__all__ = ["FakeTelegram"]

_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


class FakeTelegram(UserSide):
    """Behaves like the Bot API for one bot: ``{url}/bot<token>/<method>``.

    Args:
        token: The only token accepted; any other answers 401 ``Unauthorized``.
        username: The bot's username (``getMe``).
        max_poll_wait: Upper bound on a long poll's wait, to keep tests quick.
        http_webhooks: Accept plain ``http://`` webhook URLs, for a hub served on loopback.

    Attributes:
        calls: Every method call, in order, with decoded parameters and the outcome.
        blocked: Chat ids whose person blocked the bot (403 on anything sent there).
        outage: While True, every call answers 500 (Telegram is down).
        state: Chats, messages, queued updates, webhook and callback queries.
    """

    def __init__(
        self,
        *,
        token: str = "42:TEST",  # noqa: S107 - the fake's own test token
        username: str = "crystalbay_test_bot",
        max_poll_wait: float = 10.0,
        http_webhooks: bool = False,
    ) -> None:
        super().__init__(BotState())
        self.token = token
        self.max_poll_wait = max_poll_wait
        self.me: dict[str, object] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Crystal Bay",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.api = BotApi(self.state, self.me, http_webhooks=http_webhooks)
        self.calls: list[ApiCall] = []
        self.blocked: set[int] = set()
        self.outage = False
        self._flood: list[int | None] = []
        self._methods = self.api.methods()
        self._methods["getupdates"] = self._get_updates
        self._server = FakeHTTPServer(self._handle)

    # --- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL for ``TELEGRAM_API_URL`` / ``TelegramAPIServer.from_base``."""
        return self._server.url

    def __enter__(self) -> Self:
        self._server.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with self.state.lock:
            self.state.closing = True
            self.state.changed.notify_all()
        self._server.stop()

    # --- test controls -----------------------------------------------------------------------

    def flood(self, retry_after: int = 5, *, times: int = 1, after: int = 0) -> None:
        """Let ``after`` send/edit calls pass, then answer ``times`` of them with 429."""
        with self.state.lock:
            self._flood.extend([None] * after + [retry_after] * times)

    def put_file(self, file_id: str, content: bytes, file_path: str | None) -> None:
        """Hold a file users sent: ``getFile`` names ``file_path`` (``None``: over 20 MB)."""
        with self.state.lock:
            self.state.files[file_id] = (file_path, content)

    def push(self, update: dict[str, object]) -> dict[str, object]:
        """Queue ``update`` for ``getUpdates`` (polling mode)."""
        return self.state.push(update)

    def sent(self, chat_id: int | None = None) -> list[ApiCall]:
        """Successful calls that showed the person something (send*, edit*), in order."""
        with self.state.lock:
            return [
                c
                for c in self.calls
                if c.ok
                and c.method.startswith(("send", "edit"))
                and c.method != "sendChatAction"
                and (chat_id is None or c.chat_id == chat_id)
            ]

    def messages(self, chat_id: int) -> list[dict[str, object]]:
        """Messages now in the chat (the bot's and the person's), oldest first."""
        with self.state.lock:
            return [dict(m) for m in self.state.chat(chat_id).messages.values()]

    async def wait_for(
        self, predicate: Callable[[ApiCall], bool], *, after: int = 0, within: float = 5.0
    ) -> ApiCall:
        """Wait (without blocking the event loop) for a call matching ``predicate``.

        Args:
            predicate: Test for one call.
            after: Only look at calls from this index on (``len(fake.calls)`` before acting).
            within: Seconds to wait.

        Raises:
            TimeoutError: No such call came in time.
        """
        deadline = time.monotonic() + within
        while True:
            with self.state.lock:
                found = [c for c in self.calls[after:] if predicate(c)]
            if found:
                return found[0]
            if time.monotonic() > deadline:
                methods = [c.method for c in self.calls[after:]]
                raise TimeoutError(f"no matching Bot API call within {within} s; saw {methods}")
            await asyncio.sleep(0.01)

    def webhook_request(self, update: dict[str, object]) -> tuple[bytes, dict[str, str]]:
        """The body and headers Telegram would POST to the registered webhook."""
        with self.state.lock:
            webhook = self.state.webhook
        headers = {"Content-Type": "application/json"}
        if webhook and webhook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
        return json.dumps(update, ensure_ascii=False).encode(), headers

    async def deliver(
        self,
        update: dict[str, object],
        *,
        client: httpx.AsyncClient | None = None,
        within: float = 60.0,
    ) -> int:
        """POST ``update`` to the registered webhook as Telegram does; the HTTP status.

        The secret header goes along when ``setWebhook`` had a ``secret_token``. Telegram
        waits about a minute for the answer, and so does this.

        Args:
            update: The update (e.g. from :meth:`message_update`).
            client: An HTTP client to reuse across deliveries (one is made when absent).
            within: Seconds to wait for the answer.

        Raises:
            RuntimeError: No webhook is registered.
        """
        with self.state.lock:
            webhook = self.state.webhook
        if webhook is None:
            raise RuntimeError("no webhook is registered: call setWebhook first (webhook mode)")
        body, headers = self.webhook_request(update)
        if client is None:
            async with httpx.AsyncClient() as own:
                return await self.deliver(update, client=own, within=within)
        response = await client.post(webhook.url, content=body, headers=headers, timeout=within)
        return response.status_code

    # --- the API -----------------------------------------------------------------------------

    def _handle(self, request: FakeRequest) -> FakeResponse:
        parts = request.path.split("/")
        if len(parts) > 3 and parts[1] == "file":  # noqa: PLR2004 - /file/bot<token>/<path>
            return self._download(unquote(parts[2].removeprefix("bot")), "/".join(parts[3:]))
        return self._method(request, parts)

    def _method(self, request: FakeRequest, parts: list[str]) -> FakeResponse:
        if len(parts) != 3 or not parts[1].startswith("bot"):  # noqa: PLR2004
            return FakeResponse.json(ApiError(404, "Not Found").body(), status=404)
        token, method_name = unquote(parts[1][3:]), parts[2]
        if self.outage:
            body = ApiError(500, "Internal Server Error").body()
            return FakeResponse.json(body, status=500)
        if token != self.token:
            return FakeResponse.json(ApiError(401, "Unauthorized").body(), status=401)
        method = self._methods.get(method_name.lower())
        if method is None:
            return FakeResponse.json(ApiError(404, "Not Found").body(), status=404)
        try:
            params = request_params(request)
        except BadParamsError as exc:
            return FakeResponse.json(ApiError(400, str(exc)).body(), status=400)
        return self._answer(method_name, method, params)

    def _download(self, token: str, path: str) -> FakeResponse:
        if token != self.token:
            return FakeResponse.json(ApiError(401, "Unauthorized").body(), status=401)
        with self.state.lock:
            found = [data for known, data in self.state.files.values() if known == path]
        if not found:
            return FakeResponse.json(ApiError(404, "Not Found").body(), status=404)
        return FakeResponse(
            status=200, body=found[0], headers={"Content-Type": "application/octet-stream"}
        )

    def _answer(
        self, name: str, method: Callable[[dict[str, object]], object], params: dict[str, object]
    ) -> FakeResponse:
        canonical = next((m for m in _CANONICAL if m.lower() == name.lower()), name)
        try:
            if canonical == "getUpdates":
                result = method(params)  # waits without holding the lock
            else:
                with self.state.lock:
                    self._refuse(canonical, params)
                    result = method(params)
        except ApiError as error:
            self._record(ApiCall(method=canonical, params=params, ok=False, error_code=error.code))
            return FakeResponse.json(error.body(), status=error.code)
        self._record(ApiCall(method=canonical, params=params, ok=True))
        return FakeResponse.json({"ok": True, "result": result})

    def _refuse(self, method: str, params: dict[str, object]) -> None:
        if params.get("chat_id") in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if self._flood and method.startswith(("send", "edit")):
            wait = self._flood.pop(0)
            if wait is not None:
                raise ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)

    def _record(self, call: ApiCall) -> None:
        with self.state.lock:
            self.calls.append(call)

    def _get_updates(self, params: dict[str, object]) -> list[dict[str, object]]:
        offset = params.get("offset")
        limit = params.get("limit")
        timeout = params.get("timeout")
        allowed = params.get("allowed_updates")
        wait = min(float(timeout) if isinstance(timeout, int) else 0.0, self.max_poll_wait)
        deadline = time.monotonic() + wait
        with self.state.lock:
            if self.state.webhook is not None:
                raise ApiError(409, _WEBHOOK_CONFLICT)
            while True:
                found = self.state.pending_updates(offset if isinstance(offset, int) else None)
                if isinstance(allowed, list) and allowed:
                    found = [u for u in found if any(k in u for k in allowed)]
                left = deadline - time.monotonic()
                if found or left <= 0 or self.state.closing:
                    return found[: limit if isinstance(limit, int) and limit > 0 else 100]
                self.state.changed.wait(left)


_CANONICAL = (
    "getMe",
    "getUpdates",
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "sendChatAction",
    "editMessageText",
    "editMessageReplyMarkup",
    "answerCallbackQuery",
    "deleteMessage",
    "setMyCommands",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
)
