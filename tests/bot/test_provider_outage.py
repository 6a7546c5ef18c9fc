"""A tour provider goes down mid-search: the customer is told, and the managers get a lead."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.messages import ConversationMode
from crystalbay.domain.tours import DictionaryItem
from crystalbay.hookspecs import hookimpl
from crystalbay.ports import DictionaryKind
from crystalbay.storage.repositories import LeadFilter
from crystalbay.testing import FakeTourProvider, make_offer
from crystalbay_bot.texts import RU
from crystalbay_plugins import telegram

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from contextlib import AbstractAsyncContextManager

    from aiogram import Bot, Dispatcher

    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub
    from crystalbay_bot.testing import BotCustomer

IVAN, MANAGERS = 555, -100500


class ToursPlugin:
    def __init__(self, provider: FakeTourProvider) -> None:
        self.provider = provider

    @hookimpl
    def register_tour_providers(self) -> list[FakeTourProvider]:
        return [self.provider]


@pytest.fixture(name="tours")
def fx_tours() -> FakeTourProvider:
    """A provider with Vietnam from Almaty, a few offers next month, switchable off."""
    first = (date.today().replace(day=28) + timedelta(days=4)).replace(day=1)  # noqa: DTZ011
    offers = [make_offer(check_in=first + timedelta(days=n), price=900.0 + n) for n in range(3)]
    countries = (DictionaryItem(key="47", name="VIETNAM", parent="1344"),)
    return FakeTourProvider(
        "fake", offers=offers, dictionaries={DictionaryKind.COUNTRIES: countries}
    )


@pytest.fixture(name="bot_hub")
async def fx_bot_hub(
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
    bot_env: dict[str, str],
    tours: FakeTourProvider,
) -> AsyncIterator[Hub]:
    """The bot's hub with the switchable provider instead of the sandbox."""
    register_plugin(ToursPlugin(tours), name="fake-tours")
    register_plugin(telegram, name="telegram")
    async with hub_factory(bot_env, mock_http=False) as hub:
        yield hub


async def _to_budget(ivan: BotCustomer) -> None:
    await ivan.send("/search")
    for label in ("Almaty", "Vietnam", RU.dates_next_month, RU.nights_option.format(nights="7")):
        await ivan.press(label)
    await ivan.press("2")
    await ivan.press("1")
    await ivan.press("7")  # the child's age


async def _lead(hub: Hub) -> Lead:
    [contact_id] = await hub.contacts.repo.find_by_points([("identity", f"telegram:{IVAN}")])
    [lead], _ = await hub.leads.list(LeadFilter(contact_id=contact_id))
    return lead


async def test_a_failed_search_becomes_a_lead_with_the_brief_and_a_manager_takes_over(
    ivan: BotCustomer, tours: FakeTourProvider, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    await _to_budget(ivan)
    tours.failing = True

    calls = await ivan.press(RU.budget_option.format(amount="2\u202f000", currency="USD"))

    assert [(c.method, c.chat_id) for c in calls] == [
        ("answerCallbackQuery", None),
        ("sendMessage", MANAGERS),
        ("sendMessage", IVAN),
    ]
    assert calls[-1].text == RU.search_down
    lead = await _lead(bot_hub)
    brief = lead.brief
    assert (brief.departure_city, brief.country) == ("Almaty", "Vietnam")
    assert (brief.nights_min, brief.nights_max, brief.adults, brief.child_ages) == (7, 7, 2, (7,))
    assert brief.budget is not None
    assert (brief.budget.amount, brief.budget.currency) == (2000, "USD")
    assert brief.date_from is not None
    assert brief.date_from.day == 1
    [conversation] = await bot_hub.conversations.for_lead(lead.id)
    assert (conversation.chat_address, conversation.mode) == (str(IVAN), ConversationMode.MANUAL)
    notice = calls[1].text
    assert f"лид №{lead.id}" in notice
    assert "Иван Петров" in notice
    assert "Almaty → Vietnam" in notice
    assert "до 2\u202f000 USD" in notice

    # The wizard waits where it stopped: once the provider is back, the same button searches.
    state = dispatcher.fsm.get_context(bot, IVAN, IVAN)
    assert await state.get_state() == "Search:budget"
    tours.failing = False
    [edit, _] = await ivan.press(RU.budget_any)  # the wizard's message becomes the results
    assert edit.method == "editMessageText"
    assert "Страница 1:" in edit.text
    assert [label for label, _ in edit.buttons()][:3] == ["1", "2", "3"]


async def test_a_second_failure_reuses_the_lead(
    ivan: BotCustomer, tours: FakeTourProvider, bot_hub: Hub
) -> None:
    await _to_budget(ivan)
    tours.failing = True

    await ivan.press(RU.budget_any)
    await ivan.press(RU.budget_any)

    lead = await _lead(bot_hub)  # exactly one
    assert len(await bot_hub.conversations.for_lead(lead.id)) == 1
    assert [c.text for c in ivan.fake.sent(IVAN)][-2:] == [RU.search_down, RU.search_down]


async def test_when_even_the_hand_over_fails_the_customer_still_gets_an_answer(
    ivan: BotCustomer,
    tours: FakeTourProvider,
    bot_hub: Hub,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await ivan.send("/start")
    tours.failing = True

    async def database_down(*_: object, **__: object) -> object:
        raise ConnectionError("database is down")

    monkeypatch.setattr(bot_hub.contacts, "resolve", database_down)
    with caplog.at_level(logging.ERROR, logger="crystalbay.bot"):
        calls = await ivan.press(RU.menu_search)

    assert [(c.method, c.text) for c in calls] == [
        ("answerCallbackQuery", ""),
        ("sendMessage", RU.error_unavailable),
    ]
    assert any("handed over" in r.getMessage() for r in caplog.records)
