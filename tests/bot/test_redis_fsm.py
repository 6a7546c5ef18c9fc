"""FSM state in the real Redis: a wizard survives a restart of the bot (redis_url)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import redis.asyncio as aioredis
from aiogram.fsm.storage.redis import RedisStorage

from crystalbay.storage.repositories import LeadFilter
from crystalbay_bot import Limits, build_dispatcher, make_storage
from crystalbay_bot.testing import BotCustomer
from crystalbay_bot.texts import EN, RU

if TYPE_CHECKING:
    from aiogram import Bot

    from crystalbay.hub import Hub
    from crystalbay_plugins.telegram.testing import FakeTelegram

pytestmark = pytest.mark.redis

IVAN = 555


async def test_the_wizard_and_the_language_survive_a_restart(
    fake: FakeTelegram, bot_hub: Hub, bot: Bot, redis_url: str, redis_prefix: str
) -> None:
    storage = make_storage(redis_url, prefix=redis_prefix)
    assert isinstance(storage, RedisStorage)
    first = build_dispatcher(bot_hub, storage=storage)
    ivan = BotCustomer(fake, first, bot, IVAN)
    await ivan.send("/lang en")
    await ivan.send("/search")
    await ivan.press("Almaty")
    await ivan.press("Vietnam")
    assert ivan.screen() == EN.ask_dates
    await first.emit_shutdown(bot=bot)  # the process stops; Redis keeps the state

    client = aioredis.from_url(redis_url, decode_responses=True)
    try:
        keys = sorted([key async for key in client.scan_iter(match=f"{redis_prefix}:*")])
        assert keys == [
            f"{redis_prefix}:{IVAN}:{IVAN}:default:data",
            f"{redis_prefix}:{IVAN}:{IVAN}:default:state",
            f"{redis_prefix}:{IVAN}:{IVAN}:prefs:data",
            f"{redis_prefix}:throttle:{IVAN}",  # the flood guard counts in Redis too
        ]
        assert await client.get(f"{redis_prefix}:{IVAN}:{IVAN}:default:state") == "Search:dates"
    finally:
        await client.aclose()

    second = build_dispatcher(bot_hub, storage=make_storage(redis_url, prefix=redis_prefix))
    ivan = BotCustomer(fake, second, bot, IVAN)
    try:
        await ivan.press(EN.dates_next_month)
        assert ivan.screen() == EN.ask_nights  # carried on where it stopped, in English
        await ivan.send("/cancel")
        state = second.fsm.get_context(bot, IVAN, IVAN)
        assert (await state.get_state(), await state.get_data()) == (None, {})
        await ivan.send("/start")
        assert ivan.screen() == EN.greeting.format(name="Иван")  # the choice outlives /cancel
        assert ivan.screen() != RU.greeting.format(name="Иван")
    finally:
        await second.emit_shutdown(bot=bot)


class Clock:
    """Wall-clock seconds that move only when told (shared by two 'processes')."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_a_flow_abandoned_for_days_restarts_cleanly_after_a_restart(
    fake: FakeTelegram, bot_hub: Hub, bot: Bot, redis_url: str, redis_prefix: str
) -> None:
    clock = Clock()
    limits = Limits(clock=clock)
    first = build_dispatcher(
        bot_hub, storage=make_storage(redis_url, prefix=redis_prefix), limits=limits
    )
    ivan = BotCustomer(fake, first, bot, IVAN)
    await ivan.send("/search")
    await ivan.press("Almaty")
    await first.emit_shutdown(bot=bot)
    clock.now += 3 * 24 * 3600  # the customer comes back three days later, to a new process

    second = build_dispatcher(
        bot_hub, storage=make_storage(redis_url, prefix=redis_prefix), limits=limits
    )
    ivan = BotCustomer(fake, second, bot, IVAN)
    try:
        calls = await ivan.press("Vietnam")

        assert [(c.method, c.text) for c in calls] == [
            ("answerCallbackQuery", RU.button_outdated),
            ("sendMessage", RU.flow_expired),
        ]
        state = second.fsm.get_context(bot, IVAN, IVAN)
        assert (await state.get_state(), await state.get_data()) == (None, {})
        await ivan.press(RU.menu_search)
        assert ivan.screen() == RU.ask_city
    finally:
        await second.emit_shutdown(bot=bot)


async def test_two_bot_processes_share_the_flood_count(
    fake: FakeTelegram, bot_hub: Hub, bot: Bot, redis_url: str, redis_prefix: str
) -> None:
    limits = Limits(rate=3, per=10.0, clock=Clock())
    one, two = (
        build_dispatcher(
            bot_hub, storage=make_storage(redis_url, prefix=redis_prefix), limits=limits
        )
        for _ in range(2)
    )
    try:
        answers = [
            await BotCustomer(fake, dispatcher, bot, IVAN).send(f"сообщение {n}")
            for n, dispatcher in enumerate((one, two, one, two, one), start=1)
        ]
    finally:
        await one.emit_shutdown(bot=bot)
        await two.emit_shutdown(bot=bot)

    assert [[c.text for c in calls] for calls in answers] == [[], [], [], [RU.slow_down], []]
    await bot_hub.jobs.drain()
    [contact_id] = await bot_hub.contacts.repo.find_by_points([("identity", f"telegram:{IVAN}")])
    [lead], _ = await bot_hub.leads.list(LeadFilter(contact_id=contact_id))
    stored = await bot_hub.conversations.lead_messages(lead.id)
    assert [m.text for m in stored] == [f"сообщение {n}" for n in range(1, 6)]
