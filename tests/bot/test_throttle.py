"""A flood from one customer: every message is kept, the bot asks once to slow down."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from crystalbay.storage.repositories import LeadFilter
from crystalbay_bot import Limits, build_dispatcher
from crystalbay_bot.testing import BotCustomer
from crystalbay_bot.texts import EN, RU

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub
    from crystalbay_plugins.telegram.testing import FakeTelegram

IVAN, JOHN, MANAGERS = 555, 777, -100500


class Clock:
    """Wall-clock seconds that move only when told."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="clock")
def fx_clock() -> Clock:
    return Clock()


@pytest.fixture(name="dispatcher")
async def fx_dispatcher(bot_hub: Hub, bot: Bot, clock: Clock) -> AsyncIterator[Dispatcher]:
    """At most 3 updates per customer in 10 s."""
    dispatcher = build_dispatcher(bot_hub, limits=Limits(rate=3, per=10.0, clock=clock))
    yield dispatcher
    await dispatcher.emit_shutdown(bot=bot)


async def _texts(hub: Hub, chat: int) -> list[str]:
    await hub.jobs.drain()
    [contact_id] = await hub.contacts.repo.find_by_points([("identity", f"telegram:{chat}")])
    [lead], _ = await hub.leads.list(LeadFilter(contact_id=contact_id))
    return [m.text for m in await hub.conversations.lead_messages(lead.id)]


async def test_a_flood_is_stored_whole_and_answered_once(
    ivan: BotCustomer, bot_hub: Hub, clock: Clock
) -> None:
    answers = [await ivan.send(f"сообщение {n}") for n in range(1, 9)]

    assert answers[:3] == [[], [], []]  # free text: the bot stays quiet, managers answer
    assert [c.text for c in answers[3]] == [RU.slow_down]
    assert answers[4:] == [[], [], [], []]
    assert await _texts(bot_hub, IVAN) == [f"сообщение {n}" for n in range(1, 9)]

    clock.now += 9.9  # still flooding: the throttled messages count too
    assert await ivan.send("ещё") == []
    clock.now += 10.1  # a pause of a whole window: welcome back
    calls = await ivan.send("/start")
    assert [c.text for c in calls] == [RU.greeting.format(name="Иван")]


async def test_throttled_commands_and_buttons_do_nothing_but_stop_the_spinner(
    ivan: BotCustomer, john: BotCustomer, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    await ivan.send("/start")
    await ivan.press(RU.menu_search)
    await ivan.press("Almaty")

    [warning] = await ivan.send("/start")  # the 4th update: throttled, not obeyed
    pressed = await ivan.press("Vietnam")

    assert warning.text == RU.slow_down
    assert [(c.method, c.text) for c in pressed] == [("answerCallbackQuery", "")]
    assert await dispatcher.fsm.get_context(bot, IVAN, IVAN).get_state() == "Search:country"
    assert await bot_hub.contacts.repo.find_by_points([("identity", f"telegram:{IVAN}")]) == []
    # Another customer is not slowed down by Ivan.
    assert [c.text for c in await john.send("/start")] == [EN.greeting.format(name="John")]


async def test_the_managers_group_is_never_throttled(
    fake: FakeTelegram, dispatcher: Dispatcher, bot: Bot
) -> None:
    before = len(fake.calls)
    for n in range(10):
        group = {
            "update_id": 9000 + n,
            "message": {
                "message_id": n + 1, "date": 1767225600, "text": f"обсуждаем {n}",
                "chat": {"id": MANAGERS, "type": "group", "title": "Crystal Bay managers"},
                "from": {"id": 42000, "is_bot": False, "first_name": "Anna"},
            },
        }  # fmt: skip
        await dispatcher.feed_raw_update(bot, group)

    assert fake.calls[before:] == []
