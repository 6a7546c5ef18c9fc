"""Every button's callback data fits Telegram's 64 bytes and unpacks to what was packed."""

from __future__ import annotations

from datetime import date

import msgspec
from aiogram.filters.callback_data import CallbackData
from hypothesis import given
from hypothesis import strategies as st

from crystalbay.domain.tours import TourOffer
from crystalbay_bot import keyboards
from crystalbay_bot.callbacks import (
    BookCb,
    DateAction,
    DateCb,
    LangCb,
    MenuAction,
    MenuCb,
    NavCb,
    PickCb,
    ResultsAction,
    ResultsCb,
    Step,
)
from crystalbay_bot.search import QUICK, SearchDraft
from crystalbay_bot.texts import CATALOGUES, RU
from crystalbay_plugins.telegram.testing import ApiCall

LIMIT = 64
indexes = st.integers(min_value=0, max_value=10**9)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2199, 12, 31))

callbacks = st.one_of(
    st.builds(MenuCb, action=st.sampled_from(MenuAction)),
    st.builds(LangCb, code=st.sampled_from(sorted(CATALOGUES))),
    st.builds(NavCb),
    st.builds(PickCb, step=st.sampled_from(Step), index=indexes),
    st.builds(DateCb, action=st.just(DateAction.QUICK), value=st.sampled_from(QUICK)),
    st.builds(DateCb, action=st.just(DateAction.DAY), value=days.map(date.isoformat)),
    st.builds(DateCb, action=st.just(DateAction.MONTH), value=days.map(lambda d: f"{d:%Y-%m}")),
    st.builds(DateCb, action=st.just(DateAction.NOOP)),
    st.builds(ResultsCb, action=st.sampled_from(ResultsAction), value=indexes),
    st.builds(BookCb, index=indexes),
)


@given(callbacks)
def test_packed_callback_data_fits_and_round_trips(data: CallbackData) -> None:
    packed = data.pack()

    assert 1 <= len(packed.encode()) <= LIMIT
    assert type(data).unpack(packed) == data


@given(days, days)
def test_every_calendar_button_fits(first: date, today: date) -> None:
    markup = keyboards.calendar(RU, first.replace(day=1), today)

    for row in markup.inline_keyboard:
        for button in row:
            assert button.callback_data is not None
            assert len(button.callback_data.encode()) <= LIMIT


@given(st.integers(min_value=1, max_value=10**6), st.booleans(), st.integers(0, 5))
def test_every_results_button_fits(page: int, has_more: bool, count: int) -> None:  # noqa: FBT001
    offer = TourOffer(
        provider="sandbox", offer_id="x" * 200, hotel="H", stars=4, country="C", resort="R",
        room="Room", meal="BB", check_in=date(2027, 1, 1), nights=7, adults=2, price=1.0,
        currency="USD",
    )  # fmt: skip
    draft = SearchDraft(page=page, has_more=has_more, offers=(offer,) * count)
    markups = [keyboards.results(RU, draft), keyboards.offer(RU, count), keyboards.menu(RU)]

    for markup in markups:
        call = ApiCall(method="sendMessage", params={"reply_markup": _plain(markup)}, ok=True)
        assert all(len(data.encode()) <= LIMIT for _, data in call.buttons())


def _plain(markup: object) -> object:
    return msgspec.json.decode(markup.model_dump_json(exclude_none=True))  # type: ignore[attr-defined]
