"""Old keyboards and forged callback data: a polite answer and the menu, never a traceback."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from crystalbay_bot import Limits, build_dispatcher
from crystalbay_bot.callbacks import DateAction, DateCb
from crystalbay_bot.testing import BotCustomer
from crystalbay_bot.texts import RU

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub
    from crystalbay_plugins.telegram.testing import ApiCall, FakeTelegram

IVAN = 555
MENU = [RU.menu_search, RU.menu_bookings, RU.menu_manager, RU.menu_language]
TODAY = date.today()  # noqa: DTZ011 - as the bot does


def _menu_message(calls: list[ApiCall], text: str = RU.button_outdated_menu) -> None:
    assert [(c.method, c.text) for c in calls] == [
        ("answerCallbackQuery", RU.button_outdated),  # on the button, at once
        ("sendMessage", text),
    ]
    assert [label for label, _ in calls[1].buttons()] == MENU


async def _press_data(ivan: BotCustomer, data: str) -> list[ApiCall]:
    """Press a button with ``data`` under the bot's newest message (as a tampered client)."""
    mine = [m for m in ivan.fake.messages(ivan.id) if m["from"] == ivan.fake.me]
    return await ivan.feed(
        ivan.fake.callback_update(ivan.id, int(str(mine[-1]["message_id"])), data)
    )


FORGED_OR_STRAY = [
    "zz:garbage",  # no such prefix
    "",  # no data at all
    "m:zz",  # a menu action that does not exist
    "p:ci",  # a field missing
    "p:ci:0:1",  # a field too many
    "p:ci:0",  # a wizard button, but no wizard is open
    "d:q:next_month",
    "r:o:0",
    "k:0",
    "n:1",
    "x" * 64,
]

TAMPERED = [
    DateCb(action=DateAction.DAY, value=(TODAY - timedelta(days=1)).isoformat()).pack(),
    DateCb(action=DateAction.DAY, value=TODAY.isoformat()).pack(),
    DateCb(action=DateAction.DAY, value=(TODAY + timedelta(days=800)).isoformat()).pack(),
    "d:d:2027-02-30",
    "d:d:tomorrow",
    "d:q:someday",
    "d:m:9999-12",
    "d:m:2001-01",
    "p:ci:0",  # an earlier question's option
    "p:n:99",  # an option that was never offered
    "l:xx",  # a language the bot does not speak
]


def _problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Warnings and worse (another test may have turned INFO logging on in this process)."""
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_forged_or_stray_data_outside_a_flow_gets_the_menu(
    ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    await ivan.send("/start")

    for data in FORGED_OR_STRAY:
        with caplog.at_level(logging.WARNING):
            calls = await _press_data(ivan, data)

        _menu_message(calls)
        assert await dispatcher.fsm.get_context(bot, IVAN, IVAN).get_state() is None
    assert _problems(caplog) == []  # nothing went wrong: no traceback, not even a warning


async def test_tampered_data_inside_the_wizard_is_refused_and_the_wizard_waits(
    ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")
    await ivan.press("Vietnam")
    state = dispatcher.fsm.get_context(bot, IVAN, IVAN)

    with caplog.at_level(logging.WARNING):
        for data in TAMPERED:
            calls = await _press_data(ivan, data)
            assert [(c.method, c.text) for c in calls] == [
                ("answerCallbackQuery", RU.button_outdated)
            ], data
            assert ivan.screen() == RU.ask_dates
        _menu_message(await _press_data(ivan, "r:p:2"))  # no flow wants it: with the menu

    assert _problems(caplog) == []
    assert await state.get_state() == "Search:dates"
    [edit, _] = await ivan.press(RU.dates_next_month)  # the wizard carries on
    assert (edit.method, edit.text) == ("editMessageText", RU.ask_nights)


async def test_a_blank_calendar_cell_is_answered_without_a_word(ivan: BotCustomer) -> None:
    await ivan.send("/search")
    for label in ("Almaty", "Vietnam", RU.dates_calendar):
        await ivan.press(label)

    calls = await _press_data(ivan, DateCb(action=DateAction.NOOP).pack())

    assert [(c.method, c.text) for c in calls] == [("answerCallbackQuery", "")]
    assert ivan.screen() == RU.ask_day


async def test_result_buttons_of_another_page_or_offer_are_refused(ivan: BotCustomer) -> None:
    await ivan.send("/search")
    for label in ("Almaty", "Vietnam", RU.dates_next_month, RU.nights_option.format(nights="7")):
        await ivan.press(label)
    for label in ("2", "0", RU.budget_any):
        await ivan.press(label)
    results = ivan.screen()

    for data in ("r:p:3", "r:p:0", "r:o:7", "k:7"):  # page 3 from page 1, no 8th offer
        calls = await _press_data(ivan, data)
        assert [(c.method, c.text) for c in calls] == [("answerCallbackQuery", RU.button_outdated)]
    assert ivan.screen() == results


async def test_an_old_keyboard_after_a_restart_offers_the_menu_and_a_fresh_start(
    fake: FakeTelegram, bot_hub: Hub, bot: Bot
) -> None:
    before = build_dispatcher(bot_hub, limits=Limits(rate=100))
    ivan = BotCustomer(fake, before, bot, IVAN)
    await ivan.send("/search")
    await ivan.press("Almaty")
    await before.emit_shutdown(bot=bot)  # the process restarts; memory state is gone

    after = build_dispatcher(bot_hub, limits=Limits(rate=100))
    ivan = BotCustomer(fake, after, bot, IVAN)
    try:
        calls = await ivan.press("Vietnam")  # the wizard message from before the restart

        _menu_message(calls)
        await ivan.press(RU.menu_search)
        assert ivan.screen() == RU.ask_city
    finally:
        await after.emit_shutdown(bot=bot)
