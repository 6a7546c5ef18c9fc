"""The customer bot end to end: a person in the fake Bot API, the hub served on 127.0.0.1.

Every test runs in both modes. In ``polling`` mode ``TelegramBot.run_polling`` long-polls the
fake's ``getUpdates``; in ``webhook`` mode the served web app registers its webhook with the
fake at start-up, and the fake posts each update to ``POST /webhooks/telegram`` with the
secret header, as Telegram does. Managers answer through the JSON API; the outbox job
delivers the answer through the ``telegram`` channel adapter to the fake.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import uvicorn

from crystalbay.domain.messages import ConversationMode
from crystalbay.domain.tours import DictionaryItem
from crystalbay.hookspecs import hookimpl
from crystalbay.ports import DictionaryKind
from crystalbay.storage.repositories import LeadFilter
from crystalbay.testing import FakeTourProvider, make_offer
from crystalbay_bot import SECRET_HEADER, TelegramBot
from crystalbay_bot.middlewares import TOUCHED
from crystalbay_bot.testing import BotCustomer
from crystalbay_bot.texts import EN, RU
from crystalbay_plugins import telegram
from crystalbay_plugins.telegram.testing import FakeTelegram
from crystalbay_web.asgi import create_app
from crystalbay_web.domain.webhooks.telegram import STATE_KEY

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from aiogram import Bot
    from aiogram.types import Update
    from litestar import Litestar

    from crystalbay.hub import Hub
    from crystalbay_plugins.telegram.testing import ApiCall

IVAN, JOHN, ANNA, MANAGERS = 555, 777, 888, -100500
SECRET = "e2e_s3cr3t-X"
FAST_JOBS = {
    "CRYSTALBAY_JOB_POLL": "0.05",
    "CRYSTALBAY_JOB_BACKOFF": "0.05",
    "CRYSTALBAY_JOB_DISPATCH_LEASE": "0.3",
}
MODES = ["polling", "webhook"]
MENU = [RU.menu_search, RU.menu_bookings, RU.menu_manager, RU.menu_language]


@pytest.fixture(name="database_url")
def fx_database_url(tmp_path: object) -> str:
    """SQLite only: the services underneath run on both databases in their own tests."""
    return f"sqlite:///{tmp_path}/hub.sqlite3"


@pytest.fixture(name="fake")
def fx_fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(max_poll_wait=1.0, http_webhooks=True) as fake:
        fake.add_user(IVAN, first_name="Иван", last_name="Петров", language_code="ru")
        fake.add_user(JOHN, first_name="John", language_code="en")
        fake.add_user(ANNA, first_name="Анна", language_code="ru")
        fake.add_group(MANAGERS, title="Crystal Bay managers")
        yield fake


class ToursPlugin:
    def __init__(self, provider: FakeTourProvider) -> None:
        self.provider = provider

    @hookimpl
    def register_tour_providers(self) -> list[FakeTourProvider]:
        return [self.provider]


@pytest.fixture(name="tours")
def fx_tours(register_plugin: Callable[..., None]) -> FakeTourProvider:
    """Almaty → Vietnam with offers next month; ``tours.failing = True`` takes it down."""
    first = (date.today().replace(day=28) + timedelta(days=4)).replace(day=1)  # noqa: DTZ011
    offers = [
        make_offer(hotel=f"Hotel {n}", check_in=first + timedelta(days=n), price=900.0 + 50 * n)
        for n in range(7)
    ]
    countries = (DictionaryItem(key="47", name="VIETNAM", parent="1344"),)
    provider = FakeTourProvider(
        "fake", offers=offers, dictionaries={DictionaryKind.COUNTRIES: countries}
    )
    register_plugin(ToursPlugin(provider), name="fake-tours")
    register_plugin(telegram, name="telegram")
    return provider


class LiveBot:
    """The served hub plus the bot in one mode; customers' updates go through :meth:`deliver`."""

    def __init__(self, mode: str, fake: FakeTelegram, hub: Hub, port: int) -> None:
        self.mode = mode
        self.fake = fake
        self.hub = hub
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.runtime: TelegramBot
        self.app: Litestar
        self._server: uvicorn.Server | None = None
        self._tasks: list[asyncio.Task[Any]] = []
        self._done: set[int] = set()
        self._http = httpx.AsyncClient()  # Telegram's side of the webhook deliveries

    async def start(self) -> None:
        """Serve the web app; in polling mode also start polling (which drops the webhook)."""
        self.app = create_app(self.hub)
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self._server = uvicorn.Server(config)
        self._tasks.append(asyncio.create_task(self._server.serve()))
        await _until(lambda: self._server is not None and self._server.started)
        if self.mode == "webhook":
            self.runtime = self.app.state[STATE_KEY]
            webhook = self.fake.state.webhook
            assert webhook is not None
            assert (webhook.url, webhook.secret_token) == (f"{self.url}/webhooks/telegram", SECRET)
            return
        self.runtime = TelegramBot.from_hub(self.hub)
        _track(self.runtime.dispatcher, self._done)
        before = len(self.fake.calls)
        self._tasks.append(asyncio.create_task(self.runtime.run_polling(handle_signals=False)))
        await self.fake.wait_for(lambda c: c.method == "getUpdates", after=before)

    async def stop(self) -> None:
        """Stop polling and the server, as a process shutting down does."""
        if self.mode == "polling":
            await self.runtime.dispatcher.stop_polling()
        if self._server is not None:
            self._server.should_exit = True
        await asyncio.wait_for(asyncio.gather(*self._tasks), timeout=10)
        self._tasks.clear()

    async def close(self) -> None:
        """Stop, and close Telegram's side too."""
        await self.stop()
        await self._http.aclose()

    async def restart(self) -> None:
        """A new process: memory state is gone, the webhook is registered again."""
        await self.stop()
        await self.start()

    async def deliver(self, *updates: dict[str, object]) -> None:
        """Hand updates to the bot the way Telegram would, and wait until they are handled."""
        if self.mode == "webhook":
            for update in updates:
                assert await self.fake.deliver(update, client=self._http) == 200
            return
        for update in updates:
            self.fake.push(update)
        ids = {int(str(u["update_id"])) for u in updates}
        await _until(lambda: ids <= self._done)

    def customer(self, user_id: int) -> LiveCustomer:
        """A person in a private chat with the bot."""
        return LiveCustomer(self, user_id)

    def state_of(self, user_id: int) -> Any:
        """The customer's conversation state in the running bot."""
        return self.runtime.dispatcher.fsm.get_context(self.runtime.bot, user_id, user_id)

    @contextlib.asynccontextmanager
    async def api(self) -> AsyncIterator[httpx.AsyncClient]:
        """The hub's JSON API with a fresh key, as a manager's tool would use it."""
        _, key = await self.hub.accounts.create_api_key("e2e")
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(base_url=self.url, headers=headers) as client:
            yield client


class LiveCustomer(BotCustomer):
    """:class:`BotCustomer` whose updates travel through polling or the served webhook."""

    def __init__(self, live: LiveBot, user_id: int) -> None:
        super().__init__(live.fake, live.runtime.dispatcher, live.runtime.bot, user_id)
        self.live = live

    async def feed(self, update: dict[str, object]) -> list[ApiCall]:
        """Deliver one update; the bot's API calls while handling it (polls aside)."""
        before = len(self.fake.calls)
        await self.live.deliver(update)
        return [c for c in self.fake.calls[before:] if c.method != "getUpdates"]


def _track(dispatcher: Any, done: set[int]) -> None:
    """Note each update id once the dispatcher has finished with it (polling runs tasks)."""
    original = dispatcher.feed_update

    async def feed_update(bot: Bot, update: Update, **kwargs: Any) -> Any:
        try:
            return await original(bot, update, **kwargs)
        finally:
            done.add(update.update_id)

    dispatcher.feed_update = feed_update


async def _until(condition: Callable[[], bool], within: float = 15.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not done within {within} s")
        await asyncio.sleep(0.01)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(name="live", params=MODES)
async def fx_live(
    request: pytest.FixtureRequest,
    fake: FakeTelegram,
    tours: FakeTourProvider,
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[LiveBot]:
    del tours  # registered before the hub starts
    port = _free_port()
    env = {
        **FAST_JOBS,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_MANAGERS_CHAT_ID": str(MANAGERS),
    }
    async with hub_factory(env, mock_http=False) as hub:
        live = LiveBot(request.param, fake, hub, port)
        await live.start()
        try:
            yield live
        finally:
            await live.close()


async def _wizard(customer: LiveCustomer, texts: Any) -> None:
    """Answer every question up to the budget."""
    await customer.send("/start")
    await customer.press(texts.menu_search)
    for label in ("Almaty", "Vietnam", texts.dates_next_month):
        await customer.press(label)
    await customer.press(texts.nights_option.format(nights="7"))
    await customer.press("2")
    await customer.press("0")


async def _conversation_id(api: httpx.AsyncClient, chat: int) -> int:
    listed = (await api.get("/api/v1/conversations", params={"channel": "telegram"})).json()
    [found] = [c for c in listed["items"] if c["chat_address"] == str(chat)]
    return int(found["id"])


async def _manager_replies(live: LiveBot, chat: int, text: str) -> list[dict[str, Any]]:
    """A manager answers from the API; the outbox delivers it. The thread, via the API."""
    async with live.api() as api:
        conversation = await _conversation_id(api, chat)
        posted = await api.post(
            f"/api/v1/conversations/{conversation}/messages", json={"text": text}
        )
        assert posted.status_code == 202, posted.text
        await live.hub.jobs.drain()
        thread = await api.get(f"/api/v1/conversations/{conversation}/messages")
    delivered = [c for c in live.fake.sent(chat) if c.text == text]
    assert [c.method for c in delivered] == ["sendMessage"]  # exactly once
    items: list[dict[str, Any]] = thread.json()["items"]
    assert items[-1]["text"] == text
    assert (items[-1]["direction"], items[-1]["status"]) == ("out", "sent")
    newest = live.fake.messages(chat)[-1]
    assert items[-1]["external_id"] == f"{chat}:{newest['message_id']}"
    return items


async def test_a_customer_books_a_tour_and_a_manager_answers_from_the_api(live: LiveBot) -> None:
    ivan = live.customer(IVAN)
    await _wizard(ivan, RU)
    await ivan.press(RU.budget_any)
    assert "Страница 1:" in ivan.screen()
    assert ivan.buttons()[:5] == ["1", "2", "3", "4", "5"]
    await ivan.press(RU.next_page)
    assert "Страница 2:" in ivan.screen()
    await ivan.press("1")  # Hotel 5, the first offer of page 2
    assert ivan.screen().startswith("🏨 Hotel 5")
    await ivan.press(RU.request_booking)
    await ivan.send("Иван Петров")
    [done, notice] = await ivan.share_phone("77011234567")

    [booking], _ = await live.hub.bookings.list()
    assert (booking.offer.hotel, booking.price) == ("Hotel 5", 1150.0)
    assert done.text.startswith(f"Спасибо, Иван Петров! Заявка №{booking.id} принята")
    assert (notice.chat_id, f"Заявка на бронь №{booking.id}" in notice.text) == (MANAGERS, True)

    await ivan.send("А трансфер из аэропорта включён?")
    await live.hub.jobs.drain()
    thread = await _manager_replies(live, IVAN, "Да, трансфер включён. Хорошего отдыха!")
    assert (thread[0]["direction"], thread[0]["text"]) == ("in", "А трансфер из аэропорта включён?")


async def test_provider_down_becomes_a_lead_and_a_manager_picks_tours(
    live: LiveBot, tours: FakeTourProvider
) -> None:
    john = live.customer(JOHN)
    await _wizard(john, EN)
    tours.failing = True

    calls = await john.press(EN.budget_any)

    assert [c.text for c in calls if c.chat_id == JOHN] == [EN.search_down]
    [notice] = [c for c in calls if c.chat_id == MANAGERS]
    [contact_id] = await live.hub.contacts.repo.find_by_points([("identity", f"telegram:{JOHN}")])
    [lead], _ = await live.hub.leads.list(LeadFilter(contact_id=contact_id))
    assert f"лид №{lead.id}" in notice.text
    assert (lead.brief.departure_city, lead.brief.country, lead.brief.adults) == (
        "Almaty",
        "Vietnam",
        2,
    )
    [conversation] = await live.hub.conversations.for_lead(lead.id)
    assert conversation.mode is ConversationMode.MANUAL
    await _manager_replies(live, JOHN, "Hello John! Here are three hotels for you: ...")


async def test_outdated_buttons_a_restart_and_an_abandoned_flow(live: LiveBot) -> None:
    ivan = live.customer(IVAN)
    await ivan.send("/start")
    menu_id = int(str(live.fake.messages(IVAN)[-1]["message_id"]))

    forged = await ivan.feed(live.fake.callback_update(IVAN, menu_id, "p:ci:99999"))
    assert [(c.method, c.text) for c in forged] == [
        ("answerCallbackQuery", RU.button_outdated),
        ("sendMessage", RU.button_outdated_menu),
    ]

    await ivan.press(RU.menu_search)
    await ivan.press("Almaty")
    await live.restart()  # the memory state goes with the old process
    ivan = live.customer(IVAN)
    after_restart = await ivan.press("Vietnam")
    assert [c.text for c in after_restart] == [RU.button_outdated, RU.button_outdated_menu]
    assert ivan.buttons() == MENU

    await ivan.press(RU.menu_search)  # a fresh start works
    await ivan.press("Almaty")
    state = live.state_of(IVAN)
    await state.update_data({TOUCHED: time.time() - 3 * 24 * 3600})  # three days pass
    abandoned = await ivan.press("Vietnam")
    assert [c.text for c in abandoned] == [RU.button_outdated, RU.flow_expired]
    assert await state.get_state() is None


async def test_a_flood_and_files_are_kept_and_answered_politely(live: LiveBot) -> None:
    flood = [live.fake.message_update(ANNA, f"сообщение {n}") for n in range(1, 26)]
    before = len(live.fake.calls)

    await live.deliver(*flood)

    answers = [c for c in live.fake.calls[before:] if c.chat_id == ANNA]  # polls have none
    assert [c.text for c in answers] == [RU.slow_down]  # once, for 25 messages (limit 20)
    john = live.customer(JOHN)
    thanks = [
        await john.send_file("photo", caption="This hotel, please"),
        await john.send_file("sticker"),
        await john.send_file("voice"),
    ]
    assert [[c.text for c in calls] for calls in thanks] == [[EN.media_received]] * 3
    await live.hub.jobs.drain()

    async with live.api() as api:
        threads = {}
        for chat in (ANNA, JOHN):
            conversation = await _conversation_id(api, chat)
            listed = await api.get(f"/api/v1/conversations/{conversation}/messages")
            threads[chat] = listed.json()["items"]
    assert [m["text"] for m in threads[ANNA]] == [f"сообщение {n}" for n in range(1, 26)]
    files = [(m["text"], m["attachments"][0]) for m in threads[JOHN]]
    assert [(text, a["kind"]) for text, a in files] == [
        ("This hotel, please", "photo"),
        ("", "sticker"),
        ("", "voice"),
    ]
    assert all(a["url"].startswith("telegram-file:") for _, a in files)
    assert not any(live.fake.token in a["url"] for _, a in files)
    assert SECRET_HEADER  # the webhook deliveries above carried it (checked by the route)
