"""Bot throughput: our full dispatcher next to a bare aiogram echo dispatcher, in one run.

Run: ``uv run python bench/bot.py [--customers N] [--rounds R]``.

Both dispatchers are fed ``Update`` objects through ``Dispatcher.feed_update`` with a ``Bot``
whose session answers every Bot API call at once from memory, so no HTTP is measured.

* full: ``build_dispatcher(hub)`` on a started hub (SQLite, the sandbox tour provider), memory
  FSM storage and the default limits (language, throttle and flow-expiry middlewares). Each
  customer goes through the whole search: /start → Find a tour → city → country → next
  month → 7 nights → 2 adults → no children → any budget (a results page) → offer 1 → back
  to the list → /cancel; 12 updates. The first customer fills the tour caches, as in
  production where dictionaries and searches are cached; the rest are served from them.
* echo: an aiogram ``Dispatcher`` with one handler answering every text with itself, fed as
  many text updates from as many customers.

Rounds alternate echo and full; each figure is the median over rounds, so a noisy neighbour
on the machine hurts both alike. The run also checks that every full customer really saw a
results page and an offer card.

Goal (exit status 1 when missed): the full dispatcher keeps at least 1/8 of the echo
dispatcher's rate. Measured on the development machine (2 cores shared with other work),
echo did about 2 400 updates/s and the full wizard 550 to 750, a ratio of 0.22 to 0.32
across runs. A wizard update reads and writes the FSM several times, runs three middlewares
of ours, builds a keyboard and renders texts, where the echo sends one message. The goal
leaves room for the machine's noise (the worst ratio seen is still 1.8 times the goal) and
flags a real regression, such as a middleware that doubles the work of every update.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.methods import EditMessageText, SendMessage
from aiogram.types import CallbackQuery, Chat, Message, Update, User

import crystalbay_plugins.sandbox
import crystalbay_plugins.telegram
from crystalbay.hub import Hub
from crystalbay.plugins import make_plugin_manager
from crystalbay.settings import Settings
from crystalbay_bot import build_dispatcher
from crystalbay_bot.callbacks import (
    DateAction,
    DateCb,
    MenuAction,
    MenuCb,
    PickCb,
    ResultsAction,
    ResultsCb,
    Step,
)
from crystalbay_bot.search import BUDGETS

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

    from aiogram.methods import TelegramMethod

TOKEN = "42:BENCH"  # noqa: S105 - a token nobody issued; no request leaves the process
RATIO_GOAL = 1 / 8
BOT_USER = User(id=42, is_bot=True, first_name="Crystal Bay", username="crystalbay_bench_bot")
NOW = datetime.now(UTC)


class InstantSession(BaseSession):
    """Answers every Bot API call at once: a sent or edited message, or ``True``."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()
        self.screens: Counter[str] = Counter()  # results pages and offer cards shown
        self._ids = itertools.count(1000)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109 - the base class's signature
    ) -> Any:  # noqa: ANN401 - the method's own result type
        del bot, timeout
        self.calls[type(method).__name__] += 1
        if isinstance(method, SendMessage | EditMessageText):
            text = method.text or ""
            if "Страница 1:" in text:
                self.screens["results"] += 1
            elif text.startswith("🏨"):
                self.screens["offer"] += 1
            chat = Chat(id=int(method.chat_id or 0), type="private")
            message_id = getattr(method, "message_id", None) or next(self._ids)
            return Message(
                message_id=message_id, date=NOW, chat=chat, from_user=BOT_USER, text=text
            )
        return True

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - the base class's signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,  # noqa: FBT001, FBT002 - the base class's signature
    ) -> AsyncGenerator[bytes, None]:
        del url, headers, timeout, chunk_size, raise_for_status
        yield b""

    async def close(self) -> None:
        return None


class Updates:
    """Builds the updates a customer sends, with increasing ids."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def text(self, user_id: int, text: str) -> Update:
        number = next(self._ids)
        message = Message(
            message_id=number, date=NOW, chat=_chat(user_id), from_user=_user(user_id), text=text
        )
        return Update(update_id=number, message=message)

    def press(self, user_id: int, data: str) -> Update:
        number = next(self._ids)
        screen = Message(message_id=1, date=NOW, chat=_chat(user_id), from_user=BOT_USER, text="…")
        query = CallbackQuery(
            id=str(number), from_user=_user(user_id), chat_instance="ci", data=data, message=screen
        )
        return Update(update_id=number, callback_query=query)


def _chat(user_id: int) -> Chat:
    return Chat(id=user_id, type="private", first_name="Guest")


def _user(user_id: int) -> User:
    return User(id=user_id, is_bot=False, first_name="Guest", language_code="ru")


WIZARD = [
    MenuCb(action=MenuAction.SEARCH).pack(),
    PickCb(step=Step.CITY, index=0).pack(),
    PickCb(step=Step.COUNTRY, index=0).pack(),
    DateCb(action=DateAction.QUICK, value="next_month").pack(),
    PickCb(step=Step.NIGHTS, index=2).pack(),  # 7 nights
    PickCb(step=Step.ADULTS, index=1).pack(),  # 2 adults
    PickCb(step=Step.CHILDREN, index=0).pack(),
    PickCb(step=Step.BUDGET, index=len(BUDGETS)).pack(),  # no limit: the results
    ResultsCb(action=ResultsAction.OFFER, value=0).pack(),
    ResultsCb(action=ResultsAction.LIST).pack(),
]


def journey(updates: Updates, user_id: int) -> list[Update]:
    """One customer's whole search, 12 updates."""
    pressed = [updates.press(user_id, data) for data in WIZARD]
    return [updates.text(user_id, "/start"), *pressed, updates.text(user_id, "/cancel")]


def echo_dispatcher() -> Dispatcher:
    """The baseline: one handler that answers each text with itself."""
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "…")

    return dispatcher


async def feed(dispatcher: Dispatcher, bot: Bot, batch: list[Update]) -> float:
    """Updates per second through ``dispatcher``."""
    started = time.perf_counter()
    for update in batch:
        await dispatcher.feed_update(bot, update)
    return len(batch) / (time.perf_counter() - started)


async def start_hub(home: str) -> Hub:
    env = {
        "CRYSTALBAY_HOME": home,
        "DATABASE_URL": f"sqlite:///{home}/hub.sqlite3",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": "http://127.0.0.1:9",  # never called: the bot's session is a stub
    }
    pm = make_plugin_manager(load_entrypoints=False)
    pm.register(crystalbay_plugins.sandbox, name="sandbox")
    pm.register(crystalbay_plugins.telegram, name="telegram")
    return await Hub(Settings.from_env(env), pm=pm).start()


async def run(customers: int, rounds: int) -> tuple[float, float, InstantSession]:
    hub = await start_hub(tempfile.mkdtemp(prefix="cb-bench-bot-"))
    session = InstantSession()
    bot = Bot(TOKEN, session=session)
    full, echo = build_dispatcher(hub), echo_dispatcher()
    updates = Updates()
    try:
        await feed(full, bot, journey(updates, 1))  # warm the tour caches and aiogram
        await feed(echo, bot, [updates.text(1, "warm-up")])
        full_rates, echo_rates = [], []
        for round_no in range(rounds):
            ids = range(10_000 * (round_no + 1), 10_000 * (round_no + 1) + customers)
            batch = [u for uid in ids for u in journey(updates, uid)]
            echo_batch = [updates.text(uid, f"hello {n}") for uid in ids for n in range(12)]
            echo_rates.append(await feed(echo, bot, echo_batch))
            full_rates.append(await feed(full, bot, batch))
        return statistics.median(full_rates), statistics.median(echo_rates), session
    finally:
        await full.emit_shutdown(bot=bot)
        await hub.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    full, echo, session = asyncio.run(run(args.customers, args.rounds))
    searched = args.customers * args.rounds + 1
    ratio = full / echo
    print(f"echo dispatcher:  {echo:8.0f} updates/s")
    print(f"full dispatcher:  {full:8.0f} updates/s (search wizard with FSM, 12 updates each)")
    print(f"ratio full/echo:  {ratio:8.3f} (goal ≥ {RATIO_GOAL:.3f})")
    print(f"bot API calls:    {dict(session.calls)}")
    if session.screens["offer"] != searched or session.screens["results"] < searched:
        print(f"the wizard went wrong: saw {dict(session.screens)} for {searched} customers")
        return 1
    verdict = "met" if ratio >= RATIO_GOAL else "MISSED"
    print(f"goal: full dispatcher at least 1/{1 / RATIO_GOAL:.0f} of echo: {verdict}")
    return 0 if ratio >= RATIO_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
