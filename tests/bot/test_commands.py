"""/start, /lang, /cancel and the errors router."""

from __future__ import annotations

import logging
import string
from typing import TYPE_CHECKING

import pytest

from crystalbay.errors import IntegrationUnavailable
from crystalbay_bot.texts import CATALOGUES, EN, RU, language_for

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub
    from crystalbay_bot.testing import BotCustomer
    from crystalbay_plugins.telegram.testing import ApiCall, FakeTelegram

IVAN, JOHN, MANAGERS = 555, 777, -100500


async def test_start_greets_in_the_telegram_language(ivan: BotCustomer, john: BotCustomer) -> None:
    await ivan.send("/start")
    await john.send("/start")

    assert ivan.screen() == RU.greeting.format(name="Иван")
    assert ivan.buttons() == [RU.menu_search, RU.menu_bookings, RU.menu_manager, RU.menu_language]
    assert john.screen() == EN.greeting.format(name="John")


async def test_lang_switches_and_the_choice_survives_cancel(john: BotCustomer) -> None:
    [offer] = await john.send("/lang")
    assert offer.text == EN.choose_language
    assert john.buttons() == ["Русский", "English"]

    await john.press("Русский")
    assert john.screen() == RU.language_set
    await john.send("/search")
    await john.send("/cancel")
    await john.send("/start")
    assert john.screen() == RU.greeting.format(name="John")

    await john.send("/lang en")
    assert john.screen() == EN.language_set
    await john.press(EN.menu_language)
    assert john.screen() == EN.choose_language


async def test_cancel_leaves_the_wizard_and_the_booking_cleanly(
    ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot
) -> None:
    state = dispatcher.fsm.get_context(bot, IVAN, IVAN)
    [nothing] = await ivan.send("/cancel")
    assert nothing.text == RU.nothing_to_cancel

    await ivan.send("/search")
    await ivan.press("Almaty")
    [cancelled] = await ivan.send("/cancel")
    assert cancelled.text == RU.cancelled
    assert (await state.get_state(), await state.get_data()) == (None, {})

    await _to_booking_name(ivan)
    calls = await ivan.send("/cancel")
    assert [c.text for c in calls] == [RU.cancelled, RU.command_start]
    assert _markup(calls[0]) == {"remove_keyboard": True}
    assert await state.get_state() is None
    assert await ivan.send("Иван") == []  # no longer a name: free text, for the inbox


async def _to_booking_name(ivan: BotCustomer) -> None:
    await ivan.send("/search")
    for label in ("Almaty", "Egypt", RU.dates_two_weeks, RU.nights_option.format(nights="7")):
        await ivan.press(label)
    await ivan.press("1")
    await ivan.press("0")
    await ivan.press(RU.budget_any)
    await ivan.press("1")
    await ivan.press(RU.request_booking)


def _markup(call: ApiCall) -> object:
    return call.params.get("reply_markup")


async def test_a_provider_outage_is_explained_and_handed_to_the_managers(
    ivan: BotCustomer, bot_hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def down(*_: object, **__: object) -> object:
        raise IntegrationUnavailable("timed out after 30 s", integration="sandbox")

    monkeypatch.setattr(bot_hub.tours, "dictionary", down)
    await ivan.send("/start")

    calls = await ivan.press(RU.menu_search)

    assert [(c.method, c.chat_id) for c in calls] == [
        ("answerCallbackQuery", None),  # the button stops spinning first
        ("sendMessage", MANAGERS),
        ("sendMessage", IVAN),
    ]
    assert calls[-1].text == RU.search_down
    assert "Поиск туров недоступен" in calls[1].text
    assert "параметры ещё не выбраны" in calls[1].text  # it failed at the first question


async def test_an_unexpected_failure_is_logged_and_apologised_for(
    john: BotCustomer,
    bot_hub: Hub,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(*_: object, **__: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(bot_hub.bookings, "list", broken)
    await john.send("/start")  # John has a contact only after writing; give him one
    await john.send("/manager")

    with caplog.at_level(logging.ERROR, logger="crystalbay.bot"):
        [apology] = await john.send("/mybookings")

    assert apology.text == EN.error_general
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def test_language_choice_follows_telegram() -> None:
    assert [language_for(c) for c in ("ru", "kk", "uk-UA", None, "")] == ["ru"] * 5
    assert [language_for(c) for c in ("en", "en-GB", "de", "tr")] == ["en"] * 4


@pytest.mark.parametrize("field", list(RU.__struct_fields__))
def test_both_catalogues_fill_the_same_placeholders(field: str) -> None:
    values = [getattr(texts, field) for texts in CATALOGUES.values()]
    if not isinstance(values[0], str):
        assert len({len(v) for v in values}) == 1
        return
    names = [{n for _, n, _, _ in string.Formatter().parse(v) if n} for v in values]
    assert all(n == names[0] for n in names), field
    assert all(v.strip() for v in values)


async def test_the_managers_group_is_not_a_customer(
    fake: FakeTelegram, dispatcher: Dispatcher, bot: Bot, bot_hub: Hub
) -> None:
    group_message = {
        "update_id": 9001,
        "message": {
            "message_id": 1,
            "date": 1767225600,
            "text": "/start",
            "chat": {"id": MANAGERS, "type": "group", "title": "Crystal Bay managers"},
            "from": {"id": 42000, "is_bot": False, "first_name": "Anna"},
        },
    }
    before = len(fake.calls)

    await dispatcher.feed_raw_update(bot, group_message)

    assert fake.calls[before:] == []
    assert await bot_hub.contacts.repo.find_by_points([("identity", "telegram:42000")]) == []


async def test_an_old_button_is_answered_and_the_booking_still_waits(
    ivan: BotCustomer, fake: FakeTelegram, dispatcher: Dispatcher, bot: Bot
) -> None:
    await _to_booking_name(ivan)  # the results message still shows "Request booking"
    old = [m for m in fake.messages(IVAN) if m["from"] == fake.me and "reply_markup" in m][-1]

    calls = await ivan.feed(
        fake.callback_update(IVAN, int(str(old["message_id"])), "r:p:2")  # next page
    )

    assert [(c.method, c.text) for c in calls] == [
        ("answerCallbackQuery", RU.button_outdated),
        ("sendMessage", RU.button_outdated_menu),
    ]
    assert ivan.buttons() == [RU.menu_search, RU.menu_bookings, RU.menu_manager, RU.menu_language]
    state = dispatcher.fsm.get_context(bot, IVAN, IVAN)
    assert await state.get_state() == "Booking:name"  # still waiting for the name
