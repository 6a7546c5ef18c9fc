"""The tour search wizard, driven through the fake Bot API with the sandbox catalogue."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.tours import TourQuery
from crystalbay.ports import DictionaryKind
from crystalbay_bot.callbacks import PickCb, Step
from crystalbay_bot.formatting import price
from crystalbay_bot.search import load
from crystalbay_bot.texts import EN, RU

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub
    from crystalbay_bot.search import SearchDraft
    from crystalbay_bot.testing import BotCustomer
    from crystalbay_plugins.telegram.testing import FakeTelegram

IVAN = 555


def _next_month(today: date) -> tuple[date, date]:
    first = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


async def _draft(dispatcher: Dispatcher, bot: Bot, chat: int = IVAN) -> SearchDraft:
    return await load(dispatcher.fsm.get_context(bot, chat, chat))


async def _to_budget(ivan: BotCustomer) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")
    await ivan.press("Vietnam")
    await ivan.press(RU.dates_next_month)
    await ivan.press(RU.nights_option.format(nights="7"))
    await ivan.press("2")
    await ivan.press("0")


async def test_the_wizard_asks_every_question_and_pages_the_results(
    ivan: BotCustomer, fake: FakeTelegram, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    await ivan.send("/start")
    calls = await ivan.press(RU.menu_search)

    cities = await bot_hub.tours.dictionary(DictionaryKind.DEPARTURE_CITIES)
    assert ivan.screen() == RU.ask_city
    assert ivan.buttons() == ["Almaty", "Astana", "Shymkent", "Moscow", RU.back]
    assert [c.name for c in cities] == ["ALMATY", "ASTANA", "SHYMKENT", "MOSCOW"]
    assert [c.method for c in calls] == ["editMessageText", "answerCallbackQuery"]

    await ivan.press("Almaty")
    countries = await bot_hub.tours.dictionary(DictionaryKind.COUNTRIES, "1344")
    assert ivan.screen() == RU.ask_country
    assert ivan.buttons() == [c.name for c in countries] + [RU.back]

    await ivan.press("Vietnam")
    assert ivan.screen() == RU.ask_dates
    assert ivan.buttons() == [
        RU.dates_two_weeks,
        RU.dates_next_month,
        RU.dates_in_two_months,
        RU.dates_calendar,
        RU.back,
    ]
    await ivan.press(RU.dates_next_month)
    assert ivan.screen() == RU.ask_nights
    await ivan.press(RU.nights_option.format(nights="7"))
    assert ivan.screen() == RU.ask_adults
    await ivan.press("2")
    assert ivan.screen() == RU.ask_children
    await ivan.press("0")
    assert ivan.screen() == RU.ask_budget.format(currency="USD")
    await ivan.press(RU.budget_option.format(amount=price(2000), currency="USD"))

    date_from, date_to = _next_month(date.today())  # noqa: DTZ011 - as the bot does
    query = TourQuery(
        departure_city="1344",
        country="47",
        date_from=date_from,
        date_to=date_to,
        adults=2,
        budget=2000.0,
        page_size=5,
    )
    expected = await bot_hub.tours.search(query)
    screen = ivan.screen()
    assert screen.startswith("Almaty → Vietnam\n")
    assert "Страница 1:" in screen
    assert [line.split(". ", 1)[1].split(" — ")[0] for line in screen.split("\n\n")[1:]] == [
        o.hotel + (f" {o.stars}★" if o.stars else "") for o in expected.offers
    ]
    assert all(o.price <= 2000 for o in expected.offers)
    assert ivan.buttons() == ["1", "2", "3", "4", "5", RU.next_page, RU.back, RU.new_search]
    # the whole wizard edited one message: the chat holds the greeting only
    assert [m["message_id"] for m in fake.messages(IVAN) if m["from"] == fake.me] == [2]

    await ivan.press(RU.next_page)
    second = await bot_hub.tours.search(msgspec.structs.replace(query, page=2))
    assert "Страница 2:" in ivan.screen()
    assert second.offers[0].hotel in ivan.screen()
    assert RU.previous_page in ivan.buttons()
    assert (await _draft(dispatcher, bot)).offers == second.offers
    await ivan.press(RU.previous_page)
    assert "Страница 1:" in ivan.screen()


async def test_back_goes_to_the_previous_question_and_from_the_first_to_the_menu(
    ivan: BotCustomer,
) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")
    await ivan.press("Vietnam")
    await ivan.press(RU.dates_two_weeks)
    assert ivan.screen() == RU.ask_nights

    await ivan.press(RU.back)
    assert ivan.screen() == RU.ask_dates
    await ivan.press(RU.back)
    assert ivan.screen() == RU.ask_country
    await ivan.press(RU.back)
    assert ivan.screen() == RU.ask_city
    await ivan.press("Astana")  # another city: its own countries
    assert ivan.screen() == RU.ask_country
    await ivan.press(RU.back)
    await ivan.press(RU.back)
    assert ivan.screen() == RU.command_start
    assert ivan.buttons()[0] == RU.menu_search


async def test_calendar_children_ages_and_a_typed_budget(
    ivan: BotCustomer, dispatcher: Dispatcher, bot: Bot
) -> None:
    today = date.today()  # noqa: DTZ011 - as the bot does
    await ivan.send("/search")
    await ivan.press("Almaty")
    await ivan.press("Vietnam")
    await ivan.press(RU.dates_calendar)
    assert ivan.screen() == RU.ask_day
    assert ivan.buttons()[0] == f"{RU.months[today.month - 1]} {today.year}"
    await ivan.press("▶")
    first, _ = _next_month(today)
    assert ivan.buttons()[0] == f"{RU.months[first.month - 1]} {first.year}"
    await ivan.press("15")
    await ivan.press(RU.nights_option.format(nights="10"))
    await ivan.press("2")
    await ivan.press("2")  # two children
    assert ivan.screen() == RU.ask_child_age.format(n=1)
    await ivan.press("5")
    assert ivan.screen() == RU.ask_child_age.format(n=2)
    await ivan.press("11")
    assert ivan.screen() == RU.ask_budget.format(currency="USD")

    await ivan.send("сколько-то")
    assert ivan.screen() == RU.budget_invalid
    await ivan.send("3 500 $")

    draft = await _draft(dispatcher, bot)
    assert (draft.date_from, draft.date_to) == (first.replace(day=15), first.replace(day=18))
    assert (draft.nights_min, draft.nights_max, draft.adults) == (10, 10, 2)
    assert (draft.child_ages, draft.budget) == ((5, 11), 3500.0)
    assert "2 взр., дети: 5, 11" in ivan.screen()
    assert all(o.child_ages == (5, 11) and o.price <= 3500 for o in draft.offers)


async def test_stale_buttons_and_typing_in_the_wizard_change_nothing(
    ivan: BotCustomer, fake: FakeTelegram
) -> None:
    await ivan.send("/search")
    await ivan.press("Almaty")
    screen_id = fake.messages(IVAN)[-1]["message_id"]
    stale = fake.callback_update(IVAN, int(str(screen_id)), PickCb(step=Step.CITY, index=1).pack())

    calls = await ivan.feed(stale)

    assert [(c.method, c.text) for c in calls] == [("answerCallbackQuery", RU.button_outdated)]
    assert ivan.screen() == RU.ask_country
    await ivan.send("Вьетнам, пожалуйста")
    assert ivan.screen() == RU.use_buttons


async def test_an_english_customer_gets_english_questions(john: BotCustomer) -> None:
    await john.send("/start")
    assert john.screen().startswith("Hello, John!")
    await john.press(EN.menu_search)
    assert john.screen() == EN.ask_city
    await john.press("Almaty")
    await john.press("Turkey")
    await john.press(EN.dates_in_two_months)
    assert john.screen() == EN.ask_nights
    assert EN.nights_option.format(nights="6–8") in john.buttons()
