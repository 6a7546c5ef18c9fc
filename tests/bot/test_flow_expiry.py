"""A flow left mid-way: within a day it carries on, after that it restarts cleanly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from crystalbay.storage.repositories import LeadFilter
from crystalbay_bot import Limits, build_dispatcher
from crystalbay_bot.middlewares import TOUCHED
from crystalbay_bot.texts import RU

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub
    from crystalbay_bot.testing import BotCustomer

IVAN = 555
DAY = 24 * 3600.0
MENU = [RU.menu_search, RU.menu_bookings, RU.menu_manager, RU.menu_language]


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
    """The default flow lifetime (a day), on a clock the test moves."""
    dispatcher = build_dispatcher(bot_hub, limits=Limits(rate=1000, clock=clock))
    yield dispatcher
    await dispatcher.emit_shutdown(bot=bot)


async def test_a_flow_resumed_within_a_day_carries_on(
    ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot, clock: Clock
) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")
    state = dispatcher.fsm.get_context(bot, IVAN, IVAN)
    assert await state.get_value(TOUCHED) == clock.now

    clock.now += DAY - 60
    await ivan.press("Vietnam")

    assert ivan.screen() == RU.ask_dates
    assert await state.get_value(TOUCHED) == clock.now  # every step renews the day
    clock.now += DAY - 60
    await ivan.press(RU.dates_next_month)
    assert ivan.screen() == RU.ask_nights


async def test_an_old_button_of_an_expired_flow_restarts_cleanly(
    ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot, clock: Clock
) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")
    clock.now += 3 * DAY

    calls = await ivan.press("Vietnam")

    assert [(c.method, c.text) for c in calls] == [
        ("answerCallbackQuery", RU.button_outdated),
        ("sendMessage", RU.flow_expired),
    ]
    assert ivan.buttons() == MENU
    state = dispatcher.fsm.get_context(bot, IVAN, IVAN)
    assert (await state.get_state(), await state.get_data()) == (None, {})
    await ivan.press(RU.menu_search)  # a fresh start, from the first question
    assert ivan.screen() == RU.ask_city


async def test_a_typed_answer_to_an_expired_question_is_kept_and_explained(
    ivan: BotCustomer, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot, clock: Clock
) -> None:
    await ivan.send("/search")
    for label in ("Almaty", "Vietnam", RU.dates_next_month, RU.nights_option.format(nights="7")):
        await ivan.press(label)
    await ivan.press("2")
    await ivan.press("0")
    assert ivan.screen() == RU.ask_budget.format(currency="USD")
    clock.now += 2 * DAY

    calls = await ivan.send("1500")  # once a budget; now just a message for the managers

    assert [c.text for c in calls] == [RU.flow_expired]
    assert await dispatcher.fsm.get_context(bot, IVAN, IVAN).get_state() is None
    await bot_hub.jobs.drain()
    [contact_id] = await bot_hub.contacts.repo.find_by_points([("identity", f"telegram:{IVAN}")])
    [lead], _ = await bot_hub.leads.list(LeadFilter(contact_id=contact_id))
    assert [m.text for m in await bot_hub.conversations.lead_messages(lead.id)] == ["1500"]


async def test_a_command_after_an_expired_flow_just_runs(
    ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot, clock: Clock
) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")
    clock.now += 2 * DAY

    calls = await ivan.send("/cancel")

    assert [c.text for c in calls] == [RU.nothing_to_cancel]  # the flow was already over
    assert await dispatcher.fsm.get_context(bot, IVAN, IVAN).get_data() == {}
