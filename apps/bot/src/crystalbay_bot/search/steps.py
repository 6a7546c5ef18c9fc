"""The wizard's questions: what each shows, what an answer does, and what Back goes to.

Questions go departure city → country → dates → nights → adults → children (→ each
child's age) → budget → results. Cities and countries come from the providers'
dictionaries (``hub.tours.dictionary``); the other options are fixed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import msgspec
from aiogram.types import InlineKeyboardMarkup

from crystalbay.errors import IntegrationError
from crystalbay.ports import DictionaryKind
from crystalbay_bot import keyboards
from crystalbay_bot.callbacks import Step
from crystalbay_bot.formatting import nights_label, place, price
from crystalbay_bot.search.draft import Choice, SearchDraft, load, save
from crystalbay_bot.search.errors import SearchUnavailable
from crystalbay_bot.search.options import ADULTS, AGES, BUDGETS, CHILDREN, NIGHTS
from crystalbay_bot.states import Search

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext
    from aiogram.fsm.state import State

    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["PREVIOUS", "STEPS", "Screen", "answer", "enter"]

Screen = tuple[str, InlineKeyboardMarkup]
"""A message text and its buttons."""

STEPS: dict[str | None, Step] = {
    Search.city.state: Step.CITY,
    Search.country.state: Step.COUNTRY,
    Search.nights.state: Step.NIGHTS,
    Search.adults.state: Step.ADULTS,
    Search.children.state: Step.CHILDREN,
    Search.child_age.state: Step.AGE,
    Search.budget.state: Step.BUDGET,
}
"""The question each picking state answers (a button of another step is stale)."""

PREVIOUS: dict[str | None, State] = {
    Search.country.state: Search.city,
    Search.dates.state: Search.country,
    Search.nights.state: Search.dates,
    Search.adults.state: Search.nights,
    Search.children.state: Search.adults,
    Search.child_age.state: Search.children,
    Search.budget.state: Search.children,
    Search.results.state: Search.budget,
}
"""Where Back leads from each state (from the first question: the main menu)."""


async def enter(
    target: State, hub: Hub, state: FSMContext, texts: Texts, draft: SearchDraft | None = None
) -> Screen:
    """Ask the question of ``target``: render it, remember its options, switch to it.

    Args:
        target: The question's state.
        hub: The hub (for dictionaries).
        state: The customer's FSM context.
        texts: The customer's texts.
        draft: The answers so far; read from ``state`` when not given.

    Raises:
        SearchUnavailable: No tour provider could list the options.
    """
    draft = draft or await load(state)
    if target in (Search.adults, Search.children):
        draft = msgspec.structs.replace(draft, child_ages=(), children=0)
    try:
        draft, screen = await _RENDERERS[target.state](hub, draft, texts)
    except IntegrationError as exc:  # the providers' dictionaries
        raise SearchUnavailable.wrap(exc) from exc
    await save(state, draft)
    await state.set_state(target)
    return screen


def answer(step: Step, index: int, draft: SearchDraft) -> tuple[SearchDraft, State] | None:
    """Apply option ``index`` of ``step``; the new draft and the next question.

    Returns ``None`` for an index that is not on offer (a stale button).
    """
    offered = draft.options if step in (Step.CITY, Step.COUNTRY) else _VALUES[step]
    if not 0 <= index < len(offered):
        return None
    return _ANSWERS[step](draft, index)


_replace = msgspec.structs.replace

_VALUES: dict[Step, tuple[object, ...]] = {
    Step.NIGHTS: NIGHTS,
    Step.ADULTS: ADULTS,
    Step.CHILDREN: CHILDREN,
    Step.AGE: AGES,
    Step.BUDGET: (*BUDGETS, None),
}


def _children_answer(draft: SearchDraft, index: int) -> tuple[SearchDraft, State]:
    count = CHILDREN[index]
    following = Search.child_age if count else Search.budget
    return _replace(draft, children=count, child_ages=()), following


def _age_answer(draft: SearchDraft, index: int) -> tuple[SearchDraft, State]:
    ages = (*draft.child_ages, AGES[index])
    following = Search.budget if len(ages) >= draft.children else Search.child_age
    return _replace(draft, child_ages=ages), following


def _budget_answer(draft: SearchDraft, index: int) -> tuple[SearchDraft, State]:
    budget = BUDGETS[index] if index < len(BUDGETS) else None
    return _replace(draft, budget=budget), Search.results


_ANSWERS: dict[Step, Callable[[SearchDraft, int], tuple[SearchDraft, State]]] = {
    Step.CITY: lambda d, i: (_replace(d, city=d.options[i], country=None), Search.country),
    Step.COUNTRY: lambda d, i: (_replace(d, country=d.options[i]), Search.dates),
    Step.NIGHTS: lambda d, i: (
        _replace(d, nights_min=NIGHTS[i][0], nights_max=NIGHTS[i][1]),
        Search.adults,
    ),
    Step.ADULTS: lambda d, i: (_replace(d, adults=ADULTS[i]), Search.children),
    Step.CHILDREN: _children_answer,
    Step.AGE: _age_answer,
    Step.BUDGET: _budget_answer,
}


async def _city(hub: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    items = await hub.tours.dictionary(DictionaryKind.DEPARTURE_CITIES)
    options = tuple(Choice(key=i.key, name=place(i.name)) for i in items)
    return _options_screen(draft, options, texts, Step.CITY, texts.ask_city)


async def _country(hub: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    parent = draft.city.key if draft.city else None
    items = await hub.tours.dictionary(DictionaryKind.COUNTRIES, parent)
    options = tuple(Choice(key=i.key, name=place(i.name)) for i in items)
    return _options_screen(draft, options, texts, Step.COUNTRY, texts.ask_country)


def _options_screen(
    draft: SearchDraft, options: tuple[Choice, ...], texts: Texts, step: Step, question: str
) -> tuple[SearchDraft, Screen]:
    draft = msgspec.structs.replace(draft, options=options)
    if not options:
        return draft, (texts.nothing_offered, keyboards.choices(texts, step, []))
    return draft, (question, keyboards.choices(texts, step, [o.name for o in options]))


async def _dates(_: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    return draft, (texts.ask_dates, keyboards.dates(texts))


async def _nights(_: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    labels = [texts.nights_option.format(nights=nights_label(*n)) for n in NIGHTS]
    return draft, (texts.ask_nights, keyboards.choices(texts, Step.NIGHTS, labels, columns=3))


async def _adults(_: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    labels = [str(n) for n in ADULTS]
    return draft, (texts.ask_adults, keyboards.choices(texts, Step.ADULTS, labels, columns=6))


async def _children(_: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    labels = [str(n) for n in CHILDREN]
    return draft, (texts.ask_children, keyboards.choices(texts, Step.CHILDREN, labels, columns=4))


async def _age(_: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    question = texts.ask_child_age.format(n=len(draft.child_ages) + 1)
    labels = [str(n) for n in AGES]
    return draft, (question, keyboards.choices(texts, Step.AGE, labels, columns=6))


async def _budget(_: Hub, draft: SearchDraft, texts: Texts) -> tuple[SearchDraft, Screen]:
    labels = [
        texts.budget_option.format(amount=price(amount), currency=draft.currency)
        for amount in BUDGETS
    ]
    labels.append(texts.budget_any)
    question = texts.ask_budget.format(currency=draft.currency)
    return draft, (question, keyboards.choices(texts, Step.BUDGET, labels, columns=2))


_Renderer = Callable[["Hub", SearchDraft, "Texts"], Awaitable[tuple[SearchDraft, Screen]]]

_RENDERERS: dict[str | None, _Renderer] = {
    Search.city.state: _city,
    Search.country.state: _country,
    Search.dates.state: _dates,
    Search.nights.state: _nights,
    Search.adults.state: _adults,
    Search.children.state: _children,
    Search.child_age.state: _age,
    Search.budget.state: _budget,
}
